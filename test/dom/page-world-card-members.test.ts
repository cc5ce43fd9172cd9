// In the page's world, a page function Gloss calls on its look-up card's own elements is handed that element: from it
// the page could read the card's translation (or misplace the card). A page's replacement of each of them counts
// among the replaced DOM functions, which keep Gloss's in-page UI out.
import { expectReplacementSeen } from "../helpers/page-world-window";

const CARD_MEMBERS = [
  ["Element", "getBoundingClientRect", "value"],
  ["Range", "getBoundingClientRect", "value"],
  ["HTMLElement", "hidden", "set"],
  ["HTMLElement", "hidden", "get"],
  ["HTMLElement", "lang", "set"],
  ["HTMLElement", "dir", "set"],
  ["HTMLElement", "style", "get"],
  ["HTMLElement", "title", "set"],
  ["Element", "className", "set"],
  ["Element", "querySelector", "value"],
  ["Element", "getAttribute", "value"],
  ["Node", "textContent", "get"],
  ["Node", "contains", "value"],
  ["Node", "getRootNode", "value"],
  ["HTMLButtonElement", "type", "set"],
  // The card's state (classList.toggle on the card), what a screen reader is told (spokenText reads childNodes), and
  // the host's check of its own closed root (firstChild).
  ["Element", "classList", "get"],
  ["Node", "childNodes", "get"],
  ["Node", "firstChild", "get"],
] as const;

it.each(CARD_MEMBERS)("a page's own %s.%s (%s) counts as a replaced DOM function", (owner, name, kind) => {
  const proto = (window as unknown as Record<string, { prototype: object }>)[owner]!.prototype;
  // jsdom measures no Range: one the browser's way for the test.
  if (!(name in proto))
    Object.defineProperty(proto, name, { configurable: true, value: function getBoundingClientRect() {} });
  expectReplacementSeen(owner, name, kind);
});
