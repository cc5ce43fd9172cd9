import { primarySubtag, sameLanguage } from "../../src/core";
import { alreadyInTarget, languageVerdict, SHORT_TEXT_LETTERS } from "../../src/core/collect/already-in-target";
import { countLetters } from "../../src/core/lang";
import { chineseScriptOf } from "../../src/core/chinese-script";

test("languages compare by primary subtag", () => {
  expect(primarySubtag("en-US")).toBe("en");
  expect(primarySubtag("pt_BR")).toBe("pt");
  expect(sameLanguage("en-US", "en")).toBe(true);
  expect(sameLanguage("en-GB", "EN-us")).toBe(true);
  expect(sameLanguage("de", "en")).toBe(false);
  expect(sameLanguage(undefined, "en")).toBe(false);
  expect(sameLanguage("und", "und")).toBe(false);
});

test("letters are counted in any script, up to a limit", () => {
  expect(countLetters("Grüße, 42 €!")).toBe(5);
  expect(countLetters("日本語のテキスト")).toBe(8);
  expect(countLetters("a".repeat(100), 20)).toBe(20);
});

describe("already in the target language (a wrong yes leaves a passage untranslated, so doubt says no)", () => {
  const long = SHORT_TEXT_LETTERS;
  const short = SHORT_TEXT_LETTERS - 1;

  test("a long text: the detector's sure answer decides, whatever surrounds it", () => {
    expect(alreadyInTarget({ detected: "en-US", letters: long, context: "de" }, "en")).toBe(true);
    expect(alreadyInTarget({ detected: "de", letters: long, context: "en" }, "en")).toBe(false);
    expect(alreadyInTarget({ detected: undefined, letters: long, context: "en" }, "en")).toBe(false);
  });

  test("a short text: the language around it decides, and a detection can only stop the skip", () => {
    // "Credit Danielle Chenette" on a French page, whatever the detector said.
    expect(alreadyInTarget({ detected: "en", letters: short, context: "fr" }, "en")).toBe(false);
    expect(alreadyInTarget({ detected: undefined, letters: short, context: undefined }, "en")).toBe(false);
    // On an English page, an English caption (or one the detector declined) is skipped; a French one is not.
    expect(alreadyInTarget({ detected: "en", letters: short, context: "en-GB" }, "en")).toBe(true);
    expect(alreadyInTarget({ detected: undefined, letters: short, context: "en" }, "en")).toBe(true);
    expect(alreadyInTarget({ detected: "fr", letters: short, context: "en" }, "en")).toBe(false);
  });

  test("a language the reader reads counts like the target, whatever its region", () => {
    expect(alreadyInTarget({ detected: "fr", letters: long, context: "de" }, "en", ["fr-CA"])).toBe(true);
    expect(alreadyInTarget({ detected: undefined, letters: short, context: "fr" }, "en", ["fr"])).toBe(true);
    expect(alreadyInTarget({ detected: "de", letters: short, context: "fr" }, "en", ["fr"])).toBe(false);
  });

  // Its element may say the target language only where the text is in it (a screen reader voices the element so).
  test("the verdict tells the target language itself from one the reader reads besides it", () => {
    expect(languageVerdict({ detected: "en-GB", letters: long, context: "fr" }, "en", ["fr"])).toBe("target");
    expect(languageVerdict({ detected: "fr", letters: long, context: "en" }, "en", ["fr"])).toBe("read");
    expect(languageVerdict({ detected: "de", letters: long, context: "en" }, "en", ["fr"])).toBeNull();
    // A short English caption on a page in the reader's French is left alone, but as French text is.
    expect(languageVerdict({ detected: "en", letters: short, context: "fr" }, "en", ["fr"])).toBe("read");
    expect(languageVerdict({ detected: undefined, letters: short, context: "en" }, "en", ["fr"])).toBe("target");
    expect(languageVerdict({ detected: "fr", letters: short, context: "en" }, "en", ["fr"])).toBe("read");
  });
});

describe("Chinese scripts", () => {
  test("the characters tell Simplified from Traditional; text the two write alike does not tell", () => {
    expect(chineseScriptOf("这个问题我们已经讨论过很多次了")).toBe("Hans");
    expect(chineseScriptOf("這個問題我們已經討論過很多次了")).toBe("Hant");
    expect(chineseScriptOf("中文")).toBeUndefined();
  });

  // Tags that name different scripts are different languages; a tag that names none matches either.
  test.each([
    ["zh-CN", "zh-Hant", false],
    ["zh-Hans", "zh-TW", false],
    ["zh-HK", "zh-Hant-TW", true],
    ["zh", "zh-Hant", true],
    ["zh-Hans", "zh", true],
  ])("%s and %s: same language %s", (a, b, same) => {
    expect(sameLanguage(a, b)).toBe(same);
  });
});
