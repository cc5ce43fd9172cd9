// A run of inline text (a unit with no element of its own, beside blocks) that the page moves, after it was
// translated, into another container or elsewhere in its parent: its old place gives the translation back, and the
// run is translated again where it went, in replace and bilingual modes; Show original gives back the page's text.

import { sent, setup } from "../helpers/core-page";

const PAGE = `<div id="from">Ein Satz mit <b>fett</b> hier.<p>Ein Block</p></div><div id="to"><p>Zweiter Block</p></div>`;

/** The line's own nodes (its text, its bold word, its end), as the page knows them. */
const lineOf = (from: Element): ChildNode[] => Array.from(from.childNodes).slice(0, 3);

test.each([
  ["replace", "EIN BLOCK", "ZWEITER BLOCKEIN SATZ MIT FETT HIER."],
  ["bilingual", "Ein BlockEIN BLOCK", "Zweiter BlockZWEITER BLOCKEin Satz mit fett hier.EIN SATZ MIT FETT HIER."],
] as const)(
  "a translated run the page moves into another container is translated again there (%s)",
  async (displayMode, fromText, toText) => {
    const { page } = setup(PAGE, { displayMode });
    await page.translate();
    const from = document.querySelector("#from") as Element;
    const to = document.querySelector("#to") as Element;
    to.append(...lineOf(from));
    await page.whenSettled();
    expect(from.textContent).toBe(fromText);
    expect(to.textContent).toBe(toText);
    page.restore();
    expect(document.body.innerHTML).toBe(
      `<div id="from"><p>Ein Block</p></div><div id="to"><p>Zweiter Block</p>Ein Satz mit <b>fett</b> hier.</div>`,
    );
  },
);

test("a translated run the page moves after a block of its own parent is translated again there", async () => {
  const { page } = setup(PAGE);
  await page.translate();
  const from = document.querySelector("#from") as Element;
  from.append(...lineOf(from));
  await page.whenSettled();
  expect(from.innerHTML).toBe(`<p lang="en">EIN BLOCK</p>EIN SATZ MIT <b>FETT</b> HIER.`);
  page.restore();
  expect(from.innerHTML).toBe(`<p>Ein Block</p>Ein Satz mit <b>fett</b> hier.`);
});

test("a word of a translated run the page moves past a block of its own parent is translated again there", async () => {
  const { page } = setup(PAGE);
  await page.translate();
  const from = document.querySelector("#from") as Element;
  from.append(from.querySelector("b") as Element);
  await page.whenSettled();
  expect(from.textContent).toBe("EIN SATZ MIT  HIER.EIN BLOCKFETT");
  page.restore();
  expect(from.innerHTML).toBe(`Ein Satz mit  hier.<p>Ein Block</p><b>fett</b>`);
});

test("a list item holding a run, moved whole (a sorted list), is not translated again", async () => {
  const { page, fake } = setup(
    `<ul id="l"><li>Erster <b>Punkt</b><ul><li>Unterpunkt</li></ul></li><li>Zweiter</li></ul>`,
  );
  await page.translate();
  const requests = sent(fake).length;
  const list = document.querySelector("#l") as Element;
  list.append(list.firstElementChild as Element);
  await page.whenSettled();
  expect(sent(fake).length).toBe(requests);
  expect(list.textContent).toBe("ZWEITERERSTER PUNKTUNTERPUNKT");
});
