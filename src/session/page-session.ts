// One page's translation session, shared by the extension's content script and the userscript: it owns the page
// engine, turns its events into a report (status, progress, error, notice) and implements translate / show
// original / toggle. Platform specifics (where translations come from, language detection, closed shadow roots)
// are passed in.
import {
  canParseHtml,
  createFramedPageTranslator,
  createTranslationMemory,
  framedText,
  type BilingualStyle,
  type DisplayMode,
  primarySubtag,
  oneOf,
  type PageTranslator,
  type Progress as EngineProgress,
  type Summary,
  type TranslationCache,
} from "../core";
import {
  outcomeShown,
  showsTranslation,
  type ContentReport,
  type PageStatus,
  type Progress,
  type TabState,
  type UserError,
} from "../shared/messages";
import { languageName } from "../shared/languages";
import type { Segment, TranslateError, Translator } from "../shared/translator";
import { toUserError } from "../shared/user-error";
import { siteRulesFor } from "../sites";
import { withSkippedParts } from "../sites/skipped-parts";
import { watchBody } from "./body-watch";
import { followPageCache, type PageCache } from "./page-cache";
import { paceReports } from "./report-pace";
import { focusOutOfReach } from "./selection";

/** How much to send at once (from the server's slots and context, or the settings). */
export interface SessionLimits {
  maxBatchChars: number;
  maxConcurrent: number;
}

export interface SessionConfig extends SessionLimits {
  targetLang: string;
  neverTranslate: string[];
  /** How translations are shown on this page (replace by default). */
  displayMode?: DisplayMode;
  /** How a translation below its original looks (quiet by default); a new one restyles the copies shown. */
  bilingualStyle?: BilingualStyle;
  /**
   * What else decides a translation (the server, its model, the user's glossary and instructions for this page), as
   * an opaque text: when it changes, what the page remembers was translated under other settings and is not shown.
   */
  translationScope?: string;
  /** CSS selectors of the parts of the page the reader leaves untranslated: taken in by the next run, not the one
   * shown (its passages stay as they are). */
  skipParts?: string[];
  /** Given when the limits above are defaults because the server has not answered yet: the real ones, once it
   * has. The run starts at once with the defaults and takes these in when they come. */
  serverLimits?(): Promise<SessionLimits | undefined>;
}

export interface PageSessionDeps {
  document: Document;
  translator: Translator;
  getConfig(): Promise<SessionConfig>;
  detectLang?(text: string): Promise<string | undefined>;
  getShadowRoot?(element: Element): ShadowRoot | null;
  onUnitRejected?(segment: Segment, targetLang: string): void;
  /** `asked`: the reader asked again for what the last report said (see report-pace.ts). */
  onReport(report: ContentReport, asked?: boolean): void;
  /** What to tell the user when the page forbids Gloss to parse HTML (Trusted Types), with the platform's fix. */
  parsingBlocked?: UserError;
  /** What the page is about (see sites/page-context.ts): sent with every request as context for the model. */
  context?(): string | undefined;
  /** What Translate selection says when the selection is in a frame this document cannot see, where the platform
   * has a way into frames (the extension's menu); by default, that Gloss does not translate frames. */
  selectionInFrame?: string;
}

export interface PageSession {
  translate(): Promise<void>;
  /** Translate the passages these ranges touch (a selection), ahead of anything else; nothing else of the page. */
  translatePassage(ranges: Range[]): Promise<void>;
  restore(): void;
  /** Tells the reader this in the page's report, once: why a command for this page could not be carried out. */
  say(notice: string): void;
  /** Translated (or being translated, or failed part-way with passages shown translated) → original; else translate. */
  toggle(): Promise<void>;
  report(): ContentReport;
  setServerStatus(status: TabState["serverStatus"]): void;
  /** Show translations this way from now on; what is translated is redrawn without a request. */
  setDisplayMode(mode: DisplayMode): void;
  /** Give bilingual copies this look from now on; those shown are restyled in place (no request, no redraw). */
  setBilingualStyle(style: BilingualStyle): void;
  /** The page went to another route without loading (see PageTranslator.newRoute). */
  newRoute(): void;
  /** Whether the page is (being) shown translated. */
  readonly active: boolean;
  /** The same, for the page itself: not only passages the reader picked (a selection, Alt + pointer). */
  readonly pageActive: boolean;
  /** The page's language as detected on its original text, once a run has detected it. */
  readonly pageLang: string | undefined;
  /** See PageTranslator.ownTranslationAt. */
  ownTranslationAt(node: Node): { original: string } | undefined;
}

/** How long a page that said it was about to be copied, with no visit under way, has to give way to the next one
 * before it is taken to stay; also how often a held run looks again whether the visit is still under way. The copy is
 * taken at once (a task after the event), so a later run does not reach it. */
const CACHE_LEAVE_MS = 1500;

/** The longest a run is held for one visit, however long the visit says it goes on: a page's own script firing the
 * router's events every few seconds would otherwise keep the page in the original, saying Translating…, for good. */
export const HOLD_LONGEST_MS = 60_000;

const EMPTY: Progress = { total: 0, done: 0, failed: 0, simplified: 0, unmet: 0 };

/** What to try when passages come out simplified: the model, not the page, is the limit. */
const SIMPLIFIED_FIX =
  "Links still work. A larger model or a translation model keeps formatting better: the model check under Test connection tells how well yours does.";

const PARSING_BLOCKED: UserError = {
  message: "This page's security policy (Trusted Types) stops Gloss from writing translations into it.",
  kind: "trusted-types",
};

const NO_SELECTION = "Select the text to translate first, then choose Translate selection.";

/** Said when Translate selection finds nothing selected while the focus is in a frame: the selection is in there. */
const SELECTION_IN_FRAME =
  "Gloss cannot reach a selection inside another site's frame. Open the frame's page in a tab of its own and translate it there.";

/**
 * Said when Translate selection finds nothing selected while the focus is in a frame of the page that is a rich
 * editor: what is selected there is the reader's own writing (or what it quotes), which Gloss never translates, lest
 * the translation be sent as theirs. Not "another site's frame": the frame is the page's own.
 */
const SELECTION_IN_EDITOR =
  "Gloss leaves what you are writing alone: your selection is in a text editor inside a frame of this page (a reply box), and Gloss translates nothing in it.";

/** How to translate a frame's text: on its own, it is a page Gloss translates (no browser opens a `srcdoc` one). */
const OPEN_FRAME =
  "To translate a frame, open its page in a tab of its own (in Firefox: right-click in it, This Frame › Open Frame in New Tab).";

/**
 * What a page run that found no text says of frames closed to the page (another site's; see
 * core/collect/framed-text.ts), whose text it cannot reach; undefined when there are none. The frames the page can
 * read are translated with it; beside text of its own, another site's frames go unnamed (most are ads).
 */
function framesNotice(doc: Document): string | undefined {
  if (!framedText(doc).closed) return undefined;
  return `The text of this page is in frames, which Gloss does not translate. ${OPEN_FRAME}`;
}

type Reasons = Pick<EngineProgress, "failure" | "simplification" | "missedTerms">;

const UNEXPECTED: UserError = {
  message: "Gloss failed while translating this page.",
  fix: "Show the original and try again; if it keeps happening, reload the page.",
};

export function createPageSession(deps: PageSessionDeps): PageSession {
  let engine: PageTranslator | undefined;
  let engineKey = "";
  /** The reader's parts left untranslated the engine collects without (see SessionConfig.skipParts). */
  let engineParts = "";
  /** The <body> the engine works on: a site that swaps in a new one for each page (Turbo Drive) shows a new page. */
  let engineBody: HTMLElement | null = null;
  /** Translations for the engine's key, kept across the pages such a site swaps in: a page shown again (Back) and
   * what its pages share (menus, footers) cost no request. */
  let translations: TranslationCache | undefined;
  /** The page run stopped on a page a router was about to copy (page-cache.ts): it goes on in the page shown next. */
  let heldForCache = false;
  /** Counts holds, so a wait for the page shown next answers only its own hold. */
  let holds = 0;
  let status: PageStatus = "idle";
  let progress: Progress = EMPTY;
  let error: UserError | undefined;
  let notice: string | undefined;
  let serverStatus: TabState["serverStatus"];
  let run = 0;
  /** Only passages the reader picked are translated (not the page): translate() then adds the rest. */
  let passagesOnly = false;
  /** The mode the reader last chose here, for a configuration that names none. */
  let displayMode: DisplayMode | undefined;
  /** The look the reader last saved, for a configuration that names none. */
  let bilingualStyle: BilingualStyle | undefined;
  /** The current run's first pass is over; later progress comes from content that arrived since. */
  let settled = false;
  /** Why passages are not full translations, as the engine last counted them (see EngineProgress). */
  let reasons: Reasons = {};

  const report = (): ContentReport => {
    const failure = progress.failed ? reasons.failure : undefined;
    const simplified = progress.simplified ? reasons.simplification : undefined;
    const missedTerms = progress.unmet ? reasons.missedTerms : undefined;
    return {
      status,
      progress,
      ...(error ? { error } : {}),
      ...(failure && status !== "error" ? { failure: toUserError(failure) } : {}),
      ...(simplified ? { simplification: { ...toUserError(simplified), fix: SIMPLIFIED_FIX } } : {}),
      ...(missedTerms ? { unmetTerms: missedTerms } : {}),
      ...(notice ? { notice } : {}),
      ...(serverStatus && status === "translating" ? { serverStatus } : {}),
      ...(deps.document.location?.href ? { url: deps.document.location.href } : {}),
    };
  };
  const pace = paceReports(deps.onReport, report);
  const emit = pace.now;
  const say = (words: string) => {
    notice = words;
    // Every press says it: a second one with the same outcome is a report like the last.
    pace.again();
    notice = undefined;
  };

  /** Asks the server's limits once the run's first request is out (see begin()). */
  let afterFirstRequest: (() => void) | undefined;

  // What the page is about goes with every batch, for the model to understand short texts.
  const translator: Translator = (batch, opts) => {
    const context = deps.context?.();
    const replies = deps.translator(batch, context ? { ...opts, context } : opts);
    const then = afterFirstRequest;
    afterFirstRequest = undefined;
    then?.();
    return replies;
  };

  function engineFor(config: SessionConfig): PageTranslator {
    // Limits change while a page is open (the server answered); the languages and the scope decide what was
    // translated (the engine remembers its translations by source text).
    const key = JSON.stringify([config.targetLang, config.neverTranslate, config.translationScope ?? ""]);
    // What is collected: a new engine collects by new rules, with the translations kept (they are still right).
    const parts = JSON.stringify(config.skipParts ?? []);
    const mode = config.displayMode ?? displayMode ?? "replace";
    const style = config.bilingualStyle ?? bilingualStyle ?? "quiet";
    if (engine && key === engineKey && parts === engineParts && engineBody === deps.document.body) {
      engine.setLimits({ maxBatchChars: config.maxBatchChars, maxConcurrent: config.maxConcurrent });
      engine.setDisplayMode(mode);
      engine.setBilingualStyle(style);
      return engine;
    }
    engine?.restore();
    if (key !== engineKey || !translations) translations = createTranslationMemory();
    engineKey = key;
    engineParts = parts;
    const detect = deps.detectLang;
    const doc = deps.document;
    engineBody = doc.body;
    followPage();
    engine = createFramedPageTranslator(doc, {
      translator,
      translations,
      targetLang: config.targetLang,
      readLangs: config.neverTranslate,
      maxBatchChars: config.maxBatchChars,
      maxConcurrent: config.maxConcurrent,
      // One request waits in the server client's queue (its limiter holds it to the server's slots), so a slot
      // that frees starts its next request without a round trip through the page (bench/page.ts: slots busy).
      requestsAhead: 1,
      // Its first words come sooner when its prompt is not queued behind the others' (bench/page.ts, first words).
      firstAlone: true,
      displayMode: mode,
      bilingualStyle: style,
      site: withSkippedParts(siteRulesFor(doc, doc.location?.href ?? ""), config.skipParts),
      // A frame's text goes by its own site's rules (a site's adapter names its own page's parts); the reader's parts
      // are the page's, and a frame the page's engine reads is shown as part of it.
      siteFor: (frameDoc) => withSkippedParts(siteRulesFor(frameDoc, frameDoc.location?.href ?? ""), config.skipParts),
      ...(deps.getShadowRoot ? { getShadowRoot: deps.getShadowRoot } : {}),
      // Text in a language the user reads is left alone like the target's; the page's language stays what it is,
      // so the notice, the lookup card and replies name it.
      ...(detect ? { detectLang: detect } : {}),
      onProgress: (p: EngineProgress) => {
        // Held for the router's cache, the engine gave the page back: a count it still makes (work queued before
        // that) is of nothing the reader sees, and would call a page in the original "translated".
        if (heldForCache) return;
        const before = { status, progress };
        reasons = { failure: p.failure, simplification: p.simplification, missedTerms: p.missedTerms };
        progress = {
          total: p.total,
          done: p.done,
          failed: p.failed,
          simplified: p.simplified ?? 0,
          unmet: p.unmet ?? 0,
        };
        // Content that arrives after the first pass (more comments, infinite scroll) is work too; once it is
        // caught up the page is "translated" again.
        if (settled && status === "translated" && p.done + p.failed < p.total) status = "translating";
        else if (settled && status === "translating" && p.done + p.failed >= p.total) status = "translated";
        // A new status, or the first words written, goes at once: press delivery reads it as the end of a press,
        // and a page left right after its first words (a link clicked) may never send a paced report.
        if (status !== before.status || outcomeShown({ status, progress }) !== outcomeShown(before)) emit();
        else pace.soon();
      },
      onError: (e: TranslateError) => {
        status = "error";
        error = toUserError(e);
        emit();
      },
      onUnitRejected: (segment: Segment) => deps.onUnitRejected?.(segment, config.targetLang),
    });
    return engine;
  }

  function finish(summary: Summary, config: SessionConfig): void {
    if (status === "error") return;
    if (summary.found > 0 && summary.translated === 0 && summary.failed === 0) {
      status = "idle";
      // As the engine compared them (a detector's "iw" is the "he" the reader picked).
      const pageLang = summary.pageLang ? primarySubtag(summary.pageLang) : undefined;
      const readsIt = pageLang && oneOf(summary.pageLang, config.neverTranslate);
      notice = readsIt
        ? `This page is in ${languageName(pageLang)}, which you read: Gloss leaves it as it is.`
        : `This page is already in ${languageName(config.targetLang)}.`;
      engine?.restore();
    } else if (summary.found === 0) {
      status = "idle";
      notice = passagesOnly
        ? "Gloss found nothing to translate in the selection."
        : (framesNotice(deps.document) ?? "Gloss found no text to translate on this page.");
    } else if (summary.translated === 0 && summary.failed > 0) {
      // Nothing could be translated: that is an error, with the reason the server or model gave most often.
      status = "error";
      error = summary.failure ? toUserError(summary.failure) : UNEXPECTED;
    } else status = "translated";
  }

  const atWork = (): boolean => status === "translating" || status === "translated";

  /**
   * Follows a site that swaps in a new page (a new <body>, or a new <html>) and a router that keeps copies of its
   * pages. The engine works on the <body> it was made for: it would go on watching the old one, out of the page,
   * holding it and its units, while the new page stayed in its language and a new run found nothing.
   */
  let pageCache: PageCache | undefined;
  function followPage(): void {
    if (pageCache) return;
    watchBody(deps.document, bodyChanged);
    pageCache = followPageCache(deps.document, { beforeCache: giveOriginalToCache, loaded: resumeAtVisitEnd });
  }

  /** Whether the engine shows a page run (not only passages the reader picked, nor a run an error stopped). */
  function pageRunShown(current: PageTranslator): boolean {
    return (current.state === "translating" || current.state === "translated") && !passagesOnly;
  }

  function bodyChanged(): void {
    const doc = deps.document;
    if (!engine || doc.body === engineBody || !doc.body) return;
    // A page run goes on in the new page; passages the reader picked (or a run an error stopped) left with the old.
    if (!heldForCache && !pageRunShown(engine)) {
      leaveOldPage(engine.state !== "idle" && engine.state !== "restored");
      return;
    }
    // A preview is replaced by the fresh page in a moment: the run waits for that one rather than send requests.
    if (pageCache?.showsPreview()) holdForCache();
    else resumeRun();
  }

  /** The router copies the page next: it gets its original back now, whatever Gloss shows on it. */
  function giveOriginalToCache(): void {
    if (!engine || engineBody !== deps.document.body) return;
    if (pageRunShown(engine)) holdForCache();
    else leaveOldPage(engine.state !== "idle" && engine.state !== "restored");
  }

  /**
   * The page run stops, its page back in the original, until the page shown next. Until then the run is not over:
   * "translating", never "translated" over a page in the original.
   */
  function holdForCache(): void {
    if (heldForCache) return;
    heldForCache = true;
    run++; // the stopped run's outcome is not the session's
    settled = false; // nor is it over: the run goes on in the page shown next
    engine?.restore();
    status = "translating";
    progress = EMPTY;
    emit();
    waitForNextPage(++holds, 0);
  }

  /**
   * The visit's next page (bodyChanged) or its end (turbo:load) resumes the held run. With no visit under way (none came
   * after the page said it was about to be copied, or the visit went quiet: given up, or the page's own script firing
   * the events to stop Gloss), the run goes on in the page shown, from memory (no request for what was translated).
   */
  function waitForNextPage(hold: number, waited: number): void {
    deps.document.defaultView?.setTimeout(() => {
      if (hold !== holds || !heldForCache) return;
      const held = waited + CACHE_LEAVE_MS;
      if (pageCache?.visiting() && held < HOLD_LONGEST_MS) waitForNextPage(hold, held);
      else resumeRun();
    }, CACHE_LEAVE_MS);
  }

  function resumeRun(): void {
    heldForCache = false;
    void begin((current) => current.translate());
  }

  /** The visit is over: the page shown is the one that stays, also one that kept the <body> (a frame's visit promoted
   * to the address, a refresh morphed in place) or one still marked as a preview (Turbo never ends a visit on one). */
  function resumeAtVisitEnd(): void {
    if (heldForCache) resumeRun();
  }

  /**
   * The site swapped in a new page while the old one showed no page run: passages the reader picked (or a run an error
   * stopped) leave with it, given back on the old <body> (a site may show it again from its cache). The new page is
   * one Gloss has not touched: "idle", not "original", which would say the reader declined it (auto-translate.ts).
   */
  function leaveOldPage(shown: boolean): void {
    heldForCache = false;
    if (shown) {
      run++;
      engine?.restore();
    }
    engine = undefined;
    engineBody = null;
    if (!shown) return;
    passagesOnly = false;
    status = "idle";
    progress = EMPTY;
    error = notice = undefined;
    serverStatus = undefined;
    reasons = {};
    emit();
  }

  /** The current run's engine once its settings are read (undefined if it stopped before): a passage asked for while
   * they are read goes to it, and does not start a run of its own that would leave the rest of the page untranslated. */
  let runEngine: Promise<PageTranslator | undefined> = Promise.resolve(undefined);

  async function begin(work: (current: PageTranslator) => Promise<Summary>): Promise<void> {
    let started: (current: PageTranslator | undefined) => void = () => undefined;
    runEngine = new Promise((resolve) => (started = resolve));
    try {
      await runWith(work, started);
    } finally {
      started(undefined);
    }
  }

  /** A run: settings, then the engine's work (the page, or passages), then the outcome. */
  async function runWith(
    work: (current: PageTranslator) => Promise<Summary>,
    started: (current: PageTranslator) => void,
  ): Promise<void> {
    const myRun = ++run;
    settled = false;
    // What the page shows until the new run's engine starts: a retry that fails before it (settings, parsing) still
    // leaves the last run's translations on the page, and the way back to the original must stay offered.
    const shown = showsTranslation({ status, progress }) ? progress : EMPTY;
    status = "translating";
    error = notice = undefined;
    progress = EMPTY;
    reasons = {};
    emit();
    let config: SessionConfig;
    try {
      config = await deps.getConfig();
    } catch (e) {
      status = "error";
      progress = shown;
      error = {
        message: "Gloss could not read its settings.",
        fix: "Reload the page and try again.",
        kind: String(e),
      };
      emit();
      return;
    }
    if (myRun !== run) return; // restored while reading settings
    const win = deps.document.defaultView;
    if (win && !canParseHtml(win)) {
      // Asked before the first request: nothing is sent to the server for a page Gloss cannot write into.
      status = "error";
      progress = shown;
      error = deps.parsingBlocked ?? PARSING_BLOCKED;
      emit();
      return;
    }
    let summary: Summary;
    try {
      const current = engineFor(config);
      started(current);
      // The server's answer about its limits matters only once there is something to send, and asking for it
      // before the first request would put the background's probe of the server ahead of that request.
      const { serverLimits } = config;
      afterFirstRequest = serverLimits
        ? () =>
            void serverLimits().then(
              (limits) => limits && engine === current && myRun === run && current.setLimits(limits),
              () => undefined,
            )
        : undefined;
      const running = work(current);
      summary = await running;
    } catch (e) {
      // The engine reports problems as values; a throw is a bug. Never leave the page "translating" forever.
      console.error("Gloss: the page engine failed", e);
      if (myRun !== run) return;
      status = "error";
      error = { ...UNEXPECTED, kind: String(e) };
      emit();
      return;
    }
    if (myRun !== run) return;
    settled = true;
    finish(summary, config);
    emit();
  }

  function restore(): void {
    run++;
    passagesOnly = false;
    heldForCache = false;
    engine?.restore();
    if (status !== "idle" || progress.total) {
      status = "original";
      // What a run said (no text, a language the reader reads) is not news on the original.
      notice = undefined;
    }
    error = undefined;
    serverStatus = undefined;
    emit();
  }

  /** Why Translate selection found nothing to translate: where the focus is says where the selection went. */
  function nothingSelected(): string {
    const outOfReach = focusOutOfReach(deps.document);
    if (outOfReach === "editor-frame") return SELECTION_IN_EDITOR;
    if (outOfReach === "closed-frame") return deps.selectionInFrame ?? SELECTION_IN_FRAME;
    return NO_SELECTION;
  }

  return {
    get active() {
      return atWork();
    },
    get pageActive() {
      return atWork() && !passagesOnly;
    },
    get pageLang() {
      return engine?.summary.pageLang;
    },
    ownTranslationAt(node) {
      return engine?.ownTranslationAt(node);
    },
    async translate() {
      if (atWork() && !passagesOnly) return;
      passagesOnly = false;
      await begin((current) => current.translate());
    },
    async translatePassage(ranges) {
      if (!ranges.length) {
        say(nothingSelected());
        return;
      }
      if (atWork()) {
        // Already at work (or about to be, once the run's settings are read): the passage jumps the queue.
        const current = await runEngine;
        if (current && current === engine && atWork()) for (const range of ranges) void current.translatePassage(range);
        return;
      }
      passagesOnly = true;
      await begin((current) => Promise.all(ranges.map((r) => current.translatePassage(r))).then((all) => all.at(-1)!));
    },
    say,
    restore,
    async toggle() {
      if (showsTranslation({ status, progress })) restore();
      else await this.translate();
    },
    report,
    setDisplayMode(mode) {
      displayMode = mode;
      engine?.setDisplayMode(mode);
    },
    newRoute() {
      engine?.newRoute();
    },
    setBilingualStyle(style) {
      bilingualStyle = style;
      engine?.setBilingualStyle(style);
    },
    setServerStatus(next) {
      serverStatus = next;
      if (status === "translating") emit();
    },
  };
}
