// Bilingual copies the page reworked (highlighted, cloned, moved) and Show original: nothing of a copy stays behind.

import { setup } from "../helpers/core-page";

const COPY = 'span[translate="no"][lang="en"]';

/** Wraps each word `word` of Gloss's copies in a <mark>, as a highlighter extension or a page's search does. */
function highlight(root: ParentNode, word: string): void {
  for (const copy of Array.from(root.querySelectorAll(COPY))) {
    const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
    const texts: Text[] = [];
    for (let t = walker.nextNode(); t; t = walker.nextNode()) texts.push(t as Text);
    for (const t of texts) {
      const at = t.data.indexOf(word);
      if (at < 0) continue;
      const hit = t.splitText(at);
      hit.splitText(word.length);
      const mark = document.createElement("mark");
      hit.replaceWith(mark);
      mark.append(hit);
    }
  }
}

test("Show original after the page re-rendered a copy a highlighter had marked takes the page's copy out too", async () => {
  const source = `<div id="app"><p>Der Zug ist heute pünktlich.</p></div>`;
  const { page } = setup(source, { displayMode: "bilingual" });
  await page.translate();
  const app = document.getElementById("app") as Element;
  highlight(app, "HEUTE");
  expect(app.querySelector(`${COPY} mark`)?.textContent).toBe("HEUTE");
  app.innerHTML = `${app.innerHTML}`;
  await page.whenSettled();
  // Shown once, as before the re-render.
  expect(app.querySelectorAll(COPY)).toHaveLength(1);
  page.restore();
  expect(app.querySelectorAll(COPY)).toHaveLength(0);
  expect(document.body.innerHTML).toBe(source);
});

test("Show original right after such a re-render, before Gloss saw it, takes the page's marked copy out", async () => {
  const source = `<div id="app"><p>Der Zug ist heute pünktlich.</p></div>`;
  const { page } = setup(source, { displayMode: "bilingual" });
  await page.translate();
  const app = document.getElementById("app") as Element;
  highlight(app, "HEUTE");
  app.innerHTML = `${app.innerHTML}`;
  page.restore();
  expect(app.querySelectorAll(COPY)).toHaveLength(0);
  expect(document.body.innerHTML).toBe(source);
});
