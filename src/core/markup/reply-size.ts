// Refuses, before it is parsed, a reply far larger than any translation of its source: a looping model's (a phrase or
// the segment said over and over, a tag opened thousands of times). Parsing is what would freeze the tab: the
// browser's HTML parser and DOMPurify take super-linear time in a reply's tags (Chromium 156: 6,400 nested `<a1>`,
// 26 kB, 2 s to sanitize; a segment said 6,400 times with its tags left unclosed, 500 kB, 27 s), and decoding would
// refuse such a reply afterwards anyway (reply-copies.ts), or write a plain-text one as a page-sized copy of the loop.
// The server client stops reading a segment at 10× its source and 240 (llm/reply-reading.ts), but it lets a loop of
// placeholder tags through, and the page engine takes any translator: it bounds what it parses itself.

import type { BadReplyReason } from "../../shared/translator";
import { maxElements } from "./reply-copies";

export interface Oversized {
  reason: BadReplyReason;
  detail: string;
}

/** Characters: twice the server client's bound for a passage, as tags come back numbered and repaired (`<x/>` is
 * `<x3></x3>`); little more for a word, in whose place a loop would be a paragraph. */
export const maxReplyLength = (sourceLength: number): number => sourceLength * 20 + 64;

/** Tags: twice the opening and closing tags of all that merge may write for the source's placeholders, and 256 for
 * echoes and invented tags that decoding drops: a few hundred tags cost little to parse, even nested (Chromium 156:
 * 400 nested, under 40 ms), so a reply with a short run of empty echoes is still judged and written. */
export const maxReplyTags = (placeholders: number): number => maxElements(placeholders) * 4 + 256;

/** Why a reply for `source` (compact HTML) is too long to parse, or undefined. */
export function tooLong(reply: string, source: string): Oversized | undefined {
  const limit = maxReplyLength(source.length);
  if (reply.length <= limit) return undefined;
  return {
    reason: "length-ratio",
    detail: `The reply has ${reply.length} characters for ${source.length} in the source (at most ${limit}).`,
  };
}

/** Why `html` holds too many tags to parse for a source with `placeholders` issued, or undefined. */
export function tooManyTags(html: string, placeholders: number): Oversized | undefined {
  const limit = maxReplyTags(placeholders);
  let tags = 0;
  for (const _ of html.matchAll(/<\/?[a-z]/gi)) {
    if (++tags > limit) {
      return { reason: "repeated-placeholder", detail: `More than ${limit} tags for ${placeholders} placeholders.` };
    }
  }
  return undefined;
}
