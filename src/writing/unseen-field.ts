// Whether the text box the focus is in is one the reader cannot see: no box, hidden, faded out, clipped away, too small
// to show a line, or wholly out of view, itself or the frame it is in. A page can move the focus into such a box of
// its own, holding text of its own, just as the reader asks for their reply's translation: Gloss would send that text
// and write the translation there, and the reader would see neither.
import { clippedAway } from "../core/collect/screen-reader-only";
import { composedParentElement } from "../core/dom";
import { UNSEEN_OPACITY, shownOpacity, styleReader, type StyleOf } from "../core/shown-opacity";
import { framesOnPage } from "./field-frames";

/** A box narrower or lower than this (CSS pixels) shows no line of text anyone reads. */
const MIN_SIDE = 4;

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function unseenField(field: Element, page: Document): boolean {
  return [field, ...(framesOnPage(field, page) ?? [])].some(unseenBox);
}

function unseenBox(element: Element): boolean {
  const doc = element.ownerDocument;
  const styleOf = styleReader(doc.defaultView);
  const visibility = styleOf(element)?.visibility;
  if (visibility === "hidden" || visibility === "collapse") return true;
  if (shownOpacity(element, styleOf) < UNSEEN_OPACITY) return true;
  const box = shownBox(element, styleOf);
  return box === null || (box !== undefined && tooSmall(box));
}

const laidOut = (element: Element | null): boolean => !!element && element.getClientRects().length > 0;
const tooSmall = (box: Box) => box.right - box.left < MIN_SIDE || box.bottom - box.top < MIN_SIDE;

function intersect(a: Box, b: Box): Box {
  return {
    top: Math.max(a.top, b.top),
    left: Math.max(a.left, b.left),
    bottom: Math.min(a.bottom, b.bottom),
    right: Math.min(a.right, b.right),
  };
}

/**
 * The part of the element's box the window shows, cut by the boxes around it that clip what overflows them (up to a
 * fixed box, which escapes them); null when it is clipped away or has no box; undefined where there is no layout.
 */
function shownBox(element: Element, styleOf: StyleOf): Box | null | undefined {
  const doc = element.ownerDocument;
  const layout = laidOut(element) || laidOut(doc.documentElement) || laidOut(doc.body);
  if (layout && !laidOut(element)) return null;
  const win = doc.defaultView;
  let box: Box = { top: 0, left: 0, bottom: win?.innerHeight ?? 0, right: win?.innerWidth ?? 0 };
  for (
    let n: Element | null = element;
    n && n !== doc.body && n !== doc.documentElement;
    n = composedParentElement(n)
  ) {
    const style = styleOf(n);
    if (style && clippedAway(style)) return null;
    // (jsdom gives the `overflow` shorthand alone.)
    const overflow = `${style?.overflowX} ${style?.overflowY} ${style?.overflow}`;
    const clips = n === element || /hidden|clip|auto|scroll/.test(overflow);
    if (layout && clips) box = intersect(box, n.getBoundingClientRect());
    if (style?.position === "fixed") break;
  }
  return layout ? box : undefined;
}
