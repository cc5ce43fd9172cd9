// What decides a page's translations besides its languages: the server configuration (address, model asked for,
// preset), the model the server said it runs, and the user's glossary and instructions for the page. The page engine remembers translations by source
// text for as long as this stays the same; a page translated again after it changed is asked afresh.
import { serverConfigId } from "./llm-config";
import type { Settings } from "../shared/settings";
import { rulesFor, rulesKey } from "../shared/translation-rules";

/**
 * A stable text for the scope of the page at `url` translated into `targetLang` (it holds the server's address).
 * `servedModel` is the model the server last reported (ServerFacts): the settings name none by default (llama-server
 * runs the one it was started with), and a server restarted with another must not be shown the old one's words.
 */
export function translationScopeText(settings: Settings, targetLang: string, url: string, servedModel = ""): string {
  return JSON.stringify([serverConfigId(settings), servedModel, rulesKey(rulesFor(settings, targetLang, url))]);
}
