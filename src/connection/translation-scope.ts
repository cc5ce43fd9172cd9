// What decides a page's translations besides its languages: the server configuration (address, model asked for,
// preset) and the user's glossary and instructions for the page. The page engine remembers translations by source
// text for as long as this stays the same; a page translated again after it changed is asked afresh.
import { serverConfigId } from "./llm-config";
import type { Settings } from "../shared/settings";
import { rulesFor, rulesKey } from "../shared/translation-rules";

/** A stable text for the scope of the page at `url` translated into `targetLang` (it holds the server's address). */
export function translationScopeText(settings: Settings, targetLang: string, url: string): string {
  return JSON.stringify([serverConfigId(settings), rulesKey(rulesFor(settings, targetLang, url))]);
}
