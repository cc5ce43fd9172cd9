// A translation reads in its language's direction: which tags are right to left, and how a script subtag decides.
import { langDirection } from "../../src/shared/lang-direction";
import { LANGUAGES } from "../../src/shared/languages";

test("Arabic, Hebrew, Persian, Urdu and the other right-to-left languages read right to left, in any casing", () => {
  for (const tag of ["ar", "he", "fa", "ur", "ps", "sd", "yi", "dv", "ckb", "ug", "AR", "ar-EG", "he_IL", " fa "]) {
    expect([tag, langDirection(tag)]).toEqual([tag, "rtl"]);
  }
});

test("the others, and a tag that names nothing, read left to right", () => {
  for (const tag of ["en", "de-AT", "zh-Hant-TW", "ja", "hi", "", "und", "x"]) {
    expect([tag, langDirection(tag)]).toEqual([tag, "ltr"]);
  }
});

test("a script subtag decides: Arabic script is right to left, Latin script left to right", () => {
  expect(langDirection("ku-Arab")).toBe("rtl");
  expect(langDirection("az-Arab-IR")).toBe("rtl");
  expect(langDirection("pa-Arab")).toBe("rtl");
  expect(langDirection("ku")).toBe("ltr");
  expect(langDirection("ur-Latn")).toBe("ltr");
  expect(langDirection("sd-Deva")).toBe("ltr");
  expect(langDirection("az-latn")).toBe("ltr");
});

test("an extension's four-letter value is not a script (Arabic digits in English are still English)", () => {
  expect(langDirection("en-u-nu-arab")).toBe("ltr");
  expect(langDirection("ar-u-nu-latn")).toBe("rtl");
});

test("every right-to-left language of the target list is known as one", () => {
  const rtl = Object.keys(LANGUAGES).filter((tag) => langDirection(tag) === "rtl");
  expect(rtl.sort()).toEqual(["ar", "fa", "he", "ur"]);
});
