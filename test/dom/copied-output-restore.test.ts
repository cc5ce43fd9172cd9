// A page that re-renders a translated passage from the text it finds in the DOM (`el.textContent = el.textContent`,
// a text node replaced by a fresh one with the same words) holds Gloss's words in nodes Gloss never wrote. They are
// not translated again, and Show original still gives the page its own words back there.

import { sent, setup } from "../helpers/core-page";

const COPY = 'span[translate="no"][lang="en"]';
const PAGE = `<p id="a">Hallo Welt</p><p id="b">Guten Tag</p><button id="c" title="Speichern">💾</button>`;

/** The page writes Gloss's translation back into new nodes (and the title it finds), as a re-render would. */
async function rerender(page: { whenSettled(): Promise<unknown> }): Promise<void> {
  const a = document.getElementById("a") as Element;
  const words = a.textContent;
  a.textContent = words;
  const b = document.getElementById("b") as Element;
  b.firstChild?.replaceWith(document.createTextNode(b.textContent ?? ""));
  const c = document.getElementById("c") as HTMLElement;
  const button = document.createElement("button");
  button.id = "c";
  button.title = c.title;
  button.textContent = c.textContent;
  c.replaceWith(button);
  await page.whenSettled();
}

test("Show original puts the page's words back where the page copied Gloss's translation", async () => {
  const { page, fake } = setup(PAGE);
  await page.translate();
  const requests = sent(fake).length;
  await rerender(page);
  expect(document.getElementById("a")?.textContent).toBe("HALLO WELT");
  expect(document.getElementById("b")?.textContent).toBe("GUTEN TAG");
  expect(document.getElementById("c")?.getAttribute("title")).toBe("SPEICHERN");
  expect(sent(fake).length).toBe(requests);
  // Selected there, the passage is Gloss's translation, whose original is the page's words.
  expect(page.ownTranslationAt(document.getElementById("a")?.firstChild as Node)).toEqual({ original: "Hallo Welt" });
  page.restore();
  expect(document.body.innerHTML).toBe(PAGE);
});

test("switched to the bilingual view, a passage the page copied shows its original with the translation below", async () => {
  const { page, fake } = setup(PAGE);
  await page.translate();
  const requests = sent(fake).length;
  await rerender(page);
  page.setDisplayMode("bilingual");
  await page.whenSettled();
  for (const [id, original] of [
    ["a", "Hallo Welt"],
    ["b", "Guten Tag"],
  ]) {
    const p = document.getElementById(id as string) as Element;
    expect(p.firstChild?.textContent).toBe(original);
    expect(p.querySelector(COPY)?.textContent).toBe(original?.toUpperCase());
  }
  expect(sent(fake).length).toBe(requests);
  page.restore();
  expect(document.body.innerHTML).toBe(PAGE);
});

test("a page's own words that Gloss also wrote elsewhere are the page's: Show original leaves them as they are", async () => {
  // A German page with an English "News" link, whose "Nachrichten" Gloss translates as "News".
  const html = `<h2 id="a">Nachrichten</h2><ul><li><a id="news" href="/news">News</a></li></ul>`;
  const { page } = setup(html, {}, { reply: (t) => (t === "NACHRICHTEN" ? "News" : t) });
  await page.translate();
  expect(document.getElementById("a")?.textContent).toBe("News");
  page.restore();
  expect(document.body.innerHTML).toBe(html);
  // Translated again, the link's "News" is not taken for a copy of Gloss's, to be "given back" as "Nachrichten".
  await page.translate();
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});
