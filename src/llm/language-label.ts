// The target language's name as a label before the translation ("German: Guten Morgen.", "**Deutsch:** …",
// "German translation: …"): small models label their answer as in a bilingual table. Shown, every paragraph on the
// page would start with the name of the reader's own language.
import { LANGUAGES, languageInfo, primaryLang } from "../shared/languages";

const escapeRe = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The target's names: the regional one the prompt used ("Brazilian Portuguese") and its language's. */
function namesOf(targetLang: string): string[] {
  const names = new Set<string>();
  for (const info of [languageInfo(targetLang), LANGUAGES[primaryLang(targetLang)]]) {
    if (info) for (const name of [info.english, info.native]) names.add(escapeRe(name));
  }
  return [...names];
}

/** The text without a leading label that names the target language, or as it was. */
export function stripLanguageLabel(text: string, targetLang: string): string {
  const names = namesOf(targetLang);
  if (!names.length) return text;
  const label = new RegExp(
    `^[*_]{0,2}(?:${names.join("|")})(?:\\s+(?:translation|version))?[*_]{0,2}\\s*[:：][*_]{0,2}\\s*`,
    "iu",
  );
  return text.replace(label, "");
}
