// English left untranslated inside a translation ("Das Treffen starts at nine o'clock"): a small model slips back
// into the source halfway. Names, titles, terms, code and quotes legitimately stay as the page wrote them, so only a
// run of the source's own lowercase words that holds a word English writes in every sentence counts.
import { primaryLang } from "../shared/languages";
import { opensSentence, stretches, WORD, type Word } from "./left-over-words";
import { isLowercaseTitle } from "./lowercase-title";

/** Words no name, title or term of art is made of alone, and every English sentence has. */
const GLUE = new Set(
  "the of to and is are was were at in on for with by from this that will be it has have not can should must".split(
    " ",
  ),
);
/**
 * Consecutive source words it takes: "accessible name", "screen reader" are terms a translation keeps. A two-word slip
 * ("Das meeting starts um neun") goes through: no cheap sign tells it from a borrowed term. Measured on 11,932 locale
 * pairs and 34 borrowed terms: an English verb form beside it refuses "les talk shows", "les happy ends", "un thought
 * leader", "found footage"; irregular past forms alone refuse none of them but catch 3 of 13 slips, and such forms name
 * things too ("rose gold", the film "Saw").
 */
const MIN_RUN = 3;
/** Words of a run shown in the reason: enough to find it on the page. */
const SHOWN = 12;

/** The source as the rules read it. */
interface Source {
  /** Its lowercase words, each stretch between spaces, stretches apart. */
  joined: string;
  /** "head next" for each capitalised word within a sentence: a name or title begins there ("…'s The power of…"). */
  heads: Set<string>;
  words: string[];
  /** The same, to look up. */
  known: Set<string>;
}

/** The source's words, its runs and where names begin in it. */
function readSource(sourceText: string): Source {
  const parts = stretches(sourceText);
  const heads = new Set<string>();
  for (const words of parts) {
    words.forEach((w, i) => {
      const next = words[i + 1]?.text;
      if (next && !w.opens && w.text !== w.text.toLowerCase()) heads.add(`${w.text.toLowerCase()} ${next}`);
    });
  }
  const lower = parts.map((words) => words.map((w) => w.text.toLowerCase()));
  const words = lower.flat();
  return { joined: ` ${lower.map((ws) => ws.join(" ")).join(" | ")} `, heads, words, known: new Set(words) };
}

/**
 * The first run of at least MIN_RUN lowercase words of the reply that stands in the English source in the same order
 * and holds a glue word, or "" when there is none. Only for a reader of another language.
 */
export function sourceLeftOver(sourceText: string, replyText: string, targetLang: string): string {
  if (primaryLang(targetLang) === "en") return "";
  const source = readSource(sourceText);
  const parts = stretches(replyText);
  // Titles passed over: their words are no English around a later run ("the last of us part … and i'm still shaking").
  const kept: string[] = [];
  for (const [n, words] of parts.entries()) {
    const texts = words.map((w) => w.text);
    for (let i = 0; i < words.length; i++) {
      const run = runFrom(texts, i, source.joined);
      if (run.length < MIN_RUN || !run.some((w) => GLUE.has(w))) continue;
      // After a capitalised word both write before it, it is a title or name in sentence case ("Breathless through
      // the night", "Gone with the wind", "…'s The power of the dog"), unless that word is glue opening a sentence in
      // both ("The meeting starts…").
      const place = { words, start: i, known: source.known, lastStretch: n === parts.length - 1 };
      if (isTitleHead(words[i - 1], run[0] ?? "", source) || isLowercaseTitle(run, place)) {
        kept.push(...run);
        i += run.length - 1;
      } else if (readsAsEnglish(replyText, [...kept, ...run]) || sourceIsOther(source, run)) return "";
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
 * Words sentences of the major Latin-script languages are full of and English has none of (German, French, Spanish,
 * Italian, Portuguese, Dutch): what shows a page is in another language, where the mere lack of glue would not (a list
 * of English nouns has none either).
 */
const FOREIGN_GLUE = new Set(
  [
    "der das und ist nicht ein eine einen mit auf für sich dem den des von zu auch wie nur noch oder aber wird sind",
    "les et est une des du qui pour pas dans sur au aux avec cette sont il elle nous vous mais être",
    "el los las y es que una por con para del se al como pero más está",
    "di che non per della sono gli nel não com os dos das em",
    "het een niet van zijn voor met ook wordt",
  ]
    .join(" ")
    .split(" "),
);

/** The text's words beside the run, lowercase. */
function beside(textWords: string[], run: string[]): string[] {
  const rest = textWords.map((w) => w.toLowerCase());
  for (const word of run) {
    const at = rest.indexOf(word);
    if (at >= 0) rest.splice(at, 1);
  }
  return rest;
}

const glueShare = (words: string[]): number => words.filter((w) => GLUE.has(w)).length / words.length;

/**
 * Whether the reply is English beside the run as well: a reply wholly in the source's language is another fault,
 * judged where its language is named ("The model answered in English, not German"), not a run left over.
 */
function readsAsEnglish(replyText: string, run: string[]): boolean {
  // "The" of "The New York Times" or "The Mandalorian" kept within a sentence is part of a name, not English around it.
  const words = [...replyText.matchAll(WORD)].filter((m) => !namesHead(m[0], replyText, m.index)).map((m) => m[0]);
  const rest = beside(words, run);
  return rest.length >= ENGLISH_REST && glueShare(rest) >= ENGLISH_GLUE_SHARE;
}

/** Whether the word at `at` is glue capitalised within its sentence, where it starts a name. */
const namesHead = (word: string, text: string, at: number): boolean =>
  word !== word.toLowerCase() && GLUE.has(word.toLowerCase()) && !opensSentence(text, at);

/**
 * Whether the page is in another language beside the run: then the run is English it kept on purpose ("Der Trainer
 * sagte nur, it is what it is"). Mostly another script, or more of another language's glue than of English's.
 */
function sourceIsOther(source: Source, run: string[]): boolean {
  const rest = beside(source.words, run);
  const letters = (words: string[]): number => words.join("").length;
  if (letters(rest) > 2 * letters(rest.filter((w) => LATIN.test(w)))) return true;
  const foreign = rest.filter((w) => FOREIGN_GLUE.has(w)).length;
  return foreign >= 2 && foreign > rest.filter((w) => GLUE.has(w)).length;
}
const LATIN = /\p{Script=Latin}/u;

/**
 * A capitalised word the source writes right before the run too, where it starts a name: a word that is not glue, or
 * glue ("The power of the dog") that either text capitalises within a sentence, not at its start.
 */
function isTitleHead(head: Word | undefined, first: string, source: Source): boolean {
  if (!head || head.text === head.text.toLowerCase()) return false;
  const pair = `${head.text.toLowerCase()} ${first}`;
  if (!source.joined.includes(` ${pair} `)) return false;
  return !GLUE.has(head.text.toLowerCase()) || !head.opens || source.heads.has(pair);
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
