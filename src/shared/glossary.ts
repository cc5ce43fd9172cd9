// The user's glossary: terms kept as they are (`r/de`, brand names) or always translated one way (`Bahn → Deutsche
// Bahn`), each for one target language or all, and for one site or all. Here: the entry type, its validation for the
// settings, the entries that apply to a request, and where a term occurs in a text.
import { languageName, primaryLang } from "./languages";
import { isLangTag, normalizeLangTag } from "./lang-tag";
import { keptByString } from "./kept-patterns";
import { isSiteRule, normalizeSiteRule, siteRuleMatches } from "./site-rules";

export interface GlossaryEntry {
  /** The term as it appears in the text to translate. */
  term: string;
  /** What it becomes in the translation; "" keeps the term as it is. */
  translation: string;
  /** Target language (BCP 47) this entry is for; "" for every language. */
  lang: string;
  /** Site rule (`reddit.com/r/de`, `example.com`) this entry is for; "" for every site. */
  site: string;
}

export const MAX_GLOSSARY_ENTRIES = 300;

/** Whether two entries are for the same term (any case), language and site: what the settings refuse to hold twice. */
export const sameGlossaryEntry = (a: GlossaryEntry, b: GlossaryEntry): boolean =>
  a.term.toLowerCase() === b.term.toLowerCase() && a.lang === b.lang && a.site === b.site;
const MAX_TERM_CHARS = 100;

export type GlossaryCheck = { ok: true; value: GlossaryEntry } | { ok: false; message: string };

/** Checks and normalises one entry (trimmed, one line each, a valid language and site when given). */
export function validateGlossaryEntry(value: unknown): GlossaryCheck {
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, message: "A glossary entry must have a term." };
  }
  const raw = value as Record<string, unknown>;
  const text = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string).replace(/\s+/g, " ").trim() : "");
  const term = text("term");
  const translation = text("translation");
  const lang = text("lang");
  const site = text("site");
  if (!term) return { ok: false, message: "Each glossary entry needs a term." };
  if (term.length > MAX_TERM_CHARS) {
    return { ok: false, message: `Glossary terms are at most ${MAX_TERM_CHARS} characters (“${term.slice(0, 30)}…”).` };
  }
  if (translation.length > MAX_TERM_CHARS) {
    const message = `What a glossary term becomes is at most ${MAX_TERM_CHARS} characters (glossary entry “${term}”).`;
    return { ok: false, message };
  }
  if (lang && !isLangTag(lang)) {
    return { ok: false, message: `“${lang}” is not a language code (glossary entry “${term}”).` };
  }
  if (site && !isSiteRule(site)) {
    return { ok: false, message: `“${site}” is not a site (glossary entry “${term}”). Use e.g. reddit.com/r/de.` };
  }
  return {
    ok: true,
    value: { term, translation, lang: lang ? normalizeLangTag(lang) : "", site: site ? normalizeSiteRule(site) : "" },
  };
}

/**
 * How an entry's language fits a request into `targetLang`: 0 not at all, 1 for its language ("pt" in "pt-BR"), 2 for
 * its variant ("zh-Hant" in "zh-TW"). A variant's entry is not for the others: "ônibus" for "pt-BR" is not
 * Portugal's word, nor "軟體" Simplified Chinese.
 */
function langFit(entryLang: string, targetLang: string): number {
  if (primaryLang(entryLang) !== primaryLang(targetLang)) return 0;
  if (primaryLang(entryLang) === entryLang.toLowerCase()) return 1;
  return languageName(entryLang) === languageName(targetLang) ? 2 : 0;
}

/** The entries for a request into `targetLang` on the page at `url`, most specific last so they win in the prompt. */
export function glossaryFor(entries: readonly GlossaryEntry[], targetLang: string, url: string): GlossaryEntry[] {
  const fits = (e: GlossaryEntry) =>
    (!e.lang || langFit(e.lang, targetLang) > 0) && (!e.site || siteRuleMatches(e.site, url));
  // A site's entry wins over a language's, a variant's over its language's.
  const score = (e: GlossaryEntry) => (e.lang ? langFit(e.lang, targetLang) : 0) + (e.site ? 4 : 0);
  // A term given more than once (for all sites, and for this one) keeps the most specific entry only.
  const byTerm = new Map<string, GlossaryEntry>();
  for (const entry of entries.filter(fits)) {
    const key = entry.term.toLowerCase();
    const held = byTerm.get(key);
    if (!held || score(entry) >= score(held)) byTerm.set(key, entry);
  }
  return [...byTerm.values()].sort((a, b) => score(a) - score(b));
}

/**
 * `text` as a pattern that matches it literally, but for apostrophes: a reader types `'`, pages and models write `’`
 * (or `ʼ`), and "McDonald's" is "McDonald’s" to them.
 */
export const literalRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/['’ʼ]/g, "['’ʼ]");

// Scripts written without spaces between words (Chinese, Japanese, Thai…) or with particles joined to a word
// (Korean: "레딧에서"): their letters never make a word boundary, on either side of a term. "東京" is in "東京都に",
// and "Reddit" in "Redditで", as a reader sees them.
const UNSPACED =
  "\\p{scx=Han}\\p{scx=Hira}\\p{scx=Kana}\\p{scx=Hang}\\p{scx=Thai}\\p{scx=Lao}\\p{scx=Khmr}\\p{scx=Mymr}";
/** A letter or digit of a script that separates words with spaces: what a term may not run into. */
const WORD_CHAR = `(?:[^\\P{L}${UNSPACED}]|\\p{N})`;
const startsWord = new RegExp(`^${WORD_CHAR}`, "u");
const endsWord = new RegExp(`${WORD_CHAR}$`, "u");
/** Nothing of the same word before: how a pattern for a text that `startsSpacedWord` begins. */
export const WORD_START = `(?<!${WORD_CHAR})`;

export const startsSpacedWord = (text: string): boolean => startsWord.test(text);

/** `term`'s words as `termPattern` matches them, without its word boundaries. */
export const termWords = (term: string): string => literalRe(term).replace(/\s+/g, "\\s+");

/**
 * Matches `term` as a whole word (or words), case-insensitively: "Bahn" in "die Bahn kommt", not in "Bahnhof"; a term
 * that starts or ends with a non-letter (`r/de`, `C++`) or with a letter of an unspaced script only needs the other
 * side to be a word boundary.
 */
export const termPattern = keptByString((term: string): RegExp => {
  const after = endsWord.test(term) ? `(?!${WORD_CHAR})` : "";
  const before = startsSpacedWord(term) ? WORD_START : "";
  return new RegExp(`${before}${termWords(term)}${after}`, "iu");
});

export function containsTerm(text: string, term: string): boolean {
  return termPattern(term).test(text);
}
