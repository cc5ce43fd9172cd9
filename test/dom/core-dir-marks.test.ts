// A translation reads in its language's direction: an element whose whole content Gloss translated into Arabic runs
// right to left in an English page, one translated into English runs left to right in a Hebrew page (`dir`, set
// only where the direction differs); a bilingual copy does the same. Show original, and undoing after a page change,
// give back exactly the page's own `dir`, and a `dir` the page set itself since is kept.

import { directionOf } from "../../src/core/write/text-direction";
import { control, sent, setup } from "../helpers/core-page";

const PAGE =
  `<h2>Neuigkeiten</h2><p>Servus <b>miteinander</b></p>` + `<div id="mixed">Ein Satz vor <p>einem Absatz</p></div>`;

afterEach(() => document.documentElement.removeAttribute("dir"));

test("translated into Arabic in a left-to-right page, each wholly translated element runs right to left", async () => {
  const { page, fake } = setup(PAGE, { targetLang: "ar" });
  const before = document.body.innerHTML;
  await page.translate();
  expect(document.body.innerHTML).toBe(
    `<h2 lang="ar" dir="rtl">NEUIGKEITEN</h2><p lang="ar" dir="rtl">SERVUS <b>MITEINANDER</b></p>` +
      // A run of a block's nodes is not its whole element: it is isolated to run right to left
      // (core-run-isolates.test.ts); once the rest of the <div> is translated too, the <div> is marked as well
      // (core-whole-marks.test.ts).
      `<div id="mixed" lang="ar" dir="rtl">\u2067EIN SATZ VOR\u2069 <p lang="ar" dir="rtl">EINEM ABSATZ</p></div>`,
  );
  // Gloss's own `dir` is not a page change: nothing is sent again.
  await page.whenSettled();
  expect(sent(fake)).toHaveLength(4);
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("translated into English in a right-to-left page, it runs left to right; Show original gives the page's own back", async () => {
  document.documentElement.setAttribute("dir", "rtl");
  const html = `<p id="inherits">Hallo Welt</p><p id="own" dir="rtl">Guten Morgen</p><p dir="ltr">Gute Nacht</p>`;
  const { page } = setup(html);
  await page.translate();
  expect(document.body.innerHTML).toBe(
    `<p id="inherits" lang="en" dir="ltr">HALLO WELT</p><p id="own" dir="ltr" lang="en">GUTEN MORGEN</p>` +
      // Already left to right: the page's own dir stays as it is.
      `<p dir="ltr" lang="en">GUTE NACHT</p>`,
  );
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

test("where the page already runs the target's way, no dir is added", async () => {
  const html =
    `<p>Hallo Welt</p><div dir="rtl"><p>Guten Morgen</p></div>` +
    // dir="auto" follows the text, which is now the translation.
    `<p dir="auto">Gute Nacht</p>`;
  const english = setup(html);
  await english.page.translate();
  expect(document.body.innerHTML).toBe(
    `<p lang="en">HALLO WELT</p><div dir="rtl"><p lang="en" dir="ltr">GUTEN MORGEN</p></div>` +
      `<p dir="auto" lang="en">GUTE NACHT</p>`,
  );
  english.page.restore();
  const arabic = setup(html, { targetLang: "ar" });
  await arabic.page.translate();
  expect(document.body.innerHTML).toBe(
    `<p lang="ar" dir="rtl">HALLO WELT</p><div dir="rtl"><p lang="ar">GUTEN MORGEN</p></div>` +
      `<p dir="auto" lang="ar">GUTE NACHT</p>`,
  );
  arabic.page.restore();
  expect(document.body.innerHTML).toBe(html);
});

test("a dir the page set itself after Gloss wrote stays on Show original", async () => {
  const { page } = setup(`<p>Hallo Welt</p><p dir="rtl">Guten Morgen</p>`, { targetLang: "ar" });
  await page.translate();
  const [first, second] = Array.from(document.querySelectorAll("p"));
  first?.setAttribute("dir", "ltr");
  second?.setAttribute("dir", "ltr");
  page.restore();
  expect(document.body.innerHTML).toBe(`<p dir="ltr">Hallo Welt</p><p dir="ltr">Guten Morgen</p>`);
});

test("when the page changes a translated element, undoing Gloss's write takes its dir off too", async () => {
  const html = `<p id="p">Hallo Welt</p>`;
  const change = (root: Element): void => void (root.querySelector("#p")?.firstChild as Text).appendData(" und Mond");
  const { page, fake } = setup(html, { targetLang: "ar" });
  await page.translate();
  const p = document.getElementById("p") as Element;
  expect(p.outerHTML).toBe(`<p id="p" lang="ar" dir="rtl">HALLO WELT</p>`);
  change(document.body);
  await page.whenSettled();
  // Translated afresh, and marked again.
  expect(sent(fake)).toEqual(["Hallo Welt", "Hallo Welt und Mond"]);
  expect(p.outerHTML).toBe(`<p id="p" lang="ar" dir="rtl">HALLO WELT UND MOND</p>`);
  page.restore();
  expect(document.body.innerHTML).toBe(control(html, change));
});

test("switching views moves the dir from the original to its copy and back", async () => {
  const { page } = setup(`<p id="p">Hallo <a href="/x">Welt</a></p>`, { targetLang: "ar" });
  await page.translate();
  const p = document.getElementById("p") as Element;
  expect(p.outerHTML).toBe(`<p id="p" lang="ar" dir="rtl">HALLO <a href="/x">WELT</a></p>`);
  page.setDisplayMode("bilingual");
  expect(p.hasAttribute("dir")).toBe(false);
  expect(p.querySelector('span[lang="ar"][dir="rtl"]')?.textContent).toBe("HALLO WELT");
  page.setDisplayMode("replace");
  expect(p.outerHTML).toBe(`<p id="p" lang="ar" dir="rtl">HALLO <a href="/x">WELT</a></p>`);
});

describe("a page that runs right to left by CSS alone, with no dir", () => {
  // jsdom computes `direction` only where a rule sets it on the element itself; inherited CSS direction is checked
  // in real Chromium (test/e2e/userscript.test.ts).
  const html =
    `<style>.post { direction: rtl }</style><div class="post">Hallo Welt</div>` +
    `<p style="color: red; direction: rtl">Guten Morgen</p><p>Gute Nacht</p>`;

  test("translated into English, it runs left to right even where the page's CSS sets its direction; Show original gives the page back", async () => {
    const { page } = setup(html);
    await page.translate();
    // The page's CSS for the element itself would override a dir attribute: an important inline declaration turns
    // it (jsdom's serialisation leaves out "!important"; the CSSOM tells the priority).
    const [post, morning, night] = [...document.querySelectorAll<HTMLElement>("div, p")];
    for (const el of [post!, morning!]) {
      expect([el.lang, el.dir]).toEqual(["en", "ltr"]);
      expect([el.style.getPropertyValue("direction"), el.style.getPropertyPriority("direction")]).toEqual([
        "ltr",
        "important",
      ]);
    }
    expect(morning!.style.getPropertyValue("color")).toBe("red");
    expect(night!.outerHTML).toBe(`<p lang="en">GUTE NACHT</p>`);
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("translated into Arabic, what already runs right to left gets no dir", async () => {
    const { page } = setup(html, { targetLang: "ar" });
    await page.translate();
    expect(document.body.innerHTML).toBe(
      `<style>.post { direction: rtl }</style><div class="post" lang="ar">HALLO WELT</div>` +
        `<p style="color: red; direction: rtl" lang="ar">GUTEN MORGEN</p><p lang="ar" dir="rtl">GUTE NACHT</p>`,
    );
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("a style the page set itself after Gloss wrote stays on Show original", async () => {
    const { page } = setup(`<p style="direction: rtl">Guten Morgen</p>`);
    await page.translate();
    const p = document.querySelector("p") as HTMLElement;
    p.setAttribute("style", "direction: rtl; font-weight: bold");
    page.restore();
    expect(p.outerHTML).toBe(`<p style="direction: rtl; font-weight: bold">Guten Morgen</p>`);
  });

  test("a page script that sets another inline property while translated gets its own direction back on Show original", async () => {
    const { page } = setup(`<p style="direction: rtl">Guten Morgen</p>`);
    await page.translate();
    const p = document.querySelector("p") as HTMLElement;
    expect(p.dir).toBe("ltr");
    // A sticky header, an animation: the page's script writes its own inline property through the CSSOM.
    p.style.setProperty("top", "4px");
    page.restore();
    expect([p.style.getPropertyValue("direction"), p.style.getPropertyPriority("direction")]).toEqual(["rtl", ""]);
    expect(p.style.getPropertyValue("top")).toBe("4px");
    expect(p.hasAttribute("dir")).toBe(false);
  });

  test("an English copy beside a paragraph whose CSS runs right to left runs left to right", async () => {
    const { page } = setup(`<p style="direction: rtl">Guten Morgen</p>`, { displayMode: "bilingual" });
    await page.translate();
    expect(document.querySelector('span[translate="no"]')?.getAttribute("dir")).toBe("ltr");
  });
});

describe("a page that aligns its text left or right, as its start", () => {
  // Many pages align all text `left` (a reset for the whole page): in a paragraph turned right to left that keeps
  // Arabic at the left, its short lines and headings far from where they start. jsdom computes text-align only where
  // a rule sets it on the element itself; the inherited one is checked in real Chromium (test/e2e/userscript.test.ts).
  const alignOf = (el: Element | null | undefined): [string, string] => {
    const style = (el as HTMLElement).style;
    return [style.getPropertyValue("text-align"), style.getPropertyPriority("text-align")];
  };

  test("translated into Arabic, a left-aligned paragraph is aligned at its start (the right); Show original gives the page back", async () => {
    const html =
      `<style>h2, p { text-align: left }</style><h2>Neuigkeiten</h2><p id="p">Hallo Welt</p>` +
      `<p id="c" style="text-align: center">In der Mitte</p><p id="r" style="text-align: right">Rechts</p>`;
    const { page } = setup(html, { targetLang: "ar" });
    await page.translate();
    const [h2, p, centered, right] = ["h2", "#p", "#c", "#r"].map((s) => document.querySelector(s));
    for (const el of [h2, p]) expect([(el as HTMLElement).dir, ...alignOf(el)]).toEqual(["rtl", "start", "important"]);
    // Centred stays centred; aligned at the end on purpose (a date, a signature) stays where the page put it.
    expect(alignOf(centered)).toEqual(["center", ""]);
    expect(alignOf(right)).toEqual(["right", ""]);
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("translated into English in a right-to-left page, a right-aligned paragraph is aligned left", async () => {
    document.documentElement.setAttribute("dir", "rtl");
    const html = `<style>p { text-align: right }</style><p>Hallo Welt</p>`;
    const { page } = setup(html);
    await page.translate();
    expect(alignOf(document.querySelector("p"))).toEqual(["start", "important"]);
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("where the translation runs the page's way, the alignment is not touched", async () => {
    const html = `<style>p { text-align: left }</style><p>Hallo Welt</p>`;
    const { page } = setup(html);
    await page.translate();
    expect(document.querySelector("p")?.hasAttribute("style")).toBe(false);
  });

  test("an Arabic copy under a left-aligned paragraph is aligned at its start", async () => {
    const html = `<style>p { text-align: left }</style><p>Hallo Welt</p>`;
    const { page } = setup(html, { targetLang: "ar", displayMode: "bilingual" });
    await page.translate();
    expect(alignOf(document.querySelector('span[translate="no"]'))).toEqual(["start", "important"]);
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });
});

test("a list item translated into Arabic keeps its bullet inside it, at its start; Show original gives the page back", async () => {
  // jsdom computes display only where a rule sets it; the bullet's place is checked in Chromium (userscript.test.ts).
  const html = `<style>li { display: list-item }</style><ul><li>Erster Punkt</li><li>Zweiter Punkt</li></ul>`;
  const { page } = setup(html, { targetLang: "ar" });
  await page.translate();
  for (const li of document.querySelectorAll("li")) {
    expect([
      li.dir,
      li.style.getPropertyValue("list-style-position"),
      li.style.getPropertyPriority("list-style-position"),
    ]).toEqual(["rtl", "inside", "important"]);
  }
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

describe("bilingual copies run the target's way", () => {
  const copy = (): Element | null => document.querySelector('span[translate="no"]');

  test("an Arabic copy under a German paragraph runs right to left; restore takes it away exactly", async () => {
    const html = `<p>Hallo Welt</p>`;
    const { page } = setup(html, { targetLang: "ar", displayMode: "bilingual" });
    await page.translate();
    expect(copy()?.getAttribute("dir")).toBe("rtl");
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("an English copy in a right-to-left page runs left to right, inline ones too", async () => {
    document.documentElement.setAttribute("dir", "rtl");
    const { page } = setup(`<p>Hallo Welt</p><div>Kurz <span>und gut</span><p>Absatz</p></div>`, {
      displayMode: "bilingual",
    });
    await page.translate();
    const copies = Array.from(document.querySelectorAll('span[translate="no"]'));
    expect(copies.map((c) => [c.textContent, c.getAttribute("dir")])).toEqual([
      ["HALLO WELT", "ltr"],
      ["KURZ UND GUT", "ltr"],
      ["ABSATZ", "ltr"],
    ]);
  });

  test("an English copy in an English page needs no dir", async () => {
    const { page } = setup(`<p>Hallo Welt</p>`, { displayMode: "bilingual" });
    await page.translate();
    expect(copy()?.outerHTML).not.toContain("dir=");
  });
});

describe("the direction an element runs in now", () => {
  const at = (html: string): Element => {
    document.body.innerHTML = html;
    return document.getElementById("x") as Element;
  };

  test("the nearest dir decides, in any casing; an invalid one is no declaration", () => {
    expect(directionOf(at(`<p id="x">a</p>`))).toBe("ltr");
    expect(directionOf(at(`<div dir="RTL"><p id="x">a</p></div>`))).toBe("rtl");
    expect(directionOf(at(`<div dir="rtl"><div dir="ltr"><p id="x">a</p></div></div>`))).toBe("ltr");
    expect(directionOf(at(`<div dir="rtl"><p dir="sideways" id="x">a</p></div>`))).toBe("rtl");
  });

  test("dir=auto runs the way the first letter of its text does", () => {
    expect(directionOf(at(`<div dir="auto">«שלום» <p id="x">a</p></div>`))).toBe("rtl");
    expect(directionOf(at(`<div dir="auto">42 Hallo <p id="x">سلام</p></div>`))).toBe("ltr");
  });

  test("through a shadow root, the host's direction", () => {
    const host = at(`<div dir="rtl"><span id="x"></span></div>`);
    const inner = host.attachShadow({ mode: "open" }).appendChild(document.createElement("p"));
    expect(directionOf(inner)).toBe("rtl");
  });

  test("a page that broke Element.prototype.matches does not change the answer", () => {
    const el = at(`<div dir="rtl"><p id="x">a</p></div>`);
    const spy = jest.spyOn(Element.prototype, "matches").mockImplementation(() => {
      throw new Error("the page's matches");
    });
    try {
      expect(directionOf(el)).toBe("rtl");
    } finally {
      spy.mockRestore();
    }
  });
});
