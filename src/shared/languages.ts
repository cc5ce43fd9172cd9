// Language names for prompts and UI. Prompts name the target language in English because small models follow
// "into German" far better than "into de"; the UI shows the native name next to it.
import { isLangTag } from "./lang-tag";

export interface LanguageInfo {
  /** English name, used in prompts ("German"). */
  english: string;
  /** The language's own name, for pickers ("Deutsch"). */
  native: string;
}

/** ~40 common languages by primary subtag (BCP 47 / ISO 639-1). */
export const LANGUAGES: Readonly<Record<string, LanguageInfo>> = {
  ar: { english: "Arabic", native: "العربية" },
  bg: { english: "Bulgarian", native: "Български" },
  bn: { english: "Bengali", native: "বাংলা" },
  ca: { english: "Catalan", native: "Català" },
  cs: { english: "Czech", native: "Čeština" },
  da: { english: "Danish", native: "Dansk" },
  de: { english: "German", native: "Deutsch" },
  el: { english: "Greek", native: "Ελληνικά" },
  en: { english: "English", native: "English" },
  es: { english: "Spanish", native: "Español" },
  et: { english: "Estonian", native: "Eesti" },
  fa: { english: "Persian", native: "فارسی" },
  fi: { english: "Finnish", native: "Suomi" },
  fr: { english: "French", native: "Français" },
  he: { english: "Hebrew", native: "עברית" },
  hi: { english: "Hindi", native: "हिन्दी" },
  hr: { english: "Croatian", native: "Hrvatski" },
  hu: { english: "Hungarian", native: "Magyar" },
  id: { english: "Indonesian", native: "Bahasa Indonesia" },
  it: { english: "Italian", native: "Italiano" },
  ja: { english: "Japanese", native: "日本語" },
  ko: { english: "Korean", native: "한국어" },
  lt: { english: "Lithuanian", native: "Lietuvių" },
  lv: { english: "Latvian", native: "Latviešu" },
  ms: { english: "Malay", native: "Bahasa Melayu" },
  nb: { english: "Norwegian Bokmål", native: "Norsk bokmål" },
  nl: { english: "Dutch", native: "Nederlands" },
  no: { english: "Norwegian", native: "Norsk" },
  pl: { english: "Polish", native: "Polski" },
  pt: { english: "Portuguese", native: "Português" },
  ro: { english: "Romanian", native: "Română" },
  ru: { english: "Russian", native: "Русский" },
  sk: { english: "Slovak", native: "Slovenčina" },
  sl: { english: "Slovenian", native: "Slovenščina" },
  sr: { english: "Serbian", native: "Српски" },
  sv: { english: "Swedish", native: "Svenska" },
  sw: { english: "Swahili", native: "Kiswahili" },
  ta: { english: "Tamil", native: "தமிழ்" },
  th: { english: "Thai", native: "ไทย" },
  tl: { english: "Filipino", native: "Filipino" },
  tr: { english: "Turkish", native: "Türkçe" },
  uk: { english: "Ukrainian", native: "Українська" },
  ur: { english: "Urdu", native: "اردو" },
  vi: { english: "Vietnamese", native: "Tiếng Việt" },
  zh: { english: "Chinese", native: "中文" },
};

const SIMPLIFIED: LanguageInfo = { english: "Simplified Chinese", native: "简体中文" };
const TRADITIONAL: LanguageInfo = { english: "Traditional Chinese", native: "繁體中文" };

/** Regional variants whose difference matters to a reader (spelling, script, vocabulary). */
const VARIANTS: Readonly<Record<string, LanguageInfo>> = {
  "pt-br": { english: "Brazilian Portuguese", native: "Português (Brasil)" },
  "pt-pt": { english: "European Portuguese", native: "Português (Portugal)" },
  "zh-cn": SIMPLIFIED,
  "zh-sg": SIMPLIFIED,
  "zh-hans": SIMPLIFIED,
  "zh-tw": TRADITIONAL,
  "zh-hk": TRADITIONAL,
  "zh-hant": TRADITIONAL,
  "en-gb": { english: "British English", native: "English (UK)" },
  "en-us": { english: "American English", native: "English (US)" },
  "es-419": { english: "Latin American Spanish", native: "Español (Latinoamérica)" },
  "es-mx": { english: "Mexican Spanish", native: "Español (México)" },
  "fr-ca": { english: "Canadian French", native: "Français (Canada)" },
};

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
