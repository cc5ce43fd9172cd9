// Where the look-up card shows: below its selection, or above it when there is no room below, always inside the part
// of the window the reader sees.
import { placeFixed } from "../session/place-fixed";
import { fitWidth, visibleArea } from "../session/visible-area";

const MARGIN = 8;
const GAP = 6;

/**
 * The part of the window the card can be seen in: the window's size includes the page's scroll bars, which a
 * fixed card at the edge would go under (with its ×). The scrolling element's client size is without them.
 */
function viewport(doc: Document, win: Window): { width: number; height: number } {
  const scroller = doc.scrollingElement ?? doc.documentElement;
  const within = (client: number | undefined, outer: number) => (client && client < outer ? client : outer);
  return {
    width: within(scroller?.clientWidth, win.innerWidth),
    height: within(scroller?.clientHeight, win.innerHeight),
  };
}

/** Where the selection is on screen now (where it starts, for a range without boxes). */
export function rectOf(range: Range): Pick<DOMRect, "top" | "bottom" | "left" | "right" | "width" | "height"> {
  const start = range.startContainer;
  // A page (around a userscript run in its world) may replace Range's measure with one that throws: the card then
  // shows by the element the words start in, not never.
  for (const at of [range, start.nodeType === 1 ? (start as Element) : start.parentElement]) {
    try {
      const box = at?.getBoundingClientRect?.();
      if (box) return box;
    } catch {
      // the next way to measure it
    }
  }
  return { top: 0, bottom: 0, left: 0, right: 0, width: 0, height: 0 };
}

/** Places the showing `card` of `doc` next to the selection's `rect`. */
export function placeCard(doc: Document, card: HTMLElement, rect: { top: number; bottom: number; left: number }): void {
  const win = doc.defaultView;
  if (!win || card.hidden) return;
  // What the reader sees: inside a pinch zoom, above the on-screen keyboard.
  const size = viewport(doc, win);
  const view = visibleArea(win, size);
  fitWidth(card, view, size.width, MARGIN);
  const box = card.getBoundingClientRect();
  const below = rect.bottom + GAP;
  const above = rect.top - GAP - box.height;
  const fitsBelow = below + box.height <= view.bottom - MARGIN;
  const top = fitsBelow || above < view.top + MARGIN ? Math.min(below, view.bottom - box.height - MARGIN) : above;
  const left = Math.min(rect.left, view.right - box.width - MARGIN);
  placeFixed(card, Math.round(Math.max(view.top + MARGIN, top)), Math.round(Math.max(view.left + MARGIN, left)));
}
