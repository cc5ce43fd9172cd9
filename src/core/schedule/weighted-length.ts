// A batch's size, weighed by script. Batch limits (connection/capacity.ts) count characters at about three a token,
// as German or English text with its markup runs; a Chinese, Japanese or Korean character is most of a token on its
// own, a Greek, Hindi or Thai one nearly half (shared/script-weight.ts). Counted by length, a 1,500-character batch
// of Japanese does not fit a 2,048-token slot with its reply, and every batch was refused or split before asking.

import { escapeText } from "../../shared/html-text";
import { weightedLength } from "../../shared/script-weight";

export { weightedLength };

/**
 * How many UTF-16 code units of `text` from `start` (before its end) weigh at most `max` as they are sent, their
 * `& < >` escaped (a quoted line of code in prose goes half as long again); at least one.
 */
export function lengthWithin(text: string, start: number, max: number): number {
  let end = Math.min(text.length, start + max);
  // k characters fewer weigh k to 5 k less (an & is sent as &amp;): drop as many as would do were they all the
  // heaviest, until the rest fits.
  for (let over; (over = weightedLength(escapeText(text.slice(start, end))) - max) > 0;) end -= Math.ceil(over / 5);
  return Math.max(1, end - start);
}
