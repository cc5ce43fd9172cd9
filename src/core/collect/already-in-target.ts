// Whether a unit is already in the target language, so it is skipped rather than sent. A wrong "yes" leaves a
// passage untranslated, a wrong "no" only costs a request, so every doubt says no. Detectors guess on short text
// ("Credit Danielle Chenette" and "Tirage photo professionnel" came back Italian, "Jim & Andy (documentaire, 1h33,
// Netflix)" English): below SHORT_TEXT_LETTERS what the text sits in decides, and a detection can only stop a skip.

import { oneOf } from "../lang";

/** Below this many letters a detection alone never skips a unit (see bench/lang-detect.ts: the detectors' wrong
 * answers on Reddit-like comments are almost all shorter). */
export const SHORT_TEXT_LETTERS = 50;

export interface LanguageEvidence {
  /** What the detector said, only when it was sure. */
  detected: string | undefined;
  /** Letters in the text (counting may stop at SHORT_TEXT_LETTERS). */
  letters: number;
  /** The language the text sits in (the page's detected language; a unit inside a declared `lang` is never detected). */
  context: string | undefined;
}

/**
 * Which language a unit that can stay as it is was found in: "target" when the target language itself (its element
 * may then say so, write/attribute-lang.ts), "read" when only one the reader reads (`readLangs`); null: translate it.
 */
export type LanguageVerdict = "target" | "read" | null;

/** Whether the unit can stay as it is: in the target language, or in one the reader reads (`readLangs`). */
export function alreadyInTarget(
  evidence: LanguageEvidence,
  targetLang: string,
  readLangs: readonly string[] = [],
): boolean {
  return languageVerdict(evidence, targetLang, readLangs) !== null;
}

/** As alreadyInTarget, telling the target language itself from one the reader reads besides it. */
export function languageVerdict(
  evidence: LanguageEvidence,
  targetLang: string,
  readLangs: readonly string[] = [],
): LanguageVerdict {
  if (!inOneOf(evidence, [targetLang, ...readLangs])) return null;
  return inOneOf(evidence, [targetLang]) ? "target" : "read";
}

function inOneOf({ detected, letters, context }: LanguageEvidence, languages: readonly string[]): boolean {
  const reads = (lang: string | undefined) => oneOf(lang, languages);
  if (letters >= SHORT_TEXT_LETTERS) return reads(detected);
  return reads(context) && (detected === undefined || reads(detected));
}
