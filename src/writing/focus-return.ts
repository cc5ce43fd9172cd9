// Where the keyboard focus goes when the writing card closes from the keyboard: back to the field, or, when the
// field's frame was removed or given another document while the card was open (an editor torn down, a page that
// re-rendered), to the frame still there, else to the nearest control where the frame was: never to an element of a
// document that went away, and not dropped to the page's <body>.
import { documentOf, focusedIn, isElement, parentOf, rootOf, walkerOf } from "../core/dom";
import { framesOnPage, onPage, type FrameElement } from "./field-frames";

/** A frame the field was in, and where it stood among its parent's children. */
interface FramePlace {
  frame: FrameElement;
  parent: Node | null;
  next: Node | null;
}

/** Where a field was on the page when last seen there: the frames around it, its own first. */
export interface FieldPlace {
  readonly field: Element;
  readonly frames: readonly FramePlace[];
}

/** Controls tried on each side of a frame's place before giving up on it (each may be hidden, or refuse the focus). */
const MAX_TRIES = 20;
/** Elements looked at on each side of a place: a page's size does not hold the card's closing. */
const MAX_LOOKED_AT = 2000;

/**
 * `field`'s place now, when it is on `page`; else `before` (where it was last seen), as its frames are gone now.
 */
export function fieldPlace(field: Element, page: Document, before?: FieldPlace): FieldPlace {
  const frames = framesOnPage(field, page);
  if (!frames) return before?.field === field ? before : { field, frames: [] };
  return { field, frames: frames.flatMap((frame) => placeOf(frame) ?? []) };
}

function placeOf(frame: FrameElement): FramePlace | undefined {
  try {
    return { frame, parent: frame.parentNode, next: frame.nextSibling };
  } catch {
    return undefined;
  }
}

/**
 * Moves the keyboard focus to where `place` says the field is, or was: the element that took it, or undefined when
 * none did (the caller then goes back where the reader came from).
 */
export function focusBack(place: FieldPlace, page: Document): Element | undefined {
  if (onPage(place.field, page)) return place.field;
  // From the field's own frame out: the innermost one still on the page, or the place of the innermost one gone.
  for (const { frame, parent, next } of place.frames) {
    if (onPage(frame, page)) {
      if (tryFocus(frame)) return frame;
      continue; // a frame the page hid: the one around it
    }
    const near = parent && nearPlace(parent, next, page);
    if (near) return near;
  }
  return undefined;
}

/**
 * The first control after the place (as Tab would reach it) that takes the focus, else the last one before it. The
 * frame's parent is read through the DOM's own members: a page's reply form names its controls as it likes.
 */
function nearPlace(parent: Node, next: Node | null, page: Document): Element | undefined {
  try {
    const host = isElement(parent) ? parent : (parent as ShadowRoot).host;
    if (!host || !onPage(host, page)) return undefined;
    const walker = walkerOf(documentOf(host), rootOf(parent), NodeFilter.SHOW_ELEMENT);
    // The frame's next sibling, where it still is; else the last element inside what the parent holds now.
    const stillThere = next !== null && parentOf(next) === parent;
    const from = stillThere ? next : lastInside(walker, parent);
    const element = isElement(from);
    walker.currentNode = from;
    const ahead = firstToTakeFocus(stillThere && element ? from : nextOf(walker), () => nextOf(walker));
    if (ahead) return ahead;
    walker.currentNode = from;
    return firstToTakeFocus(!stillThere && element ? (from as Element) : previousOf(walker), () => previousOf(walker));
  } catch {
    return undefined; // the frame's parent is the page's, which may throw from what it is asked
  }
}

/** The last element inside `parent`, in document order (`parent` itself when it holds none): the walker's steps. */
function lastInside(walker: TreeWalker, parent: Node): Node {
  walker.currentNode = parent;
  while (walker.lastChild());
  return walker.currentNode;
}

const nextOf = (walker: TreeWalker) => (walker.nextNode() as Element | null) ?? undefined;
const previousOf = (walker: TreeWalker) => (walker.previousNode() as Element | null) ?? undefined;

function firstToTakeFocus(first: Element | undefined, following: () => Element | undefined): Element | undefined {
  let tries = 0;
  let looked = 0;
  for (let at = first; at && tries < MAX_TRIES && looked < MAX_LOOKED_AT; at = following(), looked++) {
    if (!isControl(at)) continue;
    tries++;
    if (tryFocus(at)) return at;
  }
  return undefined;
}

/** What Tab can reach: a control, a link, a frame, an editable element, or an element the page put in the order. */
function isControl(element: Element): boolean {
  const tabIndex = (element as HTMLElement).tabIndex;
  return typeof tabIndex === "number" && tabIndex >= 0 && !(element as HTMLButtonElement).disabled;
}

/** Focuses `element`, where its document still shows: whether it took the focus (a hidden one does not). */
function tryFocus(element: Element): boolean {
  try {
    (element as HTMLElement).focus();
    return focusedIn(element) === element;
  } catch {
    return false;
  }
}
