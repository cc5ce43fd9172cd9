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
// (seen-layer.ts). In a frame the page translates with it (a same-site article, a preview), the pointer is followed
// too: each such frame's window is listened to once the pointer goes into it, and Alt counts whichever window has
// the keyboard.
import { deepFocus } from "../core/dom";
import { frameDocument, isFrame } from "../core/frames/frame-documents";
import { stillShown } from "../core/frames/page-documents";
import { isEditable } from "./editable";
import { runPassages } from "../sites/skipped-parts";
import { passageFinder, type Passage, type PassageAt } from "./hover-passage";
import type { ElementsAt } from "./seen-layer";
import { OPEN_ROOTS_ONLY, type ShadowSight } from "./shadow-sight";

/** How long the pointer rests on a paragraph, Alt held, before it is translated. */
export const HOVER_DWELL_MS = 300;

export interface HoverDeps {
  window: Window;
  /**
   * Whether hover translation is on (read when a paragraph is about to be translated: settings change); on, it may
   * name the reader's parts of this page left untranslated (their selectors), which hover leaves as the run does.
   */
  enabled(): boolean | readonly string[] | Promise<boolean | readonly string[]>;
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

/**
 * This script's own, taken as it starts: a frame's window is the page's, whose `addEventListener` the page may replace
 * with one that keeps Gloss's listener, to call it with events it makes up.
 */
const ADD = EventTarget.prototype.addEventListener;
const REMOVE = EventTarget.prototype.removeEventListener;

/** The pointer is watched before the page sees it, and never delays the page's scrolling. */
const WATCH_POINTER = { capture: true, passive: true };

export interface Hover {
  stop(): void;
}

/** What the keys say, one for the page and its frames: the keyboard is in one window, the pointer maybe in another. */
interface Keys {
  /** Alt alone is held down. */
  held: boolean;
  /** Another key was pressed while Alt was down: no hover until Alt is pressed again (moving must not resume it). */
  chorded: boolean;
  /** A paragraph was translated during this Alt press (its release then does not open Firefox's menu bar). */
  translatedThisPress: boolean;
}

/** The page's hover and that of each frame it follows into. */
interface HoverTree {
  deps: HoverDeps;
  trusted(event: Event): boolean;
  dwell: number;
  keys: Keys;
  /** One per document listened to, with how to stop listening there. */
  windows: Map<Document, { state: HoverState; stop(): void }>;
}

/** What hover knows of one document between events: where the pointer is in it, and the dwell running. */
interface HoverState {
  tree: HoverTree;
  doc: Document;
  passageAt: PassageAt;
  /** The element under the pointer (the innermost one the page lets us see), and where the pointer is. */
  pointed: Element | null;
  pointX: number;
  pointY: number;
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
  const passage = h.tree.keys.held && h.pointed && !typing(h.tree) ? h.passageAt(h.pointed, h.pointX, h.pointY) : null;
  if ((passage?.key ?? null) === h.armedFor) return;
  disarm(h);
  if (!passage) return;
  h.armedFor = passage.key;
  h.timer = setTimeout(() => void fire(h, passage), h.tree.dwell);
}

/** Whether the keyboard is in a field, in the page or in a frame hover follows: Alt is the reader's typing there. */
function typing(tree: HoverTree): boolean {
  for (const doc of tree.windows.keys()) {
    try {
      // A frame's document keeps its focused field after the keyboard left for the page: only the one with it counts.
      const here = doc === tree.deps.window.document || doc.hasFocus();
      if (here && isEditable(deepFocus(doc))) return true;
    } catch {
      // A frame's document is the page's, which may throw: not where the reader types.
    }
  }
  return false;
}

/** What the keys say changed: each document's dwell follows. */
function armAll(tree: HoverTree): void {
  for (const { state } of tree.windows.values()) arm(state);
}

async function fire(h: HoverState, passage: Passage): Promise<void> {
  h.timer = undefined;
  // Settings that cannot be read now (the manager's storage failed) count as off, not as an unhandled rejection.
  const enabled = await Promise.resolve()
    .then(() => h.tree.deps.enabled())
    .catch(() => false);
  if (!enabled) return;
  if (!h.tree.keys.held || h.armedFor !== passage.key || !passage.key.isConnected) return;
  const { deps } = h.tree;
  const range = passage.range();
  // Not where the page's run leaves the text as it is (translate="no", code, a site's part, the reader's parts that
  // `enabled` names): hover is no request of the reader's, so nothing is asked there, and nothing said of it.
  const sight = deps.shadows ?? OPEN_ROOTS_ONLY;
  if (!runPassages(range, enabled === true ? undefined : enabled, (el) => sight.rootOf(el)).length) return;
  h.tree.keys.translatedThisPress = true;
  deps.translate(range);
}

/** The pointer moved, or (mouseover) the page moved under a still pointer: browsers send no mousemove then. */
function pointerMoved(h: HoverState, event: MouseEvent): void {
  const { tree } = h;
  if (!tree.trusted(event)) return;
  const { deps, keys } = tree;
  const path = event.composedPath();
  const target = path[0] ?? event.target;
  const ownUi = deps.isOwnUi && path.some((node) => (node as Node).nodeType === 1 && deps.isOwnUi!(node as Element));
  h.pointed = !ownUi && target && (target as Node).nodeType === 1 ? (target as Element) : null;
  h.pointX = event.clientX;
  h.pointY = event.clientY;
  if (h.pointed && isFrame(h.pointed)) follow(tree, h.pointed);
  // Modifiers come from the user's move; a mouseover may be the browser's own (after a scroll), so keys stay as known.
  if (event.type === "mousemove")
    keys.held = event.altKey && !event.ctrlKey && !event.shiftKey && !event.metaKey && !keys.chorded;
  arm(h);
}

/** The pointer left the window (to the browser's toolbar, another program): nothing of the page is under it. */
function pointerLeft(h: HoverState, event: MouseEvent): void {
  if (!h.tree.trusted(event) || event.relatedTarget) return;
  h.pointed = null;
  arm(h);
}

function keyDown(tree: HoverTree, event: KeyboardEvent): void {
  if (!tree.trusted(event)) return;
  const { keys } = tree;
  // Alt on its own; any other key with it (a shortcut such as Alt+Shift+Y) ends hover until Alt is pressed again.
  const altAlone = event.key === "Alt" && !event.ctrlKey && !event.shiftKey && !event.metaKey;
  if (altAlone && !event.repeat) keys.translatedThisPress = false;
  keys.chorded = !altAlone && event.altKey;
  keys.held = altAlone;
  armAll(tree);
}

/** Alt released: its release is kept from the browser after a hover translation (Firefox's menu bar). */
function keyUp(tree: HoverTree, event: KeyboardEvent): void {
  if (!tree.trusted(event) || event.key !== "Alt") return;
  if (tree.keys.translatedThisPress) event.preventDefault();
  letGo(tree);
}

/** Alt released, or the window lost the keyboard: hover stops until Alt is pressed again. */
function letGo(tree: HoverTree): void {
  tree.keys = { held: false, chorded: false, translatedThisPress: false };
  for (const { state } of tree.windows.values()) disarm(state);
}

/**
 * The pointer went onto a frame: hover follows it in when the page translates that frame with it (shown, readable,
 * not a rich editor). Frames gone or navigated since are let go of.
 */
function follow(tree: HoverTree, frame: HTMLIFrameElement | HTMLFrameElement): void {
  let inner: Document | null | undefined;
  try {
    inner = frameDocument(frame);
  } catch {
    return; // the page's frame, which may throw: its text stays its own
  }
  if (!inner?.defaultView || tree.windows.has(inner)) return;
  for (const [doc, { state, stop }] of [...tree.windows]) {
    if (stillShown(doc)) continue;
    disarm(state);
    stop();
    tree.windows.delete(doc);
  }
  listenIn(tree, inner.defaultView);
}

/** Listens to the pointer and the keys in `win` (the page's, or a frame's it follows into). */
function listenIn(tree: HoverTree, win: Window): void {
  const { deps } = tree;
  const h: HoverState = {
    tree,
    doc: win.document,
    passageAt: passageFinder({ ...deps, window: win }),
    pointed: null,
    pointX: 0,
    pointY: 0,
    armedFor: null,
    timer: undefined,
  };
  const onPointer = (event: Event) => pointerMoved(h, event as MouseEvent);
  const listeners: Array<[string, (event: Event) => void, boolean | AddEventListenerOptions]> = [
    ["mousemove", onPointer, WATCH_POINTER],
    ["mouseover", onPointer, WATCH_POINTER],
    ["mouseout", (event) => pointerLeft(h, event as MouseEvent), WATCH_POINTER],
    ["keydown", (event) => keyDown(tree, event as KeyboardEvent), true],
    ["keyup", (event) => keyUp(tree, event as KeyboardEvent), true],
    ["blur", () => letGo(tree), false],
  ];
  const each = (method: typeof ADD | typeof REMOVE) => {
    for (const [type, listener, options] of listeners) {
      try {
        method.call(win, type, listener, options);
      } catch {
        // A frame's window is the page's, which may throw: hover leaves that frame be.
      }
    }
  };
  each(ADD);
  tree.windows.set(h.doc, { state: h, stop: () => each(REMOVE) });
}

export function startHover(deps: HoverDeps): Hover {
  const tree: HoverTree = {
    deps,
    trusted: deps.isTrusted ?? ((event: Event) => event.isTrusted),
    dwell: deps.dwellMs ?? HOVER_DWELL_MS,
    keys: { held: false, chorded: false, translatedThisPress: false },
    windows: new Map(),
  };
  listenIn(tree, deps.window);
  return {
    stop() {
      for (const { state, stop } of tree.windows.values()) {
        disarm(state);
        stop();
      }
      tree.windows.clear();
    },
  };
}
