// Boxes a browser would lay elements out in (jsdom lays out nothing), given as the DOM's own getBoundingClientRect
// gives them: Gloss reads a page element's box through the prototype's method (core/dom.ts's rectOf), which a stub
// on the element itself would not reach.

const boxes = new Map<Element, DOMRect>();
const ownRect = Element.prototype.getBoundingClientRect;

/** Gives `element` the box `rect`, as a browser would lay it out. */
export function laidOutAt(element: Element, rect: DOMRect): void {
  boxes.set(element, rect);
  Element.prototype.getBoundingClientRect = function (this: Element) {
    return boxes.get(this) ?? ownRect.call(this);
  };
  Object.defineProperty(element, "getClientRects", { configurable: true, value: () => [rect] });
}

/** Lays nothing out again (after each test). */
export function noLayout(): void {
  boxes.clear();
  Element.prototype.getBoundingClientRect = ownRect;
  delete (document.documentElement as Partial<Element>).getClientRects;
}
