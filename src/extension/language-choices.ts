// The languages offered in the popup's and options page's pickers, sorted by English name.
import { LANGUAGES, languageInfo } from "../shared/languages";

export interface LanguageChoice {
  code: string;
  label: string;
}

// Variants people pick on purpose; the rest are primary languages.
const EXTRA_CODES = ["pt-BR", "zh-Hant"];

export function languageChoices(): LanguageChoice[] {
  return [...Object.keys(LANGUAGES), ...EXTRA_CODES]
    .map((code) => {
      const info = languageInfo(code)!;
      return { code, label: info.native === info.english ? info.english : `${info.english} — ${info.native}` };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}
