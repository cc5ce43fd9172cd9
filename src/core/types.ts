// Public types of the page engine.

import type { BilingualStyle } from "../shared/bilingual-styles";
import type { Segment, TranslateError, Translator } from "../shared/translator";
import type { SiteRules } from "./collect/rules";
import type { TranslationCache } from "./bounded-map";
import type { DisplayMode } from "./display/display-writer";
import type { RequestPool } from "./schedule/request-pool";

export type { BilingualStyle, DisplayMode, SiteRules };

export interface PageTranslatorOptions {
  translator: Translator;
  /** BCP 47 tag of the language to translate into. */
  targetLang: string;
  /** Languages the reader reads besides the target ("never translate"): text marked or detected as one of them
   * stays as it is, like text in the target language. */
  readLangs?: readonly string[];
  /** BCP 47 tag of the page's language when known (passed on to the translator). */
  sourceLang?: string;
  /** Upper bound of compact-HTML characters per request (a single larger unit is sent alone). Default 1500. */
  maxBatchChars?: number;
  /** Upper bound of segments per request. Default 16. */
  maxBatchSegments?: number;
  /** Requests in flight at once (the server's slots). Default 2. */
  maxConcurrent?: number;
  /** Requests sent beyond maxConcurrent, to wait in the translator's own queue, so that a slot that frees starts
   * its next request at once instead of after a round trip through the page. Default 0. */
  requestsAhead?: number;
  /** A session's first request goes alone until its first reply comes: on a server whose slots share one machine
   * (llama-server on one CPU or GPU), the others' prompts would hold its first words back. Default false. */
  firstAlone?: boolean;
  /** Shared with the engines of the page's other documents (its frames): requests in flight count for the whole tab,
   * and a free slot goes to the job in view whichever document holds it. */
  requestPool?: RequestPool;
  /** Visible units first, then those near the viewport, then the rest. Default: true where IntersectionObserver exists. */
  lazy?: boolean;
  /** Translate content that appears or changes after translate() while the session is active. Default true. */
  observeMutations?: boolean;
  /** Language of a plain text, e.g. from `i18n.detectLanguage`; units already in the target language are skipped. */
  detectLang?(text: string): Promise<string | undefined>;
  onProgress?(progress: Progress): void;
  /** Called once for a fatal error (see isFatalError): the session then stops sending and translate() resolves. */
  onError?(error: TranslateError): void;
  /** A reply the engine rejected (lost a placeholder, empty): e.g. evict it from a translation cache. */
  onUnitRejected?(segment: Segment, reason: string): void;
  /** Per-site selectors: never translate `exclude`, and when `include` is given translate only inside it. */
  site?: SiteRules;
  /** Replace the original (default), or show the translation after it (bilingual view). */
  displayMode?: DisplayMode;
  /** How the translation after the original looks in the bilingual view (default: quiet). */
  bilingualStyle?: BilingualStyle;
  /** Reach closed shadow roots (e.g. chrome.dom.openOrClosedShadowRoot). Default: `el.shadowRoot`. */
  getShadowRoot?(el: Element): ShadowRoot | null;
  /** Translations by source HTML kept beyond this engine (createTranslationMemory): a site that swaps in a new
   * <body> per page gets an engine per page, and a page shown again costs no request. Default: the engine's own. */
  translations?: TranslationCache;
}

export interface Progress {
  /** Units that need translating (found minus skipped). */
  total: number;
  /** Units translated and written. */
  done: number;
  /** Of those, written with simplified formatting (the model could not keep their markup). */
  simplified: number;
  /** Of those, written from a reply that does not follow the reader's glossary (used all the same). */
  unmet: number;
  failed: number;
  /** Units already in the target language. */
  skipped: number;
  /** Requests in flight. */
  inFlight: number;
  /** Units waiting for a request. */
  queued: number;
  /** Why the failed ones stay in the original: the most frequent error among them. */
  failure?: TranslateError;
  /** Why the simplified ones lost their formatting: the most frequent error among them. */
  simplification?: TranslateError;
  /** The glossary terms the unmet ones do not follow, the most often missed first. */
  missedTerms?: string[];
}

export interface Summary {
  /** Translation units found (content and attributes), including skipped ones. */
  found: number;
  translated: number;
  /** Of the translated, those shown with simplified formatting. */
  simplified: number;
  failed: number;
  /** Already in the target language (detected, or inside an element whose `lang` is the target language). */
  skipped: number;
  /** Language detected on a sample of the page's text, when `detectLang` is given. */
  pageLang?: string;
  /** The fatal error that stopped the session, if any. */
  error?: TranslateError;
  /** Why the failed units stay in the original: the most frequent error among them. */
  failure?: TranslateError;
}

export type PageState = "idle" | "translating" | "translated" | "stopped" | "restored";

export interface PageTranslator {
  /** Translate the page; resolves when everything queued so far is done or failed. Again after restore(): re-uses
   * this session's translations, so showing the translation again is instant and costs no requests. */
  translate(): Promise<Summary>;
  /** Translate just the passages `range` touches, ahead of anything queued (no page collection when none runs);
   * translate() later adds the rest of the page. restore() puts them back too. */
  translatePassage(range: Range): Promise<Summary>;
  /** Show the original: the same nodes, byte-identical HTML. Also aborts in-flight work and stops observing. */
  restore(): void;
  /** How translations are shown; changing it redraws what is translated from kept translations, without a request. */
  setDisplayMode(mode: DisplayMode): void;
  readonly displayMode: DisplayMode;
  /** How bilingual copies look: those shown now are restyled in place, without a request or a redraw. */
  setBilingualStyle(style: BilingualStyle): void;
  /** Abort in-flight work and stop observing; what was written stays. translate() resumes. */
  stop(): void;
  /**
   * The page went to another route without loading a page (a single-page site's navigation): the changes it made to
   * translated content so far were the reader's navigation, not a ticker's churn (see watch/churn-guard.ts).
   */
  newRoute(): void;
  /** New batch size or requests at once (e.g. once the server said how many slots it has); takes effect at once. */
  setLimits(limits: Pick<PageTranslatorOptions, "maxBatchChars" | "maxConcurrent">): void;
  readonly state: PageState;
  /** Counts so far. */
  readonly summary: Summary;
  /** Resolves when nothing is queued, in flight, waiting to be written or waiting to be collected. */
  whenSettled(): Promise<Summary>;
  /**
   * Whether `node` lies in a translation Gloss wrote (in place, or a bilingual copy), with the plain original text of
   * its passage ("" when not known); undefined for the page's own text.
   */
  ownTranslationAt(node: Node): { original: string } | undefined;
}
