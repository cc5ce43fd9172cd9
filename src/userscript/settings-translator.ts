// The userscript's translator: reads the settings for each batch and adds the user's glossary and instructions; the
// user's own messages go to the writing model and are never saved. What reaches the page names no address or model.
import type { RequestContext, TranslationService } from "../connection/translation-service";
import { keptPageTranslator } from "../session/kept-page-translator";
import type { UserError } from "../shared/messages";
import { pageSafeError } from "../shared/page-safe-error";
import type { Settings } from "../shared/settings";
import { rulesFor } from "../shared/translation-rules";
import type { Translator } from "../shared/translator";

export interface SettingsTranslatorDeps {
  load: () => Promise<Settings>;
  service: TranslationService;
  requestContext: RequestContext;
  /** An error as the userscript says it. */
  said: <E extends UserError>(error: E) => E;
}

/** A translator for the page's text, or (`writing`) for the reader's own messages. */
export function settingsTranslator(deps: SettingsTranslatorDeps, use: "page" | "writing"): Translator {
  const { service, requestContext, said } = deps;
  // Its requests run in the manager, which a page kept in the back/forward cache may never hear from again.
  return keptPageTranslator(async function* (batch, opts) {
    const settings = await deps.load();
    const rules = rulesFor(settings, opts.targetLang, location.href);
    const scoped = { ...opts, ...(rules ? { rules } : {}), ...(use === "writing" ? { writing: true } : {}) };
    // What reaches the status card names no address and no model (the page can search its text with window.find).
    for await (const result of service.translate(settings, batch, scoped, requestContext)) {
      yield "error" in result ? { ...result, error: said(pageSafeError(result.error, settings)) } : result;
    }
  }, window);
}
