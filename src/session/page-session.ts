// One page's translation session, shared by the extension's content script and the userscript: it owns the page
// engine, turns its events into a report (status, progress, error, notice) and implements translate / show
// original / toggle. Platform specifics (where translations come from, language detection, closed shadow roots)
// are passed in.
import { createPageTranslator, type PageTranslator, type Summary } from "../core";
import type { ContentReport, PageStatus, Progress, TabState, UserError } from "../shared/messages";
import { languageName, primaryLang } from "../shared/languages";
import type { Segment, TranslateError, Translator } from "../shared/translator";
import { toUserError } from "../shared/user-error";
import { siteRulesFor } from "../sites";

export interface SessionConfig {
  targetLang: string;
  neverTranslate: string[];
  maxBatchChars: number;
  maxConcurrent: number;
}

export interface PageSessionDeps {
  document: Document;
  translator: Translator;
  getConfig(): Promise<SessionConfig>;
  detectLang?(text: string): Promise<string | undefined>;
  getShadowRoot?(element: Element): ShadowRoot | null;
  onUnitRejected?(segment: Segment, targetLang: string): void;
  onReport(report: ContentReport): void;
}

export interface PageSession {
  translate(): Promise<void>;
  restore(): void;
  toggle(): Promise<void>;
  report(): ContentReport;
  setServerStatus(status: TabState["serverStatus"]): void;
  /** Whether the page is (being) shown translated. */
  readonly active: boolean;
}

const EMPTY: Progress = { total: 0, done: 0, failed: 0 };

export function createPageSession(deps: PageSessionDeps): PageSession {
  let engine: PageTranslator | undefined;
  let engineKey = "";
  let status: PageStatus = "idle";
  let progress: Progress = EMPTY;
  let error: UserError | undefined;
  let notice: string | undefined;
  let serverStatus: TabState["serverStatus"];
  let run = 0;
  /** The current run's first pass is over; later progress comes from content that arrived since. */
  let settled = false;

  const report = (): ContentReport => ({
    status,
    progress,
    ...(error ? { error } : {}),
    ...(notice ? { notice } : {}),
    ...(serverStatus && status === "translating" ? { serverStatus } : {}),
  });
  const emit = () => deps.onReport(report());

  function engineFor(config: SessionConfig): PageTranslator {
    const key = JSON.stringify(config);
    if (engine && key === engineKey) return engine;
    engine?.restore();
    engineKey = key;
    const readable = new Set(config.neverTranslate.map(primaryLang));
    const target = primaryLang(config.targetLang);
    const detect = deps.detectLang;
    const doc = deps.document;
    engine = createPageTranslator(doc, {
      translator: deps.translator,
      targetLang: config.targetLang,
      maxBatchChars: config.maxBatchChars,
      maxConcurrent: config.maxConcurrent,
      site: siteRulesFor(doc, doc.location?.href ?? ""),
      ...(deps.getShadowRoot ? { getShadowRoot: deps.getShadowRoot } : {}),
      // Text in a language the user reads counts as "already in the target language": the engine leaves it alone.
      ...(detect
        ? {
            detectLang: async (text: string) => {
              const lang = await detect(text);
              return lang && readable.has(primaryLang(lang)) ? target : lang;
            },
          }
        : {}),
      onProgress: (p: Progress) => {
        progress = { total: p.total, done: p.done, failed: p.failed };
        // Content that arrives after the first pass (more comments, infinite scroll) is work too; once it is
        // caught up the page is "translated" again.
        if (settled && status === "translated" && p.done + p.failed < p.total) status = "translating";
        else if (settled && status === "translating" && p.done + p.failed >= p.total) status = "translated";
        emit();
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

  function finish(summary: Summary, targetLang: string): void {
    if (status === "error") return;
    if (summary.found > 0 && summary.translated === 0 && summary.failed === 0) {
      status = "idle";
      notice = `This page is already in ${languageName(targetLang)}.`;
      engine?.restore();
    } else if (summary.found === 0) {
      status = "idle";
      notice = "Gloss found no text to translate on this page.";
    } else {
      status = "translated";
    }
  }

  return {
    get active() {
      return status === "translating" || status === "translated";
    },
    async translate() {
      if (status === "translating" || status === "translated") return;
      const myRun = ++run;
      settled = false;
      status = "translating";
      error = notice = undefined;
      progress = EMPTY;
      emit();
      let config: SessionConfig;
      try {
        config = await deps.getConfig();
      } catch (e) {
        status = "error";
        error = {
          message: "Gloss could not read its settings.",
          fix: "Reload the page and try again.",
          kind: String(e),
        };
        emit();
        return;
      }
      if (myRun !== run) return; // restored while reading settings
      const summary = await engineFor(config).translate();
      if (myRun !== run) return;
      settled = true;
      finish(summary, config.targetLang);
      emit();
    },
    restore() {
      run++;
      engine?.restore();
      if (status !== "idle" || progress.total) status = "original";
      error = undefined;
      serverStatus = undefined;
      emit();
    },
    async toggle() {
      if (status === "translating" || status === "translated") this.restore();
      else await this.translate();
    },
    report,
    setServerStatus(next) {
      serverStatus = next;
      if (status === "translating") emit();
    },
  };
}
