// The session's page engine: a new one for another page (<body>), other languages or scope, or other parts the reader
// leaves untranslated; otherwise the same across runs, its limits and display brought up to date.
import {
  createFramedPageTranslator,
  createTranslationMemory,
  type PageTranslator,
  type Progress as EngineProgress,
  type TranslationCache,
} from "../core";
import type { TranslateError, Translator } from "../shared/translator";
import { engineOptions, type EngineDeps, type EngineLook } from "./engine-options";
import type { SessionConfig } from "./session-config";
import { bodyOf } from "../core/dom";

/** What the session gives each new engine, and does before making one. */
export interface SessionEngineLinks {
  translator: Translator;
  onProgress(p: EngineProgress): void;
  onError(e: TranslateError): void;
  /** A new engine is about to be made (the session follows the page it works on from then on). */
  beforeNew(): void;
}

/** The session's page engine (see the top of this file), made again when a run needs another. */
export interface SessionEngine {
  current: PageTranslator | undefined;
  /** The <body> the engine works on: a site that swaps in a new one for each page (Turbo Drive) shows a new page. */
  body: HTMLElement | null;
  /** The engine for a run with `config`, shown `look`'s way. */
  for(config: SessionConfig, look: EngineLook): PageTranslator;
  /** Lets the engine go with the page it worked on, which the site swapped out. */
  drop(): void;
}

/** What engines are made with, what the current one was made for, and the translations it keeps. */
interface Making {
  doc: Document;
  deps: EngineDeps;
  links: SessionEngineLinks;
  key: string;
  /** The reader's parts left untranslated the engine collects without (see SessionConfig.skipParts). */
  parts: string;
  /** Translations for the engine's key, kept across the pages such a site swaps in: a page shown again (Back) and
   * what its pages share (menus, footers) cost no request. */
  translations?: TranslationCache | undefined;
}

export function sessionEngine(doc: Document, deps: EngineDeps, links: SessionEngineLinks): SessionEngine {
  const making: Making = { doc, deps, links, key: "", parts: "" };
  const engines: SessionEngine = {
    current: undefined,
    body: null,
    for: (config, look) => engineFor(engines, making, config, look),
    drop() {
      engines.current = undefined;
      engines.body = null;
    },
  };
  return engines;
}

function engineFor(engines: SessionEngine, m: Making, config: SessionConfig, look: EngineLook): PageTranslator {
  const { doc, links } = m;
  // Limits change while a page is open (the server answered); the languages and the scope decide what was
  // translated (the engine remembers its translations by source text).
  const key = JSON.stringify([config.targetLang, config.neverTranslate, config.translationScope ?? ""]);
  // What is collected: a new engine collects by new rules, with the translations kept (they are still right).
  const parts = JSON.stringify(config.skipParts ?? []);
  const engine = engines.current;
  if (engine && key === m.key && parts === m.parts && engines.body === bodyOf(doc)) {
    engine.setLimits({ maxBatchChars: config.maxBatchChars, maxConcurrent: config.maxConcurrent });
    engine.setDisplayMode(look.mode);
    engine.setBilingualStyle(look.style);
    return engine;
  }
  engine?.restore();
  if (key !== m.key || !m.translations) m.translations = createTranslationMemory();
  m.key = key;
  m.parts = parts;
  engines.body = bodyOf(doc);
  links.beforeNew();
  const { translator, onProgress, onError } = links;
  const options = engineOptions(doc, m.deps, config, look, {
    translator,
    translations: m.translations,
    onProgress,
    onError,
  });
  return (engines.current = createFramedPageTranslator(doc, options));
}
