// The userscript's errors send the user to things its settings dialog has: it has no Advanced section, so a fix
// that names one on the extension's options page must name the stored field instead.
import { errors } from "../../src/llm/errors";
import { inUserscriptWords } from "../../src/userscript/userscript-words";

const config = { preset: "llama-server" as const, baseUrl: "http://127.0.0.1:8080" };

test("a translation that took too long: smaller batches, set where the userscript keeps them", () => {
  const fix = inUserscriptWords(errors.timeout(300_000)).fix ?? "";
  expect(fix).toMatch(/smaller batches/);
  expect(fix).toMatch(/\bmaxBatchChars\b/);
  expect(fix).not.toMatch(/Advanced/);
  expect(fix).not.toMatch(/options page/);
});

test("other fixes name Gloss's settings instead of the options page", () => {
  expect(inUserscriptWords(errors.badConfig("The address is empty.")).fix).toBe(
    "Fix the server settings in Gloss's settings.",
  );
  expect(inUserscriptWords(errors.unreachable(config)).fix).toMatch(/or check the address in Gloss's settings\.$/);
});
