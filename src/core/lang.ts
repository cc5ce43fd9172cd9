// Language tag helpers. Only the primary subtag matters for "is this already in the target language":
// an en-GB page does not need translating into en-US. Chinese is the exception: its two scripts are read apart.

import { chineseScriptOfTag } from "./chinese-script";

/**
 * Legacy and synonym codes, as one: Chromium's i18n.detectLanguage (CLD) says "iw" for Hebrew, "no" for Norwegian
 * and "fil" for Filipino, where the pickers offer "he", "nb" and "tl".
 */
const SYNONYMS: Readonly<Record<string, string>> = {
  iw: "he",
  ji: "yi",
  in: "id",
  jw: "jv",
  mo: "ro",
  nb: "no",
  fil: "tl",
};

/** The primary subtag, lower-case, a legacy or synonym code replaced ("iw" → "he", "nb" → "no"). */
export function primarySubtag(tag: string | null | undefined): string {
  const primary = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
  return SYNONYMS[primary] ?? primary;
}

/**
 * Whether a `lang` names a language: not "und" (undetermined), "zxx" (no linguistic content), "mul" (several), "mis"
 * (uncoded), nor a private-use code (qaa–qtz: X marks a post that is only hashtags "qht", a very short one "qst").
 * One that names none says nothing about the text's language, which is then detected like unmarked text.
 */
export function namesLanguage(tag: string | null | undefined): boolean {
  const primary = primarySubtag(tag);
  return primary !== "" && !/^(?:und|zxx|mul|mis|q[a-t][a-z])$/.test(primary);
}

/** Same primary subtag; for Chinese, also not two different scripts (Simplified and Traditional) when both say one. */
export function sameLanguage(a: string | null | undefined, b: string | null | undefined): boolean {
  const pa = primarySubtag(a);
  if (pa === "" || pa === "und" || pa !== primarySubtag(b)) return false;
  const [sa, sb] = [chineseScriptOfTag(a ?? ""), chineseScriptOfTag(b ?? "")];
  return !sa || !sb || sa === sb;
}

/** Whether `lang` is one of `languages` (the target and the ones the reader reads), as sameLanguage compares them. */
export function oneOf(lang: string | null | undefined, languages: readonly string[]): boolean {
  return languages.some((known) => sameLanguage(lang, known));
}

/** Below this many letters a detector guesses; skip detection and translate. */
export const MIN_LETTERS_FOR_DETECTION = 20;

export function countLetters(text: string, stopAt = Infinity): number {
  let n = 0;
  for (const _ of text.matchAll(/\p{L}/gu)) if (++n >= stopAt) break;
  return n;
}
