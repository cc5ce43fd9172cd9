// The userscript's button in the corner of the page, for where nothing else can start Gloss: a manager without a menu
// (Safari's Userscripts, on an iPhone or iPad) on a touch screen, so no key to press either. A tap translates the page,
// or shows the original of a translated one. It makes way for the status card, which takes the same corner (and
// offers Settings there); the page can neither read nor press it (a verified closed shadow root, trusted taps only).
import { showsTranslation, type ContentReport } from "../shared/messages";
import { button, fromReader, speaksEnglish, TOUCH_TARGET_CSS } from "../session/element";
import { FRAME_CSS, followViewport } from "../session/place-fixed";
import { lazyUiHost, type UiBlockedReason, type UiHostOptions } from "../session/ui-host";

export interface LauncherOptions {
  /** The tap: translate the page, or show its original. */
  onPress(): void;
  precheck?: UiHostOptions["precheck"];
  verify?: UiHostOptions["verify"];
  onBlocked(reason: UiBlockedReason): void;
  /** Whether an event is the reader's (by default the browser's `isTrusted`). */
  isTrusted?(event: Event): boolean;
  /**
   * Puts the keyboard on the status card, which is in the page by then: the button the keyboard was on makes way for
   * it, and the focus would otherwise fall to the page's <body>.
   */
  focusCard?(): void;
}

export interface Launcher {
  /** The page's state changed: the button says what a tap does now. */
  update(report: ContentReport): void;
  /** The status card came or went: the button gives it the corner. */
  cardShown(shown: boolean): void;
  /**
   * The status card is going with the keyboard on it: when the button handed the keyboard to it, the button is back
   * in its corner at once and takes the keyboard again (returned); otherwise undefined, for the card to decide.
   */
  takeFocusBack(): HTMLElement | undefined;
}

/** Whether the reader has a menu or a key to start Gloss: a manager's menu, or a pointer other than a finger. */
export function needsLauncher(hasMenu: boolean, win: Window): boolean {
  if (hasMenu) return false;
  try {
    return win.matchMedia("(pointer: coarse)").matches && !win.matchMedia("(any-pointer: fine)").matches;
  } catch {
    return false;
  }
}

const CSS = `
[hidden] { display: none !important; }
.launch { position: fixed; z-index: 2147483647; right: 12px; bottom: 12px; min-height: 44px; min-width: 44px;
  padding: 0 14px; border-radius: 22px; border: 1px solid rgba(255,255,255,.3); background: rgba(17,24,39,.85);
  color: #f9fafb; font: 600 14px/1 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; cursor: pointer;
  box-shadow: 0 4px 14px rgba(0,0,0,.3); -webkit-tap-highlight-color: transparent; }
.launch:focus-visible { outline: 2px solid #93c5fd; outline-offset: 2px; }
@media (forced-colors: active) { .launch { border-color: ButtonText; } }
${FRAME_CSS}
${TOUCH_TARGET_CSS}
`;

/** What a tap does, said on the button and to screen readers. */
function labels(report: ContentReport | undefined): { text: string; name: string } {
  // As the session's toggle decides (page-session.ts).
  return report && showsTranslation(report)
    ? { text: "Original", name: "Gloss: show the original" }
    : { text: "Translate", name: "Gloss: translate this page" };
}

export function createLauncher(doc: Document, options: LauncherOptions): Launcher {
  const press = button(doc, "", "launch");
  speaksEnglish(press);
  press.addEventListener("click", fromReader(options.isTrusted, options.onPress));
  const frame = doc.createElement("div");
  frame.className = "frame";
  const follower = followViewport(frame, press, "bottom-right");
  const content = doc.createDocumentFragment();
  content.append(press, frame);
  const host = lazyUiHost(doc, content, {
    css: CSS,
    onBlocked: options.onBlocked,
    ...(options.precheck ? { precheck: options.precheck } : {}),
    ...(options.verify ? { verify: options.verify } : {}),
  });

  let report: ContentReport | undefined;
  let cardOut = false;
  /** The keyboard went from the button to the card as the card took the corner. */
  let handedFocus = false;
  const focused = () => host.current?.root.activeElement === press;
  const render = () => {
    const { text, name } = labels(report);
    press.textContent = text;
    press.setAttribute("aria-label", name);
    if (cardOut) {
      if (focused() && options.focusCard) {
        options.focusCard();
        handedFocus = !focused();
      }
      follower.stop();
      host.current?.detach();
    } else if (host.get()?.attach()) {
      follower.update();
    }
  };
  render();
  return {
    update(next) {
      report = next;
      render();
    },
    cardShown(shown) {
      if (shown === cardOut) return;
      cardOut = shown;
      if (!shown) handedFocus = false;
      render();
    },
    takeFocusBack() {
      if (!handedFocus) return undefined;
      handedFocus = false;
      cardOut = false;
      render();
      if (!host.current?.attached) return undefined;
      press.focus();
      return press;
    },
  };
}
