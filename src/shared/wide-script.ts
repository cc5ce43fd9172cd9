// Characters of scripts that a model's tokenizer spends about a token on each (Han, kana, Hangul, Thai, fullwidth
// forms), where Latin, Cyrillic and markup take three to five characters a token. Shared by the request's token
// estimate (llm/tokens.ts) and the page's batch sizes (core/schedule/weighted-length.ts), so that a batch the page
// cuts to its limit is one the translator estimates to fit.

const WIDE = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u0e00-\u0e7f]/g;

/** How many of `text`'s characters (UTF-16 code units) are wide. */
export function wideCount(text: string): number {
  // Counted by what removing them leaves: no array of matches made on the way.
  return text.length - text.replace(WIDE, "").length;
}
