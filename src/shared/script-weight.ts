// What a text weighs against a batch limit counted at 3.2 characters a token: Latin, Cyrillic, digits and markup
// weigh 1 a character, and scripts that Gemma-2's tokenizer spends more on weigh more. Shared by the request's token
// estimate (llm/tokens.ts) and the page's batch sizes (core/schedule/weighted-length.ts), so that a batch the page
// cuts to its limit is one the translator estimates to fit.

/**
 * Each script's weight, from Gemma's tokens on a news paragraph and a forum notice each (test/unit/script-weights
 * .test.ts), a tenth or so above the heaviest: what a character of it needs, its other characters counted as 1.
 * Korean 3.04, Chinese 2.75, Japanese 2.27, Greek 1.39, Hindi 1.32 (Hebrew 1.52, Tamil 1.57 measured once), Thai
 * 1.28, Arabic 1.09; Russian 0.86 and English 0.69 need less than the 1 they weigh. Too high a weight sends a page
 * in needlessly small requests, each with the instructions again; too low, a batch overflows a small slot.
 */
const WEIGHTS: readonly (readonly [RegExp, number])[] = [
  [/[\u1100-\u11ff\uac00-\ud7af]/g, 3.2], // Hangul
  [/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/g, 2.9], // Han, kana, their punctuation, fullwidth forms
  [/[\u0900-\u0dff\u0370-\u03ff\u1f00-\u1fff\u0590-\u05ff]/g, 1.6], // Greek, Hebrew, the Indic scripts
  [/[\u0e00-\u0e7f]/g, 1.4], // Thai
  [/[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/g, 1.2], // Arabic
];

/** The text's size against a batch limit: its length where it holds no heavier script (every Latin page). */
export function weightedLength(text: string): number {
  let weight = text.length;
  // Counted by what removing them leaves: no array of matches made on the way.
  for (const [chars, w] of WEIGHTS) weight += (text.length - text.replace(chars, "").length) * (w - 1);
  return weight;
}
