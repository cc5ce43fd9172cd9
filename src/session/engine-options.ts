// How the session's page engine is made for a run's settings: its languages and limits, the site's rules with the
// reader's parts left untranslated, the display, and the platform's language detection and closed shadow roots.
import type {
  BilingualStyle,
  DisplayMode,
  FramedPageOptions,
  Progress as EngineProgress,
  TranslationCache,
} from "../core";
import type { Segment, TranslateError, Translator } from "../shared/translator";
import { documentRules } from "../sites/skipped-parts";
import type { SessionConfig } from "./session-config";

/** What the platform gives the engine (see PageSessionDeps). */
export interface EngineDeps {
  detectLang?(text: string): Promise<string | undefined>;
  getShadowRoot?(element: Element): ShadowRoot | null;
  onUnitRejected?(segment: Segment, targetLang: string): void;
}

/** How translations are shown: the run's settings, else what the reader last chose here, else the defaults. */
export interface EngineLook {
  mode: DisplayMode;
  style: BilingualStyle;
}

/** What the session hands a new engine, and hears from it. */
export interface EngineLinks {
  translator: Translator;
  translations: TranslationCache;
  onProgress(p: EngineProgress): void;
  onError(e: TranslateError): void;
}

export function engineOptions(
  doc: Document,
  deps: EngineDeps,
  config: SessionConfig,
  look: EngineLook,
  links: EngineLinks,
): FramedPageOptions {
  const detect = deps.detectLang;
  return {
    translator: links.translator,
    translations: links.translations,
    targetLang: config.targetLang,
    readLangs: config.neverTranslate,
    maxBatchChars: config.maxBatchChars,
    maxConcurrent: config.maxConcurrent,
    // One request waits in the server client's queue (its limiter holds it to the server's slots), so a slot
    // that frees starts its next request without a round trip through the page (bench/page.ts: slots busy).
    requestsAhead: 1,
    // Its first words come sooner when its prompt is not queued behind the others' (bench/page.ts, first words).
    firstAlone: true,
    displayMode: look.mode,
    bilingualStyle: look.style,
    ...documentRules(doc, config.skipParts),
    ...(deps.getShadowRoot ? { getShadowRoot: deps.getShadowRoot } : {}),
    // Text in a language the user reads is left alone like the target's; the page's language stays what it is,
    // so the notice, the lookup card and replies name it.
    ...(detect ? { detectLang: detect } : {}),
    onProgress: links.onProgress,
    onError: links.onError,
    onUnitRejected: (segment: Segment) => deps.onUnitRejected?.(segment, config.targetLang),
  };
}
