// How opaque an element shows: its own opacity times that of every element around it, through shadow roots. A page
// can fade a layer or a text box out (opacity 0, or nearly) and keep it on the page, under the reader's pointer or
// focus, where nobody sees it. An element in the top layer (a modal dialog, an open popover, a fullscreen element) is
// drawn above the page, outside its ancestors' layers: their opacity does not reach it.
import { composedParentElement, isMatch } from "./dom";

/** Below this, what an element holds is not read by anyone: a page's way to hide it while keeping it in place. */
export const UNSEEN_OPACITY = 0.1;

/** An element's computed style; undefined where the page's getters throw (another realm, a detached element). */
export type StyleOf = (element: Element) => CSSStyleDeclaration | undefined;

export function styleReader(win: Window | null): StyleOf {
  return (element) => {
    try {
      return win?.getComputedStyle(element);
    } catch {
      // undefined: unknown
    }
  };
}

/** `memo` keeps each element's answer for a caller that asks about several elements of the same page at once. */
export function shownOpacity(element: Element, styleOf: StyleOf, memo = new Map<Element, number>()): number {
  const known = memo.get(element);
  if (known !== undefined) return known;
  const own = parseFloat(styleOf(element)?.opacity ?? "");
  const parent = !inTopLayer(element) && composedParentElement(element);
  const result = (Number.isFinite(own) ? own : 1) * (parent ? shownOpacity(parent, styleOf, memo) : 1);
  memo.set(element, result);
  return result;
}

// One selector at a time: a browser that lacks one (`:popover-open` before 2024) throws for a list holding it.
const inTopLayer = (el: Element): boolean =>
  [":modal", ":popover-open", ":fullscreen"].some((top) => {
    try {
      return isMatch(el, top);
    } catch {
      // not in the top layer as far as this browser knows
    }
  });
