// Where the picker's arrow keys take the outline: ↑ to the part around it, ↓ into it, ← and → to the parts beside
// it; where the keyboard starts; and the part moved to brought into view.
import type { PageParts } from "./page-parts";

export type Pickable = (element: Element | null | undefined) => element is Element;

/** The part `key` (an arrow key) moves to from `current`; undefined when there is none there to outline. */
export function movedTo(key: string, current: Element, parts: PageParts, pickable: Pickable): Element | undefined {
  const target =
    key === "ArrowUp"
      ? parts.outer(current)
      : key === "ArrowDown"
        ? parts.inner(current).find(pickable)
        : sibling(
            current,
            (key === "ArrowLeft") !== rightToLeft(current) ? "previousElementSibling" : "nextElementSibling",
            pickable,
          );
  return pickable(target) ? target : undefined;
}

/**
 * Whether the parts beside `element` run from right to left, as in an Arabic or Hebrew page: ← then goes on to the part
 * after it, as the arrows do in the browser's own lists and toolbars there.
 */
function rightToLeft(element: Element): boolean {
  try {
    return (element.parentElement ?? element).matches(":dir(rtl)");
  } catch {
    // A browser that cannot tell: left to right.
    return false;
  }
}

function sibling(
  element: Element,
  step: "previousElementSibling" | "nextElementSibling",
  pickable: Pickable,
): Element | undefined {
  let next = element[step];
  while (next && !pickable(next)) next = next[step];
  return next ?? undefined;
}

/** Where the keyboard starts: the part in the middle of the window, or the page's first one. */
export function startingPart(
  win: Window,
  doc: Document,
  at: (x: number, y: number) => Element | undefined,
  pickable: Pickable,
): Element | undefined {
  const middle = at(win.innerWidth / 2, win.innerHeight / 2);
  return middle ?? [...(doc.body?.children ?? [])].find(pickable);
}

/** Scrolls the part the keys moved to into view, if it is not. */
export function bringIntoView(win: Window, target: Element): void {
  // A part with `display: contents` has no box to scroll to: what it shows first has.
  while (win.getComputedStyle(target).display === "contents") {
    const first = (target.shadowRoot ?? target).firstElementChild;
    if (!first) break;
    target = first;
  }
  try {
    // Not the page's smooth scrolling when the reader's system asks for less motion.
    const still = win.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
    target.scrollIntoView?.({ block: "nearest", inline: "nearest", behavior: still ? "instant" : "auto" });
  } catch {
    // The page's element: its scrolling is the page's to refuse.
  }
}
