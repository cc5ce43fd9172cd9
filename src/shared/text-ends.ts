// A text's start, end or middle cut for a card or a prompt without splitting a character written as two UTF-16 units (an emoji, a rare
// Chinese character): half of one shows as "�".

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** The first `count` UTF-16 units of `text`, one fewer where the cut would split a pair. */
export function textStart(text: string, count: number): string {
  return text.slice(0, isHighSurrogate(text.charCodeAt(count - 1)) ? count - 1 : count);
}

/** The last `count` UTF-16 units of `text`, one fewer where the cut would split a pair. */
export function textEnd(text: string, count: number): string {
  const from = Math.max(0, text.length - count);
  return text.slice(isHighSurrogate(text.charCodeAt(from - 1)) ? from + 1 : from);
}

/** `text` from `start` to `end` (UTF-16 units), narrowed where either cut would split a pair. */
export function textSlice(text: string, start: number, end: number): string {
  const from = start > 0 && isHighSurrogate(text.charCodeAt(start - 1)) ? start + 1 : start;
  return textStart(text.slice(from, end), end - from);
}
