// English left untranslated inside a translation ("Das Treffen starts at nine o'clock"): a small model slips back
// into the source halfway. Names, titles, terms, code and quotes legitimately stay as the page wrote them, so only a
// run of the source's own lowercase words that holds a word English writes in every sentence counts.
import { primaryLang } from "../shared/languages";

/** Words no name, title or term of art is made of alone, and every English sentence has. */
const GLUE = new Set(
  "the of to and is are was were at in on for with by from this that will be it has have not can should must".split(
    " ",
  ),
);
/** Consecutive source words it takes: "accessible name", "screen reader" are terms a translation keeps. */
const MIN_RUN = 3;
/** What stays as written: quoted or bracketed spans, and tokens with inner marks (aria-live, user_name, x.com/a). */
const KEPT = /["“”„«»‹›「」『』(（[][^"“”„«»‹›「」『』)）\]]*["“”„«»‹›「」『』)）\]]|\S*\p{L}[-_/.@#=:]\p{L}\S*/gu;
const WORD = /\p{L}+(?:['’]\p{L}+)*/gu;

/** The text's stretches between kept spans, each as its words. */
const stretches = (text: string): string[][] => text.split(KEPT).map((part) => part.match(WORD) ?? []);

/** Words of a run shown in the reason: enough to find it on the page. */
const SHOWN = 12;

/**
 * The first run of at least MIN_RUN lowercase words of the reply that stands in the English source in the same order
 * and holds a glue word, or "" when there is none. Only for a reader of another language.
 */
export function sourceLeftOver(sourceText: string, replyText: string, targetLang: string): string {
  if (primaryLang(targetLang) === "en") return "";
  const source = ` ${stretches(sourceText)
    .map((words) => words.join(" ").toLowerCase())
    .join(" | ")} `;
  for (const words of stretches(replyText)) {
    for (let i = 0; i < words.length; i++) {
      const run = runFrom(words, i, source);
      if (run.length < MIN_RUN || !run.some((w) => GLUE.has(w))) continue;
      // After a capitalised word both write before it, it is a title or name in sentence case ("Breathless through
      // the night", "Gone with the wind"), unless that word is glue opening a sentence ("The meeting starts…").
      if (isTitleHead(words[i - 1], run[0] ?? "", source)) i += run.length - 1;
      else if (readsAsEnglish(replyText, run)) return "";
      else return run.join(" ");
    }
  }
  return "";
}

/** Share of glue words beyond which the rest of a reply is English too; a translation's own words hold next to none. */
const ENGLISH_GLUE_SHARE = 0.2;
/** Words beside the run it takes to tell. */
const ENGLISH_REST = 5;

/**
 * Whether the reply is English beside the run as well: a reply wholly in the source's language is another fault,
 * judged where its language is named ("The model answered in English, not German"), not a run left over.
 */
function readsAsEnglish(replyText: string, run: string[]): boolean {
  const rest = (replyText.match(WORD) ?? []).map((w) => w.toLowerCase());
  for (const word of run) {
    const at = rest.indexOf(word);
    if (at >= 0) rest.splice(at, 1);
  }
  return rest.length >= ENGLISH_REST && rest.filter((w) => GLUE.has(w)).length / rest.length >= ENGLISH_GLUE_SHARE;
}

/** A capitalised word, not glue, that the source writes right before the run too. */
function isTitleHead(head: string | undefined, first: string, source: string): boolean {
  if (!head || head === head.toLowerCase() || GLUE.has(head.toLowerCase())) return false;
  return source.includes(` ${head.toLowerCase()} ${first} `);
}

/** The reply's lowercase words from `start` on that stand in the source in the same order, SHOWN at most. */
function runFrom(words: string[], start: number, source: string): string[] {
  let end = start;
  // A run that is not in the source does not become so longer: extend while it is.
  while (end < words.length && end - start < SHOWN) {
    const word = words[end] ?? "";
    if (word !== word.toLowerCase() || !source.includes(` ${words.slice(start, end + 1).join(" ")} `)) break;
    end++;
  }
  return words.slice(start, end);
}
