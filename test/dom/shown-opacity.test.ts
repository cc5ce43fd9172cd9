// What a faded-out container hides: not a modal dialog or an open popover placed inside it, which the browser draws in
// the top layer, above the page and out of reach of its ancestors' opacity.

import { UNSEEN_OPACITY, shownOpacity, styleReader } from "../../src/core/shown-opacity";

/** jsdom knows neither `:modal` nor `:popover-open`: a modal dialog is one marked `data-modal`, an open popover one
 * marked `data-open`; each pseudo-class is asked about on its own (a browser lacking one throws for it). */
let knowsPopovers = true;
beforeEach(() => {
  knowsPopovers = true;
  const matches = Element.prototype.matches;
  jest.spyOn(Element.prototype, "matches").mockImplementation(function (this: Element, selector: string) {
    if (selector === ":modal") return this.localName === "dialog" && this.hasAttribute("data-modal");
    if (selector.includes(":popover-open") && !knowsPopovers) throw new SyntaxError(`'${selector}' is not valid`);
    if (selector === ":popover-open") return this.hasAttribute("popover") && this.hasAttribute("data-open");
    return matches.call(this, selector);
  });
});

afterEach(() => jest.restoreAllMocks());

const opacityOf = (selector: string): number =>
  shownOpacity(document.querySelector(selector) as Element, styleReader(window));

test.each([
  [
    "a modal dialog",
    `<dialog open data-modal><p id="text">Bitte bestätigen</p><textarea id="box"></textarea></dialog>`,
  ],
  ["an open popover", `<div popover data-open><p id="text">Bitte bestätigen</p><textarea id="box"></textarea></div>`],
])("text and a text box in %s inside a faded-out container are seen", (_, layer) => {
  document.body.innerHTML = `<div style="opacity: 0"><section style="opacity: 0.5">${layer}</section></div>`;
  expect(opacityOf("#text")).toBeGreaterThanOrEqual(UNSEEN_OPACITY);
  expect(opacityOf("#box")).toBeGreaterThanOrEqual(UNSEEN_OPACITY);
});

test("a dialog shown without being modal, or a popover that is closed, stays as faded as its container", () => {
  document.body.innerHTML =
    `<div style="opacity: 0"><dialog open><p id="dialog">Hinweis</p></dialog>` +
    `<div popover><p id="popover">Hinweis</p></div></div>`;
  expect(opacityOf("#dialog")).toBeLessThan(UNSEEN_OPACITY);
  expect(opacityOf("#popover")).toBeLessThan(UNSEEN_OPACITY);
});

test("a faded-out modal dialog is faded out itself, and so is what it holds", () => {
  document.body.innerHTML = `<dialog open data-modal style="opacity: 0.05"><p id="text">Bitte bestätigen</p></dialog>`;
  expect(opacityOf("#text")).toBeLessThan(UNSEEN_OPACITY);
});

test("in a browser that knows no :popover-open, a modal dialog inside a faded-out container is still seen", () => {
  knowsPopovers = false;
  document.body.innerHTML = `<div style="opacity: 0"><dialog open data-modal><p id="text">Bitte bestätigen</p></dialog></div>`;
  expect(opacityOf("#text")).toBeGreaterThanOrEqual(UNSEEN_OPACITY);
});
