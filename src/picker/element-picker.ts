// The element picker: the reader points at a part of the page (or moves to it with the arrow keys), Gloss outlines it
// with the selector it would be saved under, and a small panel saves that part of the site as left untranslated.
// Nothing of the page changes: the shield over the page, the outline, its label and the panel live in a verified
// closed shadow root (session/ui-host.ts), and the picker's window listeners go with it.
import { deepFocus } from "../core/dom";
import { createUiHost, type UiBlockedReason, type UiHost, type UiHostOptions } from "../session/ui-host";
import type { Pickable } from "./key-moves";
import { createPageParts } from "./page-parts";
import { PICKER_CSS } from "./picker-css";
import { followView, listenToShield, pickerKeys, type PickerScene } from "./picker-input";
import { createPickerOverlay, type PickerOverlay } from "./picker-overlay";
import { createPickerPanel, type PickedPart, type SaveOutcome } from "./picker-panel";

export type { PickedPart, SaveOutcome };

export interface PickerOptions {
  /** The site rule offered (the page's site, e.g. `reddit.com`); the reader may narrow it to a path. */
  site: string;
  save(part: PickedPart): Promise<SaveOutcome>;
  /**
   * The elements under a point, topmost first, as `scope` (the page or an open shadow root in it) sees them: the
   * browser's elementsFromPoint (tests stand in for it).
   */
  elementsAt?(x: number, y: number, scope: Document | ShadowRoot): Element[];
  /** The part the picker starts on, outlined: the element the reader right-clicked to choose it from the menu. */
  startAt?: Element;
  verify?: UiHostOptions["verify"];
  /** Whether a click or key is the reader's own (tests stand in for the browser's; see fromReader). */
  isTrusted?(event: Event): boolean;
  /** The page kept the picker out (it could not show) or took it out. */
  onBlocked?(reason: UiBlockedReason): void;
  /** The picker went: cancelled, closed after saving, or taken out by the page. */
  onClose?(): void;
}

export interface Picker {
  readonly active: boolean;
  /** Takes the picker away, leaving the page as it was. */
  cancel(): void;
}

/** Elements that show nothing of their own (a line break, a video's sources): the arrow keys pass over them. */
const UNSEEN = new Set(
  "script style link meta template noscript head title base slot br wbr source track param".split(" "),
);

/** The elements under a point as the browser finds them; not every DOM has it (jsdom): the keyboard then starts from
 * the page's first part. */
const elementsFromPointOf = (x: number, y: number, scope: Document | ShadowRoot) =>
  scope.elementsFromPoint?.(x, y) ?? [];

/** Where Esc and Cancel hand the focus back: where it was (a click on the shield would have left it nowhere in the
 * page), unless that was nowhere in particular. */
function focusBefore(doc: Document): Element | null | undefined {
  const before = deepFocus(doc);
  return before === doc.body || before === doc.documentElement ? undefined : before;
}

/**
 * Whether the browser draws `element`. Not when the page hides it (a closed submenu, a hidden field) nor what it is in
 * (a closed <details>' content, a component's light child that no slot shows), though its own style is not `none`: it
 * has no box. An element with `display: contents` has none either, but draws what it holds.
 */
function drawn(element: Element, win: Window): boolean {
  const display = win.getComputedStyle(element).display;
  return display === "contents" || (element.checkVisibility?.() ?? display !== "none");
}

/**
 * The parts the picker outlines: the page's own elements that show something, not Gloss's host, <html> or <body>.
 * The arrow keys reach elements the browser does not draw, which have no box: outlined, they would be a label naming
 * them in the window's corner.
 */
function pickableIn(doc: Document, win: Window, host: UiHost): Pickable {
  return (element): element is Element =>
    !!element &&
    element !== host.host &&
    element.ownerDocument === doc &&
    element !== doc.documentElement &&
    element !== doc.body &&
    !UNSEEN.has(element.localName) &&
    drawn(element, win);
}

/**
 * The page changing under the picker. A page that swaps in a whole new <html> (a router drawing the page afresh) took
 * the picker away with the old one without taking it out: it goes into the new one, and the reader picks on (else the
 * keys would still go to a picker no one sees). A page that takes the picker itself out is the host's to tell
 * (onBlocked "removed"). Any other change may move the outlined part (a banner put in above it) or take it away (a
 * re-render) under a pointer at rest: the outline follows, or goes, rather than name what is no longer there for
 * Enter to choose.
 */
function watchPage(
  win: Window & typeof globalThis,
  host: UiHost,
  overlay: PickerOverlay,
  active: () => boolean,
): MutationObserver {
  return new win.MutationObserver(() => {
    if (!active()) return;
    if (host.attached) return overlay.place();
    host.attach();
    overlay.dropGone();
  });
}

/**
 * The focus going into the panel is not the page's to see: a modal library's focus trap (a focusin listener on the
 * document) would take it back to the page's modal, and the reader could not type in the panel. The panel hands the
 * focus back to where it was before the picker (focusBefore), which needs no focusin of its own.
 */
function keepPanelFocus(host: HTMLElement): (event: Event) => void {
  return (event) => {
    if (event.target === host) event.stopImmediatePropagation();
  };
}

/** Adds (true) or removes the picker's listeners on the window and its watch for a page drawn afresh. */
function pickerWindowListeners(
  win: Window,
  doc: Document,
  redrawn: MutationObserver,
  onKey: (event: KeyboardEvent) => void,
  onView: () => void,
  shield: (on: boolean) => void,
  onFocus: (event: Event) => void,
): (on: boolean) => void {
  return (on) => {
    const method = on ? "addEventListener" : "removeEventListener";
    shield(on);
    win[method]("focusin", onFocus, { capture: true });
    win[method]("keydown", onKey as EventListener, { capture: true });
    win[method]("scroll", onView, { capture: true });
    win[method]("resize", onView, { capture: true });
    if (on) redrawn.observe(doc, { childList: true, subtree: true, attributes: true, characterData: true });
    else redrawn.disconnect();
  };
}

/**
 * Starts the picker over `doc`; undefined when the page keeps Gloss's UI out (then `onBlocked` was told). Esc, the
 * panel's Cancel or × take it away; the page is then as it was, with the focus where it was.
 */
export function startPicker(doc: Document, options: PickerOptions): Picker | undefined {
  const win = doc.defaultView;
  if (!win) return undefined;
  const elementsAt = options.elementsAt ?? elementsFromPointOf;
  const overlay = createPickerOverlay(doc, win, (selector) => parts.count(selector));
  const panel = createPickerPanel(doc, {
    save: options.save,
    ...(options.isTrusted ? { isTrusted: options.isTrusted } : {}),
    count: (selector) => parts.count(selector),
    active: () => active,
    end: finish,
    again() {
      panel.hide(back);
      overlay.again();
    },
  });
  overlay.root.append(panel.card);
  const focusedBefore = focusBefore(doc);
  const back = () => (focusedBefore?.isConnected ? focusedBefore : undefined);

  let active = true;
  const host = createUiHost(doc, {
    css: PICKER_CSS,
    // Over a page's modal dialog (a login, a consent form) the rest of the page is inert, and under the dialog: a
    // shield there gets no pointer, which goes to the dialog's own controls.
    aboveTopLayer: true,
    ...(options.verify ? { verify: options.verify } : {}),
    onBlocked: (reason) => {
      options.onBlocked?.(reason);
      if (reason === "removed") finish();
    },
  });
  if (!host) return undefined;
  host.root.append(overlay.root);
  const redrawn = watchPage(win, host, overlay, () => active);
  const pickable = pickableIn(doc, win, host);
  const parts = createPageParts(doc, pickable, elementsAt);
  const { site, isTrusted } = options;
  const scene: PickerScene = {
    doc,
    win,
    overlay,
    panel,
    parts,
    pickable,
    site,
    host: host.host,
    isTrusted,
    elementsAt,
    finish,
  };
  const shield = listenToShield(scene);
  const keys = pickerKeys(scene);
  const onFocus = keepPanelFocus(host.host);
  const listen = pickerWindowListeners(win, doc, redrawn, keys, followView(scene), shield, onFocus);

  function finish(): void {
    if (!active) return;
    active = false;
    listen(false);
    panel.close(back);
    overlay.stop();
    parts.stop();
    host?.detach();
    options.onClose?.();
  }

  if (!host.attach()) return undefined;
  listen(true);
  const start = options.startAt && parts.reachable(options.startAt);
  if (pickable(start)) overlay.outline(start, "later");
  overlay.start();
  return {
    get active() {
      return active;
    },
    cancel: finish,
  };
}
