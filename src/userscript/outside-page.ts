// When the page blocks Gloss's in-page UI (see session/ui-host.ts), what the status card would have said goes to
// the manager's notifications instead, which the page can neither read nor rewrite: the problem itself once, then
// errors, notices and the end of each run — not every step of progress.
import type { ContentReport } from "../shared/messages";
import { outcomeReasons, translatedTitle } from "../shared/outcome-text";
import type { GmApi } from "./gm-api";

export interface OutsidePageNotices {
  /** The page blocked the UI: say so (once). */
  blocked(text: string): void;
  /** A report the status card would have shown. */
  report(report: ContentReport): void;
}

export function createOutsidePageNotices(gm: Pick<GmApi, "notify">): OutsidePageNotices {
  let saidBlocked = false;
  let last = "";
  return {
    blocked(text) {
      if (saidBlocked) return;
      saidBlocked = true;
      gm.notify(text);
    },
    report(report) {
      const { status, error, notice, progress } = report;
      if (status === "translating" && !error) last = ""; // a new run may end the same way as the last
      let text = "";
      if (error) text = [error.message, error.fix].filter(Boolean).join(" ");
      else if (notice) text = notice;
      else if (status === "translated") {
        text = [translatedTitle(progress), outcomeReasons(report)].filter(Boolean).join(" ");
      }
      if (!text || text === last) return;
      last = text;
      gm.notify(text);
    },
  };
}
