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

/** Whether the unit can stay as it is: in the target language, or in one the reader reads (`readLangs`). */
export function alreadyInTarget(
  evidence: LanguageEvidence,
  targetLang: string,
  readLangs: readonly string[] = [],
): boolean {
  const { detected, letters, context } = evidence;
  const read = [targetLang, ...readLangs];
  const reads = (lang: string | undefined) => oneOf(lang, read);
  if (letters >= SHORT_TEXT_LETTERS) return reads(detected);
  return reads(context) && (detected === undefined || reads(detected));
}
