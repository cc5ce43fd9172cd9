// In the page's world, the page can replace what Gloss's in-page UI reads: a replaced page-zoom reading (which the
// UI's host undoes) would let it draw Gloss's cards at any size, so it counts among the replaced functions that keep
// the UI out.
import { replacedDomFunctions } from "../../src/userscript/page-world";

it("a page's own Element.currentCSSZoom counts as a replaced DOM function", () => {
  expect(replacedDomFunctions(window)).not.toContain("Element.currentCSSZoom");
  Object.defineProperty(Element.prototype, "currentCSSZoom", { configurable: true, get: () => 0.01 });
  try {
    expect(replacedDomFunctions(window)).toContain("Element.currentCSSZoom");
  } finally {
    delete (Element.prototype as { currentCSSZoom?: number }).currentCSSZoom;
  }
});
