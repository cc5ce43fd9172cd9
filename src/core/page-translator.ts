// The page engine's controller: collect → queue → translator → decode → write, and back with restore().
// Everything the page sees goes through apply/merge; everything the translator sees is compact HTML.
// This file owns the session's lifecycle (translate, stop, restore) and wires the parts that do the work: the unit
// registry, request dispatch and reply handling, batched writes, page changes, language and progress.

import type { BilingualStyle } from "../shared/bilingual-styles";
import type { TranslateError } from "../shared/translator";
import { StyleCache } from "./collect/display";
import { collectPassage } from "./collect/passage";
import { isCopySnapshot, isOwnCopy } from "./display/bilingual";
import { type DisplayMode, DisplayWriter } from "./display/display-writer";
import { isDocument, windowOf, shadowOf, bodyOf, htmlOf } from "./dom";
import { BoundedMap, type TranslationCache } from "./bounded-map";
import { ChurnGuard } from "./watch/churn-guard";
import { DerivedLabels } from "./write/derived-labels";
import { MutationWatcher } from "./watch/mutations";
import { OwnOutput } from "./write/own-output";
import { CopiedMarks } from "./write/copied-marks";
import { copiedAttribute, copiedContent, copiedOriginal } from "./write/copied-output";
import { PageChanges } from "./watch/page-changes";
import { PageLanguage } from "./collect/page-language";
import { attributeIntact, contentIntact } from "./write/apply";
import { PageWrites } from "./write/page-writes";
import { PendingRegions } from "./watch/pending-regions";
import { ProgressReporter, Settling, summaryOf } from "./progress";
import { ReplyHandler } from "./write/reply-handling";
import { RequestDispatcher } from "./schedule/request-dispatch";
import { compileSelector, Rules } from "./collect/rules";
import { MainContent } from "./schedule/main-content";
import { StagedCollection } from "./schedule/staged-collect";
import { type Priority, PRIORITY_VISIBLE } from "./schedule/scheduler";
import { type Session, startSession } from "./session";
import type { PageState, PageTranslator, PageTranslatorOptions, Summary } from "./types";
import { UnitIntake } from "./collect/unit-intake";
import { UnitRegistry } from "./unit-registry";
import { type AttributeUnit, Counters, type Unit } from "./units";
import { Visibility } from "./schedule/visibility";
import { TaskClock } from "./schedule/task-clock";

/** The session's translations kept by source HTML: a few long pages' worth. */
const CACHE_ENTRIES = 5000;
const CACHE_CHARS = 4_000_000;

/** How long the first dispatch waits for the IntersectionObservers' first report when no box could be measured. */
const VISIBILITY_WAIT_MS = 100;

export function createPageTranslator(root: Document | Element, options: PageTranslatorOptions): PageTranslator {
  return new Engine(root, options);
}

/** Translations kept by source HTML for engines to share (see PageTranslatorOptions.translations). */
export function createTranslationMemory(): TranslationCache {
  return new BoundedMap<string>(CACHE_ENTRIES, CACHE_CHARS, (key, value) => key.length + value.length);
}

class Engine implements PageTranslator {
  readonly #opts: PageTranslatorOptions;
  readonly #root: Element;
  readonly #win: Window & typeof globalThis;
  readonly #counters = new Counters();
  /** Translations of this page load, by source HTML: showing the translation again costs no request. Bounded: a
   * page that keeps adding content must not grow it forever. */
  readonly #cache: TranslationCache;
  readonly #output = new OwnOutput();
  readonly #copiedMarks: CopiedMarks;
  readonly #churn = new ChurnGuard();
  readonly #watcher: MutationWatcher;
  readonly #units: UnitRegistry;
  readonly #language: PageLanguage;
  readonly #requests: RequestDispatcher;
  readonly #replies: ReplyHandler;
  readonly #writes: PageWrites;
  readonly #display: DisplayWriter;
  readonly #intake: UnitIntake;
  readonly #labels: DerivedLabels;
  readonly #regions: PendingRegions;
  readonly #changes: PageChanges;
  readonly #reporter: ProgressReporter;
  readonly #settling: Settling;
  readonly #doc: Document;
  readonly #clock: TaskClock;
  #state: PageState = "idle";
  #session: Session | null = null;
  #visibility: Visibility | null = null;
  #main: MainContent | null = null;
  /** Some unit's box could be measured: priorities are known without waiting for the observers. */
  #measured = false;
  /** The session translates only passages the reader picked (translatePassage), not the page. */
  #passagesOnly = false;

  constructor(root: Document | Element, options: PageTranslatorOptions) {
    this.#opts = options;
    this.#cache = options.translations ?? createTranslationMemory();
    const doc = (this.#doc = isDocument(root) ? root : (root.ownerDocument as Document));
    this.#root = isDocument(root) ? (bodyOf(root) ?? htmlOf(root)) : root;
    const win = (this.#win = windowOf(doc));
    const clock = (this.#clock = new TaskClock(win));
    const copiedMark = (el: Element): boolean => this.#copiedMarks.adopt(el);
    const rules = new Rules(doc, options.targetLang, options.site, options.readLangs, copiedMark);
    const getShadowRoot = options.getShadowRoot ?? shadowOf;
    const session = (): Session | null => this.#session;
    const progress = (): void => this.#progress();
    const checkIdle = (): void => this.#checkIdle();
    const priorityOf = (unit: Unit): Priority => this.#visibility?.priorityOf(unit.anchor) ?? PRIORITY_VISIBLE;
    // Bilingual copies are Gloss's own output: never collected.
    const isOwnText = (text: string): boolean => this.#output.isProduced(text);
    this.#copiedMarks = new CopiedMarks(options.targetLang, isOwnText, getShadowRoot);
    const isIgnored = (node: Node): boolean =>
      this.#churn.isIgnored(node) || isOwnCopy(node) || this.#copiedMarks.isCopy(node);
    const afterBatch = (): void => {
      this.#regions.process();
      progress();
      checkIdle();
    };

    this.#watcher = new MutationWatcher(win, (...batch) => this.#changes.onRecords(...batch), getShadowRoot);
    this.#units = new UnitRegistry(this.#root, this.#counters, {
      idle: (anchor) => this.#visibility?.unobserve(anchor),
      busy: (unit) => this.#watch(unit),
    });
    const limit = (ms: number, fn: () => void): (() => void) => {
      const timer = win.setTimeout(fn, ms);
      return () => win.clearTimeout(timer);
    };
    this.#language = new PageLanguage(
      options,
      session,
      clock,
      limit,
      { items: compileSelector(options.site?.items, doc), quotes: compileSelector(options.site?.quotes, doc) },
      () => this.#checkIdle(),
    );
    this.#requests = new RequestDispatcher({
      opts: options,
      cache: this.#cache,
      units: this.#units,
      session,
      priorityOf,
      language: this.#language,
      delay: (ms) => new Promise((resolve) => win.setTimeout(resolve, ms)),
      nextTask: () => clock.nextTask(),
      now: () => clock.now(),
      accept: (job, html, unmet) => this.#replies.accept(job, html, unmet),
      intact: (unit) => (unit.kind === "content" ? contentIntact(unit) : attributeIntact(unit)),
      changed: (unit) => {
        this.#changes.sourceChanged(unit);
        this.#regions.process();
      },
      onResult: (s, job, result) => this.#replies.onResult(s, job, result),
      sent: () => this.#replies.getReady(),
      writeImminent: () => this.#writes.imminent,
      progress,
      checkIdle,
      skipped: (unit) => this.#watcher.ownWrites(() => this.#display.skipped(unit)),
    });
    this.#display = new DisplayWriter(
      {
        targetLang: options.targetLang,
        hooks: (unit) => this.#output.hooksFor(unit.encoded.texts, unit.sourceTexts),
        claim: (node, unit) => this.#units.claim(node, unit),
        claimOf: (node) => this.#units.claimOf(node),
        find: (node) => this.#units.find(node),
        isOwnText,
      },
      options.displayMode,
      options.bilingualStyle,
    );
    this.#replies = new ReplyHandler({
      win,
      clock,
      opts: options,
      cache: this.#cache,
      units: this.#units,
      requests: this.#requests,
      output: this.#output,
      display: this.#display,
      priorityOf,
      write: (unit, apply) => this.#writes.queue(unit, apply),
      fatal: (s, error) => this.#fatal(s, error),
    });
    this.#writes = new PageWrites({
      clock,
      watcher: this.#watcher,
      units: this.#units,
      sourceChanged: (unit) => this.#changes.sourceChanged(unit),
      isOwnText: (text) => this.#output.isProduced(text),
      fail: (unit, error) => this.#requests.fail(unit, error),
      afterWrites: afterBatch,
    });
    this.#intake = new UnitIntake({
      rules,
      getShadowRoot,
      counters: this.#counters,
      units: this.#units,
      output: this.#output,
      copied: (unit) => this.#copied(unit),
      isIgnored,
      isAttributeIgnored: (el, name) => this.#churn.isAttributeIgnored(el, name),
      leaveAlone: (spec) => this.#changes.leaveAlone(spec),
      observeShadowRoot: (shadow) => this.#watcher.observe(shadow),
      expectShadowRoot: (host) => this.#watcher.expectRoot(host),
      maxUnitChars: () => this.#requests.maxChars,
      session,
      observe: (unit) => this.#watch(unit),
      mainCheck: () => this.#main?.check() ?? (() => false),
      enqueue: (unit, fresh) => this.#enqueue(unit, fresh),
      foundMore: () => {
        if (this.#state === "translated") this.#state = "translating";
      },
      progress,
    });
    this.#labels = new DerivedLabels({
      rules,
      units: this.#units,
      canResolve: () => {
        const s = this.#session;
        return !!s && !s.stopped && !s.collecting && !this.#regions.pending;
      },
      inPlace: () => this.#display.mode !== "bilingual",
      write: (unit, value) =>
        this.#writes.queue(unit, () => {
          if (value === null) this.#display.keepAttribute(unit);
          else this.#showLabel(unit, value);
        }),
      show: (unit, value) => this.#showLabel(unit, value),
      send: (unit) => {
        this.#send(unit, true);
        void this.#requests.pump();
      },
    });
    this.#regions = new PendingRegions({
      root: this.#root,
      win,
      rules,
      getShadowRoot,
      isIgnored,
      takeCopies: (node) => this.#watcher.ownWrites(() => this.#copiedMarks.takeOut(node)),
      session,
      intake: this.#intake,
      pump: () => void this.#requests.pump(),
    });
    this.#changes = new PageChanges({
      root: this.#root,
      win,
      session,
      units: this.#units,
      output: this.#output,
      churn: this.#churn,
      regions: this.#regions,
      watcher: this.#watcher,
      drop: (unit) => this.#requests.drop(unit),
      keepDate: (time) => rules.keepDate(time),
      skippedTextChanged: (unit) => this.#display.skippedTextChanged(unit),
      afterChanges: afterBatch,
    });
    this.#reporter = new ProgressReporter(() => this.#units.all(), this.#counters, options);
    this.#settling = new Settling(
      () => this.#busy(),
      () => {
        if (this.#state === "translating") this.#state = "translated";
        return this.summary;
      },
    );
  }

  get state(): PageState {
    return this.#state;
  }

  get summary(): Summary {
    return summaryOf(this.#counters, this.#units.all(), this.#language.pageLang, this.#session?.error);
  }

  translate(): Promise<Summary> {
    const settled = this.whenSettled();
    if (this.#session && !this.#session.stopped && this.#passagesOnly) {
      // Passages were translated on their own: now the rest of the page, in the same session.
      this.#passagesOnly = false;
      this.#state = "translating";
      this.#visibility?.disconnect();
      const visibility = this.#watchVisibility();
      if (this.#opts.observeMutations ?? true) this.#watcher.start(this.#root);
      this.#collect(this.#session, visibility, this.#main ?? new MainContent(this.#doc, this.#opts.site?.main));
      this.#progress();
      return settled;
    }
    if (this.#session && !this.#session.stopped) {
      // Already running: retry what failed.
      for (const u of this.#units.all()) if (u.state === "failed") this.#enqueue(u, true);
      this.#state = "translating";
      void this.#requests.pump();
      this.#checkIdle();
      return settled;
    }
    const session = startSession();
    this.#session = session;
    this.#state = "translating";
    const visibility = this.#watchVisibility();
    if (this.#opts.observeMutations ?? true) this.#watcher.start(this.#root);

    // Units left from a stopped session go back in the queue; everything else is collected afresh, the main
    // content in view first: the first request leaves as soon as that is queued, the rest follows in slices.
    this.#requests.restart();
    const main = (this.#main = new MainContent(this.#doc, this.#opts.site?.main));
    this.#measured = false;
    // Queued again, each is watched again (UnitRegistry tells #watch).
    for (const u of this.#units.all()) if (u.state === "waiting" || u.state === "failed") this.#enqueue(u, true);
    this.#collect(session, visibility, main);
    this.#progress();
    return settled;
  }

  #watchVisibility(): Visibility {
    const visibility = new Visibility(
      this.#win,
      this.#opts.lazy ?? true,
      (el, p) => this.#requests.reprioritise(el, p),
      (anchors) => this.#requests.opened(anchors),
    );
    this.#visibility = visibility;
    return visibility;
  }

  /** Watch where the unit's anchor is, measured now where its box tells (then the first request need not wait). */
  #watch(unit: Unit): void {
    this.#visibility?.observeUnit(unit);
    if (this.#visibility?.seed(unit.anchor)) this.#measured = true;
  }

  translatePassage(range: Range): Promise<Summary> {
    const settled = this.whenSettled();
    let session = this.#session;
    if (!session || session.stopped) {
      // Only what the reader picked: no page collection, no watching the page.
      session = startSession();
      session.starting = false;
      this.#session = session;
      this.#passagesOnly = true;
      this.#requests.restart();
      this.#main = new MainContent(this.#doc, this.#opts.site?.main);
    }
    this.#state = "translating";
    const result = collectPassage(range, this.#root, this.#intake.hooks(new StyleCache(this.#win)));
    this.#intake.register(result);
    const touched = [...this.#units.all()].filter(
      (unit) =>
        unit.kind === "content" &&
        (unit.spec.root ? [unit.spec.root] : unit.spec.nodes).some((n) => range.intersectsNode(n)),
    );
    // Asked for again, a passage that failed, or that an error (the server down) stopped before it was sent, is sent
    // again: collected before, it would otherwise be counted as found and not translated, "already in English".
    for (const unit of touched) if (unit.state === "failed" || unit.state === "waiting") this.#enqueue(unit, true);
    // The passage jumps the queue (a page translation may be under way): each goes to the front, the last first, so
    // they leave in reading order.
    for (const unit of touched.reverse()) this.#requests.first(unit);
    void this.#requests.pump();
    this.#progress();
    this.#checkIdle();
    return settled;
  }

  /** Collect the page in stages (schedule/staged-collect.ts): the first request leaves after the first one. */
  #collect(session: Session, visibility: Visibility, main: MainContent): void {
    const styles = new StyleCache(this.#win);
    const current = (): boolean => this.#session === session && !session.stopped;
    let sampled = false;
    const samplePage = (collected = false): void => {
      if (sampled || !current()) return;
      sampled = this.#language.detectPage(session, this.#units.all(), () => this.#checkIdle(), collected);
    };
    session.collecting = true;
    new StagedCollection({
      root: this.#root,
      win: this.#win,
      clock: this.#clock,
      main,
      styles,
      hooks: () => this.#intake.hooks(styles),
      register: (result) => this.#intake.register(result),
      writeImminent: () => this.#writes.imminent,
      afterStage: (first) => {
        if (first) this.#begin(session, visibility);
        else void this.#requests.pump();
        samplePage();
      },
      current,
      finished: () => {
        session.collecting = false;
        samplePage(true);
        this.#progress();
        this.#checkIdle();
      },
    }).start();
  }

  /** The first requests: at once when the boxes in view could be measured, else after the observers' first report. */
  #begin(session: Session, visibility: Visibility): void {
    const go = (): void => {
      session.starting = false;
      void this.#requests.pump();
      this.#checkIdle();
    };
    if (this.#measured || !visibility.enabled) go();
    else void visibility.ready(VISIBILITY_WAIT_MS).then(go);
  }

  /** Queue a unit's request; its language is detected meanwhile (see PageLanguage). A label that repeats content
   * waits for the content's translation instead (write/derived-labels.ts). */
  #enqueue(unit: Unit, fresh: boolean): void {
    if (unit.kind === "attribute" && unit.from) {
      this.#labels.wait(unit);
      return;
    }
    if (unit.kind === "content") this.#labels.noteContent(unit);
    this.#send(unit, fresh);
  }

  #send(unit: Unit, fresh: boolean): void {
    this.#requests.enqueue(unit, fresh);
    const session = this.#session;
    if (session && unit.state === "queued") {
      this.#language.prefetch(
        session,
        unit,
        (u) => this.#requests.skip(u),
        (u) => this.#judgeAgain(u),
      );
    }
  }

  /** A unit skipped as in a language the reader reads goes back to be judged afresh (and translated, unless it is). */
  #judgeAgain(unit: Unit): void {
    if (unit.kind === "content" && unit.targetItself) {
      this.#watcher.ownWrites(() => this.#display.skippedTextChanged(unit));
    }
    unit.targetItself = false;
    unit.detected = false;
    if (this.#state === "translated") this.#state = "translating";
    this.#send(unit, true);
    void this.#requests.pump();
  }

  setLimits(limits: Pick<PageTranslatorOptions, "maxBatchChars" | "maxConcurrent">): void {
    this.#requests.setLimits(limits);
  }

  get displayMode(): DisplayMode {
    return this.#display.mode;
  }

  /** Show what is translated in `mode` from the translations kept (no request); later writes follow it. */
  setDisplayMode(mode: DisplayMode): void {
    if (mode === this.#display.mode) return;
    // Pending writes take the page's last changes first; then the redraw is ours, not a page change. The units they
    // write are redrawn with the rest: taken before them, they stayed in the old view.
    this.#writes.flush();
    this.#watcher.flush();
    const written = [...this.#units.all()].filter((u) => u.state === "applied");
    let changed: Unit[] = [];
    this.#watcher.ownWrites(() => {
      changed = this.#display.redraw(written, mode);
      this.#labels.rederive(written);
    });
    for (const unit of changed) this.#changes.sourceChanged(unit, true);
    if (changed.length) this.#regions.process();
  }

  /** Give bilingual copies the look `style`: those shown now, in place, and those written later. */
  setBilingualStyle(style: BilingualStyle): void {
    const written = [...this.#units.all()].filter((u) => u.state === "applied");
    this.#watcher.ownWrites(() => this.#display.restyle(written, style));
  }

  stop(): void {
    const session = this.#session;
    if (!session || session.stopped) return;
    this.#halt(session);
    this.#state = "stopped";
    this.#progress();
    this.#checkIdle();
  }

  newRoute(): void {
    this.#churn.forgetChanges();
  }

  restore(): void {
    const session = this.#session;
    // Take in the page's last changes first, so restoring does not undo them.
    if (session && !session.stopped) this.#watcher.flush();
    if (session && !session.stopped) {
      session.stopped = true;
      session.controller.abort();
    }
    this.#watcher.stop();
    this.#visibility?.disconnect();
    this.#visibility = null;
    this.#writes.discard();
    this.#requests.clear();
    this.#regions.clear();
    this.#writes.undoAll();
    this.#copiedMarks.undoAll(this.#root);

    const summary = this.summary;
    this.#requests.reset();
    this.#units.clear();
    this.#labels.clear();
    this.#output.forgetNodes();
    this.#churn.clear();
    this.#counters.reset();
    this.#session = null;
    this.#passagesOnly = false;
    this.#state = "restored";
    this.#reporter.reset();
    this.#settling.resolve(summary);
  }

  ownTranslationAt(node: Node): { original: string } | undefined {
    const unit = this.#units.find(node);
    if (!unit || unit === "passive" || unit.kind !== "content" || !unit.snapshot) {
      return isOwnCopy(node) ? { original: "" } : undefined;
    }
    // In bilingual view the page's own text beside its copy belongs to the unit too: that is not Gloss's.
    if (isCopySnapshot(unit.snapshot) !== isOwnCopy(node)) return undefined;
    return { original: copiedOriginal(unit.snapshot) ?? unit.encoded.text };
  }

  whenSettled(): Promise<Summary> {
    return this.#settling.whenSettled();
  }

  #fatal(session: Session, error: TranslateError): void {
    if (session.error) return;
    session.error = error;
    this.#opts.onError?.(error);
    this.#halt(session);
    this.#state = "stopped";
  }

  /** Stop sending: abort requests, unqueue everything, write what already arrived, stop observing. */
  #halt(session: Session): void {
    // Take in the page's last changes while the session still handles them (as restore() does); once stopped,
    // they would be dropped unseen, and a later restore() would undo them.
    this.#watcher.flush();
    session.stopped = true;
    session.controller.abort();
    this.#requests.clear();
    this.#writes.flush();
    // Whatever is still queued or in flight stays original and waits for the next translate().
    for (const unit of this.#units.all()) {
      if (unit.state === "queued" || unit.state === "sending") this.#requests.park(unit);
    }
    this.#watcher.stop();
    this.#visibility?.disconnect();
  }

  /** A unit the page made from our words: undone on Show original to the page's words they replaced. */
  #copied(unit: Unit): void {
    const originalOf = (text: string): string | undefined => this.#output.originalOf(text);
    if (unit.kind === "content") unit.snapshot = copiedContent(unit, originalOf);
    else unit.snapshot = copiedAttribute(unit, originalOf);
    this.#writes.adopt(unit);
  }

  /** A label derived from its content's translation (write/derived-labels.ts), written in place. */
  #showLabel(unit: AttributeUnit, value: string): void {
    this.#display.attribute(unit, value);
    this.#output.noteValue(value, unit.value);
  }

  /** Labels whose content is done are written or sent; then, if nothing is left to do, the session settles. */
  #checkIdle(): void {
    this.#labels.settle();
    this.#settling.check();
  }

  #progress(): void {
    this.#reporter.report(this.#session?.inFlight ?? 0);
  }

  #busy(): boolean {
    const s = this.#session;
    if (!s) return false;
    if (this.#writes.pending) return true;
    if (s.stopped) return false;
    return (
      s.detecting > 0 ||
      s.starting ||
      s.collecting ||
      this.#requests.busy ||
      s.inFlight > 0 ||
      this.#watcher.pending ||
      this.#regions.pending
    );
  }
}
