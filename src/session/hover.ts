// Hover translation: while the reader holds Alt and rests the pointer on a paragraph, that paragraph alone is
// translated (through the page session, so the same engine, cache and queue as a selection).
//
// Only the user's own input counts (event.isTrusted): a page script could otherwise make Gloss spend the user's
// server time and write translations where it can read them. Alt pressed together with another key (Alt+Shift+Y, a
// page's Alt+letter shortcut, AltGr sent as Ctrl+Alt) is not hover; a quick Alt press and release does nothing (the
// pointer must rest for a moment); nothing happens while the user types in a field, where Alt belongs to them.
// Releasing Alt after a hover translation is kept from the browser: Firefox (Windows, Linux) would otherwise open its
// menu bar and take the keyboard, as after a plain Alt tap, which keeps its usual meaning. The paragraph is the one the
// reader sees under the pointer (hover-passage.ts), below any layer the page laid over it that they see through
// (seen-layer.ts).
import { deepFocus } from "../core/dom";
import { isEditable } from "./editable";
import { passageFinder, type Passage, type PassageAt } from "./hover-passage";
import type { ElementsAt } from "./seen-layer";
import type { ShadowSight } from "./shadow-sight";

/** How long the pointer rests on a paragraph, Alt held, before it is translated. */
export const HOVER_DWELL_MS = 300;

export interface HoverDeps {
  window: Window;
  /** Whether hover translation is on (read when a paragraph is about to be translated: settings change). */
  enabled(): boolean | Promise<boolean>;
  /** Translate the passage this range covers. */
  translate(range: Range): void;
  /** Gloss's own UI (status card, dialogs) is not a paragraph to translate. */
  isOwnUi?(element: Element): boolean;
  /** The shadow roots this platform sees; by default open ones only. */
  shadows?: ShadowSight;
  /** Tests inject this; the default trusts only the user's own input. */
  isTrusted?(event: Event): boolean;
  /** Tests stand in for the browser's elementsFromPoint (jsdom has no layout). */
  elementsAt?: ElementsAt;
  dwellMs?: number;
}

/** The pointer is watched before the page sees it, and never delays the page's scrolling. */
const WATCH_POINTER = { capture: true, passive: true };

export interface Hover {
  stop(): void;
}

/** What hover knows between events: where the pointer is, what the keys say, and the dwell running. */
interface HoverState {
  deps: HoverDeps;
  doc: Document;
  trusted(event: Event): boolean;
  dwell: number;
  passageAt: PassageAt;
  /** The element under the pointer (the innermost one the page lets us see), and where the pointer is. */
  pointed: Element | null;
  pointX: number;
  pointY: number;
  /** Alt alone is held down. */
  held: boolean;
  /** Another key was pressed while Alt was down: no hover until Alt is pressed again (moving must not resume it). */
  chorded: boolean;
  /** A paragraph was translated during this Alt press (its release then does not open Firefox's menu bar). */
  translatedThisPress: boolean;
  /** The passage the dwell timer runs for, or was translated for (moving inside it does not start again). */
  armedFor: Node | null;
  timer: ReturnType<typeof setTimeout> | undefined;
}

function disarm(h: HoverState): void {
  clearTimeout(h.timer);
  h.timer = undefined;
  h.armedFor = null;
}

/** Start the dwell for the paragraph under the pointer, if Alt is held; keep a running one for the same. */
function arm(h: HoverState): void {
  const passage =
    h.held && h.pointed && !isEditable(deepFocus(h.doc)) ? h.passageAt(h.pointed, h.pointX, h.pointY) : null;
  if ((passage?.key ?? null) === h.armedFor) return;
  disarm(h);
  if (!passage) return;
  h.armedFor = passage.key;
  h.timer = setTimeout(() => void fire(h, passage), h.dwell);
}

async function fire(h: HoverState, passage: Passage): Promise<void> {
  h.timer = undefined;
  // Settings that cannot be read now (the manager's storage failed) count as off, not as an unhandled rejection.
  const enabled = await Promise.resolve()
    .then(() => h.deps.enabled())
    .catch(() => false);
  if (!enabled) return;
  if (!h.held || h.armedFor !== passage.key || !passage.key.isConnected) return;
  h.translatedThisPress = true;
  h.deps.translate(passage.range());
}

/** The pointer moved, or (mouseover) the page moved under a still pointer: browsers send no mousemove then. */
function pointerMoved(h: HoverState, event: MouseEvent): void {
  if (!h.trusted(event)) return;
  const { deps } = h;
  const path = event.composedPath();
  const target = path[0] ?? event.target;
  const ownUi = deps.isOwnUi && path.some((node) => (node as Node).nodeType === 1 && deps.isOwnUi!(node as Element));
  h.pointed = !ownUi && target && (target as Node).nodeType === 1 ? (target as Element) : null;
  h.pointX = event.clientX;
  h.pointY = event.clientY;
  // Modifiers come from the user's move; a mouseover may be the browser's own (after a scroll), so keys stay as known.
  if (event.type === "mousemove")
    h.held = event.altKey && !event.ctrlKey && !event.shiftKey && !event.metaKey && !h.chorded;
  arm(h);
}

/** The pointer left the window (to the browser's toolbar, another program): nothing of the page is under it. */
function pointerLeft(h: HoverState, event: MouseEvent): void {
  if (!h.trusted(event) || event.relatedTarget) return;
  h.pointed = null;
  arm(h);
}

function keyDown(h: HoverState, event: KeyboardEvent): void {
  if (!h.trusted(event)) return;
  // Alt on its own; any other key with it (a shortcut such as Alt+Shift+Y) ends hover until Alt is pressed again.
  const altAlone = event.key === "Alt" && !event.ctrlKey && !event.shiftKey && !event.metaKey;
  if (altAlone && !event.repeat) h.translatedThisPress = false;
  h.chorded = !altAlone && event.altKey;
  h.held = altAlone;
  arm(h);
}

/** Alt released: its release is kept from the browser after a hover translation (Firefox's menu bar). */
function keyUp(h: HoverState, event: KeyboardEvent): void {
  if (!h.trusted(event) || event.key !== "Alt") return;
  if (h.translatedThisPress) event.preventDefault();
  letGo(h);
}

/** Alt released, or the window lost the keyboard: hover stops until Alt is pressed again. */
function letGo(h: HoverState): void {
  h.held = false;
  h.chorded = false;
  h.translatedThisPress = false;
  disarm(h);
}

export function startHover(deps: HoverDeps): Hover {
  const win = deps.window;
  const h: HoverState = {
    deps,
    doc: win.document,
    trusted: deps.isTrusted ?? ((event: Event) => event.isTrusted),
    dwell: deps.dwellMs ?? HOVER_DWELL_MS,
    passageAt: passageFinder(deps),
    pointed: null,
    pointX: 0,
    pointY: 0,
    held: false,
    chorded: false,
    translatedThisPress: false,
    armedFor: null,
    timer: undefined,
  };
  const onPointer = (event: Event) => pointerMoved(h, event as MouseEvent);
  const listeners: Array<[string, (event: Event) => void, boolean | AddEventListenerOptions]> = [
    ["mousemove", onPointer, WATCH_POINTER],
    ["mouseover", onPointer, WATCH_POINTER],
    ["mouseout", (event) => pointerLeft(h, event as MouseEvent), WATCH_POINTER],
    ["keydown", (event) => keyDown(h, event as KeyboardEvent), true],
    ["keyup", (event) => keyUp(h, event as KeyboardEvent), true],
    ["blur", () => letGo(h), false],
  ];
  for (const [type, listener, options] of listeners) win.addEventListener(type, listener, options);
  return {
    stop() {
      disarm(h);
      for (const [type, listener, options] of listeners) win.removeEventListener(type, listener, options);
    },
  };
}
