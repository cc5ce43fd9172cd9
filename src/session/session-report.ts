// What a page session knows of its run (status, progress, why passages fell short, what to tell the reader) and the
// report its host (popup, badge, status card) is given from it.
import type { Progress as EngineProgress } from "../core";
import type { ContentReport, PageStatus, Progress, TabState, UserError } from "../shared/messages";
import { toUserError } from "../shared/user-error";

export const EMPTY: Progress = { total: 0, done: 0, failed: 0, simplified: 0, unmet: 0 };

/** What to try when passages come out simplified: the model, not the page, is the limit. */
const SIMPLIFIED_FIX =
  "Links still work. A larger model or a translation model keeps formatting better: the model check under Test connection tells how well yours does.";

export type Reasons = Pick<EngineProgress, "failure" | "simplification" | "missedTerms">;

export interface SessionState {
  status: PageStatus;
  progress: Progress;
  error: UserError | undefined;
  notice: string | undefined;
  serverStatus: TabState["serverStatus"];
  /** Why passages are not full translations, as the engine last counted them (see EngineProgress). */
  reasons: Reasons;
  /** Counts runs (and what stops one): a run whose number is no longer this one's outcome is not the session's. */
  run: number;
  /**
   * The passages the reader picked, when only they are translated (not the page): translate() then adds the rest, and
   * Try again does them again. Copies: the reader's selection moves on.
   */
  passages: Range[];
  /** The current run's first pass is over; later progress comes from content that arrived since. */
  settled: boolean;
  /** The page run stopped on a page a router was about to copy (page-cache.ts): it goes on in the page shown next. */
  heldForCache: boolean;
}

export function newSessionState(): SessionState {
  return {
    status: "idle",
    progress: EMPTY,
    error: undefined,
    notice: undefined,
    serverStatus: undefined,
    reasons: {},
    run: 0,
    passages: [],
    settled: false,
    heldForCache: false,
  };
}

/** The report of `s` for the page `doc` shows. */
export function reportOf(s: SessionState, doc: Document): ContentReport {
  const { status, progress, error, notice, serverStatus, reasons } = s;
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
    ...(doc.location?.href ? { url: doc.location.href } : {}),
  };
}

/** Whether the page is (being) shown translated. */
export function atWork(s: SessionState): boolean {
  return s.status === "translating" || s.status === "translated";
}
