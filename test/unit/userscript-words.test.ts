// The userscript's errors send the user to things it has: its settings dialog has no Advanced section, so a fix
// that names one on the extension's options page must name the stored field instead; and in the page's world, where
// it sends no saved key, only a refusal about a key is explained by that.
import { errors } from "../../src/llm/errors";
import { toUserError } from "../../src/shared/user-error";
import { withoutKey } from "../../src/userscript/page-world";
import { inUserscriptWords } from "../../src/userscript/userscript-words";

const config = { preset: "llama-server" as const, baseUrl: "http://127.0.0.1:8080" };

test("a translation that took too long: smaller batches, set where the userscript keeps them", () => {
  const fix = inUserscriptWords(errors.timeout(300_000)).fix ?? "";
  expect(fix).toMatch(/smaller batches/);
  expect(fix).toMatch(/\bmaxBatchChars\b/);
  expect(fix).not.toMatch(/Advanced/);
  expect(fix).not.toMatch(/options page/);
});

test("a rate limit: fewer requests at once, set where the userscript keeps that", () => {
  const fix = inUserscriptWords(errors.rateLimited(config, 60_000)).fix ?? "";
  expect(fix).toMatch(/fewer requests at once/);
  expect(fix).toMatch(/\bmaxConcurrent\b/);
  expect(fix).not.toMatch(/maxBatchChars|Advanced|options page/);
  // The extension's words name the field as the options page labels it.
  expect(errors.rateLimited(config, 60_000).fix).toMatch(/\(Requests at once, under Advanced on the options page\)/);
});

test("other fixes name Gloss's settings instead of the options page", () => {
  expect(inUserscriptWords(errors.badConfig("The address is empty.")).fix).toBe(
    "Fix the server settings in Gloss's settings.",
  );
  expect(inUserscriptWords(errors.unreachable(config)).fix).toMatch(/or check the address in Gloss's settings\.$/);
});

describe("in the page's world, where Gloss sends no saved key", () => {
  it("a server that wants a key: says why none was sent, and how to have it used", () => {
    const said = withoutKey(toUserError(errors.unauthorized(config, 401)));
    expect(said.message).toMatch(/needs an API key.*does not use a saved key here/);
    expect(said.fix).toMatch(/@inject-into content/);
  });

  it("an Ollama cloud model while not signed in: the sign-in stays the fix, no talk of a key", () => {
    const cloud = { preset: "ollama" as const, baseUrl: "http://127.0.0.1:11434/v1", model: "gpt-oss:120b-cloud" };
    const said = withoutKey(toUserError(errors.unauthorized(cloud, 401)));
    expect(said.message).not.toMatch(/key/);
    expect(said.fix).toContain("ollama signin");
  });
});
