// Does a reply honour the user's glossary? Checked where it can be: a term that occurs in the source must come back
// as it is ("keep") or as its translation ("translate as"). Both inflect ("die Deutsche Bahn" → "der Deutschen
// Bahn", "Reddit" → "Redditissä"), so their words match by their stem; a term that is not in the source asks nothing.
import {
  literalRe,
  type GlossaryEntry,
  startsSpacedWord,
  termPattern,
  termWords,
  WORD_START,
} from "../shared/glossary";
import { decodeEntities } from "../shared/html-text";
import { keptByString } from "../shared/kept-patterns";
import type { TranslationRules } from "../shared/translation-rules";
import type { Verdict } from "./validate";

/** Compact HTML as the words a reader sees: tags dropped, entities decoded. */
export function plainText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ""), " ");
}

/** Letters Arabic and Hebrew join to the front of a word ("بالقطار": by the train; "בReddit": on Reddit). */
const PREFIXES = "[\\p{scx=Arab}\\p{scx=Hebr}]{0,3}";

/**
 * The translation's words, each allowed an inflected ending: "Deutsche Bahn" also matches "Deutschen Bahnen". Words
 * of unspaced scripts ("鉄道") are matched as written, inside longer runs of their script ("ドイツ鉄道が").
 */
export function inflectedPattern(translation: string): RegExp {
  const text = translation.trim();
  const words = inflectedWords(text).map((word) => word.pattern);
  return new RegExp(`${startsSpacedWord(text) ? `${WORD_START}${PREFIXES}` : ""}${words.join("\\s+")}`, "iu");
}

/** Each word of `text` as `inflectedPattern` matches it, and the letters of it the pattern cannot match without. */
function inflectedWords(text: string): Array<{ pattern: string; written: string }> {
  const words = text.split(/\s+/).map((word) => {
    // Only words of spaced scripts inflect at their end ("鉄道" is matched as written).
    if (!/^\p{L}+$/u.test(word) || [...word].length < 4 || !startsSpacedWord(word)) {
      const written = literalRe(word);
      return { pattern: written, written };
    }
    const letters = [...word];
    const stem = literalRe(letters.slice(0, Math.max(3, letters.length - 2)).join(""));
    return { pattern: `${stem}\\p{L}{0,4}`, written: stem };
  });
  // Hebrew drops the article after a prefix ("הרכבת" → "ברכבת").
  const first = words[0];
  if (first?.pattern.startsWith("ה")) {
    words[0] = { pattern: `ה?${first.pattern.slice(1)}`, written: first.written.slice(1) };
  }
  return words;
}

/**
 * Whether `plain` holds `translation`, inflected too. Its words' letters as written are looked for first, a pattern
 * quick to run: the whole pattern's word boundaries (Unicode classes, case-insensitive) take V8 milliseconds to compile
 * for each term, which made a glossary of hundreds cost seconds of CPU for every request and every reply.
 */
function holdsInflected(plain: string, translation: string): boolean {
  return writtenPatterns(translation).every((word) => word.test(plain)) && wholePattern(translation).test(plain);
}

/** Built once per translation; the whole pattern only where its words' letters were found (holdsInflected). */
const writtenPatterns = keptByString((translation: string) =>
  inflectedWords(translation.trim()).map((word) => new RegExp(word.written, "iu")),
);
const wholePattern = keptByString(inflectedPattern);

/** A term's words without its word boundaries (quick to run, holdsInflected says why); and the term wherever it is. */
const termWordsPattern = keptByString((term: string) => new RegExp(termWords(term), "iu"));
const everyTerm = keptByString((term: string) => new RegExp(termPattern(term).source, "giu"));

/** The entries whose term `html` may hold, inflected too ("Kanzler" in "des Kanzlers"): which entries a prompt needs. */
export function entriesIn(glossary: readonly GlossaryEntry[], html: string): GlossaryEntry[] {
  const text = plainText(html);
  return glossary.filter((entry) => holdsInflected(text, entry.term));
}

/**
 * The entries whose term occurs in `source` other than inside a longer term's occurrence: with "Deutsche Bahn" kept
 * and "Bahn → railway", "die Deutsche Bahn" asks for "Deutsche Bahn" only, as a model following both would write it.
 */
function termsIn(glossary: readonly GlossaryEntry[], source: string): Set<GlossaryEntry> {
  const found = new Set<GlossaryEntry>();
  let rest = source;
  for (const entry of [...glossary].sort((a, b) => b.term.length - a.term.length)) {
    // Its words first, quick to run (holdsInflected says why).
    if (!termWordsPattern(entry.term).test(rest)) continue;
    if (!termPattern(entry.term).test(rest)) continue;
    found.add(entry);
    // A character no term holds, neither letter nor space: the words either side stay apart, as the term kept them.
    rest = rest.replace(everyTerm(entry.term), "\0");
  }
  return found;
}

/** The glossary terms of `sourceHtml` that `replyHtml` does not honour, as the user wrote them. */
export function unmetTerms(glossary: readonly GlossaryEntry[], sourceHtml: string, replyHtml: string): string[] {
  if (!glossary.length) return [];
  const present = termsIn(glossary, plainText(sourceHtml));
  const reply = plainText(replyHtml);
  const unmet: string[] = [];
  for (const entry of glossary) {
    if (!present.has(entry)) continue;
    // A kept term takes endings too: Finnish keeps "Reddit" as "Redditissä", German as "Reddits".
    if (!holdsInflected(reply, entry.translation || entry.term)) unmet.push(entry.term);
  }
  return unmet;
}

/** A reply that passed every other check but misses glossary terms: usable, but worth one more try. */
export interface GlossaryMiss {
  ok: false;
  reason: "glossary";
  detail: string;
  /** The checked reply, used when the retry does no better. */
  html: string;
  unmet: string[];
}

/** `verdict`, or a glossary miss when the reply is otherwise good but does not honour the glossary. */
export function withGlossary(
  verdict: Verdict,
  sourceHtml: string,
  rules: TranslationRules | undefined,
): Verdict | GlossaryMiss {
  if (!verdict.ok || !rules?.glossary.length) return verdict;
  const unmet = unmetTerms(rules.glossary, sourceHtml, verdict.html);
  if (!unmet.length) return verdict;
  return {
    ok: false,
    reason: "glossary",
    detail: `glossary not followed for ${unmet.join(", ")}`,
    html: verdict.html,
    unmet,
  };
}
