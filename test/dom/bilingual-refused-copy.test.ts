// A page in whose world Gloss runs (the userscript) may refuse a bilingual copy part-way: its DOM functions throw.
// That unit stays original, and nothing of its copy is left behind, where Show original could not take it away.
import { setup } from "../helpers/core-page";
import { refuseCopiesIn } from "../helpers/refused-copies";

const COPY = 'span[translate="no"][lang="en"]';
const PAGE = `<div id="d">Ein <b>Titel</b> hier<p>Absatz</p></div>`;

afterEach(() => jest.restoreAllMocks());

test("a line's copy the page refuses leaves no line break behind, before or after Show original", async () => {
  document.body.innerHTML = PAGE;
  jest.spyOn(console, "warn").mockImplementation(() => {});
  // The line's copy (after its line break) may not go into #d; the paragraph's may go into the <p>.
  const refuse = refuseCopiesIn("d");
  const { page } = setup(null, { displayMode: "bilingual" });
  await page.translate();
  const d = document.getElementById("d") as Element;
  expect(Array.from(d.childNodes, (n) => n.nodeName)).toEqual(["#text", "B", "#text", "P"]);
  expect(d.querySelector(`p > ${COPY}`)?.textContent).toBe("ABSATZ");
  refuse.mockRestore();
  page.restore();
  expect(document.body.innerHTML).toBe(PAGE);
});

test("a copy whose look the page refuses once placed is taken out again", async () => {
  document.body.innerHTML = PAGE;
  jest.spyOn(console, "warn").mockImplementation(() => {});
  const setProperty = CSSStyleDeclaration.prototype.setProperty;
  jest.spyOn(CSSStyleDeclaration.prototype, "setProperty").mockImplementation(function (
    this: CSSStyleDeclaration,
    name: string,
    value: string | null,
    priority?: string,
  ) {
    if (name === "opacity") throw new Error("frozen");
    setProperty.call(this, name, value, priority);
  });
  const { page } = setup(null, { displayMode: "bilingual" });
  await page.translate();
  expect(document.body.innerHTML).toBe(PAGE);
  page.restore();
  expect(document.body.innerHTML).toBe(PAGE);
});
