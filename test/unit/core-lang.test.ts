import { primarySubtag, sameLanguage } from "../../src/core";
import { countLetters } from "../../src/core/lang";

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
