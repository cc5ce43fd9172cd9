// Takes the page engine's count of its work into the session's state: the progress, why passages fell short, and
// whether the page is translated again or at work again on content that arrived after the first pass.
import type { Progress as EngineProgress } from "../core";
import { outcomeShown } from "../shared/messages";
import type { SessionState } from "./session-report";

/** Updates `s` from `p`; true when the report must go at once, false when the pace may hold it (report-pace.ts). */
export function takeEngineProgress(s: SessionState, p: EngineProgress): boolean {
  const before = { status: s.status, progress: s.progress };
  s.reasons = { failure: p.failure, simplification: p.simplification, missedTerms: p.missedTerms };
  s.progress = {
    total: p.total,
    done: p.done,
    failed: p.failed,
    simplified: p.simplified ?? 0,
    unmet: p.unmet ?? 0,
  };
  // Content that arrives after the first pass (more comments, infinite scroll) is work too; once it is
  // caught up the page is "translated" again.
  if (s.settled && s.status === "translated" && p.done + p.failed < p.total) s.status = "translating";
  else if (s.settled && s.status === "translating" && p.done + p.failed >= p.total) s.status = "translated";
  // A new status, or the first words written, goes at once: press delivery reads it as the end of a press,
  // and a page left right after its first words (a link clicked) may never send a paced report.
  return s.status !== before.status || outcomeShown(s) !== outcomeShown(before);
}
