// Paces a session's reports to its host (popup, badge, status card: a message to the background each time): a change
// of status goes at once, progress alone at most every REPORT_PACE_MS (its latest value always goes), and a report
// like the last one is not sent again. At a page's start the engine's progress changes a dozen times in 0.1 s; each
// report kept the background busy (a badge, a stored state) just as it was to hand on the first reply. A report the
// reader asked for again (a second "Translate selection" with nothing selected) goes again, marked as asked.

/** How often progress alone is reported: the popup and the badge follow it ten times a second. */
export const REPORT_PACE_MS = 100;

export interface ReportPace {
  /** The status, an error or a notice changed: report now. */
  now(): void;
  /** Only the progress changed: report now if the last report went long enough ago, else when the pace allows. */
  soon(): void;
  /** The reader asked for what the current report says: report it now, even if it is like the last one. */
  again(): void;
}

/** `send`'s `asked`: the report answers the reader's own request again (a card they dismissed shows it again). */
export function paceReports<R>(
  send: (report: R, asked?: boolean) => void,
  current: () => R,
  ms = REPORT_PACE_MS,
): ReportPace {
  let last = "";
  let sentAt = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const sendCurrent = (asked: boolean): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const report = current();
    const key = JSON.stringify(report);
    if (key === last && !asked) return;
    last = key;
    sentAt = performance.now();
    if (asked) send(report, true);
    else send(report);
  };
  const now = (): void => sendCurrent(false);

  return {
    now,
    soon() {
      if (timer !== undefined) return; // the one already due sends the latest progress
      // The monotonic clock: the wall clock can be set back an hour, and the progress would wait that long.
      const wait = sentAt + ms - performance.now();
      if (wait <= 0) now();
      else timer = setTimeout(now, wait);
    },
    again: () => sendCurrent(true),
  };
}
