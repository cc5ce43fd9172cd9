// The status card's look and elements: built once, and filled in from each report the panel shows.
import type { ContentReport } from "../shared/messages";
import { SERVER_WAIT } from "../shared/server-wait";
import { outcomeReasons, translatedTitle } from "../shared/outcome-text";
import { fillCss, fillTransform, setProgressValues } from "../shared/progress-values";
import {
  CARD_END_CSS,
  CARD_START_CSS,
  button,
  el,
  forcedBarCss,
  liveCard,
  namedRegion,
  type LiveCard,
} from "./element";
import { FRAME_CSS } from "./place-fixed";

export const STATUS_CSS = `
${CARD_START_CSS}
.card { right: 16px; bottom: 16px; max-width: min(380px, calc(100vw - 32px)); padding: 12px 14px; gap: 6px 10px; }
.card.error { background: #7f1d1d; }
.said { min-width: 0; overflow-wrap: anywhere; }
.title { font-weight: 600; }
.fix { margin-top: 6px; color: #e5e7eb; }
.bar { grid-column: 1 / -1; height: 4px; background: rgba(255,255,255,.2); border-radius: 2px; overflow: hidden; }
${fillCss(".bar > div", "background: #60a5fa; transition: transform .2s;")}
@media (prefers-reduced-motion: reduce) { .bar > div { transition: none; } }
.actions { grid-column: 1 / -1; display: flex; gap: 8px; }
button { border-color: rgba(255,255,255,.25); padding: 3px 10px; }
${CARD_END_CSS}
${FRAME_CSS}
${forcedBarCss(".bar > div", ".bar")}
`;

export interface StatusCard extends LiveCard {
  words: HTMLSpanElement;
  count: HTMLSpanElement;
  fix: HTMLDivElement;
  bar: HTMLDivElement;
  fill: HTMLDivElement;
  actions: HTMLDivElement;
  retry: HTMLButtonElement;
  original: HTMLButtonElement;
  settings: HTMLButtonElement | undefined;
  /** What the card keeps clear of, following the viewport (see place-fixed.ts). */
  frame: HTMLDivElement;
}

/** The card's elements, hidden; "Settings" only where it is offered. */
export function buildStatusCard(doc: Document, offerSettings: boolean): StatusCard {
  const live = liveCard(doc, "card", "Dismiss", "Dismiss Gloss status");
  const { card, said, close, announcer } = live;
  namedRegion(card, "Gloss status");
  const title = el(doc, "div", "title");
  const words = el(doc, "span");
  // The count is shown but not read out: the announcer would read out every tick. The bar carries it instead.
  const count = el(doc, "span");
  count.setAttribute("aria-hidden", "true");
  title.append(words, count);
  const fix = el(doc, "div", "fix");
  said.append(title, fix);
  const bar = el(doc, "div", "bar");
  bar.setAttribute("role", "progressbar");
  bar.setAttribute("aria-label", "Translation progress");
  const fill = el(doc, "div");
  bar.append(fill);
  const actions = el(doc, "div", "actions");
  const retry = button(doc, "Try again");
  const original = button(doc, "Show original");
  actions.append(retry, original);
  // Only where it is offered: not a hidden button for a page that reaches the card's (Firefox's window.find) to find.
  const settings = offerSettings ? button(doc, "Settings") : undefined;
  if (settings) actions.append(settings);
  card.append(said, close, bar, actions, announcer);
  const frame = el(doc, "div", "frame");
  return { ...live, words, count, fix, bar, fill, actions, retry, original, settings, frame };
}

/**
 * Writes `report` into the card (whose Try again is offered when `canRetry`), and says how long it stays, in ms:
 * 0 while there is more to come or until it is dismissed (an error).
 */
export function fillStatusCard(c: StatusCard, report: ContentReport, canRetry: boolean): number {
  const { words, count, fix, bar, actions, retry, original } = c;
  const { status, progress, error, notice } = report;
  c.card.classList.toggle("error", !!error);
  const reasons = status === "translated" && !error && !notice ? outcomeReasons(report) : "";
  // Said under "Translating…" while the server as a whole keeps the page waiting (not a request queued behind the
  // page's own others).
  const server = report.serverStatus;
  const waitingFor =
    status === "translating" && (server === "loading" || server === "busy") ? SERVER_WAIT[server] : undefined;
  fix.hidden = !(error?.fix || reasons || waitingFor);
  bar.hidden = status !== "translating";
  // Failed part-way, the way back is offered beside the retry, as in the popup.
  original.hidden = !(status === "translated" || (status === "error" && progress.done > 0));
  retry.hidden = !(status === "error" && canRetry);
  actions.hidden = original.hidden && retry.hidden && !c.settings;
  count.textContent = "";
  if (error) {
    words.textContent = error.message;
    fix.textContent = error.fix ?? "";
  } else if (notice) {
    words.textContent = notice;
    // The line under it shows only while the server keeps the page waiting: that wait, not an earlier report's.
    fix.textContent = waitingFor ?? "";
  } else if (status === "translating") {
    words.textContent = "Translating…";
    if (progress.total) count.textContent = ` ${progress.done} of ${progress.total}`;
    if (waitingFor) fix.textContent = waitingFor;
    c.fill.style.transform = fillTransform(setProgressValues(bar, progress.done, progress.total));
  } else {
    words.textContent = translatedTitle(progress);
    fix.textContent = reasons;
    // Reasons take longer to read than "Translated."
    return reasons ? 10000 : 4000;
  }
  return 0;
}
