// A page that clones an element Gloss translated (a framework copying a node it rendered, a "show more" that
// duplicates a post) gives a copy carrying Gloss's `lang` mark. The copy's mark is not the page saying its text is in
// the target language: it is Gloss's words the page copied, given back on Show original, and translated again after.

import { sent, setup } from "../helpers/core-page";

const PAGE = `<div id="feed"><p id="a">Hallo Welt</p></div>`;

/** The page duplicates the translated paragraph, as a "show more" would. */
async function duplicate(page: { whenSettled(): Promise<unknown> }): Promise<Element> {
  const a = document.getElementById("a") as Element;
  const copy = a.cloneNode(true) as Element;
  copy.id = "b";
  a.after(copy);
  await page.whenSettled();
  return copy;
}

test("a copy the page cloned of a translated element gets the page's words and language back on Show original", async () => {
  const { page, fake } = setup(PAGE);
  await page.translate();
  const requests = sent(fake).length;
  const copy = await duplicate(page);
  expect(copy.outerHTML).toBe(`<p id="b" lang="en">HALLO WELT</p>`);
  expect(sent(fake).length).toBe(requests);
  page.restore();
  expect(document.getElementById("feed")?.innerHTML).toBe(`<p id="a">Hallo Welt</p><p id="b">Hallo Welt</p>`);
});

test("after Show original, the cloned copy is translated again with the rest", async () => {
  const { page } = setup(PAGE);
  await page.translate();
  const copy = await duplicate(page);
  page.restore();
  await page.translate();
  expect(copy.outerHTML).toBe(`<p id="b" lang="en">HALLO WELT</p>`);
  page.restore();
  expect(copy.outerHTML).toBe(`<p id="b">Hallo Welt</p>`);
});

test("a page that will not let its copy's mark go still gets Show original: every other word and mark goes back", async () => {
  const { page } = setup(`<div id="feed"><p id="a">Hallo Welt</p></div><p id="c">Guten Morgen</p>`);
  await page.translate();
  await duplicate(page);
  // Gloss in the page's world, whose removeAttribute keeps the copy as the page rendered it.
  const removeAttribute = Element.prototype.removeAttribute;
  jest.spyOn(Element.prototype, "removeAttribute").mockImplementation(function (this: Element, name: string) {
    if (this.id === "b") throw new Error("frozen");
    removeAttribute.call(this, name);
  });
  page.restore();
  jest.restoreAllMocks();
  expect(page.state).toBe("restored");
  expect(document.body.innerHTML).toBe(
    `<div id="feed"><p id="a">Hallo Welt</p><p id="b" lang="en">Hallo Welt</p></div><p id="c">Guten Morgen</p>`,
  );
  await page.translate();
  expect(document.getElementById("c")?.outerHTML).toBe(`<p id="c" lang="en">GUTEN MORGEN</p>`);
});

test("a lang the page declares itself still keeps its element as it is", async () => {
  const { page, fake } = setup(`<p id="a">Hallo Welt</p><p id="b" lang="en">Hello world</p>`);
  await page.translate();
  expect(document.getElementById("b")?.textContent).toBe("Hello world");
  expect(sent(fake).join()).not.toContain("Hello world");
});

test("a cloned post Gloss marked whole, several paragraphs in it, gets its words and language back", async () => {
  const { page } = setup(`<div id="feed"><article id="a"><p>Hallo Welt</p><p>Guten Tag</p></article></div>`);
  await page.translate();
  const a = document.getElementById("a") as Element;
  const copy = a.cloneNode(true) as Element;
  copy.id = "b";
  a.after(copy);
  await page.whenSettled();
  page.restore();
  expect(copy.outerHTML).toBe(`<article id="b"><p>Hallo Welt</p><p>Guten Tag</p></article>`);
});

test("a language menu's English entry, once Gloss wrote the same word elsewhere, is still the page's own", async () => {
  const { page } = setup(
    `<p id="a">Englisch</p><ul><li><a id="en" lang="en" href="/en">English</a></li></ul>`,
    {},
    { reply: (translated) => (translated === "ENGLISCH" ? "English" : translated) },
  );
  await page.translate();
  expect(document.getElementById("a")?.textContent).toBe("English");
  page.restore();
  // Gloss's "English" for "Englisch" is among its words now; the menu's own is not a copy of them.
  await page.translate();
  page.restore();
  expect(document.body.innerHTML).toBe(
    `<p id="a">Englisch</p><ul><li><a id="en" lang="en" href="/en">English</a></li></ul>`,
  );
});
