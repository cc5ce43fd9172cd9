// Hover translation: while the reader holds Alt and rests the pointer on a paragraph, that paragraph alone is
// translated (through the page session, so the same engine, cache and queue as a selection).
//
// Only the user's own input counts (event.isTrusted): a page script could otherwise make Gloss spend the user's
// server time and write translations where it can read them. Alt pressed together with another key (Alt+Shift+Y, a
// page's Alt+letter shortcut, AltGr sent as Ctrl+Alt) is not hover; a quick Alt press and release does nothing (the
// pointer must rest for a moment); nothing happens while the user types in a field, where Alt belongs to them.
// Releasing Alt after a hover translation is kept from the browser: Firefox (Windows, Linux) would otherwise open its
// menu bar and take the keyboard, as after a plain Alt tap, which keeps its usual meaning. The paragraph is the one the
// reader sees under the pointer, below any layer the page laid over it that they see through (seen-layer.ts).
import { fallbackDisplay, isInlineDisplay } from "../core/collect/display";
import { deepFocus } from "../core/dom";
import { isEditable } from "./editable";
import { looseRuns, runAt, runRange } from "./loose-run";
import { defaultElementsAt, hasOwnText, seenLayers, type ElementsAt } from "./seen-layer";
import { OPEN_ROOTS_ONLY, type ShadowSight } from "./shadow-sight";

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

/** A passage hover may translate; `key` stays the same while the pointer moves within it. */
interface Passage {
  key: Node;
  range(): Range;
}

export interface Hover {
  stop(): void;
}

function parentOf(element: Element): Element | null {
  const parent = element.parentNode;
  if (parent?.nodeType === 11) return (parent as ShadowRoot).host;
  return parent?.nodeType === 1 ? (parent as Element) : null;
}

export function startHover(deps: HoverDeps): Hover {
  const win = deps.window;
  const doc = win.document;
  const trusted = deps.isTrusted ?? ((event: Event) => event.isTrusted);
  const dwell = deps.dwellMs ?? HOVER_DWELL_MS;
  const seen = seenLayers(
    win,
    deps.elementsAt ?? defaultElementsAt,
    (element) => deps.isOwnUi?.(element) ?? false,
    deps.shadows ?? OPEN_ROOTS_ONLY,
  );
  /** The element under the pointer (the innermost one the page lets us see), and where the pointer is. */
  let pointed: Element | null = null;
  let pointX = 0;
  let pointY = 0;
  /** Alt alone is held down. */
  let held = false;
  /** Another key was pressed while Alt was down: no hover until Alt is pressed again (moving must not resume it). */
  let chorded = false;
  /** A paragraph was translated during this Alt press (its release then does not open Firefox's menu bar). */
  let translatedThisPress = false;
  /** The passage the dwell timer runs for, or was translated for (moving inside it does not start again). */
  let armedFor: Node | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const displayOf = (element: Element): string => {
    try {
      return win.getComputedStyle(element).display || fallbackDisplay(element);
    } catch {
      return fallbackDisplay(element);
    }
  };

  /** The block holding the text under the pointer; none over a container's empty space, Gloss's UI or a field. */
  function paragraphAt(target: Element): Element | null {
    if (!hasOwnText(target)) return null;
    for (let element: Element | null = target; element; element = parentOf(element)) {
      if (element === doc.body || element === doc.documentElement) return null;
      if (isEditable(element)) return null;
      if (!isInlineDisplay(displayOf(element))) return element;
    }
    return null;
  }

  /**
   * What resting there translates: the paragraph, or in a block that mixes its own text with child blocks, the run of
   * text under the pointer (none over the space between its paragraphs; the whole block where layout cannot tell).
   */
  function passageAt(hit: Element): Passage | null {
    const target = seen.at(hit, pointX, pointY);
    const paragraph = target && paragraphAt(target);
    if (!paragraph) return null;
    const runs = looseRuns(paragraph, displayOf);
    const run = runs.length ? runAt(doc, runs, pointX, pointY) : undefined;
    if (run === null) return null;
    if (run) return { key: run[0], range: () => runRange(doc, run) };
    return { key: paragraph, range: () => contentsOf(paragraph) };
  }

  function contentsOf(paragraph: Element): Range {
    const range = doc.createRange();
    range.selectNodeContents(paragraph);
    return range;
  }

  function disarm(): void {
    clearTimeout(timer);
    timer = undefined;
    armedFor = null;
  }

  /** Start the dwell for the paragraph under the pointer, if Alt is held; keep a running one for the same. */
  function arm(): void {
    const passage = held && pointed && !isEditable(deepFocus(doc)) ? passageAt(pointed) : null;
    if ((passage?.key ?? null) === armedFor) return;
    disarm();
    if (!passage) return;
    armedFor = passage.key;
    timer = setTimeout(() => void fire(passage), dwell);
  }

  async function fire(passage: Passage): Promise<void> {
    timer = undefined;
    if (!(await deps.enabled())) return;
    if (!held || armedFor !== passage.key || !passage.key.isConnected) return;
    translatedThisPress = true;
    deps.translate(passage.range());
  }

  /** The pointer moved, or (mouseover) the page moved under a still pointer: browsers send no mousemove then. */
  const onPointer = (event: MouseEvent) => {
    if (!trusted(event)) return;
    const path = event.composedPath();
    const target = path[0] ?? event.target;
    const ownUi = deps.isOwnUi && path.some((node) => (node as Node).nodeType === 1 && deps.isOwnUi!(node as Element));
    pointed = !ownUi && target && (target as Node).nodeType === 1 ? (target as Element) : null;
    pointX = event.clientX;
    pointY = event.clientY;
    // Modifiers come from the user's move; a mouseover may be the browser's own (after a scroll), so keys stay as known.
    if (event.type === "mousemove")
      held = event.altKey && !event.ctrlKey && !event.shiftKey && !event.metaKey && !chorded;
    arm();
  };
  /** The pointer left the window (to the browser's toolbar, another program): nothing of the page is under it. */
  const onOut = (event: MouseEvent) => {
    if (!trusted(event) || event.relatedTarget) return;
    pointed = null;
    arm();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!trusted(event)) return;
    // Alt on its own; any other key with it (a shortcut such as Alt+Shift+Y) ends hover until Alt is pressed again.
    const altAlone = event.key === "Alt" && !event.ctrlKey && !event.shiftKey && !event.metaKey;
    if (altAlone && !event.repeat) translatedThisPress = false;
    chorded = !altAlone && event.altKey;
    held = altAlone;
    arm();
  };
  const onKeyUp = (event: KeyboardEvent) => {
    if (!trusted(event) || event.key !== "Alt") return;
    if (translatedThisPress) event.preventDefault();
    held = false;
    chorded = false;
    translatedThisPress = false;
    disarm();
  };
  const onBlur = () => {
    held = false;
    chorded = false;
    translatedThisPress = false;
    disarm();
  };

  win.addEventListener("mousemove", onPointer, { capture: true, passive: true });
  win.addEventListener("mouseover", onPointer, { capture: true, passive: true });
  win.addEventListener("mouseout", onOut, { capture: true, passive: true });
  win.addEventListener("keydown", onKeyDown, true);
  win.addEventListener("keyup", onKeyUp, true);
  win.addEventListener("blur", onBlur);
  return {
    stop() {
      disarm();
      win.removeEventListener("mousemove", onPointer, { capture: true });
      win.removeEventListener("mouseover", onPointer, { capture: true });
      win.removeEventListener("mouseout", onOut, { capture: true });
      win.removeEventListener("keydown", onKeyDown, true);
      win.removeEventListener("keyup", onKeyUp, true);
      win.removeEventListener("blur", onBlur);
    },
  };
}
