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

test.each([
  ["once Gloss saw it", true],
  ["right after it, before Gloss saw it", false],
])(
  "Show original after the page re-rendered a copy a highlighter had marked, %s, takes the page's copy out",
  async (_, seen) => {
    const source = `<div id="app"><p>Der Zug ist heute pünktlich.</p></div>`;
    const { page } = setup(source, { displayMode: "bilingual" });
    await page.translate();
    const app = document.getElementById("app") as Element;
    highlight(app, "HEUTE");
    expect(app.querySelector(`${COPY} mark`)?.textContent).toBe("HEUTE");
    app.innerHTML = `${app.innerHTML}`;
    if (seen) {
      await page.whenSettled();
      // Shown once, as before the re-render.
      expect(app.querySelectorAll(COPY)).toHaveLength(1);
    }
    page.restore();
    expect(app.querySelectorAll(COPY)).toHaveLength(0);
    expect(document.body.innerHTML).toBe(source);
  },
);

test.each([
  [
    "a run of a block's lines",
    `<div id="d">Der Zug ist <b>heute</b> pünktlich.<p>Zweiter Absatz hier.</p></div><div id="to"></div>`,
  ],
  ["a paragraph", `<div id="d"><p>Der Zug ist <b>heute</b> pünktlich.</p></div><div id="to"></div>`],
])("Show original after the page moved %s into another container, copy or not: no copy stays", async (_, html) => {
  const { page } = setup(html, { displayMode: "bilingual" });
  await page.translate();
  const d = document.getElementById("d") as Element;
  const to = document.getElementById("to") as Element;
  // The page moves its own nodes (not Gloss's) to another container, as a layout switch does.
  for (const n of Array.from(d.childNodes)) if (!(n as Element).matches?.(COPY) && n.nodeName !== "BR") to.append(n);
  page.restore();
  expect(document.querySelectorAll(COPY)).toHaveLength(0);
  expect(document.querySelectorAll("br")).toHaveLength(0);
  await page.whenSettled();
  expect(document.querySelectorAll(COPY)).toHaveLength(0);
});

describe("blurred copies in components", () => {
  class Title extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: "open" }).innerHTML = `<h3>Ein Titel hier</h3>`;
    }
  }
  class Card extends HTMLElement {
    constructor() {
      super();
      this.attachShadow({ mode: "open" }).innerHTML = `<a href="/post" id="owner"><slot></slot></a>`;
    }
  }
  customElements.define("x-leftover-title", Title);
  customElements.define("x-leftover-card", Card);

  test.each([
    [
      "a link of the page round a component that shows the title",
      `<a href="/post" id="owner"><x-leftover-title></x-leftover-title></a>`,
    ],
    ["a component's link round the page's title", `<x-leftover-card><h3>Ein Titel hier</h3></x-leftover-card>`],
  ])("inside %s: the copy adds no Tab stop nested in the link", async (_, html) => {
    const { page } = setup(`${html}<button id="next">Weiter</button>`, {
      displayMode: "bilingual",
      bilingualStyle: "blur",
    });
    await page.translate();
    const roots: ParentNode[] = [
      document,
      ...Array.from(document.querySelectorAll("*"), (el) => el.shadowRoot).filter((r) => r !== null),
    ];
    const copies = roots.flatMap((r) => Array.from(r.querySelectorAll<HTMLElement>(COPY)));
    const copy = copies.find((c) => c.textContent === "EIN TITEL HIER") as HTMLElement;
    expect(copy.hasAttribute("tabindex")).toBe(false);
    // The link is the one Tab stop, and shows the copy while it has the focus.
    const owner = roots.map((r) => r.querySelector<HTMLElement>("#owner")).find((o) => o) as HTMLElement;
    owner.focus();
    expect(copy.style.getPropertyValue("filter")).toBe("none");
    (document.getElementById("next") as HTMLElement).focus();
    expect(copy.style.getPropertyValue("filter")).toBe("blur(0.3em)");
    page.restore();
  });
});

test("a page's rule for the copy's language or marks hides none of its words: no opacity, size, colour or clip", async () => {
  // (jsdom computes no value from the browser's defaults: the page's first rules give the ones a browser would.)
  const html =
    `<style>a, b, span { display: inline } p, div { opacity: 1; color: rgb(1, 2, 3); font-size: 16px; clip-path: none } ` +
    `p > b { font-size: 16px } a { color: rgb(0, 0, 238) } :lang(en) { opacity: 0 } [lang="en"] b { font-size: 0 } ` +
    `[translate=no] a { color: transparent } span[lang] { clip-path: inset(50%) }</style>` +
    `<p id="p" lang="de">Lies <a href="/a">den Artikel</a> und <b>das Heft</b> heute.</p>` +
    `<div id="d" lang="de">Eine Zeile hier<p>Absatz hier</p></div>`;
  const { page } = setup(html, { displayMode: "bilingual", bilingualStyle: "plain" });
  await page.translate();
  // As the reader sees it, at the next frame: the copies' styles are checked once per task, after its last write
  // (copy-styles.ts), which may come in the same run of promise jobs as translate()'s end, after this test's turn.
  await new Promise((next) => setTimeout(next, 0));
  const seen = (el: Element) => {
    const s = getComputedStyle(el);
    return [s.opacity, s.color, s.getPropertyValue("clip-path")];
  };
  const copies = Array.from(document.querySelectorAll<HTMLElement>(COPY));
  expect(copies).toHaveLength(3);
  for (const copy of copies) {
    expect(seen(copy)).toEqual(["1", "rgb(1, 2, 3)", "none"]);
  }
  const copy = document.querySelector(`#p > ${COPY}`) as HTMLElement;
  expect(getComputedStyle(copy.querySelector("b") as Element).fontSize).toBe("16px");
  expect(getComputedStyle(copy.querySelector("a") as Element).color).toBe("rgb(0, 0, 238)");
  // Another look keeps them shown.
  page.setBilingualStyle("underline");
  for (const c of copies) expect(getComputedStyle(c).opacity).toBe("1");
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});
