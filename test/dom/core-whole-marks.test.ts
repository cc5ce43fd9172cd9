// An element translated in several writes — a forum post whose loose lines and quotes are all translated, a paragraph
// too long for one request cut into runs — says its language and runs the translation's way once nothing else is
// left in it, as an element translated in one write does: Arabic there starts at the right and is read in an Arabic
// voice. Where the element still holds the page's own text (a code block), it is left as it was. Show original gives
// the page back exactly.

import { UnitRegistry } from "../../src/core/unit-registry";
import { control, sent, setup } from "../helpers/core-page";

const RLI = "\u2067";
const PDI = "\u2069";

const POST =
  `<style>div { text-align: left }</style>` +
  `<div id="post">Ich habe 3 Fragen.<br>Erste <a href="/x">Frage</a>?` +
  `<blockquote>Ein Zitat</blockquote>Danke!</div>`;

const post = (): HTMLElement => document.getElementById("post") as HTMLElement;
const markOf = (el: HTMLElement): [string | null, string | null, string] => [
  el.getAttribute("lang"),
  el.getAttribute("dir"),
  el.style.getPropertyValue("text-align"),
];

describe("a post whose loose lines are translated with its blocks", () => {
  test("into Arabic, the post runs right to left from its start, in Arabic; Show original gives the page back", async () => {
    const { page, fake } = setup(POST, { targetLang: "ar" });
    const before = document.body.innerHTML;
    await page.translate();
    expect(markOf(post())).toEqual(["ar", "rtl", "start"]);
    // Its lines keep their isolates (each still reads right to left whatever the page's CSS does with the post).
    expect(post().firstChild?.textContent).toBe(`${RLI}ICH HABE 3 FRAGEN.${PDI}`);
    // Gloss's mark is no page change: nothing is sent again.
    await page.whenSettled();
    expect(sent(fake)).toHaveLength(3);
    page.restore();
    expect(document.body.innerHTML).toBe(before);
  });

  test("into Arabic, a post whose loose lines were too long for one request runs right to left from its start too", async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `<b>Satz ${i}</b> steht hier im Text.`).join(" ");
    const html = `<style>div { text-align: left }</style><div id="post">${lines}<blockquote>Ein Zitat</blockquote></div>`;
    const { page, fake } = setup(html, { targetLang: "ar", maxBatchChars: 600 });
    await page.translate();
    expect(sent(fake).length).toBeGreaterThan(2);
    expect(markOf(post())).toEqual(["ar", "rtl", "start"]);
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("into English, the post says it is English", async () => {
    const html = `<div id="post">Erste Zeile<p>Ein Absatz</p>Letzte Zeile</div>`;
    const { page } = setup(html);
    await page.translate();
    expect(post().outerHTML).toBe(`<div id="post" lang="en">ERSTE ZEILE<p lang="en">EIN ABSATZ</p>LETZTE ZEILE</div>`);
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("a post that still holds the page's own text (a code block) gets no mark: its dir would turn the code", async () => {
    const html = `<div id="post">Siehe hier:<pre><code>let x = "Wert";</code></pre>Danke!</div>`;
    const { page } = setup(html, { targetLang: "ar" });
    await page.translate();
    expect(post().textContent).toBe(`${RLI}SIEHE HIER:${PDI}let x = "Wert";${RLI}DANKE!${PDI}`);
    expect(markOf(post())).toEqual([null, null, ""]);
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("a quote the page changes takes the post's mark off until its new text is translated", async () => {
    const change = (root: Element): void =>
      void (root.querySelector("blockquote")?.firstChild as Text).appendData(" mehr");
    const { page, fake } = setup(POST, { targetLang: "ar" });
    await page.translate();
    expect(markOf(post())).toEqual(["ar", "rtl", "start"]);
    const marks: string[] = [];
    const seen = new MutationObserver(() => marks.push(String(post().getAttribute("dir"))));
    seen.observe(post(), { attributes: true, attributeFilter: ["dir"] });
    change(document.body);
    await page.whenSettled();
    seen.disconnect();
    expect(sent(fake)).toContain("Ein Zitat mehr");
    // Off while the quote was the page's German again, back once it was Arabic.
    expect(marks).toEqual(["null", "rtl"]);
    page.restore();
    expect(document.body.innerHTML).toBe(control(POST, change));
  });

  test("a nested list's item translated into Arabic runs right to left with its bullet inside, as its sub-items do", async () => {
    const html =
      `<style>li { display: list-item }</style>` +
      `<ul><li id="item">Erster Punkt<ul><li>Unterpunkt</li></ul></li><li>Zweiter Punkt</li></ul>`;
    const { page } = setup(html, { targetLang: "ar" });
    await page.translate();
    const item = document.getElementById("item") as HTMLElement;
    expect([item.lang, item.dir, item.style.getPropertyValue("list-style-position")]).toEqual(["ar", "rtl", "inside"]);
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("switching to the bilingual view takes the post's mark off, and back in place it has it again", async () => {
    const { page } = setup(POST, { targetLang: "ar" });
    const before = document.body.innerHTML;
    await page.translate();
    page.setDisplayMode("bilingual");
    expect(markOf(post())).toEqual([null, null, ""]);
    page.setDisplayMode("replace");
    expect(markOf(post())).toEqual(["ar", "rtl", "start"]);
    page.restore();
    expect(document.body.innerHTML).toBe(before);
  });
});

describe("a paragraph too long for one request, cut into runs", () => {
  const MAX = 600;
  const html =
    `<style>p { text-align: left }</style>` +
    `<p id="long">${Array.from({ length: 30 }, (_, i) => `<b>Satz ${i}</b> steht hier im Text.`).join(" ")}</p>`;
  const paragraph = (): HTMLElement => document.getElementById("long") as HTMLElement;

  test("into Arabic, it runs right to left from its start once every run is translated, as one sent whole does", async () => {
    const { page, fake } = setup(html, { targetLang: "ar", maxBatchChars: MAX, maxConcurrent: 1 });
    await page.translate();
    expect(sent(fake).length).toBeGreaterThan(1);
    expect(paragraph().textContent).toContain("SATZ 29");
    expect(markOf(paragraph())).toEqual(["ar", "rtl", "start"]);
    // Its runs share its lines: no isolate of their own.
    expect(paragraph().textContent).not.toMatch(/[\u2066\u2067\u2069]/);
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("with a run left original (the model failed it), the paragraph gets no mark", async () => {
    const { page } = setup(
      html,
      { targetLang: "ar", maxBatchChars: MAX, maxConcurrent: 1 },
      { fail: (s) => (s.html.includes("Satz 29") ? { kind: "timeout", message: "Too slow." } : undefined) },
    );
    await page.translate();
    expect(paragraph().textContent).toContain("SATZ 0");
    expect(paragraph().textContent).toContain("Satz 29");
    expect(markOf(paragraph())).toEqual([null, null, ""]);
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });
});

describe("the bilingual view into Arabic of a left-to-right page", () => {
  const copies = (root: Element): HTMLElement[] =>
    Array.from(root.querySelectorAll<HTMLElement>(':scope > span[translate="no"]'));
  const look = (copy: HTMLElement): [string | null, string | null, string, string] => [
    copy.getAttribute("lang"),
    copy.getAttribute("dir"),
    copy.style.getPropertyValue("display"),
    copy.style.getPropertyValue("text-align"),
  ];

  test("a post's loose lines get copies that are blocks of their own, starting at the right; restore takes them away exactly", async () => {
    const { page } = setup(POST, { targetLang: "ar", displayMode: "bilingual" });
    const before = document.body.innerHTML;
    await page.translate();
    const lines = copies(post());
    expect(lines.map((c) => c.textContent)).toEqual(["ICH HABE 3 FRAGEN.ERSTE FRAGE?", "DANKE!"]);
    // A line in the post's own flow would start at its left side, whatever its dir.
    for (const c of lines) expect(look(c)).toEqual(["ar", "rtl", "block", "start"]);
    expect(post().querySelectorAll(":scope > br")).toHaveLength(1);
    page.restore();
    expect(document.body.innerHTML).toBe(before);
  });

  test("a post's loose lines too long for one request get their translation under those lines, in order: not after the quote and the lines below it", async () => {
    const lines = Array.from({ length: 30 }, (_, i) => `<b>Satz ${i}</b> steht hier im Text.`).join(" ");
    const html = `<div id="post">${lines}<blockquote>Ein Zitat</blockquote>Danke!</div>`;
    const { page, fake } = setup(html, { targetLang: "ar", displayMode: "bilingual", maxBatchChars: 600 });
    await page.translate();
    expect(sent(fake).length).toBeGreaterThan(2);
    const copiesBefore = (el: Element | null): string[] => {
      const out: string[] = [];
      for (let n = el?.previousSibling; n && n.nodeName !== "#text"; n = n.previousSibling)
        if (n.nodeName === "SPAN") out.unshift((n.textContent ?? "").slice(0, 7));
      return out;
    };
    // The copies of the cut lines stand between the lines and the quote, first run first.
    const quote = post().querySelector("blockquote");
    expect(copiesBefore(quote)).toEqual(["SATZ 0 ", expect.stringMatching(/^SATZ \d/)]);
    expect(copies(post()).at(-1)?.textContent).toBe("DANKE!");
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("a paragraph cut into runs reads whole, its translation under it in order, as one sent whole", async () => {
    const html =
      `<style>p { text-align: left }</style>` +
      `<p id="long">${Array.from({ length: 30 }, (_, i) => `<b>Satz ${i}</b> steht hier im Text.`).join(" ")}</p>`;
    const { page, fake } = setup(html, {
      targetLang: "ar",
      displayMode: "bilingual",
      maxBatchChars: 600,
      maxConcurrent: 1,
    });
    const paragraph = document.getElementById("long") as HTMLElement;
    const original = Array.from(paragraph.childNodes);
    await page.translate();
    expect(sent(fake).length).toBeGreaterThan(1);
    const parts = copies(paragraph);
    expect(parts.length).toBeGreaterThan(1);
    // The page's own nodes first, untouched and together; then the copies.
    expect(Array.from(paragraph.childNodes).slice(0, original.length)).toEqual(original);
    expect(parts.map((c) => c.textContent).join("")).toBe(
      Array.from({ length: 30 }, (_, i) => `SATZ ${i} STEHT HIER IM TEXT.`).join(" "),
    );
    for (const c of parts) expect(look(c)).toEqual(["ar", "rtl", "block", "start"]);
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });
});

test("a long thread with loose lines is marked as a whole without a walk of the thread per post written (nodes looked at stay in proportion to the page)", async () => {
  let html = `<div id="thread">Willkommen im Forum`;
  for (let i = 0; i < 80; i++) html += `<div class="post">Beitrag ${i}<br>Zeile ${i}<p>Absatz ${i}</p></div>`;
  html += `</div>`;
  const { page } = setup(html, { targetLang: "ar" });
  const thread = document.getElementById("thread") as HTMLElement;
  const walker = document.createTreeWalker(thread);
  let nodes = 0;
  while (walker.nextNode()) nodes++;
  // Every node the marks look at is asked for its unit.
  const looks = jest.spyOn(UnitRegistry.prototype, "claimOf");
  try {
    await page.translate();
    expect(markOf(thread)).toEqual(["ar", "rtl", ""]);
    expect(document.querySelectorAll(".post[lang=ar]")).toHaveLength(80);
    expect(looks.mock.calls.length).toBeLessThan(nodes * 4);
  } finally {
    looks.mockRestore();
  }
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});
