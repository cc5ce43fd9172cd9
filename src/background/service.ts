// The background's one translation service (server engines, their facts, the translation cache), shared by the
// message handlers, the translation ports and a press that starts a page.
import { createTranslationService } from "../connection/translation-service";
import { serverFactsStore } from "./server-facts";
import { openTranslationCache } from "./translation-cache";

export const service = createTranslationService(serverFactsStore, openTranslationCache());
