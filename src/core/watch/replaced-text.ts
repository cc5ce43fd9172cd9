// Whether the page put other content in a place (a recycled row of a virtual list refilled with the next post) or
// edited what was there (a counter's number, a clock's time, a score, a "typing…" indicator's dots, a marquee's
// rotation). Only edits count towards the churn guard: a ticker's next text is a request each time, while a
// recycled row's next post is new content the reader scrolls to, like a post appended to a feed (and one that comes
// back is answered from the session's cache).

/** Below this share of the text kept, the new text is other content. */
const KEPT_SHARE = 0.5;

const normalise = (text: string): string => text.replace(/\s+/g, " ").trim();

/** Share of the longer text left as it was around one changed stretch (a counter's digits, a clock's seconds). */
function keptAround(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  return (head + tail) / longer;
}

const wordsOf = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? [];

/** Share of the new text's letters in words the old text had (a marquee's rotation, names swapped in a template);
 * by letters, so that the short words any two posts in a language share weigh little. */
function keptWords(before: string, now: string): number {
  const old = new Set(wordsOf(before));
  let kept = 0;
  let all = 0;
  for (const word of wordsOf(now)) {
    all += word.length;
    if (old.has(word)) kept += word.length;
  }
  return all ? kept / all : 1;
}

export function isReplacement(before: string, now: string): boolean {
  const a = normalise(before);
  const b = normalise(now);
  // Emptied, or only numbers and signs left: nothing new to read, as a ticker's.
  if (!/\p{L}/u.test(b)) return false;
  return keptAround(a, b) < KEPT_SHARE && keptWords(a, b) < KEPT_SHARE;
}
