// Issue 13, bilingual view: the original stays untouched and its translation follows it (a block below a block
// unit, a line break and the translation after inline content), built from clones of the page's own nodes; switching
// modes costs no request; restore gives back the exact original; copies are never collected again.

import { FIXTURES, allNodes, loadFixture, pageHtml } from "../helpers/core-fixtures";
import { sent, setup, WHOLE_PAGE_TIMEOUT_MS } from "../helpers/core-page";
import { bodyWithoutCopies } from "../e2e/bilingual-copies";

const COPY = 'span[translate="no"][lang="en"]';

/** The page as it would be without Gloss's copies (see bodyWithoutCopies: the same check the browser tests make). */
const withoutCopies = (): string => bodyWithoutCopies(COPY);

test("a paragraph keeps its original and gets its translation as a quiet block below; links are clones", async () => {
  const { page } = setup(`<p id="p">Lies <a href="/artikel" id="link">den Artikel</a> heute.</p>`, {
    displayMode: "bilingual",
  });
  const link = document.getElementById("link") as HTMLAnchorElement;
  await page.translate();
  const p = document.getElementById("p") as Element;
  expect(p.firstChild?.textContent).toBe("Lies ");
  expect(p.querySelector("a")).toBe(link);
  expect(link.textContent).toBe("den Artikel");
  const copy = p.querySelector(COPY) as HTMLElement;
  expect(copy.style.display).toBe("block");
  expect(copy.style.getPropertyValue("border-inline-start")).toContain("2px solid");
  expect(copy.innerHTML).toBe('LIES <a href="/artikel">DEN ARTIKEL</a> HEUTE.');
  // A plain click on the copy's link is a click on the page's own link.
  let clicked = 0;
  link.addEventListener("click", (e) => {
    clicked++;
    e.preventDefault();
  });
  (copy.querySelector("a") as HTMLAnchorElement).click();
  expect(clicked).toBe(1);
});

test("inline content beside blocks gets a line break and its translation", async () => {
  const { page } = setup(`<div id="d">Ein <b>Titel</b> hier<p>Absatz</p></div>`, { displayMode: "bilingual" });
  await page.translate();
  const d = document.getElementById("d") as Element;
  expect(Array.from(d.childNodes, (n) => n.nodeName)).toEqual(["#text", "B", "#text", "BR", "SPAN", "P"]);
  const inline = d.querySelector(`:scope > ${COPY}`) as HTMLElement;
  expect(inline.innerHTML).toBe("EIN <b>TITEL</b> HIER");
  // Inline, as a page's rule for spans (display: none, block) would make it otherwise (see bilingual-styles.test.ts).
  expect(inline.style.display).toBe("inline");
  expect(d.querySelector(`p > ${COPY}`)?.textContent).toBe("ABSATZ");
  expect(withoutCopies()).toBe(`<div id="d">Ein <b>Titel</b> hier<p>Absatz</p></div>`);
});

describe.each(FIXTURES)("%s", (name) => {
  beforeEach(() => loadFixture(name));

  test(
    "originals untouched, a copy per unit, modes switch without a request, restore is exact",
    async () => {
      const before = pageHtml();
      const bodyBefore = document.body.innerHTML;
      const nodes = allNodes();
      const { page, fake } = setup(null, { displayMode: "bilingual" });
      const summary = await page.translate();
      expect(summary.translated).toBeGreaterThan(10);
      expect(summary.failed).toBe(0);
      const requests = sent(fake).length;
      const copies = document.querySelectorAll(COPY).length;
      expect(copies).toBeGreaterThan(5);
      expect(withoutCopies()).toBe(bodyBefore);

      page.setDisplayMode("replace");
      expect(document.querySelectorAll(COPY).length).toBe(0);
      expect(pageHtml()).not.toBe(before);
      page.setDisplayMode("bilingual");
      expect(document.querySelectorAll(COPY).length).toBe(copies);
      expect(withoutCopies()).toBe(bodyBefore);
      await page.whenSettled();
      expect(sent(fake).length).toBe(requests);

      page.restore();
      expect(pageHtml()).toBe(before);
      allNodes().forEach((n, i) => expect(n).toBe(nodes[i]));
      // A whole Reddit thread through jsdom, translated, redrawn twice and restored: ~4 s alone on 2 cores, over 20 s
      // in a whole-suite run at a load average of 15.
    },
    WHOLE_PAGE_TIMEOUT_MS,
  );
});

test("copies are never sent again: new content, re-inserted copies and page re-renders", async () => {
  const { page, fake } = setup(
    `<div id="t"><div class="md"><p>Erster Kommentar mit <a href="/x">Link</a></p></div></div>`,
    {
      displayMode: "bilingual",
    },
  );
  await page.translate();
  const requests = sent(fake).length;
  // Infinite scroll: a new comment arrives.
  const table = document.getElementById("t") as Element;
  const more = document.createElement("div");
  more.innerHTML = `<div class="md"><p>Ein ganz neuer Kommentar</p></div>`;
  table.appendChild(more);
  await page.whenSettled();
  expect(sent(fake).slice(requests)).toEqual(["Ein ganz neuer Kommentar"]);
  expect(more.querySelector(COPY)?.textContent).toBe("EIN GANZ NEUER KOMMENTAR");
  // The page copies a translated block, copy included (a re-render from its own DOM).
  const para = more.querySelector("p") as Element;
  more.appendChild(para.cloneNode(true));
  await page.whenSettled();
  for (const html of sent(fake)) expect(html).not.toBe(html.toUpperCase());
});

test("a translated comment the page moves (a thread re-sorted) keeps its copy, with no request", async () => {
  const { page, fake } = setup(
    `<div id="t"><div id="a" class="md"><p>Erster Kommentar</p></div><div id="b" class="md"><p>Zweiter Kommentar</p></div></div>`,
    { displayMode: "bilingual" },
  );
  await page.translate();
  const requests = sent(fake).length;
  const moved = document.getElementById("a") as Element;
  moved.parentElement!.append(moved);
  await page.whenSettled();
  expect(Array.from(moved.querySelectorAll(COPY), (copy) => copy.textContent)).toEqual(["ERSTER KOMMENTAR"]);
  expect(sent(fake)).toHaveLength(requests);
  page.restore();
  expect(document.querySelectorAll(COPY)).toHaveLength(0);
});

test("a page that re-renders from its own HTML, copies included, gets no copies nested in copies", async () => {
  // E.g. a script that rewrites a block with `el.innerHTML = el.innerHTML.replace(...)` on every change.
  const { page, fake } = setup(`<div id="app"><p>Hallo <b>Welt</b></p></div>`, { displayMode: "bilingual" });
  await page.translate();
  const app = document.getElementById("app") as Element;
  for (let i = 0; i < 3; i++) {
    const html = app.innerHTML;
    app.innerHTML = html;
    await page.whenSettled();
  }
  // The page's copies of copies are its own now; Gloss's newest copy holds the translation and nothing else.
  const copies = Array.from(app.querySelectorAll(COPY));
  expect(copies.map((c) => c.innerHTML)).toEqual(Array(copies.length).fill("HALLO <b>WELT</b>"));
  expect(sent(fake)).toEqual(["Hallo <b1>Welt</b1>"]);
});

test.each([
  ["a paragraph", `<p>Hallo <b>Welt</b></p>`],
  ["a line beside blocks", `Hallo <b>Welt</b><p>Zweiter Absatz</p>`],
  ["a translated paragraph itself", `<p>Hallo <b>Welt</b></p>`, "p"],
])(
  "a page that re-renders %s from its own HTML shows each translation once, as before the re-render",
  async (_, source, rendered = "#app") => {
    // The page's copy of Gloss's copy is taken out as it is found: Gloss's new copy would show the same words again.
    const { page } = setup(`<div id="app">${source}</div>`, { displayMode: "bilingual" });
    await page.translate();
    const app = document.getElementById("app") as Element;
    const shown = app.innerHTML;
    for (let i = 0; i < 3; i++) {
      const el = document.querySelector(rendered) as Element;
      const html = el.innerHTML;
      el.innerHTML = html;
      await page.whenSettled();
      expect(app.innerHTML).toBe(shown);
    }
    page.restore();
    expect(app.innerHTML).toBe(source);
  },
);

test("Show original after the page re-rendered from its own HTML takes out the page's copies of Gloss's copies too", async () => {
  // The same script: what it copied of Gloss's copies is Gloss's words, and the reader asked for none of them.
  const { page } = setup(`<div id="app"><p>Hallo <b>Welt</b></p><p>Zweiter Absatz</p></div>`, {
    displayMode: "bilingual",
  });
  await page.translate();
  const app = document.getElementById("app") as Element;
  const html = app.innerHTML;
  app.innerHTML = html;
  // Gloss's own copies only: the page's are taken out as they come (the test above).
  await page.whenSettled();
  expect(app.querySelectorAll(COPY).length).toBe(2);
  const rendered = withoutCopies();
  page.restore();
  expect(app.querySelectorAll(COPY).length).toBe(0);
  expect(document.body.innerHTML).toBe(rendered);
  // Show original right after such a re-render, before Gloss has seen it.
  await page.translate();
  app.innerHTML = `${app.innerHTML}`;
  page.restore();
  expect(app.querySelectorAll(COPY).length).toBe(0);
  expect(document.body.innerHTML).toBe(rendered);
});

test("a page re-render of a translated unit takes the copy away with it", async () => {
  const { page } = setup(`<div id="d"><p id="p">Alter Text</p></div>`, { displayMode: "bilingual" });
  await page.translate();
  const p = document.getElementById("p") as Element;
  expect(p.querySelector(COPY)?.textContent).toBe("ALTER TEXT");
  p.appendChild(document.createElement("em")).textContent = " und neu";
  await page.whenSettled();
  expect(p.querySelectorAll(COPY).length).toBe(1);
  expect(p.querySelector(COPY)?.textContent).toBe("ALTER TEXT UND NEU");
  page.restore();
  expect(p.innerHTML).toBe("Alter Text<em> und neu</em>");
});

test("switching to bilingual while translating: later units follow the new mode", async () => {
  const { page, fake } = setup(`<p id="a">Erster</p><p id="b">Zweiter</p>`, { maxBatchSegments: 1 }, { hold: true });
  const done = page.translate();
  await fake.nextBatch();
  fake.release();
  await fake.nextBatch();
  page.setDisplayMode("bilingual");
  fake.releaseAll();
  await done;
  for (const id of ["a", "b"]) {
    const p = document.getElementById(id) as Element;
    expect(p.firstChild?.nodeType).toBe(3);
    expect(p.querySelectorAll(COPY).length).toBe(1);
  }
  expect(page.displayMode).toBe("bilingual");
});

test("a copy adds no second stop to the Tab order for what the page made focusable; its links stay reachable", async () => {
  const html = `<p id="p">Lies <span role="button" tabindex="0">mehr davon</span> oder <a href="/x">den Artikel</a>.</p>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  await page.translate();
  const copy = document.querySelector(COPY) as HTMLElement;
  expect(copy.textContent).toContain("MEHR DAVON");
  // The page's own control is the one to use (its listeners are not copied): the copy's is out of the Tab order.
  expect(copy.querySelector("[role=button]")?.getAttribute("tabindex")).toBe("-1");
  expect(copy.querySelector("a")?.hasAttribute("tabindex")).toBe(false);
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

test("a control in a copy works as the page's own: a click on it (a screen reader's Enter too) clicks the page's", async () => {
  const html = `<p id="p">Lies <span role="button" tabindex="0">mehr davon</span> oder <span role="button">alles</span>.</p>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  await page.translate();
  const [more, all] = Array.from(document.querySelectorAll("#p > [role=button]"));
  const clicks: string[] = [];
  for (const control of [more, all]) control?.addEventListener("click", () => clicks.push(control.textContent ?? ""));
  const copy = document.querySelector(COPY) as HTMLElement;
  for (const control of Array.from(copy.querySelectorAll<HTMLElement>("[role=button]"))) control.click();
  expect(clicks).toEqual(["mehr davon", "alles"]);
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

test("a link the page named in its own language is named by its translated text in the copy", async () => {
  const html =
    `<p id="p" lang="de"><span id="l">Weiter</span> mit <a href="/a" aria-label="Den ganzen Artikel lesen">dem Artikel</a>, ` +
    `<a href="/b" aria-labelledby="l">dem Rest</a> oder <a href="/c" aria-label="Teilen"><svg></svg></a> <img alt="Ein Hund" src="x.png"> hier</p>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  await page.translate();
  const copy = document.querySelector(COPY) as HTMLElement;
  // A screen reader reads a link's aria-label instead of its text: the German words, never the translation.
  const links = Array.from(copy.querySelectorAll("a"), (a) => [
    a.textContent,
    a.getAttribute("aria-label"),
    a.getAttribute("aria-labelledby"),
  ]);
  expect(links).toEqual([
    ["DEM ARTIKEL", null, null],
    ["DEM REST", null, null],
    // An icon has no text to be named by: its name stays.
    ["", "Teilen", null],
  ]);
  // And is said in the page's language, not the copy's.
  expect(copy.querySelector("a[aria-label]")?.getAttribute("lang")).toBe("de");
  expect(copy.querySelector("img")?.getAttribute("lang")).toBe("de");
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

/** What a screen reader gets from `attr` (aria-labelledby, aria-describedby): the text of each element it names. */
function referredText(el: Element, attr: string): string {
  const ids = (el.getAttribute(attr) ?? "").split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? "").join(" ");
}

test("a name or description the page builds from translated text is read from its translation, not both languages", async () => {
  const html =
    `<h2 id="title">Suche im Archiv</h2><form aria-labelledby="title"><input id="q" aria-labelledby="title  q-hint">` +
    `<p>Bitte <span id="q-hint">das Stichwort eingeben</span> und bestätigen.</p>` +
    `<input id="pw" aria-describedby="missing q-hint"></form>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  const before = document.body.innerHTML;
  await page.translate();
  const [form, q, pw] = [document.querySelector("form"), document.getElementById("q"), document.getElementById("pw")];
  // The heading's copy lies inside it: its own text would say "Suche im Archiv SUCHE IM ARCHIV".
  expect(referredText(form as Element, "aria-labelledby")).toBe("SUCHE IM ARCHIV");
  expect(referredText(q as Element, "aria-labelledby")).toBe("SUCHE IM ARCHIV DAS STICHWORT EINGEBEN");
  expect(referredText(pw as Element, "aria-describedby")).toBe(" DAS STICHWORT EINGEBEN");
  // The page's ids still name the page's own elements.
  expect(document.getElementById("title")?.firstChild?.textContent).toBe("Suche im Archiv");
  expect(document.getElementById("q-hint")?.textContent).toBe("das Stichwort eingeben");
  // Replacing the original: the page's own references again, now to translated text.
  page.setDisplayMode("replace");
  expect(q?.getAttribute("aria-labelledby")).toBe("title  q-hint");
  expect(referredText(q as Element, "aria-labelledby")).toBe("SUCHE IM ARCHIV DAS STICHWORT EINGEBEN");
  page.setDisplayMode("bilingual");
  expect(referredText(form as Element, "aria-labelledby")).toBe("SUCHE IM ARCHIV");
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("a name built from an element holding several translations reads each once, in order, once all are in", async () => {
  // A hint of loose lines beside a paragraph (three units, three copies in it), and a section of two paragraphs.
  const html =
    `<div id="hint">Bitte das Stichwort eingeben.<p>Dann die Suche bestätigen.</p>Am Ende kurz warten.</div>` +
    `<section id="faq"><p>Erste Frage hier</p><p>Zweite Frage dort</p></section>` +
    `<input id="q" aria-describedby="hint"><nav aria-labelledby="faq  q"><a href="/">Start</a></nav>`;
  const { page, fake } = setup(
    html,
    { displayMode: "bilingual", maxConcurrent: 1, maxBatchSegments: 1 },
    { hold: true },
  );
  const before = document.body.innerHTML;
  const [q, nav] = [document.getElementById("q"), document.querySelector("nav")] as Element[];
  const run = page.translate();
  await fake.nextBatch();
  fake.release();
  await fake.nextBatch();
  // Part of it translated: its own text is read (nothing lost), not a name cut short.
  expect(q?.getAttribute("aria-describedby")).toBe("hint");
  fake.unhold();
  await run;
  expect(referredText(q as Element, "aria-describedby").replace(/\s+/g, " ")).toBe(
    "BITTE DAS STICHWORT EINGEBEN. DANN DIE SUCHE BESTÄTIGEN. AM ENDE KURZ WARTEN.",
  );
  expect(referredText(nav as Element, "aria-labelledby")).toBe("ERSTE FRAGE HIER ZWEITE FRAGE DORT ");
  // The browser tests' comparison with the original forgives that, and nothing else.
  expect(withoutCopies()).toBe(before);
  // The page's ids still name its own elements; replacing the original gives the page's references back.
  expect(document.getElementById("hint")?.firstChild?.textContent).toBe("Bitte das Stichwort eingeben.");
  page.setDisplayMode("replace");
  expect(q?.getAttribute("aria-describedby")).toBe("hint");
  expect(nav?.getAttribute("aria-labelledby")).toBe("faq  q");
  page.setDisplayMode("bilingual");
  expect(referredText(nav as Element, "aria-labelledby")).toBe("ERSTE FRAGE HIER ZWEITE FRAGE DORT ");
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("an element holding several translations inside another, both named in one attribute: each comes back in its place", async () => {
  // A FAQ section and the list of answers in it, both naming one region: both read from the same two copies.
  const html =
    `<section id="faq"><div id="answers"><p>Erste Antwort hier</p><p>Zweite Antwort dort</p></div></section>` +
    `<nav aria-labelledby="faq  answers"><a href="/">Start</a></nav><span id="err">Fehler</span>` +
    `<input aria-describedby="answers">`;
  const { page } = setup(html, { displayMode: "bilingual", maxConcurrent: 1, maxBatchSegments: 1 });
  const before = document.body.innerHTML;
  const [nav, input] = [document.querySelector("nav"), document.querySelector("input")] as [Element, Element];
  await page.translate();
  expect(referredText(nav, "aria-labelledby")).toBe(
    "ERSTE ANTWORT HIER ZWEITE ANTWORT DORT ERSTE ANTWORT HIER ZWEITE ANTWORT DORT",
  );
  page.setDisplayMode("replace");
  expect(nav.getAttribute("aria-labelledby")).toBe("faq  answers");
  page.setDisplayMode("bilingual");
  expect(referredText(input, "aria-describedby")).toBe("ERSTE ANTWORT HIER ZWEITE ANTWORT DORT");
  // The page puts an error message ahead of the description meanwhile: kept, and the rest still comes back.
  input.setAttribute("aria-describedby", `err ${input.getAttribute("aria-describedby") ?? ""}`);
  page.restore();
  expect(nav.getAttribute("aria-labelledby")).toBe("faq  answers");
  expect(input.getAttribute("aria-describedby")).toBe("err answers");
  input.setAttribute("aria-describedby", "answers");
  expect(document.body.innerHTML).toBe(before);
});

test("a name built from a paragraph cut into parts for its length reads the whole translation once", async () => {
  const sentences = Array.from({ length: 40 }, (_, i) => `<b>Das ist der Satz Nummer ${i} im Text.</b>`).join(" ");
  const html = `<p id="long">${sentences}</p><input aria-describedby="long">`;
  const { page, fake } = setup(html, { displayMode: "bilingual", maxBatchChars: 600 });
  const before = document.body.innerHTML;
  await page.translate();
  expect(fake.batches.length).toBeGreaterThan(1);
  const read = referredText(document.querySelector("input") as Element, "aria-describedby").replace(/\s+/g, " ");
  expect(read.trim()).toBe(Array.from({ length: 40 }, (_, i) => `DAS IST DER SATZ NUMMER ${i} IM TEXT.`).join(" "));
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("a page where every paragraph has an id: names are pointed at copies without searching the page once per paragraph", async () => {
  // A spec or docs page: 400 paragraphs with ids, a few of them naming regions. Looking through the whole page for
  // what refers to each copy's ids made the bilingual view's cost grow with the square of the page.
  const paragraphs = Array.from({ length: 400 }, (_, i) => `<p id="s${i}">Absatz Nummer ${i} hier</p>`).join("");
  const html = `<section aria-labelledby="s3">${paragraphs}</section><nav aria-describedby="s10 s399">Inhalt</nav>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  const before = document.body.innerHTML;
  let visited = 0;
  const originalQuery = Document.prototype.querySelectorAll;
  Document.prototype.querySelectorAll = function (this: Document, selectors: string) {
    visited += this.getElementsByTagName("*").length;
    return originalQuery.call(this, selectors);
  } as typeof originalQuery;
  try {
    await page.translate();
  } finally {
    Document.prototype.querySelectorAll = originalQuery;
  }
  const elements = document.getElementsByTagName("*").length;
  expect(visited).toBeLessThan(4 * elements);
  const [section, nav] = [document.querySelector("section"), document.querySelector("nav")] as Element[];
  expect(referredText(section as Element, "aria-labelledby")).toBe("ABSATZ NUMMER 3 HIER");
  expect(referredText(nav as Element, "aria-describedby")).toBe("ABSATZ NUMMER 10 HIER ABSATZ NUMMER 399 HIER");
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("a long thread named as a whole: its text is not walked again for every paragraph translated into it", async () => {
  // A comment thread of 300 paragraphs that a region names: each copy placed asked whether the whole thread was
  // translated yet by walking all of it, which made the bilingual view's cost grow with the square of the thread.
  const paragraphs = Array.from({ length: 300 }, (_, i) => `<p>Das ist der Absatz Nummer ${i} im Faden.</p>`).join("");
  const html = `<div id="thread">${paragraphs}</div><section aria-describedby="thread">Antworten</section>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  const before = document.body.innerHTML;
  let steps = 0;
  const createTreeWalker = Document.prototype.createTreeWalker;
  Document.prototype.createTreeWalker = function (this: Document, ...args: Parameters<typeof createTreeWalker>) {
    const walker = createTreeWalker.apply(this, args);
    for (const step of ["nextNode", "previousNode"] as const) {
      const move = walker[step].bind(walker);
      walker[step] = () => (steps++, move());
    }
    return walker;
  };
  try {
    await page.translate();
  } finally {
    Document.prototype.createTreeWalker = createTreeWalker;
  }
  expect(steps).toBeLessThan(4 * document.getElementsByTagName("*").length);
  const section = document.querySelector("section") as Element;
  expect(referredText(section, "aria-describedby").replace(/\s+/g, " ").trim()).toBe(
    Array.from({ length: 300 }, (_, i) => `DAS IST DER ABSATZ NUMMER ${i} IM FADEN.`).join(" "),
  );
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("a name the page sets after the view is bilingual is read from the copy of a paragraph translated later", async () => {
  const html = `<p id="a">Erster Absatz</p><p id="b">Zweiter Absatz</p><p id="c">Dritter Absatz</p><div id="r">Inhalt</div>`;
  const { page, fake } = setup(html, { displayMode: "bilingual" }, { hold: true });
  const run = page.translate();
  await fake.nextBatch();
  const r = document.getElementById("r") as Element;
  // The page names the later paragraphs, and changes its mind about one of them, before their translations come.
  r.setAttribute("aria-labelledby", "b");
  r.setAttribute("aria-describedby", "c");
  const label = document.createElement("h2");
  label.setAttribute("aria-labelledby", "c");
  document.body.append(label);
  fake.unhold();
  await run;
  expect(referredText(r, "aria-labelledby")).toBe("ZWEITER ABSATZ");
  expect(referredText(r, "aria-describedby")).toBe("DRITTER ABSATZ");
  expect(referredText(label, "aria-labelledby")).toBe("DRITTER ABSATZ");
  page.setDisplayMode("replace");
  expect(r.getAttribute("aria-labelledby")).toBe("b");
  expect(label.getAttribute("aria-labelledby")).toBe("c");
});

// A copy of the page's form control would be sent with the page's form (a second value under the same name), and
// would turn the page's `form.elements.token` into a list.
test("a copy holds no second form control: the form sends each field once and finds its controls as before", async () => {
  const { page } = setup(
    `<form id="f"><p>Menge <input type="hidden" name="token" value="abc"> und <kbd>Strg <input name="key" value="C"></kbd> bestellen</p></form>`,
    { displayMode: "bilingual" },
  );
  const form = document.getElementById("f") as HTMLFormElement;
  const before = form.innerHTML;
  const token = form.querySelector("input") as HTMLInputElement;
  await page.translate();
  expect(form.querySelector(COPY)?.textContent).toBe("MENGE  UND Strg  BESTELLEN");
  expect([...new FormData(form).entries()]).toEqual([
    ["token", "abc"],
    ["key", "C"],
  ]);
  expect(form.elements.namedItem("token")).toBe(token);
  page.restore();
  expect(form.innerHTML).toBe(before);
});

describe("a copy in a grid or flex layout goes under its original, not beside it as an item of its own", () => {
  const shapes = async (html: string): Promise<Element> => {
    const { page } = setup(html, { displayMode: "bilingual" });
    await page.translate();
    return document.getElementById("box") as Element;
  };

  test("a grid's run: a block spanning every column (no line break taking a cell of its own)", async () => {
    const box = await shapes(
      `<div id="box" style="display:grid;grid-template-columns:1fr 1fr 1fr">Preis heute<p>Absatz</p></div>`,
    );
    expect(Array.from(box.childNodes, (n) => n.nodeName)).toEqual(["#text", "SPAN", "P"]);
    const copy = box.querySelector(`:scope > ${COPY}`) as HTMLElement;
    expect(copy.textContent).toBe("PREIS HEUTE");
    expect(copy.style.display).toBe("block");
    expect(copy.style.getPropertyValue("grid-column")).toBe("1 / -1");
  });

  test("a grid element whose content is the unit: its copy spans every column", async () => {
    const box = await shapes(`<h3 id="box" style="display:inline-grid;grid-template-columns:1fr 1fr">Die Karte</h3>`);
    const copy = box.querySelector(COPY) as HTMLElement;
    expect(copy.style.getPropertyValue("grid-column")).toBe("1 / -1");
  });

  test("a wrapping flex row: the copy takes a line of its own", async () => {
    const box = await shapes(`<h2 id="box" style="display:flex;flex-wrap:wrap;gap:1em">Die Überschrift</h2>`);
    const copy = box.querySelector(COPY) as HTMLElement;
    expect(copy.style.display).toBe("block");
    expect(copy.style.getPropertyValue("flex-basis")).toBe("100%");
  });

  test("a flex column's run: a block under it, with no line break becoming an item (and a gap) of its own", async () => {
    const box = await shapes(`<div id="box" style="display:flex;flex-direction:column">Heute offen<p>Absatz</p></div>`);
    expect(Array.from(box.childNodes, (n) => n.nodeName)).toEqual(["#text", "SPAN", "P"]);
    expect((box.querySelector(`:scope > ${COPY}`) as HTMLElement).style.display).toBe("block");
  });

  test("the layout of a display:contents element's parent counts", async () => {
    const box = await shapes(
      `<section style="display:grid;grid-template-columns:1fr 1fr"><div id="box" style="display:contents">Preis heute<p>Absatz</p></div></section>`,
    );
    const copy = box.querySelector(`:scope > ${COPY}`) as HTMLElement;
    expect(copy.textContent).toBe("PREIS HEUTE");
    expect(copy.style.getPropertyValue("grid-column")).toBe("1 / -1");
  });

  test("an item of a grid or flex row keeps its copy inside it: no new cell, the page's items stay as they were", async () => {
    await shapes(
      `<dl id="box" style="display:grid;grid-template-columns:auto 1fr"><dt>Ort</dt><dd>Berlin Mitte</dd></dl>` +
        `<div id="row" style="display:flex"><img src="x.png" alt=""><h3>Die Karte</h3></div>`,
    );
    expect(Array.from(document.querySelectorAll("#box > *, #row > *"), (e) => e.tagName)).toEqual([
      "DT",
      "DD",
      "IMG",
      "H3",
    ]);
    expect(document.querySelector(`dd > ${COPY}`)?.textContent).toBe("BERLIN MITTE");
    expect(document.querySelector(`h3 > ${COPY}`)?.textContent).toBe("DIE KARTE");
  });
});

test("in vertical writing (Japanese) the gap before a paragraph's copy is between the columns, not above the copy", async () => {
  const { page } = setup(`<div id="v" style="writing-mode:vertical-rl">日本語の文章です。</div>`, {
    displayMode: "bilingual",
  });
  await page.translate();
  const copy = document.querySelector(`#v > ${COPY}`) as HTMLElement;
  expect(copy.style.getPropertyValue("margin-block-start")).toBe("0.25em");
  expect(copy.style.getPropertyValue("margin-top")).toBe("0px");
});

test("a copy gives no second element under the page's names: its form's output and its named anchors are found once", async () => {
  const html = `<form id="f"><p>Summe <output name="total">42</output> Euro, <a name="oben" href="/x">nach oben</a> gehen</p></form>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  const form = document.getElementById("f") as HTMLFormElement;
  const total = form.elements.namedItem("total");
  await page.translate();
  expect(form.querySelector(COPY)?.textContent).toBe("SUMME 42 EURO, NACH OBEN GEHEN");
  expect(document.getElementsByName("oben")).toHaveLength(1);
  // The page's script still finds its output (not a list of two) and writes its sum there.
  expect(form.elements.namedItem("total")).toBe(total);
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

const HEADINGS = "h1, h2, h3, h4, h5, h6";

test("a copy adds no heading to the page's outline: a screen reader lists each of the page's headings once", async () => {
  const html =
    `<div id="a"><span role="heading" aria-level="3">Titel hier</span> und mehr Text dazu<p>Absatz</p></div>` +
    `<div id="b"><h3 style="display:inline">Die Karte</h3> von heute<p>Absatz</p></div>`;
  const headings = (): Element[] =>
    Array.from(document.querySelectorAll(`${HEADINGS}, [role=heading]`)).filter((el) =>
      [null, "heading"].includes(el.getAttribute("role")),
    );
  const { page } = setup(html, { displayMode: "bilingual" });
  const before = headings();
  await page.translate();
  expect(document.querySelector(`#a > ${COPY}`)?.textContent).toBe("TITEL HIER UND MEHR TEXT DAZU");
  expect(document.querySelector(`#b > ${COPY}`)?.textContent).toBe("DIE KARTE VON HEUTE");
  expect(headings()).toEqual(before);
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

test("a copy of a link with the page's shortcut key leaves the key to the page's link alone", async () => {
  // Wikipedia's sidebar: with two elements under one access key, Firefox only moves the focus between them.
  const html = `<nav><ul><li><a href="/wiki/Hauptseite" accesskey="z">Hauptseite</a></li></ul></nav>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  await page.translate();
  expect(document.querySelector(COPY)?.textContent).toBe("HAUPTSEITE");
  expect(Array.from(document.querySelectorAll("[accesskey=z]"), (a) => a.textContent)).toEqual(["Hauptseite"]);
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

/** A field's name as a screen reader builds it: what its aria-labelledby names, else the text of its labels. */
function fieldName(field: HTMLInputElement): string {
  if (field.hasAttribute("aria-labelledby")) return referredText(field, "aria-labelledby").trim();
  return Array.from(field.labels ?? [], (label) => label.textContent?.trim()).join(" ");
}

test("a field named by its label is named by the label's translation alone, not both languages in one breath", async () => {
  const html =
    `<form><label>Ihr voller Name <input id="n"></label>` +
    `<label for="e" style="display:block">Ihre E-Mail-Adresse</label><input id="e">` +
    `<p>Bitte <label for="s">das Suchwort</label> eingeben</p><input id="s">` +
    `<label for="k">Ihr Kommentar</label><textarea id="k" aria-label="Kommentar"></textarea></form>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  await page.translate();
  const field = (id: string) => document.getElementById(id) as HTMLInputElement;
  expect(document.querySelectorAll(COPY)).toHaveLength(4);
  expect(["n", "e", "s"].map((id) => fieldName(field(id)))).toEqual([
    "IHR VOLLER NAME",
    "IHRE E-MAIL-ADRESSE",
    "DAS SUCHWORT",
  ]);
  // The page's own name for a field stays its name.
  expect(field("k").getAttribute("aria-labelledby")).toBeNull();
  // The copy of a label labels nothing itself; a click on it is a click on the page's label.
  const copied = document.querySelector(`p > ${COPY} label`) as HTMLLabelElement;
  expect(copied.hasAttribute("for")).toBe(false);
  let clicked = 0;
  document.querySelector("p > label")?.addEventListener("click", () => clicked++);
  copied.click();
  expect(clicked).toBe(1);
  expect(withoutCopies()).toBe(html);
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

test("a button inside a sentence is part of its run: one copy follows the whole sentence, its button no Tab stop", async () => {
  // A button is an inline box (inline-block) in a line of text; a row of buttons (a toolbar) stays apart.
  const button = `<button style="display:inline-block" type="button">hier</button>`;
  const tools = `<button style="display:inline-block">Antworten</button> <button style="display:inline-block">Teilen</button>`;
  const html = `<p id="p">Klicken Sie ${button} und lesen Sie weiter.</p><div id="tools">${tools}</div>`;
  const { page, fake } = setup(html, { displayMode: "bilingual" });
  await page.translate();
  expect(sent(fake)).toContain("Klicken Sie <s1>hier</s1> und lesen Sie weiter.");
  const copies = Array.from(document.querySelectorAll(`#p ${COPY}`), (c) => c.textContent);
  expect(copies).toEqual(["KLICKEN SIE HIER UND LESEN SIE WEITER."]);
  expect(document.querySelectorAll(`#tools ${COPY}`)).toHaveLength(2);
  // The copy's button is the page's, a click away: not a second stop in the Tab order.
  expect(document.querySelector(`#p ${COPY} button`)?.getAttribute("tabindex")).toBe("-1");
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

test("a button beside an element of a sentence is part of its run: one copy follows the whole sentence", async () => {
  // "<b>Hier</b>[klicken] und weiter": the word before the button is bold, not text; a row of linked buttons with no
  // text between them (a toolbar) stays apart.
  const button = (label: string) => `<button style="display:inline-block" type="button">${label}</button>`;
  const html =
    `<p id="p">Bitte <b>hier</b>${button("klicken")} und dann <i>weiter</i>${button("lesen")}<i>, danke</i>.</p>` +
    `<div id="tools"><a href="/r">Antworten</a>${button("Teilen")}<a href="/s">Melden</a></div>`;
  const { page, fake } = setup(html, { displayMode: "bilingual" });
  await page.translate();
  expect(sent(fake)).toContain(
    "Bitte <b1>hier</b1><s2>klicken</s2> und dann <i3>weiter</i3><s4>lesen</s4><i5>, danke</i5>.",
  );
  const copies = Array.from(document.querySelectorAll(`#p ${COPY}`), (c) => c.textContent);
  expect(copies).toEqual(["BITTE HIERKLICKEN UND DANN WEITERLESEN, DANKE."]);
  expect(document.querySelectorAll(`#tools ${COPY}`).length).toBeGreaterThan(1);
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});
