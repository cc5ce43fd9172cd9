// A small, dismissible in-page status card (progress, errors with their fix, notices). It lives in a verified closed
// shadow root under a built-in host (see ui-host.ts), so the page can neither read nor rewrite it, the page's CSS
// cannot break it, and the page's <body> stays byte-identical for "Show original". The host is only in the page
// while the card shows. When the page blocks the card, `onBlocked` is told, once.
import type { ContentReport } from "../shared/messages";
import { SERVER_WAIT } from "../shared/server-wait";
import { outcomeReasons, translatedTitle } from "../shared/outcome-text";
import { fillCss, fillTransform, setProgressValues } from "../shared/progress-values";
import {
  ANNOUNCER_CSS,
  button,
  CARD_EDGE_CSS,
  TOUCH_TARGET_CSS,
  cardFocus,
  closeOnEscape,
  el,
  forcedBarCss,
  fromReader,
  liveCard,
  namedRegion,
} from "./element";
import { FRAME_CSS, followViewport } from "./place-fixed";
import { lazyUiHost, type UiBlockedReason, type UiHostOptions } from "./ui-host";

export interface StatusPanelOptions {
  onShowOriginal(): void;
  /** Offered on an error as "Try again" (what the popup's button does); without it the card offers no retry. */
  onTryAgain?(): void;
  /**
   * Offered as "Settings" whenever the card shows, where the platform has no other way to them (a userscript manager
   * without a menu: Safari's Userscripts). Without it the card offers none.
   */
  onSettings?(): void;
  /** The card came into the page or went (something else the platform shows in its corner makes way). */
  onShown?(shown: boolean): void;
  /** "problems": only errors and notices (the extension has a badge and popup); "all": progress too (userscript). */
  verbosity?: "problems" | "all";
  /** The platform's checks on the host (see UiHostOptions). */
  precheck?: UiHostOptions["precheck"];
  verify?: UiHostOptions["verify"];
  /** The page blocked the card: what it would show must reach the user another way. */
  onBlocked?(reason: UiBlockedReason): void;
  /** Whether a click or key on the card is the reader's own (tests stand in for the browser's; see fromReader). */
  isTrusted?(event: Event): boolean;
}

export interface StatusPanel {
  /** `asked`: the reader asked for it again, so it shows even if they dismissed the same report. */
  show(report: ContentReport, asked?: boolean): void;
  hide(): void;
  /** Whether the card would be visible now (for the platform's other channels when it is blocked). */
  wouldShow(report: ContentReport): boolean;
  readonly blocked: UiBlockedReason | undefined;
}

const CSS = `
[hidden] { display: none !important; }
.card { position: fixed; z-index: 2147483647; right: 16px; bottom: 16px; max-width: min(380px, calc(100vw - 32px));
  box-sizing: border-box; padding: 12px 14px; border-radius: 10px; background: #111827; color: #f9fafb;
  font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; box-shadow: 0 6px 24px rgba(0,0,0,.35);
  display: grid; grid-template-columns: 1fr auto; gap: 6px 10px; align-items: start; }
.card[hidden] { display: none; }
.card.error { background: #7f1d1d; }
.said { min-width: 0; overflow-wrap: anywhere; }
.title { font-weight: 600; }
.fix { margin-top: 6px; color: #e5e7eb; }
.bar { grid-column: 1 / -1; height: 4px; background: rgba(255,255,255,.2); border-radius: 2px; overflow: hidden; }
${fillCss(".bar > div", "background: #60a5fa; transition: transform .2s;")}
@media (prefers-reduced-motion: reduce) { .bar > div { transition: none; } }
.actions { grid-column: 1 / -1; display: flex; gap: 8px; }
button { font: inherit; color: inherit; background: rgba(255,255,255,.12); border: 1px solid rgba(255,255,255,.25);
  border-radius: 6px; padding: 3px 10px; cursor: pointer; }
button:focus-visible { outline: 2px solid #93c5fd; outline-offset: 1px; }
.close { background: none; border: none; padding: 0 4px; font-size: 16px; line-height: 1; }
${ANNOUNCER_CSS}
${CARD_EDGE_CSS}
${TOUCH_TARGET_CSS}
${FRAME_CSS}
${forcedBarCss(".bar > div", ".bar")}
`;

export function createStatusPanel(doc: Document, options: StatusPanelOptions): StatusPanel {
  const verbosity = options.verbosity ?? "problems";
  const { card, said, close, announcer, announce, silence } = liveCard(doc, "card", "Dismiss", "Dismiss Gloss status");
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
  const settings = options.onSettings ? button(doc, "Settings") : undefined;
  if (settings) actions.append(settings);
  card.append(said, close, bar, actions, announcer);
  const frame = el(doc, "div", "frame");
  const follower = followViewport(frame, card, "bottom-right", false, 16);
  const content = doc.createDocumentFragment();
  content.append(card, frame);

  const host = lazyUiHost(doc, content, {
    css: CSS,
    onBlocked: (reason) => {
      // A card the page took out shows no more: what made way for it (the userscript's corner button) comes back.
      options.onShown?.(false);
      options.onBlocked?.(reason);
    },
    ...(options.precheck ? { precheck: options.precheck } : {}),
    ...(options.verify ? { verify: options.verify } : {}),
  });

  let dismissedKey = "";
  let currentKey = "";
  /**
   * The status a notice the reader asked for was said with (why Translate selection could not be done): held against
   * that run's progress, whose next tick, a tenth of a second later, took it off the card before it could be read.
   */
  let heldWith: ContentReport["status"] | undefined;
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  const focus = cardFocus(card);
  /** The card's time is up, but the keyboard is on it: it goes when the focus leaves. */
  let timedOut = false;

  const hide = () => {
    clearTimeout(hideTimer);
    timedOut = false;
    focus.handBack();
    card.hidden = true;
    silence();
    follower.stop();
    host.current?.detach();
    options.onShown?.(false);
  };
  card.addEventListener("focusout", (event) => {
    if (timedOut && !card.contains((event as FocusEvent).relatedTarget as Node | null)) hide();
  });
  const reader = <E extends Event>(act: (event: E) => void) => fromReader(options.isTrusted, act);
  const dismiss = reader(() => {
    dismissedKey = currentKey;
    hide();
  });
  close.addEventListener("click", dismiss);
  closeOnEscape(card, dismiss);
  original.addEventListener(
    "click",
    reader(() => {
      // Back where it came from first: a bilingual copy the keyboard came from goes with Show original, and hands the
      // focus on to the page's own element as it goes (after it, the card would have nowhere to give it but <body>).
      focus.handBack();
      options.onShowOriginal();
      hide();
    }),
  );
  retry.addEventListener(
    "click",
    reader(() => {
      hide();
      options.onTryAgain?.();
    }),
  );
  settings?.addEventListener(
    "click",
    reader(() => {
      hide();
      options.onSettings?.();
    }),
  );

  const keyOf = (report: ContentReport) => `${report.status}|${report.error?.message ?? ""}|${report.notice ?? ""}`;
  function wouldShow(report: ContentReport): boolean {
    const { status, error, notice } = report;
    const visible = error || notice || (verbosity === "all" && (status === "translating" || status === "translated"));
    // Dismissing hides the card until something new happens (another report, then even the same error again).
    return !!visible && keyOf(report) !== dismissedKey;
  }

  function show(report: ContentReport, asked = false): void {
    if (asked && report.notice && !report.error) heldWith = report.status;
    else if (heldWith !== undefined) {
      if (!card.hidden && report.status === heldWith && !report.error && !report.notice) return;
      heldWith = undefined;
    }
    clearTimeout(hideTimer);
    // What timed out was the last report; this one has its own time (an error stays until dismissed).
    timedOut = false;
    const { status, progress, error, notice } = report;
    currentKey = keyOf(report);
    // Something else happened since the dismissal (a retry, a new run): the same error or progress after it is news.
    if (currentKey !== dismissedKey || asked) dismissedKey = "";
    if (!wouldShow(report)) return hide();

    card.classList.toggle("error", !!error);
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
    retry.hidden = !(status === "error" && options.onTryAgain);
    actions.hidden = original.hidden && retry.hidden && !settings;
    count.textContent = "";
    if (error) {
      words.textContent = error.message;
      fix.textContent = error.fix ?? "";
    } else if (notice) {
      words.textContent = notice;
    } else if (status === "translating") {
      words.textContent = "Translating…";
      if (progress.total) count.textContent = ` ${progress.done} of ${progress.total}`;
      if (waitingFor) fix.textContent = waitingFor;
      fill.style.transform = fillTransform(setProgressValues(bar, progress.done, progress.total));
    } else {
      words.textContent = translatedTitle(progress);
      fix.textContent = reasons;
      // Reasons take longer to read than "Translated." Never from under the keyboard (Show original is here).
      hideTimer = setTimeout(() => (focus.focused() ? (timedOut = true) : hide()), reasons ? 10000 : 4000);
    }
    card.hidden = false;
    // The button the keyboard was on is not offered now (more to translate): the focus stays in the card, not <body>.
    if (focus.focused()?.closest("[hidden]")) close.focus();
    if (!host.get()?.attach()) return;
    follower.update();
    options.onShown?.(true);
    announce(!!error);
  }

  return {
    show,
    hide,
    wouldShow,
    get blocked() {
      return host.blocked;
    },
  };
}
