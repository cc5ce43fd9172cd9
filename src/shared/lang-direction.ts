// Which way a language's text runs, from its BCP 47 tag: a translation into Arabic must read right to left even in
// a left-to-right page, and one out of Hebrew into English left to right.

export type TextDirection = "ltr" | "rtl";

/** Languages written right to left by default (CLDR), with the legacy codes some systems still report (iw, ji). */
const RTL_LANGUAGES = new Set([
  "ar",
  "arc",
  "ckb",
  "dv",
  "fa",
  "he",
  "iw",
  "ji",
  "ks",
  "lrc",
  "mzn",
  "nqo",
  "ps",
  "sd",
  "syr",
  "ug",
  "ur",
  "yi",
]);

/** Right-to-left scripts (ISO 15924): a script subtag decides over the language's default (`ku-Arab`, `sd-Deva`). */
const RTL_SCRIPTS = new Set(["adlm", "arab", "hebr", "nkoo", "rohg", "syrc", "thaa"]);

/** The tag's script subtag, lower-case: the first four-letter one before any extension (`-u-nu-arab` is not one). */
function scriptOf(subtags: string[]): string | undefined {
  for (const part of subtags.slice(1)) {
    if (part.length === 1) return undefined;
    if (/^[a-z]{4}$/.test(part)) return part;
  }
  return undefined;
}

/** "ar" → rtl, "ku-Arab" → rtl, "ur-Latn" → ltr, "en" or "" → ltr. */
export function langDirection(tag: string): TextDirection {
  const subtags = tag.trim().toLowerCase().split(/[-_]/);
  const script = scriptOf(subtags);
  if (script !== undefined) return RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
  return RTL_LANGUAGES.has(subtags[0] ?? "") ? "rtl" : "ltr";
}
