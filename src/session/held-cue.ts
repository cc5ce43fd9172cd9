// The progress line of a run that is starting waits for the run's first request: building its host, styling it and
// placing it (a measure that lays the page out) took 5–7 ms of the page's start, traced, and the first request
// waited for them. The line is drawn as that request leaves, or after CUE_HOLD_MS should none leave by then (settings
// slow to come, a page still being laid out), whichever comes first; a run that ends before it draws nothing.
import type { ContentReport } from "../shared/messages";
import type { ProgressCue } from "./progress-cue";

/** The longest a starting run's progress line waits for its first request. */
export const CUE_HOLD_MS = 250;

export interface HeldCue extends ProgressCue {
  /** A request left: a line held for it is drawn now. */
  requestSent(): void;
}

export function holdCueForFirstRequest(cue: ProgressCue, win: Window): HeldCue {
  /** The latest report of a starting run, not drawn yet. */
  let held: ContentReport | undefined;
  let timer: ReturnType<Window["setTimeout"]> | undefined;
  let translating = false;

  const drop = (): void => {
    if (timer !== undefined) win.clearTimeout(timer);
    timer = undefined;
    held = undefined;
  };
  const release = (): void => {
    const report = held;
    drop();
    if (report) cue.show(report);
  };

  return {
    show(report) {
      const starting = report.status === "translating" && !translating;
      translating = report.status === "translating";
      if (starting) {
        held = report;
        timer = win.setTimeout(release, CUE_HOLD_MS);
      } else if (held && translating) held = report;
      else {
        drop();
        cue.show(report);
      }
    },
    requestSent: release,
    hide() {
      drop();
      translating = false;
      cue.hide();
    },
    get enabled() {
      return cue.enabled;
    },
    set enabled(on: boolean) {
      cue.enabled = on;
    },
  };
}
