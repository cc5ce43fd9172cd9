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

export class SessionEngine {
  current: PageTranslator | undefined;
  /** The <body> the engine works on: a site that swaps in a new one for each page (Turbo Drive) shows a new page. */
  body: HTMLElement | null = null;
  private key = "";
  /** The reader's parts left untranslated the engine collects without (see SessionConfig.skipParts). */
  private parts = "";
  /** Translations for the engine's key, kept across the pages such a site swaps in: a page shown again (Back) and
   * what its pages share (menus, footers) cost no request. */
  private translations: TranslationCache | undefined;

  constructor(
    private readonly doc: Document,
    private readonly deps: EngineDeps,
    private readonly links: SessionEngineLinks,
  ) {}

  /** The engine for a run with `config`, shown `look`'s way. */
  for(config: SessionConfig, look: EngineLook): PageTranslator {
    // Limits change while a page is open (the server answered); the languages and the scope decide what was
    // translated (the engine remembers its translations by source text).
    const key = JSON.stringify([config.targetLang, config.neverTranslate, config.translationScope ?? ""]);
    // What is collected: a new engine collects by new rules, with the translations kept (they are still right).
    const parts = JSON.stringify(config.skipParts ?? []);
    const engine = this.current;
    if (engine && key === this.key && parts === this.parts && this.body === bodyOf(this.doc)) {
      engine.setLimits({ maxBatchChars: config.maxBatchChars, maxConcurrent: config.maxConcurrent });
      engine.setDisplayMode(look.mode);
      engine.setBilingualStyle(look.style);
      return engine;
    }
    engine?.restore();
    if (key !== this.key || !this.translations) this.translations = createTranslationMemory();
    this.key = key;
    this.parts = parts;
    this.body = bodyOf(this.doc);
    this.links.beforeNew();
    const { translator, onProgress, onError } = this.links;
    const links = { translator, translations: this.translations, onProgress, onError };
    this.current = createFramedPageTranslator(this.doc, engineOptions(this.doc, this.deps, config, look, links));
    return this.current;
  }

  /** Lets the engine go with the page it worked on, which the site swapped out. */
  drop(): void {
    this.current = undefined;
    this.body = null;
  }
}
