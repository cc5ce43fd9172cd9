// How a run starts in the session's state, and what stops it before the engine's work: settings it cannot read, or a
// page Gloss cannot write into (asked before the first request, so nothing is sent for it).
import { canParseHtml } from "../core";
import { showsTranslation, type Progress, type UserError } from "../shared/messages";
import { EMPTY, type SessionState } from "./session-report";

const PARSING_BLOCKED: UserError = {
  message: "This page's security policy (Trusted Types) stops Gloss from writing translations into it.",
  kind: "trusted-types",
};

/**
 * Puts `s` at a run's start ("translating", nothing said or heard yet), and returns what the page shows until the new run's
 * engine starts: a retry that fails before it (settings, parsing) still leaves the last run's translations on the
 * page, and the way back to the original must stay offered.
 */
export function startRun(s: SessionState): Progress {
  s.settled = false;
  const shown = showsTranslation(s) ? s.progress : EMPTY;
  s.status = "translating";
  s.error = s.notice = undefined;
  // What the server said to an earlier run ("the model is still loading") is old news: this run's requests hear anew.
  s.serverStatus = undefined;
  s.progress = EMPTY;
  s.reasons = {};
  return shown;
}

/** The run stops with `error` before its engine started; the page shows what it showed (`shown`, see startRun). */
export function stopBeforeEngine(s: SessionState, shown: Progress, error: UserError): void {
  s.status = "error";
  s.progress = shown;
  s.error = error;
}

export function settingsUnreadable(e: unknown): UserError {
  return { message: "Gloss could not read its settings.", fix: "Reload the page and try again.", kind: String(e) };
}

/** Why Gloss cannot write into the page of `win` (its Trusted Types forbid parsing HTML), else undefined.
 * `platform`: what the platform says, with its fix (see PageSessionDeps.parsingBlocked). */
export function parsingBlocked(win: Window | null, platform: UserError | undefined): UserError | undefined {
  if (!win || canParseHtml(win)) return undefined;
  return platform ?? PARSING_BLOCKED;
}
