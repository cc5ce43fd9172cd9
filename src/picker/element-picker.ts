// The element picker: the reader points at a part of the page (or moves to it with the arrow keys), Gloss outlines it
// with the selector it would be saved under, and a small panel saves that part of the site as left untranslated.
// Nothing of the page changes: the shield over the page, the outline, its label and the panel live in a verified
// closed shadow root (session/ui-host.ts), and the picker's window listeners go with it.
import { fromReader } from "../session/element";
import { deepFocus } from "../core/dom";
import { createUiHost, type UiBlockedReason, type UiHostOptions } from "../session/ui-host";
import { bringIntoView, movedTo, startingPart } from "./key-moves";
import { chooseSelector } from "./part-selector";
import { createPageParts } from "./page-parts";
import { PICKER_CSS } from "./picker-css";
import { createPickerOverlay } from "./picker-overlay";
import { createPickerPanel, type PickedPart, type SaveOutcome } from "./picker-panel";
import { isComposing } from "../shared/composing";

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

/** Elements that show nothing of their own: the arrow keys pass over them. */
const UNSEEN = new Set(["script", "style", "link", "meta", "template", "noscript", "head", "title", "base", "slot"]);

/**
 * Starts the picker over `doc`; undefined when the page keeps Gloss's UI out (then `onBlocked` was told). Esc, the
 * panel's Cancel or × take it away; the page is then as it was, with the focus where it was.
 */
export function startPicker(doc: Document, options: PickerOptions): Picker | undefined {
  const win = doc.defaultView;
  if (!win) return undefined;
  const reader = <E extends Event>(act: (event: E) => void) => fromReader(options.isTrusted, act);
  // Not every DOM has it (jsdom): the keyboard then starts from the page's first part.
  const elementsAt =
    options.elementsAt ??
    ((x: number, y: number, scope: Document | ShadowRoot) => scope.elementsFromPoint?.(x, y) ?? []);

  const overlay = createPickerOverlay(doc, win, (selector) => parts.count(selector));
  const panel = createPickerPanel(doc, {
    save: options.save,
    ...(options.isTrusted ? { isTrusted: options.isTrusted } : {}),
    count: (selector) => parts.count(selector),
    active: () => active,
    end: finish,
  });
  overlay.root.append(panel.card);
  // Esc and Cancel hand the focus back here (a click on the shield would have left it nowhere in the page).
  const before = deepFocus(doc);
  const focusedBefore = before === doc.body || before === doc.documentElement ? undefined : before;

  let active = true;
  const host = createUiHost(doc, {
    css: PICKER_CSS,
    ...(options.verify ? { verify: options.verify } : {}),
    onBlocked: (reason) => {
      options.onBlocked?.(reason);
      if (reason === "removed") finish();
    },
  });
  if (!host) return undefined;
  host.root.append(overlay.root);
  // A page that swaps in a whole new <html> (a router drawing the page afresh) took the picker away with the old one
  // without taking it out: it goes into the new one, and the reader picks on (else the keys would still go to a
  // picker no one sees). A page that takes the picker itself out is the host's to tell (onBlocked "removed").
  const redrawn = new win.MutationObserver(() => {
    if (!active || host.attached) return;
    host.attach();
    overlay.dropGone();
  });

  const pickable = (element: Element | null | undefined): element is Element =>
    !!element &&
    element !== host.host &&
    element.ownerDocument === doc &&
    element !== doc.documentElement &&
    element !== doc.body &&
    !UNSEEN.has(element.localName);
  const parts = createPageParts(doc, pickable, elementsAt);

  const picking = () => panel.picking();

  function at(x: number, y: number): Element | undefined {
    const found = parts.at(x, y);
    return pickable(found) ? found : undefined;
  }

  function move(key: string): boolean {
    const current = overlay.current;
    // The outlined part went with a page that drew itself afresh: start again from the page as it is now.
    if (!current?.isConnected) {
      const start = startingPart(win!, doc, at, pickable);
      if (start) overlay.outline(start, "now");
      return !!start;
    }
    const target = movedTo(key, current, parts, pickable);
    if (!target) return true;
    overlay.outline(target, "now");
    bringIntoView(win!, target);
    return true;
  }

  /** The outlined part is the one: the panel offers its selector and the page's site. */
  function choose(): void {
    const current = overlay.current;
    if (!current) return;
    const site = picking() ? options.site : undefined;
    overlay.chosen();
    panel.offer(chooseSelector(current), site);
  }

  const onMove = (event: MouseEvent) => {
    if (!picking()) return;
    const target = at(event.clientX, event.clientY);
    if (target && target !== overlay.current) overlay.outline(target, "resting");
  };
  const onClick = reader((event: MouseEvent) => {
    event.preventDefault();
    const target = at(event.clientX, event.clientY) ?? overlay.current;
    if (!target) return;
    overlay.outline(target, "later");
    choose();
  });
  const onKey = reader((event: KeyboardEvent) => {
    // Composing with an input method (Chinese, Japanese, Korean…): its Enter takes a word and its Esc drops it.
    if (isComposing(event)) return;
    const own = event.target === host.host;
    if (event.key === "Escape") {
      // The page's own Escape (its dialog, its reply box) stays out of it.
      event.preventDefault();
      event.stopImmediatePropagation();
      finish();
      return;
    }
    if (own || !picking() || event.altKey || event.ctrlKey || event.metaKey) return;
    const handled = event.key.startsWith("Arrow") ? move(event.key) : event.key === "Enter" && !!overlay.current;
    if (!handled) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.key === "Enter") choose();
  });
  const onView = () => overlay.place();

  overlay.shield.addEventListener("mousemove", onMove);
  // A press on the shield would take the focus from where it is (the page's control, or the panel) to nowhere.
  overlay.shield.addEventListener("mousedown", (event) => event.preventDefault());
  overlay.shield.addEventListener("click", onClick);

  function listen(on: boolean): void {
    const method = on ? "addEventListener" : "removeEventListener";
    win![method]("keydown", onKey as EventListener, { capture: true });
    win![method]("scroll", onView, { capture: true });
    win![method]("resize", onView, { capture: true });
    if (on) redrawn.observe(doc, { childList: true });
    else redrawn.disconnect();
  }

  function finish(): void {
    if (!active) return;
    active = false;
    listen(false);
    panel.close(() => (focusedBefore?.isConnected ? focusedBefore : undefined));
    overlay.stop();
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
