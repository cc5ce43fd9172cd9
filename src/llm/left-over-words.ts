// The words a check for English left over weighs: those outside spans a translation keeps as the page wrote them
// (quotes, brackets, code, addresses), each knowing whether it opens a sentence, where any word is capitalised.

/**
 * What stays as written: quoted or bracketed spans (in single quotes too: 'a recipe for disaster', ‚…‘, ‘…’, but not
 * from an apostrophe inside or after a word), and tokens with inner marks (aria-live, user_name, x.com/a).
 */
const KEPT =
  /["“”„«»‹›「」『』(（[‘‚][^"“”„«»‹›「」『』)）\]‘’]*["“”„«»‹›「」『』)）\]‘’]|(?<!\p{L})'[^']*'(?!\p{L})|\S*\p{L}[-_/.@#=:]\p{L}\S*/gu;
export const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;
/** Where a kept span stood: the words on either side of it are no run. */
const GAP = "\u0000";
/** What may stand between a sentence's end and its first word. */
const OPENERS = new Set([..." \n\"“„«‹「『(（[‘‚'"]);
const ENDS = new Set([...".!?…。！？"]);
const ENDED = /[.!?…。！？]["”»›」』)）\]’']*$/u;

/** A word of the text, whether it opens a sentence (where any word is capitalised) and whether it flows on from the word
 * before: only spaces or numbers between them, within one stretch ("part 2 beendet"), no comma or stop. */
export interface Word {
  text: string;
  opens: boolean;
  follows: boolean;
}
/** What may stand between two words of one clause. */
const FLOWING = /^[\s\p{N}]+$/u;

/** Whether the word at `at` of `text` opens it or a sentence in it. */
export function opensSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && OPENERS.has(text[i] ?? "")) i--;
  return i < 0 || ENDS.has(text[i] ?? "") || text[i] === "\n";
}

/** The text's stretches between kept spans, each as its words. */
export function stretches(text: string): Word[][] {
  // A kept span that ends a sentence ("…px). Is this…", "“Go.” Then…") still ends it.
  const marked = text.replace(KEPT, (span) => (ENDED.test(span) ? `${GAP}.` : GAP));
  const parts: Word[][] = [];
  let at = 0;
  for (const part of marked.split(GAP)) {
    const offset = at;
    let end = -1;
    const words = [...part.matchAll(WORD)].map((m) => {
      const follows = end >= 0 && FLOWING.test(part.slice(end, m.index));
      end = m.index + m[0].length;
      return { text: m[0], opens: opensSentence(marked, offset + m.index), follows };
    });
    parts.push(words);
    at += part.length + GAP.length;
  }
  return parts;
}
