// What the user asked of every translation into one language on one site: their glossary entries and their extra
// instructions. The prompt's constant part carries them, replies are checked against the glossary, and the
// translation cache keys on them (a different glossary is a different translation).
import { glossaryFor, type GlossaryEntry } from "./glossary";
import type { Settings } from "./settings";

export interface TranslationRules {
  glossary: GlossaryEntry[];
  /** Free text from the user (tone, formality, dialect); "" for none. */
  instructions: string;
}

/** The rules for a request into `targetLang` on the page at `url`; undefined when the user set none. */
export function rulesFor(
  settings: Pick<Settings, "glossary" | "customInstructions">,
  targetLang: string,
  url: string,
): TranslationRules | undefined {
  const glossary = glossaryFor(settings.glossary, targetLang, url);
  const instructions = settings.customInstructions.trim();
  return glossary.length || instructions ? { glossary, instructions } : undefined;
}

/** A stable text for the rules, for cache keys: "" when there are none, so caches made without rules stay valid. */
export function rulesKey(rules: TranslationRules | undefined): string {
  if (!rules || (!rules.glossary.length && !rules.instructions)) return "";
  return JSON.stringify([rules.instructions, rules.glossary.map((e) => [e.term, e.translation])]);
}
