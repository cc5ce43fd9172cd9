// Language names for prompts and UI. Prompts name the target language in English because small models follow
// "into German" far better than "into de"; the UI shows the native name next to it.
import { isLangTag } from "./lang-tag";

export interface LanguageInfo {
  /** English name, used in prompts ("German"). */
  english: string;
  /** The language's own name, for pickers ("Deutsch"). */
  native: string;
}

/** The tables below give each language's two names as a pair, [english, native]: the same rows, less to ship. */
function named(rows: Record<string, readonly [string, string]>): Readonly<Record<string, LanguageInfo>> {
  return Object.fromEntries(Object.entries(rows).map(([tag, [english, native]]) => [tag, { english, native }]));
}

/** ~40 common languages by primary subtag (BCP 47 / ISO 639-1). */
export const LANGUAGES = named({
  ar: ["Arabic", "العربية"],
  bg: ["Bulgarian", "Български"],
  bn: ["Bengali", "বাংলা"],
  ca: ["Catalan", "Català"],
  cs: ["Czech", "Čeština"],
  da: ["Danish", "Dansk"],
  de: ["German", "Deutsch"],
  el: ["Greek", "Ελληνικά"],
  en: ["English", "English"],
  es: ["Spanish", "Español"],
  et: ["Estonian", "Eesti"],
  fa: ["Persian", "فارسی"],
  fi: ["Finnish", "Suomi"],
  fr: ["French", "Français"],
  he: ["Hebrew", "עברית"],
  hi: ["Hindi", "हिन्दी"],
  hr: ["Croatian", "Hrvatski"],
  hu: ["Hungarian", "Magyar"],
  id: ["Indonesian", "Bahasa Indonesia"],
  it: ["Italian", "Italiano"],
  ja: ["Japanese", "日本語"],
  ko: ["Korean", "한국어"],
  lt: ["Lithuanian", "Lietuvių"],
  lv: ["Latvian", "Latviešu"],
  ms: ["Malay", "Bahasa Melayu"],
  nb: ["Norwegian Bokmål", "Norsk bokmål"],
  nl: ["Dutch", "Nederlands"],
  no: ["Norwegian", "Norsk"],
  pl: ["Polish", "Polski"],
  pt: ["Portuguese", "Português"],
  ro: ["Romanian", "Română"],
  ru: ["Russian", "Русский"],
  sk: ["Slovak", "Slovenčina"],
  sl: ["Slovenian", "Slovenščina"],
  sr: ["Serbian", "Српски"],
  sv: ["Swedish", "Svenska"],
  sw: ["Swahili", "Kiswahili"],
  ta: ["Tamil", "தமிழ்"],
  th: ["Thai", "ไทย"],
  tl: ["Filipino", "Filipino"],
  tr: ["Turkish", "Türkçe"],
  uk: ["Ukrainian", "Українська"],
  ur: ["Urdu", "اردو"],
  vi: ["Vietnamese", "Tiếng Việt"],
  zh: ["Chinese", "中文"],
});

const SIMPLIFIED = ["Simplified Chinese", "简体中文"] as const;
const TRADITIONAL = ["Traditional Chinese", "繁體中文"] as const;

/** Regional variants whose difference matters to a reader (spelling, script, vocabulary). */
const VARIANTS = named({
  "pt-br": ["Brazilian Portuguese", "Português (Brasil)"],
  "pt-pt": ["European Portuguese", "Português (Portugal)"],
  "zh-cn": SIMPLIFIED,
  "zh-sg": SIMPLIFIED,
  "zh-hans": SIMPLIFIED,
  "zh-tw": TRADITIONAL,
  "zh-hk": TRADITIONAL,
  "zh-hant": TRADITIONAL,
  "en-gb": ["British English", "English (UK)"],
  "en-us": ["American English", "English (US)"],
  "es-419": ["Latin American Spanish", "Español (Latinoamérica)"],
  "es-mx": ["Mexican Spanish", "Español (México)"],
  "fr-ca": ["Canadian French", "Français (Canada)"],
});

/** "pt-BR" → "pt"; "zh_Hant_TW" → "zh". Lower-case primary subtag, "" for an empty tag. */
export function primaryLang(tag: string): string {
  return (tag.trim().split(/[-_]/)[0] ?? "").toLowerCase();
}

/** Info for a BCP 47 tag: the regional variant if known, else the primary language, else undefined. */
export function languageInfo(tag: string): LanguageInfo | undefined {
  const parts = tag.trim().toLowerCase().replace(/_/g, "-").split("-");
  // Try "zh-hant-tw" → "zh-hant" → "zh-tw" before the bare primary subtag.
  for (let i = parts.length; i >= 2; i--) {
    const v = VARIANTS[parts.slice(0, i).join("-")];
    if (v) return v;
  }
  if (parts.length >= 2) {
    const v = VARIANTS[`${parts[0]}-${parts[parts.length - 1]}`];
    if (v) return v;
  }
  return LANGUAGES[parts[0] ?? ""];
}

/** English name of a well-formed tag's listed language: a page's lang is the page's text, kept out of prompts. */
export const knownLanguageName = (tag: string): string | undefined =>
  isLangTag(tag.replace(/_/g, "-")) ? languageInfo(tag)?.english : undefined;

/** English name for prompts and the UI of a tag Gloss checked: "German", "Brazilian Portuguese"; else the language
 * subtag's letters ("cy"), never words of the tag's. */
export const languageName = (tag: string): string =>
  languageInfo(tag)?.english ??
  primaryLang(tag)
    .replace(/[^a-z]/g, "")
    .slice(0, 3);
