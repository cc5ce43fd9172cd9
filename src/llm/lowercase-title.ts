// An English title written all lowercase and kept as the page wrote it inside a translated clause ("habe gerade the last
// of us part 2 beendet"): a Reddit title gives no capital to tell it by, so its shape and its place in the reply do.
import type { Word } from "./left-over-words";

/** Words of a clause or a choice: a run holding one is a sentence left over ("the ending was great"), not a title. */
const CLAUSE = new Set(
  "is are was were will be been has have had can could should would must not that it i he she we they you or".split(
    " ",
  ),
);
/** "i'm", "don't", "we’ll": a clause too. */
const CONTRACTED = /(?:n['’]t|['’](?:m|re|ve|ll|d))$/u;
/** What joins a title's nouns ("the lord of the rings", "the guide to the galaxy"). */
const LINKS = new Set("of to and at in on for with by from".split(" "));
/**
 * Words a title ending the reply may have. Measured: titles "the last of us part", "the lord of the rings" (5); a slip
 * "the glass off the table again" (6).
 */
const AT_END = 5;

/** Where a run stands in the reply: its stretch of words, the run's first index, and the source's words. */
export interface RunPlace {
  words: Word[];
  start: number;
  known: Set<string>;
  /** Whether the stretch is the reply's last: no kept span (a quote, code) follows it. */
  lastStretch: boolean;
}

/**
 * Whether the run reads as a title the writer did not capitalise: it opens with "the", holds no word of a clause and no
 * stop or comma, and the reply's own language flows on right after it ("…part 2 beendet", "…part 2 をクリアした"). A
 * run that ends its sentence (a slip's shape too: it runs to the end) counts only after a word of the reply's own, up
 * to AT_END words and joined like a title ("acabo de terminar the last of us part 2", not "…con the same base language").
 */
export function isLowercaseTitle(run: string[], place: RunPlace): boolean {
  const { words, start, known } = place;
  if (run[0] !== "the" || run.some((w) => CLAUSE.has(w) || CONTRACTED.test(w))) return false;
  if (!words.slice(start + 1, start + run.length).every((w) => w.follows)) return false;
  const own = (word: Word | undefined): boolean => !!word && !known.has(word.text.toLowerCase());
  const after = words[start + run.length];
  if (after?.follows) return own(after);
  // Before a kept span the sentence may go on in English ("falls the value of {{cssxref("display")}} is none").
  const endsSentence = after ? true : place.lastStretch;
  return (
    endsSentence &&
    own(words[start - 1]) &&
    !!words[start]?.follows &&
    run.length <= AT_END &&
    run.some((w) => LINKS.has(w))
  );
}
