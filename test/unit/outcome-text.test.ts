// How the end of a run reads in the popup, the status card and the userscript's notifications (issue #12, item 3).
import { outcomeDetail, outcomeReasons, translatedTitle } from "../../src/shared/outcome-text";

const SIMPLIFIED = { message: "The model's translation lost a link or other formatting.", fix: "Try a larger model." };
const REFUSED = { message: "The model refused to translate this text.", fix: "Try a larger model." };

describe("outcome wording", () => {
  test("a full translation says so and nothing more", () => {
    const progress = { total: 3, done: 3, failed: 0, simplified: 0 };
    expect(translatedTitle(progress)).toBe("Translated.");
    expect(outcomeReasons({ progress })).toBe("");
    expect(outcomeDetail({ progress })).toBe("");
  });

  test("simplified and original passages are counted apart, each with its reason, a shared fix said once", () => {
    const report = {
      progress: { total: 5, done: 4, failed: 1, simplified: 1 },
      simplification: SIMPLIFIED,
      failure: REFUSED,
    };
    expect(translatedTitle(report.progress)).toBe(
      "Translated; 1 passage with simplified formatting, 1 left in the original.",
    );
    expect(outcomeDetail(report)).toBe(
      "1 passage is shown with simplified formatting. The model's translation lost a link or other formatting. " +
        "Try a larger model. 1 passage stayed in the original. The model refused to translate this text.",
    );
    expect(outcomeReasons(report)).toBe(
      "Simplified: The model's translation lost a link or other formatting. Try a larger model. " +
        "Left in the original: The model refused to translate this text.",
    );
  });

  test("passages that missed glossary terms are counted with the terms and what to try; the title stays", () => {
    const report = { progress: { total: 4, done: 4, failed: 0, unmet: 1 }, unmetTerms: ["Bahn", "r/de"] };
    expect(translatedTitle(report.progress)).toBe("Translated.");
    const said =
      "1 passage did not follow your glossary (Bahn, r/de). " +
      "Check those terms; a larger model follows a glossary more closely.";
    expect(outcomeReasons(report)).toBe(said);
    expect(outcomeDetail(report)).toBe(said);
    // Beside the other reasons, after them.
    const mixed = { ...report, progress: { ...report.progress, done: 3, failed: 1 }, failure: REFUSED };
    expect(outcomeDetail(mixed)).toBe(
      "1 passage stayed in the original. The model refused to translate this text. Try a larger model. " + said,
    );
    // Nothing missed: nothing said.
    expect(outcomeDetail({ progress: { total: 4, done: 4, failed: 0, unmet: 0 } })).toBe("");
  });

  test("only original passages: the popup's wording the e2e test reads", () => {
    const report = { progress: { total: 5, done: 3, failed: 2 }, failure: REFUSED };
    expect(translatedTitle(report.progress)).toBe("Translated, except 2 passages left in the original.");
    expect(outcomeDetail(report)).toBe(
      "2 passages stayed in the original. The model refused to translate this text. Try a larger model.",
    );
  });
});
