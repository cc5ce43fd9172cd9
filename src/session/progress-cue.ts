// A thin progress line along the top edge of the window while a page is being translated: where the reader looks
// (Chromium hides the toolbar badge until the button is pinned), never over the text (3 px, clicks pass through), and
// gone when the work is done. It lives under the same verified closed-shadow-root host as the status card
// (ui-host.ts); if the page removes it, it stays away (the badge and the popup still show progress).
import type { ContentReport } from "../shared/messages";
import { fillCss, fillTransform, setProgressValues } from "../shared/progress-values";
import { forcedBarCss, speaksEnglish } from "./element";
import { FRAME_CSS, followViewport } from "./place-fixed";
import { newElement } from "../core/dom";
import { createUiHost, type UiHost, type UiHostOptions } from "./ui-host";

export interface ProgressCueOptions {
  precheck?: UiHostOptions["precheck"];
  verify?: UiHostOptions["verify"];
}

export interface ProgressCue {
  show(report: ContentReport): void;
  hide(): void;
  /** Turned off (the setting): hidden now and until turned on again. */
  enabled: boolean;
}

const CSS = `
.cue { position: fixed; z-index: 2147483647; top: 0; left: 0; right: 0; height: 3px; pointer-events: none;
  background: rgba(59, 130, 246, .2); }
${fillCss(".cue > div", "background: #3b82f6; transition: transform .25s ease-out;")}
@media (prefers-reduced-motion: reduce) { .cue > div { transition: none; } }
${FRAME_CSS}
${forcedBarCss(".cue > div")}
`;

export function createProgressCue(doc: Document, options: ProgressCueOptions = {}): ProgressCue {
  let ui: UiHost | undefined;
  let blocked = false;
  let enabled = true;
  const cue = newElement(doc, "div");
  cue.className = "cue";
  cue.setAttribute("role", "progressbar");
  cue.setAttribute("aria-label", "Gloss: translating this page");
  speaksEnglish(cue);
  const fill = newElement(doc, "div");
  cue.append(fill);
  const frame = newElement(doc, "div");
  frame.className = "frame";
  const follower = followViewport(frame, cue, "top-left");

  const host = (): UiHost | undefined => {
    if (!ui && !blocked) {
      ui = createUiHost(doc, {
        css: CSS,
        onBlocked: () => (blocked = true),
        ...(options.precheck ? { precheck: options.precheck } : {}),
        ...(options.verify ? { verify: options.verify } : {}),
      });
      ui?.root.append(cue, frame);
    }
    return ui;
  };

  const hide = () => {
    follower.stop();
    ui?.detach();
  };

  return {
    show(report) {
      if (!enabled || report.status !== "translating") return hide();
      // A sliver even before any passage is done: the line says work has started.
      fill.style.transform = fillTransform(setProgressValues(cue, report.progress.done, report.progress.total), 0.04);
      if (host()?.attach()) follower.update();
    },
    hide,
    get enabled() {
      return enabled;
    },
    set enabled(on: boolean) {
      enabled = on;
      if (!on) hide();
    },
  };
}
