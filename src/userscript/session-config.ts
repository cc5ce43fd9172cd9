// What the page session needs to know before a run: target language, languages the user reads, and how much to
// send at once. Batch size and requests at once come from the server (as in the extension's background): what the
// translation service knows about it (stored after its first probe, so a later visit asks the server nothing),
// unless the settings override them. The run never waits for a probe: until the server has answered once, the
// session starts with defaults and takes the server's figures in later.
import { batchCharsFor } from "../connection/capacity";
import { translationScopeText } from "../connection/translation-scope";
import type { SessionConfig, SessionLimits } from "../session/page-session";
import { displayModeFor, effectiveTargetLang, type Settings } from "../shared/settings";
import { skipPartsFor } from "../shared/skip-parts";
import { rulesFor } from "../shared/translation-rules";

/** Requests at once when the server does not say how many slots it has. The LLM client still keeps requests
 * within the slots it finds (llama-server's /props), so this only lets the page engine split work over two. */
const DEFAULT_CONCURRENT = 2;

type Capacity = { contextSize?: number; slots?: number; model?: string };

export interface SessionConfigDeps {
  loadSettings(): Promise<Settings>;
  /** The server's context size and slots (TranslationService.capacity): what is known, or with `wait`, a probe's. */
  capacity(settings: Settings, wait?: boolean): Promise<Capacity>;
  uiLanguage: string;
  /** The page's site (siteOf): its display mode, or the default. */
  site?(): string;
  /** The page's address now (its glossary, instructions and parts left untranslated are the ones for it). */
  url?(): string;
}

/** The limits for a run into `targetLang` on the page at `url` (its prompt and its replies' room set the batch size:
 * connection/capacity.ts). */
function limitsFrom(settings: Settings, capacity: Capacity, targetLang: string, url: string): SessionLimits {
  return {
    maxBatchChars:
      settings.maxBatchChars || batchCharsFor(capacity.contextSize, targetLang, rulesFor(settings, targetLang, url)),
    maxConcurrent: settings.maxConcurrent || capacity.slots || DEFAULT_CONCURRENT,
  };
}

export function createSessionConfigSource(deps: SessionConfigDeps): () => Promise<SessionConfig> {
  return async () => {
    const settings = await deps.loadSettings();
    const targetLang = effectiveTargetLang(settings, deps.uiLanguage);
    const url = deps.url?.() ?? "";
    // Read even when the settings set the limits: the model the server runs is part of the translation scope.
    const known = await deps.capacity(settings).catch((): Capacity => ({}));
    const base = {
      targetLang,
      translationScope: translationScopeText(settings, targetLang, url, known.model),
      skipParts: skipPartsFor(settings.skipParts, url),
      neverTranslate: settings.neverTranslate,
      displayMode: displayModeFor(settings, deps.site?.() ?? ""),
      bilingualStyle: settings.bilingualStyle,
    };
    const overridden = settings.maxBatchChars > 0 && settings.maxConcurrent > 0;
    if (overridden) return { ...base, ...limitsFrom(settings, {}, targetLang, url) };
    if (known.slots !== undefined || known.contextSize !== undefined)
      return { ...base, ...limitsFrom(settings, known, targetLang, url) };
    // Asked by the session once its first request is out, so that the probe goes after that request.
    const serverLimits = async () =>
      limitsFrom(settings, await deps.capacity(settings, true).catch((): Capacity => ({})), targetLang, url);
    return { ...base, ...limitsFrom(settings, {}, targetLang, url), serverLimits };
  };
}
