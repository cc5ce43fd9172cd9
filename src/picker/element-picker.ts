// The element picker: the reader points at a part of the page (or moves to it with the arrow keys), Gloss outlines it
// with the selector it would be saved under, and a small panel saves that part of the site as left untranslated.
// Nothing of the page changes: the shield over the page, the outline, its label and the panel live in a verified
// closed shadow root (session/ui-host.ts), and the picker's window listeners go with it.
import { ANNOUNCER_CSS, CARD_EDGE_CSS, el, fromReader, speaksEnglish, TOUCH_TARGET_CSS } from "../session/element";
import { deepFocus } from "../core/dom";
import { placeFixed } from "../session/place-fixed";
import { createUiHost, type UiBlockedReason, type UiHostOptions } from "../session/ui-host";
import { labelPlace } from "./label-place";
import { createOutlineSpeech, type Spoken } from "./outline-speech";
import { chooseSelector } from "./part-selector";
import { createPageParts } from "./page-parts";
import { partWords } from "./part-words";
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

const CSS = `
[hidden] { display: none !important; }
.shield { position: fixed; inset: 0; z-index: 2147483645; cursor: crosshair; background: transparent;
  user-select: none; -webkit-user-select: none; }
.box { position: fixed; z-index: 2147483646; box-sizing: border-box; pointer-events: none; border: 2px solid #2563eb;
  background: rgba(37,99,235,.15); border-radius: 2px; }
.label, .hint { position: fixed; z-index: 2147483646; pointer-events: none; max-width: calc(100vw - 16px);
  box-sizing: border-box; padding: 2px 6px; border-radius: 4px; background: #111827; color: #f9fafb; overflow: hidden;
  text-overflow: ellipsis; white-space: nowrap; font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; }
.hint { top: 8px; left: 50%; transform: translateX(-50%); width: max-content; white-space: normal; text-align: center;
  font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
@media (forced-colors: active) {
  .box { forced-color-adjust: none; border: 3px solid Highlight; background: transparent;
    outline: 1px solid Canvas; }
  .label, .hint { forced-color-adjust: none; background: Highlight; color: HighlightText;
    border: 1px solid CanvasText; }
}
.card { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; box-sizing: border-box;
  width: min(380px, calc(100vw - 32px)); padding: 10px 12px 12px; border-radius: 10px; background: #111827;
  color: #f9fafb; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left;
  box-shadow: 0 6px 24px rgba(0,0,0,.35); display: grid; grid-template-columns: 1fr auto; gap: 6px 8px; }
h2 { margin: 0; font-size: 14px; }
.fields, .said, .actions { grid-column: 1 / -1; }
.fields { display: grid; gap: 4px; }
label { font-weight: 600; }
input { font: 12px/1.5 ui-monospace, SFMono-Regular, Menlo, monospace; color: #111827; background: #f9fafb;
  border: 1px solid #9ca3af; border-radius: 4px; padding: 3px 6px; }
input:focus-visible, button:focus-visible { outline: 2px solid #93c5fd; outline-offset: 1px; }
.note { margin: 0 0 4px; color: #d1d5db; font-size: 12px; }
.said p { margin: 0; }
.said.problem { color: #fecaca; }
.actions { display: flex; gap: 6px; justify-content: flex-end; }
button { font: inherit; color: inherit; background: rgba(255,255,255,.12); border: 1px solid rgba(255,255,255,.3);
  border-radius: 6px; padding: 2px 10px; cursor: pointer; }
button.primary { background: #2563eb; border-color: #2563eb; }
.close { background: none; border: none; padding: 0 4px; font-size: 16px; line-height: 1; }
${ANNOUNCER_CSS}
${CARD_EDGE_CSS}
${TOUCH_TARGET_CSS}
`;

const HINT =
  "Point at the part to leave untranslated and click it. Keys: ↑ outer part, ↓ inner part, ← → next to it, Enter chooses, Esc cancels.";
/** The hint as a screen reader says it when the picker starts: the arrows' glyphs are not read out by all. */
const SPOKEN_HINT =
  "Leave a part untranslated: point at it and click, or move with the arrow keys: up to the part around it, down into it, left and right to the parts beside it. Enter chooses, Escape cancels.";

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

  const shield = el(doc, "div", "shield");
  const box = el(doc, "div", "box");
  const label = el(doc, "div", "label");
  const hint = el(doc, "div", "hint");
  hint.textContent = HINT;
  // The live region says what the outline and its label show; the hint is said when the picker starts.
  box.setAttribute("aria-hidden", "true");
  label.setAttribute("aria-hidden", "true");
  hint.setAttribute("aria-hidden", "true");
  const speech = createOutlineSpeech(doc);
  box.hidden = label.hidden = true;
  const overlay = el(doc, "div");
  speaksEnglish(overlay);
  overlay.append(shield, box, label, hint, speech.region);

  const panel = createPickerPanel(doc, {
    save: options.save,
    ...(options.isTrusted ? { isTrusted: options.isTrusted } : {}),
    count: (selector) => parts.count(selector),
    active: () => active,
    end: finish,
  });
  overlay.append(panel.card);
  // Esc and Cancel hand the focus back here (a click on the shield would have left it nowhere in the page).
  const before = deepFocus(doc);
  const focusedBefore = before === doc.body || before === doc.documentElement ? undefined : before;

  let active = true;
  let current: Element | undefined;
  /** What the live region says of the outlined part. */
  let spoken: Spoken | undefined;
  const host = createUiHost(doc, {
    css: CSS,
    ...(options.verify ? { verify: options.verify } : {}),
    onBlocked: (reason) => {
      options.onBlocked?.(reason);
      if (reason === "removed") finish();
    },
  });
  if (!host) return undefined;
  host.root.append(overlay);
  // A page that swaps in a whole new <html> (a router drawing the page afresh) took the picker away with the old one
  // without taking it out: it goes into the new one, and the reader picks on (else the keys would still go to a
  // picker no one sees). A page that takes the picker itself out is the host's to tell (onBlocked "removed").
  const redrawn = new win.MutationObserver(() => {
    if (!active || host.attached) return;
    host.attach();
    if (current?.isConnected) return;
    current = undefined;
    box.hidden = label.hidden = true;
  });

  const pickable = (element: Element | null | undefined): element is Element =>
    !!element &&
    element !== host.host &&
    element.ownerDocument === doc &&
    element !== doc.documentElement &&
    element !== doc.body &&
    !UNSEEN.has(element.localName);
  const parts = createPageParts(doc, pickable, elementsAt);

  /**
   * Outlines `element` and labels it with its selector and how many parts of the page that names; `said` at once
   * (the keys), once the pointer rests on it, or not now (the picker's start says it with what to do).
   */
  function outline(element: Element, said: "now" | "resting" | "later"): void {
    current = element;
    const selector = chooseSelector(element);
    const count = parts.count(selector);
    label.textContent = `${selector} · ${count} on this page`;
    spoken = { words: partWords(element), selector, count };
    if (said === "now") speech.now(spoken);
    else if (said === "resting") speech.rested(spoken);
    place();
  }

  function place(): void {
    if (!current) return;
    const rect = current.getBoundingClientRect();
    box.hidden = label.hidden = false;
    placeFixed(box, Math.round(rect.top), Math.round(rect.left));
    box.style.width = `${Math.round(rect.width)}px`;
    box.style.height = `${Math.round(rect.height)}px`;
    const at = labelPlace(rect, label.getBoundingClientRect(), win!, doc);
    placeFixed(label, at.top, at.left);
  }

  const picking = () => panel.picking();

  function at(x: number, y: number): Element | undefined {
    const found = parts.at(x, y);
    return pickable(found) ? found : undefined;
  }

  /** Where the keyboard starts: the part in the middle of the window, or the page's first one. */
  function startingPart(): Element | undefined {
    const middle = at(win!.innerWidth / 2, win!.innerHeight / 2);
    return middle ?? [...(doc.body?.children ?? [])].find(pickable);
  }

  function sibling(element: Element, step: "previousElementSibling" | "nextElementSibling"): Element | undefined {
    let next = element[step];
    while (next && !pickable(next)) next = next[step];
    return next ?? undefined;
  }

  function move(key: string): boolean {
    // The outlined part went with a page that drew itself afresh: start again from the page as it is now.
    if (!current?.isConnected) {
      const start = startingPart();
      if (start) outline(start, "now");
      return !!start;
    }
    const target =
      key === "ArrowUp"
        ? parts.outer(current)
        : key === "ArrowDown"
          ? parts.inner(current).find(pickable)
          : sibling(current, key === "ArrowLeft" ? "previousElementSibling" : "nextElementSibling");
    if (!pickable(target)) return true;
    outline(target, "now");
    try {
      // Not the page's smooth scrolling when the reader's system asks for less motion.
      const still = win!.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
      target.scrollIntoView?.({ block: "nearest", inline: "nearest", behavior: still ? "instant" : "auto" });
    } catch {
      // The page's element: its scrolling is the page's to refuse.
    }
    return true;
  }

  /** The outlined part is the one: the panel offers its selector and the page's site. */
  function choose(): void {
    if (!current) return;
    const site = picking() ? options.site : undefined;
    speech.stop();
    hint.hidden = true;
    panel.offer(chooseSelector(current), site);
  }

  const onMove = (event: MouseEvent) => {
    if (!picking()) return;
    const target = at(event.clientX, event.clientY);
    if (target && target !== current) outline(target, "resting");
  };
  const onClick = reader((event: MouseEvent) => {
    event.preventDefault();
    const target = at(event.clientX, event.clientY) ?? current;
    if (!target) return;
    outline(target, "later");
    choose();
  });
  const onKey = reader((event: KeyboardEvent) => {
    const own = event.target === host.host;
    if (event.key === "Escape") {
      // The page's own Escape (its dialog, its reply box) stays out of it.
      event.preventDefault();
      event.stopImmediatePropagation();
      finish();
      return;
    }
    if (own || !picking() || event.altKey || event.ctrlKey || event.metaKey) return;
    const handled = event.key.startsWith("Arrow") ? move(event.key) : event.key === "Enter" && !!current;
    if (!handled) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (event.key === "Enter") choose();
  });
  const onView = () => place();

  shield.addEventListener("mousemove", onMove);
  // A press on the shield would take the focus from where it is (the page's control, or the panel) to nowhere.
  shield.addEventListener("mousedown", (event) => event.preventDefault());
  shield.addEventListener("click", onClick);

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
    speech.stop();
    host?.detach();
    options.onClose?.();
  }

  if (!host.attach()) return undefined;
  listen(true);
  const start = options.startAt && parts.reachable(options.startAt);
  if (pickable(start)) outline(start, "later");
  speech.start(SPOKEN_HINT, () => (current?.isConnected ? spoken : undefined));
  return {
    get active() {
      return active;
    },
    cancel: finish,
  };
}
