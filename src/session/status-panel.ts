// A small, dismissible in-page status card (progress, errors with their fix, notices). It lives in a verified closed
// shadow root under a built-in host (see ui-host.ts), so the page can neither read nor rewrite it, the page's CSS
// cannot break it, and the page's <body> stays byte-identical for "Show original". The host is only in the page
// while the card shows, in the top layer over the page's dialogs, popovers and fullscreen element (inside a modal
// dialog while one shows), so progress and errors are seen, and can be acted on, over them. When the page blocks the
// card, `onBlocked` is told, once.
import type { ContentReport } from "../shared/messages";
import { cardFocus, closeOnEscape, fromReader, type CardFocus } from "./element";
import { followViewport, type ViewportFollower } from "./place-fixed";
import { lazyUiHost, type LazyUiHost, type UiBlockedReason, type UiHostOptions } from "./ui-host";
import { buildStatusCard, fillStatusCard, STATUS_CSS, type StatusCard } from "./status-card";

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
  /**
   * The card goes with the keyboard on it: what made way for it may take the keyboard back (and say so), before the
   * focus goes back where it came from.
   */
  focusBack?(): Element | undefined;
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
  /** Puts the keyboard on the showing card (on its ×, there whatever it says); nothing when it is not showing. */
  focus(): void;
  /** Whether the card would be visible now (for the platform's other channels when it is blocked). */
  wouldShow(report: ContentReport): boolean;
  readonly blocked: UiBlockedReason | undefined;
}

/** What the panel's steps share: its card, where it lives, and what it remembers of the reports it was given. */
interface Panel extends StatusCard {
  options: StatusPanelOptions;
  host: LazyUiHost;
  follower: ViewportFollower;
  focus: CardFocus;
  dismissedKey: string;
  currentKey: string;
  /**
   * The status a notice the reader asked for was said with (why Translate selection could not be done): held against
   * that run's progress, whose next tick, a tenth of a second later, took it off the card before it could be read.
   */
  heldWith?: ContentReport["status"] | undefined;
  hideTimer?: ReturnType<typeof setTimeout> | undefined;
  /** The card's time is up, but the keyboard is on it: it goes when the focus leaves. */
  timedOut: boolean;
}

/** The card goes, and its host with it: the page is left as it was. */
function hidePanel(p: Panel): void {
  clearTimeout(p.hideTimer);
  p.timedOut = false;
  p.focus.handBack(() => p.options.focusBack?.());
  p.card.hidden = true;
  p.silence();
  p.follower.stop();
  p.host.current?.detach();
  p.options.onShown?.(false);
}

/** × and Escape dismiss the card; the other buttons do their job, and the card goes. */
function listenToCard(p: Panel): void {
  const { card, options, focus } = p;
  card.addEventListener("focusout", (event) => {
    if (p.timedOut && !card.contains((event as FocusEvent).relatedTarget as Node | null)) hidePanel(p);
  });
  const reader = (act: () => void) => fromReader(options.isTrusted, act);
  const dismiss = reader(() => {
    p.dismissedKey = p.currentKey;
    hidePanel(p);
  });
  p.close.addEventListener("click", dismiss);
  closeOnEscape(card, dismiss);
  p.original.addEventListener(
    "click",
    reader(() => {
      // Back where it came from first: a bilingual copy the keyboard came from goes with Show original, and hands the
      // focus on to the page's own element as it goes (after it, the card would have nowhere to give it but <body>).
      focus.handBack();
      options.onShowOriginal();
      hidePanel(p);
    }),
  );
  p.retry.addEventListener(
    "click",
    reader(() => {
      hidePanel(p);
      options.onTryAgain?.();
    }),
  );
  p.settings?.addEventListener(
    "click",
    reader(() => {
      hidePanel(p);
      options.onSettings?.();
    }),
  );
}

const keyOf = (report: ContentReport) => `${report.status}|${report.error?.message ?? ""}|${report.notice ?? ""}`;

/** Whether the card would show `report` now. */
function wouldShow(p: Panel, report: ContentReport): boolean {
  const { status, error, notice } = report;
  const all = p.options.verbosity === "all";
  const visible = error || notice || (all && (status === "translating" || status === "translated"));
  // Dismissing hides the card until something new happens (another report, then even the same error again).
  return !!visible && keyOf(report) !== p.dismissedKey;
}

/** Shows `report` unless the reader dismissed it or it is the progress a held notice stays over. */
function showReport(p: Panel, report: ContentReport, asked = false): void {
  const { card, focus } = p;
  if (asked && report.notice && !report.error) p.heldWith = report.status;
  else if (p.heldWith !== undefined) {
    if (!card.hidden && report.status === p.heldWith && !report.error && !report.notice) return;
    p.heldWith = undefined;
  }
  clearTimeout(p.hideTimer);
  // What timed out was the last report; this one has its own time (an error stays until dismissed).
  p.timedOut = false;
  p.currentKey = keyOf(report);
  // Something else happened since the dismissal (a retry, a new run): the same error or progress after it is news.
  if (p.currentKey !== p.dismissedKey || asked) p.dismissedKey = "";
  if (!wouldShow(p, report)) return hidePanel(p);
  const stays = fillStatusCard(p, report, !!p.options.onTryAgain);
  // Never from under the keyboard (Show original is here).
  if (stays) p.hideTimer = setTimeout(() => (focus.focused() ? (p.timedOut = true) : hidePanel(p)), stays);
  card.hidden = false;
  // The button the keyboard was on is not offered now (more to translate): the focus stays in the card, not <body>.
  if (focus.focused()?.closest("[hidden]")) p.close.focus();
  if (!p.host.get()?.attach()) return;
  p.follower.update();
  p.options.onShown?.(true);
  p.announce(!!report.error);
}

export function createStatusPanel(doc: Document, options: StatusPanelOptions): StatusPanel {
  const card = buildStatusCard(doc, !!options.onSettings);
  const content = doc.createDocumentFragment();
  content.append(card.card, card.frame);
  const p: Panel = {
    ...card,
    options,
    follower: followViewport(card.frame, card.card, "bottom-right", false, 16),
    host: lazyUiHost(doc, content, {
      css: STATUS_CSS,
      aboveTopLayer: true,
      onBlocked: (reason) => {
        // A card the page took out shows no more: what made way for it (the userscript's corner button) comes back.
        options.onShown?.(false);
        options.onBlocked?.(reason);
      },
      precheck: options.precheck,
      verify: options.verify,
    }),
    focus: cardFocus(card.card),
    dismissedKey: "",
    currentKey: "",
    timedOut: false,
  };
  listenToCard(p);
  return {
    show: (report, asked) => showReport(p, report, asked),
    hide: () => hidePanel(p),
    focus: () => {
      if (!p.card.hidden && p.host.current?.attached) p.close.focus();
    },
    wouldShow: (report) => wouldShow(p, report),
    get blocked() {
      return p.host.blocked;
    },
  };
}
