// Text standing loose in a block beside its child blocks (a forum post's lines before a quote, a Hacker News
// comment's first paragraph) has no element of its own to take `dir`. Translated into a language that runs the
// other way from the block, each of its lines is wrapped in bidi isolate marks (RLI or LRI … PDI) in its own Text
// nodes, so it reads in the translation's direction: its end punctuation, numbers and Latin words on the right sides.
// Gloss's marks are not page changes, Show original gives the page back byte for byte, and a bilingual copy (an
// element of Gloss's own, with `dir`) needs none.

import { control, sent, setup } from "../helpers/core-page";

const RLI = "\u2067";
const LRI = "\u2066";
const PDI = "\u2069";

const POST =
  `<div id="post">Ich habe 3 Fragen zu HTML5.<br>Erste <a href="/x">Frage</a>?` +
  `<blockquote>Ein Zitat</blockquote>Danke!</div>`;

afterEach(() => document.documentElement.removeAttribute("dir"));

test("translated into Arabic, each line of a block's loose text is isolated right to left; Show original gives the page back", async () => {
  const { page, fake } = setup(POST, { targetLang: "ar" });
  const before = document.body.innerHTML;
  await page.translate();
  expect(document.body.innerHTML).toBe(
    // The end punctuation after the link is inside its line's isolate.
    // The post, now all translation, is marked too (core-whole-marks.test.ts).
    `<div id="post" lang="ar" dir="rtl">${RLI}ICH HABE 3 FRAGEN ZU HTML5.${PDI}<br>${RLI}ERSTE <a href="/x">FRAGE</a>?${PDI}` +
      `<blockquote lang="ar" dir="rtl">EIN ZITAT</blockquote>${RLI}DANKE!${PDI}</div>`,
  );
  // Gloss's own marks are not a page change: nothing is sent again.
  await page.whenSettled();
  expect(sent(fake)).toHaveLength(3);
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("translated into English in a right-to-left page, a loose run is isolated left to right", async () => {
  document.documentElement.setAttribute("dir", "rtl");
  const { page } = setup(POST);
  await page.translate();
  expect(document.getElementById("post")?.innerHTML).toBe(
    `${LRI}ICH HABE 3 FRAGEN ZU HTML5.${PDI}<br>${LRI}ERSTE <a href="/x">FRAGE</a>?${PDI}` +
      `<blockquote lang="en" dir="ltr">EIN ZITAT</blockquote>${LRI}DANKE!${PDI}`,
  );
  page.restore();
  expect(document.body.innerHTML).toBe(POST);
});

test("where the translation runs the block's way, a loose run gets no marks", async () => {
  const { page } = setup(`<div dir="rtl">${POST}</div>`, { targetLang: "ar" });
  await page.translate();
  expect(document.body.textContent).not.toMatch(/[\u2066\u2067\u2069]/);
  page.restore();
  const english = setup(POST);
  await english.page.translate();
  expect(document.body.textContent).toBe("ICH HABE 3 FRAGEN ZU HTML5.ERSTE FRAGE?EIN ZITATDANKE!");
});

test("the bilingual copy of a loose run runs right to left by its dir, without marks; back in place, the run has them", async () => {
  const { page } = setup(POST, { targetLang: "ar" });
  const before = document.body.innerHTML;
  await page.translate();
  page.setDisplayMode("bilingual");
  expect(document.body.textContent).not.toMatch(/[\u2066\u2067\u2069]/);
  const copies = Array.from(document.querySelectorAll('#post > span[lang="ar"]'));
  expect(copies.map((c) => [c.getAttribute("dir"), c.textContent])).toEqual([
    ["rtl", "ICH HABE 3 FRAGEN ZU HTML5.ERSTE FRAGE?"],
    ["rtl", "DANKE!"],
  ]);
  page.setDisplayMode("replace");
  expect(document.getElementById("post")?.firstChild?.textContent).toBe(`${RLI}ICH HABE 3 FRAGEN ZU HTML5.${PDI}`);
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("a page that adds to a translated loose run gets its addition, without Gloss's marks, on Show original", async () => {
  const change = (root: Element): void => void (root.querySelector("#post")?.lastChild as Text).appendData(" Bis bald");
  const { page, fake } = setup(POST, { targetLang: "ar" });
  await page.translate();
  change(document.body);
  await page.whenSettled();
  expect(sent(fake)).toContain("Danke! Bis bald");
  expect(document.getElementById("post")?.lastChild?.textContent).toBe(`${RLI}DANKE! BIS BALD${PDI}`);
  page.restore();
  expect(document.body.innerHTML).toBe(control(POST, change));
});

test("a translated passage (hover, a selection) over a loose run is isolated too", async () => {
  const { page } = setup(POST, { targetLang: "ar" });
  const before = document.body.innerHTML;
  const post = document.getElementById("post") as Element;
  const range = document.createRange();
  range.setStartBefore(post.firstChild as Node);
  range.setEndAfter(post.querySelector("a")?.nextSibling as Node);
  await page.translatePassage(range);
  expect(post.innerHTML).toBe(
    `${RLI}ICH HABE 3 FRAGEN ZU HTML5.${PDI}<br>${RLI}ERSTE <a href="/x">FRAGE</a>?${PDI}` +
      `<blockquote>Ein Zitat</blockquote>Danke!`,
  );
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

describe("a loose run too long for one request", () => {
  const MAX = 600;
  const sentences = (n: number): string =>
    Array.from({ length: n }, (_, i) => `Das ist der Satz Nummer ${i} im Text.`).join(" ");

  test("translated in parts of its text, it is isolated once, around the whole translation", async () => {
    const long = sentences(40);
    const html = `<div id="post">${long}<p>Ein Absatz</p></div>`;
    const { page, fake } = setup(html, { targetLang: "ar", maxBatchChars: MAX, maxConcurrent: 1 });
    await page.translate();
    expect(sent(fake).length).toBeGreaterThan(2);
    expect(document.getElementById("post")?.firstChild?.textContent).toBe(`${RLI}${long.toUpperCase()}${PDI}`);
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("a paragraph cut into runs of its nodes gets no marks: its parts share its lines", async () => {
    const html = `<p>${Array.from({ length: 30 }, (_, i) => `<b>Satz ${i}</b> steht hier im Text.`).join(" ")}</p>`;
    const { page, fake } = setup(html, { targetLang: "ar", maxBatchChars: MAX, maxConcurrent: 1 });
    await page.translate();
    expect(sent(fake).length).toBeGreaterThan(1);
    expect(document.body.textContent).toContain("SATZ 0");
    expect(document.body.textContent).not.toMatch(/[\u2066\u2067\u2069]/);
  });
});
