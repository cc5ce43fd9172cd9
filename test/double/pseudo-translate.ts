// The double's "translation": deterministic, keeps every placeholder tag and marker, and is honest about being
// fake. Per text run between tags: an exact phrase from test/fixtures/phrases.de-en.json (so demos of the
// fixture pages read as real English), else word by word with a small German dictionary, and every word it does
// not know gets accented vowels ("Sónnénschéín") so a human sees the text went through the double.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { accent, WORDS_DE_EN } from "./dictionary";
import { WORDS_EN_DE } from "./dictionary-en-de";
import { applyGlossary, type DoubleGlossaryEntry } from "./glossary";

export type Phrases = ReadonlyMap<string, string>;

export const DEFAULT_PHRASES_FILE = "test/fixtures/phrases.de-en.json";

/** Loads the phrase table if present; a missing or broken file means no phrases, not a failure. */
export function loadPhrases(file = DEFAULT_PHRASES_FILE): Phrases {
  const path = resolve(process.cwd(), file);
  if (!existsSync(path)) return new Map();
  try {
    const json = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    const map = new Map<string, string>();
    for (const [de, en] of Object.entries(json)) if (typeof en === "string") map.set(normalize(de), en);
    return map;
  } catch {
    return new Map();
  }
}

const normalize = (text: string): string => text.replace(/\s+/g, " ").trim();

const decode = (text: string): string =>
  text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#91;/g, "[").replace(/&amp;/g, "&");
const encode = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Word lists by target: German → English for pages, English → German for what a user writes. */
const DICTIONARIES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  english: WORDS_DE_EN,
  german: WORDS_EN_DE,
};

function translateWords(text: string, dictionary: Readonly<Record<string, string>> | undefined): string {
  return text.replace(/&(?:#\d+|#x[\da-f]+|[a-z]+);|[\p{L}\p{M}]+/giu, (word, offset: number) => {
    if (word.startsWith("&")) return word; // an entity, not a word
    const known = dictionary?.[word.toLowerCase()];
    if (known === undefined) return accent(word);
    // German capitalises nouns (the German list spells them so); otherwise only the start of a sentence is.
    const before = text.slice(0, offset).trim();
    const sentenceStart = before === "" || /[.!?:]$/.test(before);
    return sentenceStart && /^\p{Lu}/u.test(word) ? known.charAt(0).toUpperCase() + known.slice(1) : known;
  });
}

function translateRun(run: string, phrases: Phrases, english: boolean, dictionary?: Record<string, string>): string {
  const key = normalize(decode(run));
  if (!key) return run;
  const lead = /^\s*/.exec(run)?.[0] ?? "";
  const trail = /\s*$/.exec(run)?.[0] ?? "";
  const phrase = english ? phrases.get(key) : undefined;
  // English word order can move punctuation to the front of a run ("verspätet. Heute" → ". Today"): no space before it.
  if (phrase !== undefined) return (/^[.,;:!?)]/.test(phrase) ? "" : lead) + encode(phrase) + trail;
  return translateWords(run, dictionary);
}

/**
 * Pseudo-translates compact HTML into `target` (an English language name, as the prompt says it). German → English
 * and English → German have dictionaries; other pairs get the visible transform only. Glossary terms from the
 * prompt are kept or replaced as the glossary says.
 */
export function pseudoTranslate(
  html: string,
  target: string,
  phrases: Phrases,
  glossary: readonly DoubleGlossaryEntry[] = [],
): string {
  const english = /english/i.test(target);
  const dictionary = DICTIONARIES[target.toLowerCase()];
  // Whole segment first: a phrase may span placeholders' text when the fixture author keyed it that way.
  const whole = english && !glossary.length ? phrases.get(normalize(decode(html))) : undefined;
  if (whole !== undefined && !/</.test(html)) return encode(whole);
  const run = (text: string) => translateRun(text, phrases, english, dictionary);
  return html
    .split(/(<[^>]*>)/)
    .map((part) => (part.startsWith("<") ? part : applyGlossary(part, glossary, run)))
    .join("");
}
