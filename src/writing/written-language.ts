// Which language the reader wrote in, and which the model answered in: the words a language detector is asked
// about, and only when there are enough of them for it to tell.
import type { EncodedText } from "./markdown";

/** Fewer letters than this and a language detector guesses: the text is translated without asking it. */
const MIN_LETTERS_TO_DETECT = 20;

const countLetters = (text: string) => text.match(/\p{L}/gu)?.length ?? 0;

/** Compact HTML → the words a reader sees, for language detection. */
const wordsOf = (html: string) =>
  html
    .replace(/<([a-z])\d+><\/\1\d+>/g, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&\w+;/g, " ");

/**
 * The words that tell which language the user wrote in: those the model gets (a forum's quote above them never does),
 * and of those the user's own, outside `>` quotes of the thread, where they are enough to tell.
 */
export function ownWords(encoded: EncodedText): string {
  const all = encoded.segments.map(wordsOf);
  const own = all.filter((_, i) => !encoded.quoted[i]).join("\n");
  return countLetters(own) >= MIN_LETTERS_TO_DETECT ? own : all.join("\n");
}

/** The words of the model's translations, line by line. */
export const replyWords = (htmls: string[]) => htmls.map(wordsOf).join("\n");

/** The language the detector tells for `text`; undefined without one, with too few letters, or on its error. */
export async function detectWords(
  detector: { detectLang?(text: string): Promise<string | undefined> },
  text: string,
): Promise<string | undefined> {
  if (!detector.detectLang || countLetters(text) < MIN_LETTERS_TO_DETECT) return undefined;
  return detector.detectLang(text).catch(() => undefined);
}
