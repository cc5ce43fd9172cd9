// The picker's pointer and keys: the part pointed at or moved to with the arrow keys is outlined, a click or Enter
// chooses it for the panel, and Esc ends the picker.
import { fromReader } from "../session/element";
import { isComposing } from "../shared/composing";
import { bringIntoView, movedTo, startingPart, type Pickable } from "./key-moves";
import type { PageParts } from "./page-parts";
import { chooseSelector } from "./part-selector";
import type { PickerOverlay } from "./picker-overlay";
import type { PickerPanel } from "./picker-panel";
import { wheelThrough } from "./wheel-through";

/** What the pointer and keys work on: the page, the outline and the panel, the parts the picker reaches. */
export interface PickerScene {
  doc: Document;
  win: Window;
  overlay: PickerOverlay;
  panel: PickerPanel;
  parts: PageParts;
  pickable: Pickable;
  /** The site rule offered with a part chosen while picking (see PickerOptions.site). */
  site: string;
  /** The element the page sees as the target of a key pressed in the panel, or of the pointer on the shield. */
  host: HTMLElement;
  /** Whether a click or key is the reader's own (see fromReader). */
  isTrusted: ((event: Event) => boolean) | undefined;
  /** The elements under a point in `scope`, topmost first (see PickerOptions.elementsAt). */
  elementsAt(x: number, y: number, scope: Document | ShadowRoot): Element[];
  /** Takes the picker away. */
  finish(): void;
  /** Where the pointer rests, while it (not the keys) leads the outline. */
  pointer?: { x: number; y: number } | undefined;
}

function partAt({ parts, pickable }: PickerScene, x: number, y: number): Element | undefined {
  const found = parts.at(x, y);
  return pickable(found) ? found : undefined;
}

/** Moves the outline as an arrow key says; whether the key was the picker's. */
function moveOutline(scene: PickerScene, key: string): boolean {
  const { win, doc, overlay } = scene;
  scene.pointer = undefined;
  const current = overlay.current;
  // The outlined part went with a page that drew itself afresh: start again from the page as it is now.
  if (!current?.isConnected) {
    const start = startingPart(win, doc, (x, y) => partAt(scene, x, y), scene.pickable);
    if (start) overlay.outline(start, "now");
    return !!start;
  }
  const target = movedTo(key, current, scene.parts, scene.pickable);
  // No part there (↓ in a link, → at the last part): the outline stays, and is said again, where silence would leave a
  // screen reader's user wondering whether the key was heard.
  overlay.outline(target ?? current, "now");
  if (!target) return true;
  bringIntoView(win, target);
  return true;
}

/** The outlined part is the one: the panel offers its selector and the page's site. */
function choosePart({ overlay, panel, site }: PickerScene): void {
  const current = overlay.current;
  if (!current) return;
  const offered = panel.picking() ? site : undefined;
  overlay.chosen();
  panel.offer(chooseSelector(current), offered);
}

/** Outlines the part under the resting pointer, if it leads. */
function outlinePointed(scene: PickerScene): void {
  const target = scene.pointer && partAt(scene, scene.pointer.x, scene.pointer.y);
  if (target && target !== scene.overlay.current) scene.overlay.outline(target, "resting");
}

/**
 * The page scrolled or the window changed size: the outline goes with its part. Under a pointer that leads it, the
 * part under the pointer is outlined instead (the one a click there chooses): browsers send no mousemove for a page
 * scrolled under the pointer.
 */
export function followView(scene: PickerScene): () => void {
  return () => {
    if (scene.panel.picking()) outlinePointed(scene);
    scene.overlay.place();
  };
}

/** What the picker does with the pointer's events on the shield: the part under it is outlined, and a click chooses
 * it. */
function shieldActs(scene: PickerScene): Record<string, (event: MouseEvent) => void> {
  const { overlay, panel } = scene;
  return {
    mousemove(event) {
      if (!panel.picking()) return;
      scene.pointer = { x: event.clientX, y: event.clientY };
      outlinePointed(scene);
    },
    // A press on the shield would take the focus from where it is (the page's control, or the panel) to nowhere.
    mousedown: (event) => event.preventDefault(),
    click: fromReader(scene.isTrusted, (event: MouseEvent) => {
      event.preventDefault();
      const target = partAt(scene, event.clientX, event.clientY) ?? overlay.current;
      if (!target) return;
      overlay.outline(target, "later");
      choosePart(scene);
    }),
  };
}

/** The shield's presses the page does not get either, though the picker does nothing with them: a page's menu that
 * closes on a press outside it (a dropdown's pointerdown) would close as the reader picks it. */
const KEPT_FROM_PAGE = ["pointerdown", "pointerup", "mouseup", "touchstart", "touchend"];

/**
 * The panel's control a click on the host is on: the one under the pointer, or for a click from the keyboard (Enter
 * or Space on a button, which has no point) the one with the focus. The window sees only the host of the closed root.
 */
function clickedInPanel({ panel, elementsAt }: PickerScene, event: MouseEvent): Element | null | undefined {
  const root = panel.card.getRootNode() as ShadowRoot;
  return event.detail ? elementsAt(event.clientX, event.clientY, root)[0] : root.activeElement;
}

/**
 * The pointer on the shield over the page, and on the panel. A page's own capture listeners on window or document
 * (analytics, a modal library, a game) run before the shield's and may stop its events there. While the reader picks,
 * the panel is hidden and the shield is all of Gloss the pointer can be on, so the picker takes its events on the
 * window, in the capture phase: only the window's earlier listeners come before it, and the page gets none of them.
 * Once the panel shows, the shield's own listeners choose another part, and a click on one of the panel's buttons is
 * pressed from the window too (the page's listener could stop it before the button). Returns what adds (true) or
 * removes the window's.
 */
export function listenToShield(scene: PickerScene): (on: boolean) => void {
  const acts = shieldActs(scene);
  for (const [type, act] of Object.entries(acts)) scene.overlay.shield.addEventListener(type, act as EventListener);
  // On the shield, where it can prevent the window's scroll (the window's wheel listeners are passive).
  scene.overlay.shield.addEventListener("wheel", wheelThrough(scene.win, scene.parts), { passive: false });
  const first = (event: Event) => {
    if (event.target !== scene.host) return;
    if (!scene.panel.picking()) {
      const click = event.type === "click" && (event as MouseEvent);
      if (click && scene.panel.click(click, clickedInPanel(scene, click))) event.stopImmediatePropagation();
      return;
    }
    event.stopImmediatePropagation();
    acts[event.type]?.(event as MouseEvent);
  };
  return (on) => {
    for (const type of [...Object.keys(acts), ...KEPT_FROM_PAGE]) {
      if (on) scene.win.addEventListener(type, first, { capture: true });
      else scene.win.removeEventListener(type, first, { capture: true });
    }
  };
}

/** The picker's keys, for the window: Esc ends it, the arrow keys move the outline, Enter chooses the part. */
export function pickerKeys(scene: PickerScene): (event: KeyboardEvent) => void {
  return fromReader(scene.isTrusted, (event: KeyboardEvent) => {
    const own = event.target === scene.host;
    // A key pressed in the panel is the panel's, here, before any of the page's listeners, and the page gets none.
    if (own && !scene.panel.picking()) {
      event.stopImmediatePropagation();
      return scene.panel.key(event);
    }
    // Composing with an input method (Chinese, Japanese, Korean…): its Enter takes a word and its Esc drops it.
    if (isComposing(event)) return;
    if (event.key === "Escape") {
      // The page's own Escape (its dialog, its reply box) stays out of it.
      event.preventDefault();
      event.stopImmediatePropagation();
      scene.finish();
      return;
    }
    if (own || !scene.panel.picking() || event.altKey || event.ctrlKey || event.metaKey) return;
    const { key } = event;
    const outlined = !!scene.overlay.current?.isConnected;
    // Enter with nothing outlined yet (opened from the popup) outlines where the keys start: the page's focused link
    // or button behind the shield would take it.
    const handled =
      key.startsWith("Arrow") || (key === "Enter" && !outlined) ? moveOutline(scene, key) : key === "Enter";
    if (!handled) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    // Not the repeat of an Enter held down since it pressed the panel's Pick another part: the reader picks on.
    if (key === "Enter" && outlined && !event.repeat) choosePart(scene);
  });
}
