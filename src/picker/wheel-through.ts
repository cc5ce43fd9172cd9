// The wheel over the picker's shield scrolls what it would scroll without the picker: the scrollable part of the page
// under the pointer (a feed, a chat's pane, a sidebar), not only the window, so the reader can reach a part to pick.
import { parentElementOf } from "../core/dom";
import type { PageParts } from "./page-parts";

/** How far a line of the wheel scrolls (Firefox's wheel counts lines, not pixels). */
const LINE_PX = 16;

/** Whether `element` scrolls on its own, and has room to go by `dx`, `dy`. */
function hasRoom(element: Element, win: Window, dx: number, dy: number): boolean {
  const style = win.getComputedStyle(element);
  const scrolls = (overflow: string) => /^(auto|scroll|overlay)$/.test(overflow);
  const { scrollTop, scrollLeft, clientHeight, clientWidth, scrollHeight, scrollWidth } = element;
  const down = dy > 0 ? scrollTop + clientHeight < scrollHeight - 1 : dy < 0 && scrollTop > 0;
  const across = dx > 0 ? scrollLeft + clientWidth < scrollWidth - 1 : dx < 0 && scrollLeft > 0;
  return (scrolls(style.overflowY) && down) || (scrolls(style.overflowX) && across);
}

/** The element around `element` as the page draws it: the slot that shows it, its parent, or its shadow root's host. */
function drawnParent(element: Element): Element | null {
  const root = element.getRootNode() as Partial<ShadowRoot>;
  return element.assignedSlot ?? parentElementOf(element) ?? root.host ?? null;
}

/**
 * Scrolls the innermost part under the wheel that can go its way; the window's own scrolling is left to the browser
 * (the shield is over it).
 */
export function wheelThrough(win: Window, parts: PageParts): (event: WheelEvent) => void {
  const doc = win.document;
  return (event) => {
    // Ctrl + wheel zooms.
    if (event.ctrlKey) return;
    const step = event.deltaMode === 1 ? LINE_PX : event.deltaMode === 2 ? win.innerHeight : 1;
    const dx = event.deltaX * step;
    const dy = event.deltaY * step;
    let at: Element | null | undefined = parts.at(event.clientX, event.clientY);
    while (at && at !== doc.body && at !== doc.documentElement && !hasRoom(at, win, dx, dy)) at = drawnParent(at);
    if (!at || at === doc.body || at === doc.documentElement) return;
    event.preventDefault();
    at.scrollBy?.({ left: dx, top: dy, behavior: "instant" });
  };
}
