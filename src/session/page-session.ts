// One page's translation session, shared by the extension's content script and the userscript: it owns the page
// engine, turns its events into a report (status, progress, error, notice) and implements translate / show
// original / toggle. Platform specifics (where translations come from, language detection, closed shadow roots)
// are passed in.
import type { BilingualStyle, DisplayMode, Progress as EngineProgress } from "../core";
import { showsTranslation, type ContentReport, type TabState, type UserError } from "../shared/messages";
import type { Segment, TranslateError, Translator } from "../shared/translator";
import { toUserError } from "../shared/user-error";
import type { EngineLook } from "./engine-options";
import { takeEngineProgress } from "./engine-progress";
import { nothingSelected } from "./nothing-selected";
import { pageFollow } from "./page-follow";
import { paceReports, type ReportPace } from "./report-pace";
import { sessionTranslator } from "./request-context";
import type { SessionConfig } from "./session-config";
import { sessionEngine, type SessionEngine } from "./session-engine";
import { sessionRuns, type SessionRuns } from "./session-run";
import { atWork, newSessionState, reportOf, type SessionState } from "./session-report";

export type { SessionConfig, SessionLimits } from "./session-config";
export { HOLD_LONGEST_MS } from "./page-follow";

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
  /** Try again: the last job once more (the passages, when only passages were asked for; else the page). */
  retry(): Promise<void>;
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
  /** The page went to another route without loading (see PageTranslator.newRoute); `otherPage`: to another page, not
   * only another query or fragment of the same one. */
  newRoute(otherPage: boolean): void;
  /** Whether the page is (being) shown translated. */
  readonly active: boolean;
  /** The same, for the page itself: not only passages the reader picked (a selection, Alt + pointer). */
  readonly pageActive: boolean;
  /** The page's language as detected on its original text, once a run has detected it. */
  readonly pageLang: string | undefined;
  /** See PageTranslator.ownTranslationAt. */
  ownTranslationAt(node: Node): { original: string } | undefined;
}

/** What the session's steps share: the platform's page and callbacks, the session's state, its report's pace, its
 * engine and runs, and the look the reader last chose here. */
interface SessionParts {
  deps: PageSessionDeps;
  s: SessionState;
  pace: ReportPace;
  engine: SessionEngine;
  runs: SessionRuns;
  chosen: Chosen;
}

/**
 * The mode and bilingual look the reader last chose here, for a configuration that names none, and over one read
 * before the choice (settings are saved before the page is told). `count` counts choices; `*At`, the count at each.
 */
interface Chosen {
  mode?: DisplayMode;
  style?: BilingualStyle;
  count: number;
  modeAt: number;
  styleAt: number;
}

/** The session's state, engine and runs, wired to each other: the engine's progress and errors go into the report,
 * and the page follower reruns the page's run in a page swapped in. */
function sessionParts(deps: PageSessionDeps): SessionParts {
  const s = newSessionState();
  const chosen: Chosen = { count: 0, modeAt: 0, styleAt: 0 };
  const pace = paceReports(deps.onReport, () => reportOf(s, deps.document));
  const emit = pace.now;
  const sent = sessionTranslator(deps);
  const engine = sessionEngine(deps.document, deps, {
    translator: sent.translator,
    onProgress: (p) => engineProgress(s, pace, p),
    onError: (e: TranslateError) => {
      s.status = "error";
      s.error = toUserError(e);
      emit();
    },
    beforeNew: () => follow.start(),
  });
  const follow = pageFollow({
    doc: deps.document,
    state: s,
    engine,
    emit,
    rerun: () => void runs.begin((current) => current.translate()),
  });
  const lookFrom = () => {
    const asked = chosen.count;
    // Settings read before the run (at start-up) are older than every choice made here, not only the ones after.
    return (config: SessionConfig) => lookOf(config, chosen, config.readBeforeRun ? 0 : asked);
  };
  const runs = sessionRuns({ deps, state: s, engine, sent, emit, lookFrom });
  return { deps, s, pace, engine, runs, chosen };
}

function engineProgress(s: SessionState, pace: ReportPace, p: EngineProgress): void {
  // Held for the router's cache, the engine gave the page back: a count it still makes (work queued before
  // that) is of nothing the reader sees, and would call a page in the original "translated".
  if (s.heldForCache) return;
  if (takeEngineProgress(s, p)) pace.now();
  else pace.soon();
}

/** The look for a run whose settings were asked for when `asked` choices had been made. */
function lookOf(config: SessionConfig, chosen: Chosen, asked: number): EngineLook {
  const mode = chosen.modeAt > asked ? chosen.mode : undefined;
  const style = chosen.styleAt > asked ? chosen.style : undefined;
  return {
    mode: mode ?? config.displayMode ?? chosen.mode ?? "replace",
    style: style ?? config.bilingualStyle ?? chosen.style ?? "quiet",
  };
}

/** Tells the reader `words` in a report of its own, every time it is asked. */
function sayOnce({ s, pace }: SessionParts, words: string): void {
  // Said once, over what the page's run found ("already in English"), which is still true after it.
  const found = s.notice;
  s.notice = words;
  // Every press says it: a second one with the same outcome is a report like the last.
  pace.again();
  s.notice = found;
}

function restoreSession({ s, engine, pace }: SessionParts): void {
  s.run++;
  s.passages = [];
  s.heldForCache = false;
  engine.current?.restore();
  if (s.status !== "idle" || s.progress.total) {
    s.status = "original";
    // What a run said (no text, a language the reader reads) is not news on the original.
    s.notice = undefined;
  }
  s.error = undefined;
  s.serverStatus = undefined;
  pace.now();
}

/** What the page's last run found ("already in English", "no text") was of the page left: not said of the next one. */
function forgetPageNotice({ s, pace }: SessionParts): void {
  if (s.status !== "idle" || !s.notice) return;
  s.notice = undefined;
  pace.now();
}

const copies = (ranges: Range[]): Range[] => ranges.map((r) => r.cloneRange());

async function translatePassages(p: SessionParts, ranges: Range[]): Promise<void> {
  const { deps, s, runs } = p;
  if (!ranges.length) {
    sayOnce(p, nothingSelected(deps.document, deps.selectionInFrame));
    return;
  }
  if (atWork(s)) {
    // Already at work (or about to be, once the run's settings are read): the passage jumps the queue.
    if (s.passages.length) s.passages.push(...copies(ranges));
    const current = await runs.runEngine;
    if (current && current === p.engine.current && atWork(s))
      for (const range of ranges) void current.translatePassage(range);
    return;
  }
  s.passages = copies(ranges);
  await runs.begin((current) => Promise.all(ranges.map((r) => current.translatePassage(r))).then((all) => all.at(-1)!));
}

export function createPageSession(deps: PageSessionDeps): PageSession {
  const p = sessionParts(deps);
  const { s, engine, runs, chosen } = p;
  const restore = () => restoreSession(p);
  return {
    get active() {
      return atWork(s);
    },
    get pageActive() {
      return atWork(s) && !s.passages.length;
    },
    get pageLang() {
      return engine.current?.summary.pageLang;
    },
    ownTranslationAt(node) {
      return engine.current?.ownTranslationAt(node);
    },
    async translate() {
      if (atWork(s) && !s.passages.length) return;
      s.passages = [];
      await runs.begin((current) => current.translate());
    },
    translatePassage: (ranges) => translatePassages(p, ranges),
    retry() {
      return s.passages.length ? translatePassages(p, s.passages) : this.translate();
    },
    say: (words) => sayOnce(p, words),
    restore,
    async toggle() {
      if (showsTranslation(s)) restore();
      else await this.translate();
    },
    report: () => reportOf(s, deps.document),
    setDisplayMode(mode) {
      chosen.mode = mode;
      chosen.modeAt = ++chosen.count;
      engine.current?.setDisplayMode(mode);
    },
    newRoute(otherPage) {
      engine.current?.newRoute();
      if (otherPage) forgetPageNotice(p);
    },
    setBilingualStyle(style) {
      chosen.style = style;
      chosen.styleAt = ++chosen.count;
      engine.current?.setBilingualStyle(style);
    },
    setServerStatus(next) {
      s.serverStatus = next;
      if (s.status === "translating") p.pace.now();
    },
  };
}
