// Whether the text box the focus is in is one the reader cannot see: no box, hidden, faded out, clipped away, too small
// to show a line, or wholly out of view, itself or the frame it is in. A page can move the focus into such a box of
// its own, holding text of its own, just as the reader asks for their reply's translation: Gloss would send that text
// and write the translation there, and the reader would see neither. A box merely scrolled away (the reader scrolled up
// to reread the comment they answer) is brought into view first, and only refused if it still does not show.
import { clippedAway } from "../core/collect/screen-reader-only";
import { bodyOf, composedParentElement, htmlOf, own, rectOf } from "../core/dom";
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

/** "hidden": nothing of it can show; "away": it would show, but outside the window's view; undefined: it shows. */
type Unseen = "hidden" | "away" | undefined;

/** `stay`: the page is not scrolled (the reader may have scrolled away on purpose), and "away" says the box is so. */
export function unseenField(field: Element, page: Document, stay?: boolean): boolean | "away" {
  const boxes = [field, ...(framesOnPage(field, page) ?? [])];
  const now = boxes.map(unseenBox);
  if (now.includes("hidden")) return true;
  if (!now.includes("away")) return false;
  if (stay) return "away";
  bringIntoView(field);
  return boxes.some((element) => unseenBox(element) !== undefined);
}

/** Scrolls the page (and the frames around the field) so the field shows, as a click on it would have. */
function bringIntoView(field: Element): void {
  try {
    field.scrollIntoView?.({ block: "nearest", inline: "nearest" });
  } catch {
    // a page may have replaced scrollIntoView; the check after it decides
  }
}

/**
 * The DOM's own checkVisibility (where the browser has it): a closed <details>' content, or `hidden="until-found"`,
 * is skipped as `content-visibility: hidden` yet keeps its boxes, so the rects below would say it shows.
 */
const visible: (element: Element) => boolean | undefined = own("Element", "checkVisibility");

function unseenBox(element: Element): Unseen {
  if (visible(element) === false) return "hidden";
  const doc = element.ownerDocument;
  const styleOf = styleReader(doc.defaultView);
  const visibility = styleOf(element)?.visibility;
  if (visibility === "hidden" || visibility === "collapse") return "hidden";
  if (shownOpacity(element, styleOf) < UNSEEN_OPACITY) return "hidden";
  const boxes = shownBoxes(element, styleOf);
  if (boxes === null || (boxes !== undefined && tooSmall(boxes.kept))) return "hidden";
  if (boxes === undefined) return undefined;
  const win = doc.defaultView;
  const view = { top: 0, left: 0, bottom: win?.innerHeight ?? 0, right: win?.innerWidth ?? 0 };
  return tooSmall(intersect(boxes.inView, view)) ? "away" : undefined;
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
 * The part of the element's box left by the boxes around it that clip what overflows them (up to a fixed box, which
 * escapes them): `kept` by those that hide it for good, `inView` also by those the reader scrolls; null when it is
 * clipped away or has no box; undefined where there is no layout.
 */
function shownBoxes(element: Element, styleOf: StyleOf): { kept: Box; inView: Box } | null | undefined {
  const doc = element.ownerDocument;
  const [body, root] = [bodyOf(doc), htmlOf(doc)];
  const layout = laidOut(element) || laidOut(root) || laidOut(body);
  if (layout && !laidOut(element)) return null;
  let kept: Box = { top: -Infinity, left: -Infinity, bottom: Infinity, right: Infinity };
  let inView = kept;
  // The boxes around it are the page's, a form among them: their rects are read through the DOM's own method.
  for (let n: Element | null = element; n && n !== body && n !== root; n = composedParentElement(n)) {
    const style = styleOf(n);
    if (style && clippedAway(style)) return null;
    // (jsdom gives the `overflow` shorthand alone.)
    const overflow = `${style?.overflowX} ${style?.overflowY} ${style?.overflow}`;
    if (layout && (n === element || /hidden|clip/.test(overflow))) kept = intersect(kept, rectOf(n));
    if (layout && (n === element || /hidden|clip|auto|scroll/.test(overflow))) inView = intersect(inView, rectOf(n));
    if (style?.position === "fixed") break;
  }
  return layout ? { kept, inView } : undefined;
}
