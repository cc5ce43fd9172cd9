// A page and the frames it can read, translated as one: one engine per document (each works in its own document and
// window, as the page's own does), sharing one request pool, so that the tab never has more requests out than one
// engine would and the text in view goes first whichever document holds it. Counts, outcome and Show original cover
// them all; frames that come, navigate or go while the page is translated are followed.

import type { TranslateError } from "../../shared/translator";
import { documentOf, isElement, viewOf, bodyOf, htmlOf } from "../dom";
import { createPageTranslator } from "../page-translator";
import { RequestPool } from "../schedule/request-pool";
import type {
  BilingualStyle,
  DisplayMode,
  PageState,
  PageTranslator,
  PageTranslatorOptions,
  Progress,
  SiteRules,
  Summary,
} from "../types";
import { watchForEditor } from "./editor-watch";
import {
  frameDocuments,
  frameShowing,
  isFrame,
  isShown,
  MAX_FRAME_NESTING,
  shownFrameDocument,
  type LeftOut,
} from "./frame-documents";
import { leftOutFrames } from "./left-out-frame";
import { createShownWatch } from "./shown-watch";

export interface FramedPageOptions extends PageTranslatorOptions {
  /** The rules for a frame's document: its own site's, where `site` is the page's. */
  siteFor?(doc: Document): SiteRules | undefined;
}

/** A frame's engine, for the document and <body> it was made for (a page may write a new one into the frame). */
interface FrameEngine {
  engine: PageTranslator;
  body: HTMLElement | null;
  frame: Frame;
}

type Frame = HTMLIFrameElement | HTMLFrameElement;

/** The frames a node added or removed holds (itself, or below it). */
function framesOf(node: Node): Frame[] {
  if (isFrame(node)) return [node];
  if (!isElement(node) || node.firstElementChild === null) return [];
  return Array.from(node.querySelectorAll<Frame>("iframe, frame"));
}

export function createFramedPageTranslator(doc: Document, options: FramedPageOptions): PageTranslator {
  return new FramedPage(doc, options);
}

class FramedPage implements PageTranslator {
  readonly #doc: Document;
  readonly #opts: FramedPageOptions;
  readonly #pool = new RequestPool();
  readonly #top: PageTranslator;
  readonly #frames = new Map<Document, FrameEngine>();
  /** The document each frame's engine works in (or waits for: see #bodiless). */
  readonly #docOf = new Map<Frame, Document>();
  /**
   * Frames' documents without a <body> for now, with their frame: one the page emptied with document.open() and
   * writes again later (after a fetch, say), watched so that what it writes is translated.
   */
  readonly #bodiless = new Map<Document, Frame>();
  /** What changed since the last follow-up: frames added or loaded, frames' documents given a new <body>, removals. */
  readonly #changedFrames = new Set<Frame>();
  readonly #changedDocs = new Set<Document>();
  #framesGone = false;
  /** Frames hidden now, looked at again once the page shows them. */
  readonly #shown = createShownWatch((frame) => {
    this.#changedFrames.add(frame);
    this.#queueSync();
  });
  readonly #progress = new Map<PageTranslator, Progress>();
  /** Documents watched for frames that come, go or navigate, with how to stop watching each. */
  readonly #watched = new Map<Document, () => void>();
  /** The page is translated (translate() was asked, restore() was not). */
  #active = false;
  /**
   * Every engine stopped (the server down, or stop()): a frame that comes, navigates or is shown is not taken in
   * until the next translate(), as the page's own engine no longer takes in what the page adds.
   */
  #halted = false;
  /** Changes when an engine comes or goes: a wait for all of them to settle waits for the new set. */
  #generation = 0;
  #syncQueued = false;
  #failed = false;
  #limits: Pick<PageTranslatorOptions, "maxBatchChars" | "maxConcurrent"> = {};
  #displayMode: DisplayMode | undefined;
  #bilingualStyle: BilingualStyle | undefined;
  readonly #leftOut: LeftOut;

  constructor(doc: Document, options: FramedPageOptions) {
    this.#doc = doc;
    this.#opts = options;
    this.#leftOut = leftOutFrames(doc, options);
    this.#top = this.#create(doc, options.site);
  }

  #create(doc: Document, site: SiteRules | undefined): PageTranslator {
    const own: { engine?: PageTranslator } = {};
    const { siteFor: _siteFor, ...options } = this.#opts;
    const engine = createPageTranslator(doc, {
      ...options,
      ...this.#limits,
      ...(this.#displayMode ? { displayMode: this.#displayMode } : {}),
      ...(this.#bilingualStyle ? { bilingualStyle: this.#bilingualStyle } : {}),
      site,
      requestPool: this.#pool,
      onProgress: (p) => {
        if (!own.engine) return;
        this.#progress.set(own.engine, p);
        this.#report();
      },
      onError: (error) => this.#fatal(error),
    });
    own.engine = engine;
    return engine;
  }

  #engines(): PageTranslator[] {
    return [this.#top, ...[...this.#frames.values()].map((f) => f.engine)];
  }

  /** One progress for the page: every document's counts added up, the reasons of the one with most of them. */
  #report(): void {
    const all = [...this.#progress.values()];
    const failure = most(all, "failed")?.failure;
    const simplification = most(all, "simplified")?.simplification;
    const missedTerms = most(all, "unmet")?.missedTerms;
    this.#opts.onProgress?.({
      ...added(all, PROGRESS_COUNTS),
      ...(failure ? { failure } : {}),
      ...(simplification ? { simplification } : {}),
      ...(missedTerms ? { missedTerms } : {}),
    });
  }

  /** A fatal error (the server is down) is the page's: said once, and every document stops sending. */
  #fatal(error: TranslateError): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#opts.onError?.(error);
    this.stop();
  }

  get state(): PageState {
    const frames = [...this.#frames.values()].map((f) => f.engine.state);
    return frames.includes("translating") ? "translating" : this.#top.state;
  }

  get displayMode(): DisplayMode {
    return this.#top.displayMode;
  }

  get summary(): Summary {
    const all = this.#engines().map((e) => e.summary);
    const pageLang = all.find((s) => s.pageLang)?.pageLang;
    const error = all.find((s) => s.error)?.error;
    const failure = most(all, "failed")?.failure;
    return {
      ...added(all, SUMMARY_COUNTS),
      ...(pageLang ? { pageLang } : {}),
      ...(error ? { error } : {}),
      ...(failure ? { failure } : {}),
    };
  }

  translate(): Promise<Summary> {
    this.#active = true;
    this.#failed = false;
    this.#halted = false;
    const top = this.#top.translate();
    // Frames shown now: those translated before reuse their engines (and their translations), new ones get one.
    this.#sync(false);
    for (const [doc, frame] of this.#frames) {
      if (!guard(() => void frame.engine.translate())) this.#drop(doc);
    }
    return top.then(() => this.whenSettled());
  }

  translatePassage(range: Range): Promise<Summary> {
    // After an error stopped every document, the passage is sent again: an error then is news again.
    this.#failed = false;
    // The page's summary, as for translate(): a frame that went meanwhile no longer counts.
    return this.#passageEngine(documentOf(range.startContainer))
      .translatePassage(range)
      .then(() => this.whenSettled());
  }

  /**
   * The engine for a passage the reader picked in `doc`: a frame's own, made now when the page is not translated
   * yet, so that each document keeps one engine (a later Translate page goes on with it, Show original gives it all
   * back) rather than a second one writing over the first's text.
   */
  #passageEngine(doc: Document): PageTranslator {
    if (doc === this.#doc) return this.#top;
    // Made anew, too, for a document the page wrote again since (a webmail's preview frame, rewritten with
    // document.open() for each message opened): the engine made for its old <body> finds nothing in the new one.
    const frame = this.#frames.get(doc)?.frame ?? guarded(() => frameShowing(this.#doc, doc, this.#leftOut));
    if (!frame || !this.#ensure(doc, false, frame)) return this.#top;
    // Watched whether or not the page is translated: a passage's frame made a rich editor (a webmail reply quoting
    // the message) gets its original back too, before the reader edits and sends it; and the documents around it, so
    // that a frame removed or navigated takes its engine along rather than leave the page's run waiting on it.
    this.#watch(doc);
    for (const around of documentsAround(doc, this.#doc)) this.#watch(around);
    return this.#frames.get(doc)?.engine ?? this.#top;
  }

  #engineOf(node: Node): PageTranslator {
    return this.#frames.get(documentOf(node))?.engine ?? this.#top;
  }

  async whenSettled(): Promise<Summary> {
    for (;;) {
      const generation = this.#generation;
      await Promise.all(this.#engines().map((e) => e.whenSettled()));
      if (generation === this.#generation) return this.summary;
    }
  }

  restore(): void {
    this.#active = false;
    this.#unwatchAll();
    this.#top.restore();
    for (const { engine } of this.#frames.values()) guard(() => engine.restore());
    this.#progress.clear();
  }

  stop(): void {
    this.#halted = true;
    for (const engine of this.#engines()) guard(() => engine.stop());
  }

  setDisplayMode(mode: DisplayMode): void {
    this.#displayMode = mode;
    for (const engine of this.#engines()) guard(() => engine.setDisplayMode(mode));
  }

  setBilingualStyle(style: BilingualStyle): void {
    this.#bilingualStyle = style;
    for (const engine of this.#engines()) guard(() => engine.setBilingualStyle(style));
  }

  setLimits(limits: Pick<PageTranslatorOptions, "maxBatchChars" | "maxConcurrent">): void {
    this.#limits = { ...this.#limits, ...limits };
    for (const engine of this.#engines()) guard(() => engine.setLimits(limits));
  }

  newRoute(): void {
    for (const engine of this.#engines()) guard(() => engine.newRoute());
  }

  ownTranslationAt(node: Node): { original: string } | undefined {
    return this.#engineOf(node).ownTranslationAt(node);
  }

  /**
   * Bring the frame engines in line with the frames shown now (nested ones too): one for each readable document not
   * yet translated (a frame added, navigated, or given a new <body>), none for those gone; watch each document.
   */
  #sync(start: boolean): void {
    const seen = new Set<Document>();
    const visit = (doc: Document): void => {
      const { readable, hidden } = frameDocuments(doc, this.#leftOut);
      for (const { frame, doc: inner } of readable) {
        if (seen.has(inner) || inner === this.#doc) continue;
        seen.add(inner);
        if (this.#ensure(inner, start, frame)) visit(inner);
      }
      if (this.#active) for (const frame of hidden) guard(() => this.#shown.watch(frame));
    };
    visit(this.#doc);
    for (const [doc] of this.#tracked()) if (!seen.has(doc)) this.#drop(doc);
    if (!this.#active) return;
    this.#watch(this.#doc);
    for (const [doc] of this.#tracked()) this.#watch(doc);
    for (const doc of [...this.#watched.keys()]) {
      if (doc !== this.#doc && !this.#frames.has(doc) && !this.#bodiless.has(doc)) this.#unwatch(doc);
    }
  }

  /** The frame document's engine, made (and started when `start`) if it has none yet; false if it has none. */
  #ensure(doc: Document, start: boolean, frame: Frame): boolean {
    const body = guarded(() => bodyOf(doc));
    const known = this.#frames.get(doc);
    if (known && known.body === body && body !== undefined) return true;
    if (known) this.#drop(doc);
    if (body === null) this.#awaitBody(doc, frame);
    if (!body) return false;
    const engine = guarded(() =>
      this.#create(
        doc,
        guarded(() => this.#opts.siteFor?.(doc)),
      ),
    );
    if (!engine) return false;
    this.#bodiless.delete(doc);
    this.#frames.set(doc, { engine, body, frame });
    this.#docOf.set(frame, doc);
    this.#generation++;
    if (start && !guard(() => void engine.translate())) {
      this.#drop(doc);
      return false;
    }
    return true;
  }

  /** A frame's document emptied by document.open(): watched until the page writes it a <body>. */
  #awaitBody(doc: Document, frame: Frame): void {
    if (!this.#active) return;
    this.#bodiless.set(doc, frame);
    this.#docOf.set(frame, doc);
    this.#watch(doc);
  }

  /** Each frame document followed, with its frame: those with an engine, and those waiting for a <body>. */
  #tracked(): Array<[Document, Frame]> {
    return [...[...this.#frames].map(([doc, { frame }]): [Document, Frame] => [doc, frame]), ...this.#bodiless];
  }

  /** The frame went away (or holds another document now): its engine gives its document back and costs nothing. */
  #drop(doc: Document): void {
    const waiting = this.#bodiless.get(doc);
    if (waiting) {
      this.#bodiless.delete(doc);
      if (this.#docOf.get(waiting) === doc) this.#docOf.delete(waiting);
      this.#unwatch(doc);
    }
    const frame = this.#frames.get(doc);
    if (!frame) return;
    this.#frames.delete(doc);
    if (this.#docOf.get(frame.frame) === doc) this.#docOf.delete(frame.frame);
    this.#generation++;
    guard(() => frame.engine.restore());
    this.#progress.delete(frame.engine);
    this.#unwatch(doc);
    // Its own frames go with it.
    for (const [inner, innerFrame] of this.#tracked()) {
      if (guarded(() => innerFrame.ownerDocument) === doc) this.#drop(inner);
    }
    this.#report();
  }

  /**
   * Follow what changed since the last time, touching only the frames concerned: a page that adds its frames one at
   * a time (embedded posts as one scrolls, thousands of small ones) would otherwise have every frame looked at again
   * (its style, its box) for each one added, its cost growing with the square of their number.
   */
  #followChanges(): void {
    const frames = [...this.#changedFrames];
    const docs = [...this.#changedDocs];
    const gone = this.#framesGone;
    this.#changedFrames.clear();
    this.#changedDocs.clear();
    this.#framesGone = false;
    if (!this.#active || this.#halted) {
      // Only passages are translated, or every engine was stopped: no frame is taken in, but one that went or shows
      // another document is let go.
      if (gone || frames.length) this.#dropLeft();
      return;
    }
    if (gone) {
      this.#shown.prune();
      this.#dropLeft();
    }
    const seen = new Set<Document>();
    // A frame's document with a new <body>: its engine made anew for it.
    for (const doc of docs) {
      const frame = this.#frames.get(doc)?.frame ?? this.#bodiless.get(doc);
      if (frame) this.#follow(frame, seen);
    }
    for (const frame of frames) this.#follow(frame, seen);
  }

  /** Every engine whose frame is gone or shows another document now (navigated) gives its document back. */
  #dropLeft(): void {
    for (const [doc, frame] of this.#tracked()) {
      if (!guarded(() => frame.isConnected && frame.contentDocument === doc)) this.#drop(doc);
    }
  }

  /** One frame brought in line: the engine for the document it shows now (and its own frames'), none for the last. */
  #follow(frame: Frame, seen: Set<Document>): void {
    const shown = guarded(() => isShown(frame)) ?? false;
    const doc = (shown && guarded(() => (this.#leftOut(frame) ? undefined : shownFrameDocument(frame)))) || undefined;
    const before = this.#docOf.get(frame);
    if (before && before !== doc) this.#drop(before);
    if (!guarded(() => frame.isConnected)) return;
    // Hidden: translated once the page shows it.
    if (shown) this.#shown.forget(frame);
    else guard(() => this.#shown.watch(frame));
    if (!doc || doc === this.#doc || seen.has(doc)) return;
    seen.add(doc);
    if (!this.#ensure(doc, true, frame)) return;
    this.#watch(doc);
    const { readable = [], hidden = [] } = guarded(() => frameDocuments(doc, this.#leftOut)) ?? {};
    for (const { frame: innerFrame } of readable) this.#follow(innerFrame, seen);
    for (const innerFrame of hidden) guard(() => this.#shown.watch(innerFrame));
  }

  /** Frames added or removed in `doc`, a new <body> in it, and a frame of it that loads a document (navigates). */
  #watch(doc: Document): void {
    if (this.#watched.has(doc)) return;
    const stop = guarded(() => {
      const Observer = viewOf(doc)?.MutationObserver;
      if (!Observer) return undefined;
      const observer = new Observer((records) => {
        if (guarded(() => this.#note(doc, records))) this.#queueSync();
      });
      observer.observe(doc, { childList: true, subtree: true });
      // A frame's load event does not bubble: caught on the way down.
      const onLoad = (event: Event): void => {
        if (!isFrame(event.target as Node)) return;
        this.#changedFrames.add(event.target as Frame);
        this.#queueSync();
      };
      doc.addEventListener("load", onLoad, true);
      // A frame made a rich editor after it was translated gets its original back before the reader edits it.
      const stopEditor = doc === this.#doc ? undefined : watchForEditor(doc, () => this.#drop(doc));
      return () => {
        observer.disconnect();
        doc.removeEventListener("load", onLoad, true);
        stopEditor?.();
      };
    });
    if (stop) this.#watched.set(doc, stop);
  }

  /** Keeps what the records change for frames; true if there is anything to follow. */
  #note(doc: Document, records: MutationRecord[]): boolean {
    let any = false;
    for (const record of records) {
      if (record.target === doc || record.target === htmlOf(doc)) {
        this.#changedDocs.add(doc);
        any = true;
      }
      for (const node of Array.from(record.addedNodes)) {
        for (const frame of framesOf(node)) {
          this.#changedFrames.add(frame);
          any = true;
        }
      }
      if (Array.from(record.removedNodes).some((node) => framesOf(node).length)) any = this.#framesGone = true;
    }
    return any;
  }

  #unwatch(doc: Document): void {
    const stop = this.#watched.get(doc);
    this.#watched.delete(doc);
    if (stop) guard(stop);
  }

  #unwatchAll(): void {
    for (const doc of [...this.#watched.keys()]) this.#unwatch(doc);
    guard(() => this.#shown.stop());
  }

  /** Once per task's worth of changes: a page that builds a frame adds it, sets its source and fills it in steps. */
  #queueSync(): void {
    if (this.#syncQueued) return;
    this.#syncQueued = true;
    queueMicrotask(() => {
      this.#syncQueued = false;
      this.#followChanges();
    });
  }
}

const PROGRESS_COUNTS = ["total", "done", "simplified", "unmet", "failed", "skipped", "inFlight", "queued"] as const;
const SUMMARY_COUNTS = ["found", "translated", "simplified", "failed", "skipped"] as const;

/** Each of `keys` added up over every document's counts. */
function added<K extends string>(all: ReadonlyArray<Record<K, number>>, keys: readonly K[]): Record<K, number> {
  const sums = {} as Record<K, number>;
  for (const key of keys) sums[key] = all.reduce<number>((n, counts) => n + counts[key], 0);
  return sums;
}

/** The document with most of `key` (whose reasons stand for the page's), if any has one. */
function most<T extends Record<K, number>, K extends keyof T>(all: readonly T[], key: K): T | undefined {
  return all.reduce<T | undefined>((best, counts) => (counts[key] > (best?.[key] ?? 0) ? counts : best), undefined);
}

/** The documents that hold `doc`'s frame, up to `top`: where its removal or navigation shows. */
function documentsAround(doc: Document, top: Document): Document[] {
  const around: Document[] = [];
  let current: Document | undefined = doc;
  while (current && current !== top && around.length < MAX_FRAME_NESTING) {
    const holder: Document | undefined = guarded(() => viewOf(current!)?.frameElement?.ownerDocument ?? undefined);
    if (holder) around.push(holder);
    current = holder;
  }
  return around;
}

/** Runs what touches a frame's document, which is the page's to answer for: false when it threw. */
function guard(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
}

function guarded<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
