// The background's message handlers, one per protocol name. Each checks its request's shape; errors are returned
// as values (`Reply`), never thrown across the message boundary.
import { CONTENT_MESSAGES, PAGE_MESSAGES, type MessageName } from "../shared/messages";
import { ownAddress, type SenderKind } from "./sender";
import { contentConfigFor } from "./content-config";
import type { TranslationService } from "../connection/translation-service";
import { bad, ok, type HandlerMap } from "./handler-reply";
import { connectionHandlers } from "./connection-handlers";
import { tabHandlers } from "./tab-handlers";
import { contentHandlers } from "./content-handlers";
import { settingsHandlers } from "./settings-handlers";

/**
 * Said where the browser gives Gloss no storage for translations (IndexedDB refused: a profile that keeps no history,
 * a damaged one). Pages are translated all the same; "Something went wrong inside Gloss" would send the reader to
 * reload an extension that works.
 */
export const CACHE_UNAVAILABLE =
  "This browser does not let Gloss save translations, so none are kept for your next visit. Pages are still translated.";

export function createHandlers(service: TranslationService): HandlerMap {
  return {
    ...connectionHandlers,
    ...tabHandlers,
    ...contentHandlers(service),
    ...settingsHandlers,
    async translationCache(request) {
      try {
        if (request.clear === true) await service.clearCache();
        return ok({ entries: await service.cacheSize() });
      } catch (error) {
        console.warn("Gloss: the saved translations cannot be read", error);
        return bad(CACHE_UNAVAILABLE);
      }
    },
    async getContentConfig(request, sender) {
      if (typeof request.url !== "string") return bad("No page address given.");
      if (!ownAddress(request.url, sender.url)) return bad("That is not this page's address.");
      return ok(await contentConfigFor(service, request.url, request.waitForServer === true));
    },
  };
}

export type { HandlerMap };

export function allowed(name: MessageName, kind: SenderKind): boolean {
  return kind === "extension-page" ? PAGE_MESSAGES.has(name) : CONTENT_MESSAGES.has(name);
}
