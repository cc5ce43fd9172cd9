// Language detection for the userscript, which has no browser.i18n.detectLanguage. Uses tinyld's light model
// (24 languages, ~81 KB minified; see bench/lang-detect.ts for the comparison with eld and franc-min).
//
// The caller skips a text whose detected language is the target language, so a wrong answer leaves a text
// untranslated while `undefined` only costs a translation that was not needed: every doubt returns `undefined`.
import { detectAll } from "tinyld/light";
import { smallWordsContradict } from "./function-words";

/** Below this many letters (after stripping) a guess is a coin toss. Han, kana and hangul count as three. */
const MIN_LETTERS = 10;
/**
 * tinyld's score (0–1) for its best language must reach SURE_ACCURACY, or at least MIN_ACCURACY while being
 * MIN_LEAD times the runner-up's. On the bench's test set every wrong top answer scored below 0.2 and led by less
 * than 1.25×.
 */
const SURE_ACCURACY = 0.2;
const MIN_ACCURACY = 0.05;
const MIN_LEAD = 2;

// Letters beyond a–z that each Latin or Cyrillic language of the light model writes. A text holding other letters
// is in a language the model does not know (ř: Czech, ç/ò: Catalan, ø: Danish, і/ї: Ukrainian …) and
// would otherwise be reported as its nearest neighbour. Languages not listed here are not checked.
const NATIVE_LETTERS: Readonly<Record<string, string>> = {
  de: "äöüß",
  en: "",
  fr: "àâæçéèêëîïôœùûüÿ",
  es: "áéíñóúü",
  it: "àèéìíîòóùú",
  nl: "áéëïóöü",
  pt: "áâãàçéêíóôõú",
  pl: "ąćęłńóśźż",
  sv: "åäöé",
  no: "åæøéèêóòô",
  fi: "åäö",
  hu: "áéíóöőúüű",
  ro: "ăâîșțşţ",
  tr: "âçğıîöşüû",
  ru: "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
};

const NOISE = new RegExp(
  [
    String.raw`\b(?:https?://|www\.)\S+`, // URLs
    String.raw`\S+@\S+\.\w+`, // e-mail addresses
    String.raw`(?:^|\s)@[\w.-]+`, // @mentions
    String.raw`(?:^|[\s(/])/?[ur]/[\w-]+`, // u/name, r/sub, /u/name
    String.raw`\p{N}+`, // numbers, including ² and full-width digits
    String.raw`\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|\u200d|\ufe0f`, // emoji
  ].join("|"),
  "gu",
);
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** The text without URLs, e-mail addresses, @mentions, u/ and r/ names, numbers and emoji. */
export function stripNoise(text: string): string {
  return text.replace(NOISE, " ").replace(/\s+/g, " ").trim();
}

function letterWeight(text: string): number {
  let n = 0;
  for (const [letter] of text.matchAll(/\p{L}/gu)) n += CJK.test(letter) ? 3 : 1;
  return n;
}

/** At least 2% of the letters (any one in a short text) are foreign to `lang`; names like "Zoë" in a long text pass. */
function hasForeignLetters(text: string, lang: string, letters: number): boolean {
  const native = NATIVE_LETTERS[lang];
  if (native === undefined) return false;
  let foreign = 0;
  for (const [letter] of text.toLowerCase().matchAll(/[^\P{L}a-z]/gu)) if (!native.includes(letter)) foreign++;
  return foreign > 0 && foreign * 50 >= letters;
}

/**
 * The language of a short text as a BCP 47 primary subtag ("de", "en", "ja", "zh" …), or `undefined` when the text
 * is too short, the detector is not confident, the text is in a language it does not know, or its small words
 * belong to another language.
 */
export async function detectLanguage(text: string): Promise<string | undefined> {
  const clean = stripNoise(text.normalize("NFC"));
  const letters = letterWeight(clean);
  if (letters < MIN_LETTERS) return undefined;
  const [top, second] = detectAll(clean);
  if (!top) return undefined;
  const lead =
    top.accuracy >= SURE_ACCURACY || top.accuracy >= Math.max(MIN_ACCURACY, MIN_LEAD * (second?.accuracy ?? 0));
  if (!lead) return undefined;
  const lang = top.lang.toLowerCase();
  if (!/^[a-z]{2,3}$/.test(lang) || hasForeignLetters(clean, lang, letters)) return undefined;
  // Mixed text: another language's nouns and names fooled the model, the grammar words tell.
  if (smallWordsContradict(clean, lang)) return undefined;
  return lang;
}
