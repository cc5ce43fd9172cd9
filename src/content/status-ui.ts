// The page's own status UI: the status card and the progress line, and what each report tells the background of them.
import { send } from "../extension/send";
import type { ContentReport } from "../shared/messages";
import type { PageSession } from "../session/page-session";
import { createProgressCue } from "../session/progress-cue";
import { holdCueForFirstRequest, type HeldCue } from "../session/held-cue";
import { createStatusPanel } from "../session/status-panel";
import { isShadowRootOf } from "./platform";

export interface StatusUi {
  /** The progress line, held for a run's first request; off in the options. */
  cue: HeldCue;
  /** Shows a report on the card and the line, and sends it on for the badge and the popup. */
  show(report: ContentReport, asked?: boolean): void;
  /** The session's state now, with what the page kept its UI from showing. */
  report(): ContentReport;
  hide(): void;
}

/**
 * The card's Try again does the failed job again (a selection, or the page); its host is checked by the browser's own
 * view of its shadow root (isShadowRootOf), which no page script can fake; and once the page blocked it, the badge and
 * the popup, which the page cannot touch, say so from now on.
 */
export function createStatusUi(sessionOf: () => PageSession): StatusUi {
  const panel = createStatusPanel(document, {
    onShowOriginal: () => sessionOf().restore(),
    onTryAgain: () => void sessionOf().retry(),
    verify: isShadowRootOf,
    onBlocked: () => void send("reportProgress", withUiState(sessionOf().report())),
  });
  // Progress where the reader looks (the toolbar badge is hidden until the button is pinned); off in the options.
  // Drawn once a run's first request is out (held-cue.ts).
  const cue = holdCueForFirstRequest(createProgressCue(document, { verify: isShadowRootOf }), window);
  // A frame Gloss went into for the reader (a selection, a reply box) is not the tab's page: the background keeps
  // its badge and popup for the page.
  const inFrame = window !== window.top;
  const withUiState = (report: ContentReport): ContentReport => ({
    ...report,
    ...(panel.blocked ? { uiBlocked: true } : {}),
    ...(inFrame ? { inFrame: true } : {}),
  });
  return {
    cue,
    show(report, asked) {
      panel.show(report, asked);
      cue.show(report);
      void send("reportProgress", withUiState(report));
    },
    report: () => withUiState(sessionOf().report()),
    hide() {
      panel.hide();
      cue.hide();
    },
  };
}
