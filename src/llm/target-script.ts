// A reply in English with not one letter of the script the reader's language is written in: a small model asked for
// Russian, Japanese or Arabic falls back on English, the language it knows best, and the reader gets a text they did
// not ask for. Names, numbers and code stay as the page wrote them, so a translation made of those alone is no such
// reply; nor is one into such a language from an English page (that is "untranslated", judged apart).
import { primaryLang } from "../shared/languages";

const ARABIC = /\p{Script=Arabic}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;

/** The script each language is written in, for languages written in one other than Latin (Serbian writes both). */
const SCRIPTS: Readonly<Record<string, RegExp>> = {
  ar: ARABIC,
  fa: ARABIC,
  ur: ARABIC,
  bg: CYRILLIC,
  ru: CYRILLIC,
  uk: CYRILLIC,
  be: CYRILLIC,
  mk: CYRILLIC,
  bn: /\p{Script=Bengali}/u,
  el: /\p{Script=Greek}/u,
  he: /\p{Script=Hebrew}/u,
  hi: /\p{Script=Devanagari}/u,
  mr: /\p{Script=Devanagari}/u,
  ne: /\p{Script=Devanagari}/u,
  ja: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u,
  ko: /[\p{Script=Hangul}\p{Script=Han}]/u,
  zh: /\p{Script=Han}/u,
  ta: /\p{Script=Tamil}/u,
  th: /\p{Script=Thai}/u,
};

/** Words the page does not have it takes: one or two are a name the model spelt its own way. */
const NEW_WORDS = 3;
/** Words every English sentence has and no Latin-script language it is translated from writes ("in", "was" are
 * German too, "of" and "is" Dutch). */
const ENGLISH = new Set(
  "the and to at are were with that this for from have has been it you your we our they their there about but can what which would".split(
    " ",
  ),
);
/** Share of a text's words from ENGLISH above which it is English (a translation's own words hold none). */
const ENGLISH_SHARE = 0.15;

const wordsOf = (text: string): string[] => text.toLowerCase().match(/\p{L}+/gu) ?? [];
const readsAsEnglish = (words: string[]): boolean =>
  words.length >= 5 && words.filter((word) => ENGLISH.has(word)).length / words.length >= ENGLISH_SHARE;

/** The reply's first words that are not the page's, when the reply is English without a letter of the target's script;
 * or "". */
export function missingTargetScript(sourceText: string, replyText: string, targetLang: string): string {
  const script = SCRIPTS[primaryLang(targetLang)];
  if (!script || script.test(replyText)) return "";
  const source = wordsOf(sourceText);
  const reply = wordsOf(replyText);
  if (!readsAsEnglish(reply) || readsAsEnglish(source)) return "";
  const known = new Set(source);
  const added = reply.filter((word) => word.length >= 3 && !known.has(word));
  return added.length >= NEW_WORDS ? added.slice(0, 6).join(" ") : "";
}
