// Where the writing card shows: beside the reader's text box, below or above it, or over its empty end; always inside
// what the reader sees of the viewport.
import { placeFixed } from "../session/place-fixed";
import { fitWidth, visibleArea, type VisibleArea } from "../session/visible-area";
import { bodyOf, closestOf, documentOf, htmlOf, own, parentElementOf } from "../core/dom";
import { rectOnPage, type PageRect } from "./field-frames";

const MARGIN = 8;

/** What a reader presses next to a text box: its form's buttons and links (Reddit's "save" and "cancel"). */
const CONTROLS = "button, input[type=submit], input[type=button], input[type=reset], a[href], [role=button]";
/** Enough for a reply form's buttons; a form around a whole page is not measured further. */
const MAX_CONTROLS = 40;
/** The form's own querySelectorAll: a reply form may name a control after it (see core/dom.ts). */
const within: (el: Element, selector: string) => NodeListOf<Element> = own("Element", "querySelectorAll");

/**
 * Beside the field when there is room on its right, so the page's buttons under it (Reddit's "save") stay in reach
 * (past those of its form that reach further right than a narrow field); else below it, or above it when there is
 * no room below. When the field fills the viewport, in its lower right corner: over its empty end rather than the
 * start of what the user wrote. Always inside the viewport.
 */
export function placeCard(card: HTMLElement, anchor: Element | undefined, doc: Document): void {
  const win = doc.defaultView;
  if (!win || card.hidden) return;
  // What the reader sees: above the on-screen keyboard, inside a pinch zoom.
  const view = visibleArea(win, { width: win.innerWidth, height: win.innerHeight });
  fitWidth(card, view, win.innerWidth, MARGIN);
  const box = card.getBoundingClientRect();
  // A frame's editor (TinyMCE) is placed by where its frame is on the page.
  const rect = anchor ? rectOnPage(anchor, doc) : undefined;
  const controls = anchor && rect ? controlsNear(anchor, doc) : [];
  const { top, left } = spot(rect, box, view, controls);
  placeFixed(card, Math.round(Math.max(view.top + MARGIN, top)), Math.round(Math.max(view.left + MARGIN, left)));
}

/**
 * The page's controls in the field's form (or its parent's parent), where they show on the page. Not the whole page's:
 * the card is placed again at every scroll, and a page's first links are its menu, not the box's buttons.
 */
function controlsNear(anchor: Element, doc: Document): PageRect[] {
  // Through the DOM's own members: the box may be a form (a compose form that is the editor) naming its controls so.
  const scope = closestOf(anchor, "form") ?? parentElementOf(parentElementOf(anchor) ?? anchor);
  const page = documentOf(anchor);
  if (!scope || scope === bodyOf(page) || scope === htmlOf(page)) return [];
  const rects: PageRect[] = [];
  for (const el of Array.from(within(scope, CONTROLS)).slice(0, MAX_CONTROLS)) {
    const r = rectOnPage(el, doc);
    if (r && r.right > r.left && r.bottom > r.top) rects.push(r);
  }
  return rects;
}

/**
 * The left edge of a card at `top` starting at `left` or further right, clear of `controls`: a card taller than a
 * narrow box runs down past it, over the buttons under it that reach further right than the box.
 */
function clearOf(controls: PageRect[], left: number, top: number, box: DOMRect): number {
  for (let moved = true; moved;) {
    moved = false;
    for (const c of controls) {
      if (c.left < left + box.width && c.right > left && c.top < top + box.height && c.bottom > top) {
        left = c.right + MARGIN;
        moved = true;
      }
    }
  }
  return left;
}

/** The card's top left corner for a card of `box`'s size by the field at `rect` (none: the viewport's corner). */
function spot(
  rect: PageRect | undefined,
  box: DOMRect,
  view: VisibleArea,
  controls: PageRect[],
): { top: number; left: number } {
  const { right: width, bottom: height } = view;
  if (!rect) return { top: height - box.height - 16, left: width - box.width - 16 };
  if (rect.right + MARGIN + box.width <= width - MARGIN) {
    const top = Math.min(rect.top, height - box.height - MARGIN);
    const left = clearOf(controls, rect.right + MARGIN, top, box);
    if (left + box.width <= width - MARGIN) return { top, left };
  }
  const below = rect.bottom + MARGIN;
  const above = rect.top - box.height - MARGIN;
  const fitsBelow = below + box.height <= height - MARGIN;
  if (fitsBelow || above >= view.top + MARGIN) {
    return { top: fitsBelow ? below : above, left: Math.min(rect.left, width - box.width - MARGIN) };
  }
  return {
    top: Math.min(rect.bottom, height) - box.height - MARGIN,
    left: Math.min(rect.right, width) - box.width - MARGIN,
  };
}
