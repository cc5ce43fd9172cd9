// What the batch size means, said the same way wherever it is named: batches are cut by weighted length
// (shared/script-weight.ts), so a Chinese, Japanese or Korean character counts as about three, a Thai one as 1.5.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { errors } from "../../src/llm/errors";
import { weightedLength } from "../../src/shared/script-weight";
import { validateSettingsPatch } from "../../src/shared/settings";
import { inUserscriptWords } from "../../src/userscript/userscript-words";

const options = new DOMParser().parseFromString(
  readFileSync(join(__dirname, "../../src/options/options.html"), "utf8"),
  "text/html",
);
/** What the options page calls the field, without its "(0 = …)" note. */
const label = (): string => {
  const element = options.querySelector('label[for="maxBatchChars"]')!.cloneNode(true) as HTMLElement;
  element.querySelector(".optional")?.remove();
  return element.textContent!.trim();
};
const WEIGHT =
  /Chinese, Japanese or Korean character counts as about 3, a Greek, Hebrew, Hindi or Thai one as about 1\.5/;

describe("the batch size, wherever it is named", () => {
  it("gives the weights batches are really cut by (about 3 for Chinese, Japanese, Korean; about 1.5 for Greek, Hebrew, Hindi, Thai)", () => {
    for (const wide of ["中", "か", "한"]) expect(Math.abs(weightedLength(wide) - 3)).toBeLessThanOrEqual(0.3);
    for (const mid of ["α", "ש", "ह", "ก"]) expect(Math.abs(weightedLength(mid) - 1.5)).toBeLessThanOrEqual(0.15);
  });

  it("is explained on the options page in the field's own description: characters, a wide script's counting as about 3", () => {
    const described = options.getElementById("maxBatchChars")!.getAttribute("aria-describedby")!.split(" ");
    const hint = described.map((id) => options.getElementById(id)?.textContent ?? "").join(" ");
    expect(hint.replace(/\s+/g, " ")).toMatch(WEIGHT);
    // The name alone does not claim a plain count of characters.
    expect(label()).toBe("Batch size");
  });

  it("is named as the options page names it in the fix for a slow translation", () => {
    const { fix } = errors.timeout(120_000, true);
    expect(fix).toContain(`(${label()}, under Advanced on the options page)`);
  });

  it("is the stored field, with what its number means, in the userscript's words (it has no Advanced section)", () => {
    const { fix } = inUserscriptWords(errors.timeout(120_000, true));
    expect(fix).toContain("maxBatchChars");
    expect(fix).toMatch(WEIGHT);
    expect(fix).not.toContain("options page");
  });

  it("says what its number counts when it is refused", () => {
    const result = validateSettingsPatch({ maxBatchChars: 100 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.maxBatchChars).toMatch(WEIGHT);
  });
});
