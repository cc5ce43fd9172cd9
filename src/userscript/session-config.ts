// What the page session needs to know before a run: target language, languages the user reads, and how much to
// send at once. Batch size and requests at once come from the server (as in the extension's background): what the
// translation service knows about it (stored after its first probe, so a later visit asks the server nothing),
// unless the settings override them.
import { batchCharsFor } from "../connection/capacity";
import type { SessionConfig } from "../session/page-session";
import { effectiveTargetLang, type Settings } from "../shared/settings";

/** Requests at once when the server does not say how many slots it has. The LLM client still keeps requests
 * within the slots it finds (llama-server's /props), so this only lets the page engine split work over two. */
const DEFAULT_CONCURRENT = 2;

type Capacity = { contextSize?: number; slots?: number };

export interface SessionConfigDeps {
  loadSettings(): Promise<Settings>;
  /** The server's context size and slots, where known (TranslationService.capacity). */
  capacity(settings: Settings): Promise<Capacity>;
  uiLanguage: string;
}

export function createSessionConfigSource(deps: SessionConfigDeps): () => Promise<SessionConfig> {
  return async () => {
    const settings = await deps.loadSettings();
    const overridden = settings.maxBatchChars > 0 && settings.maxConcurrent > 0;
    const capacity: Capacity = overridden ? {} : await deps.capacity(settings).catch(() => ({}));
    return {
      targetLang: effectiveTargetLang(settings, deps.uiLanguage),
      neverTranslate: settings.neverTranslate,
      maxBatchChars: settings.maxBatchChars || batchCharsFor(capacity.contextSize),
      maxConcurrent: settings.maxConcurrent || capacity.slots || DEFAULT_CONCURRENT,
    };
  };
}
