// Issue 9, item 1: when the page changes a unit Gloss translated, the page's version wins. Gloss's words are undone
// without losing the page's change, the page's new content is translated afresh (never Gloss's own output, never a
// translation's word order), and "Show original" shows what the same page would show had it never been translated:
// a control copy of the page gets the same changes without Gloss, and the two must end up byte-identical.

import { control, sent, setup } from "../helpers/core-page";

/** Twice as long as the source, in another order: the translation moves the element to the end. */
const moveBoldToEnd = (upper: string): string => {
  const m = /<b1>[\s\S]*?<\/b1>/.exec(upper);
  return m ? `${upper.replace(m[0], "").replace(/\s+/g, " ").trim()} ${m[0]}` : upper;
};

describe("the page updates a Text node next to another one in the same element", () => {
  const html = `<p id="p"></p>`;
  const fill = (root: Element): void => void (root.querySelector("#p") as Element).append("Preis: ", "zwölf Euro");
  const update = (root: Element): void => {
    ((root.querySelector("#p") as Element).lastChild as Text).data = "dreizehn Euro";
  };

  test("the update is seen, translated afresh, and Show original shows it", async () => {
    document.body.innerHTML = html;
    fill(document.body);
    const p = document.querySelector("#p") as Element;
    const [first, second] = Array.from(p.childNodes) as Text[];
    const { page, fake } = setup(null);
    await page.translate();
    expect(p.textContent).toBe("PREIS: ZWÖLF EURO");
    // The reply had one text for the two nodes: the second stays in the page, empty, where the page can reach it.
    expect(second?.isConnected).toBe(true);
    update(document.body);
    await page.whenSettled();
    expect(p.textContent).toBe("PREIS: DREIZEHN EURO");
    expect(sent(fake)).toEqual(["Preis: zwölf Euro", "Preis: dreizehn Euro"]);
    page.restore();
    expect(document.body.innerHTML).toBe(
      control(html, (root) => {
        fill(root);
        update(root);
      }),
    );
    expect(p.firstChild).toBe(first);
    expect(p.lastChild).toBe(second);
  });
});

describe("the page joins the Text nodes of a translated element (normalize(): a highlighter taking its marks off)", () => {
  // Where the reply had one run of words for two Text nodes, merge left the other one empty in the page: normalize()
  // drops an empty Text node, and the page's original words that were in it with it.
  const join = (root: Element): void => (root.querySelector("#p") as Element).normalize();
  const cases: Array<[string, string, (root: Element) => void, (upper: string) => string]> = [
    [
      "two Text nodes side by side",
      `<p id="p"></p>`,
      (root) => root.querySelector("#p")?.append("Preis: ", "zwölf Euro"),
      (u) => u,
    ],
    [
      "words the translation moved before an element",
      `<p id="p">Ich habe <b>gestern</b> Kuchen gegessen.</p>`,
      () => {},
      moveBoldToEnd,
    ],
  ];

  test.each(cases)("%s: Show original gives back every word", async (_name, html, fill, reply) => {
    document.body.innerHTML = html;
    fill(document.body);
    const { page } = setup(null, {}, { reply });
    await page.translate();
    expect(document.querySelector("#p")?.getAttribute("lang")).toBe("en");
    join(document.body);
    page.restore();
    expect(document.body.innerHTML).toBe(
      control(html, (root) => {
        fill(root);
        join(root);
      }),
    );
  });
});

test("the page takes out the element between two Text nodes and joins them: Show original gives back both", async () => {
  // A highlighter taking its mark off: the two texts around it become one node, the second one leaves the page.
  const html = `<p id="p">Ich habe <mark>gestern</mark> Kuchen gegessen.</p>`;
  const unmark = (root: Element): void => {
    root.querySelector("mark")?.remove();
    (root.querySelector("#p") as Element).normalize();
  };
  document.body.innerHTML = html;
  const { page } = setup(null);
  await page.translate();
  expect(document.querySelector("#p")?.innerHTML).toBe("ICH HABE <mark>GESTERN</mark> KUCHEN GEGESSEN.");
  unmark(document.body);
  page.restore();
  expect(document.body.innerHTML).toBe(control(html, unmark));
});

describe("the page changes a unit whose words the translation reordered", () => {
  const html = `<p id="p">Ich habe <b>gestern</b> Kuchen gegessen.</p>`;
  const p = (root: ParentNode): Element => root.querySelector("#p") as Element;

  async function translated() {
    document.body.innerHTML = html;
    const s = setup(null, {}, { reply: (upper) => moveBoldToEnd(upper) });
    await s.page.translate();
    expect(p(document).innerHTML).toBe("ICH HABE KUCHEN GEGESSEN. <b>GESTERN</b>");
    return s;
  }

  const cases: Array<[string, (root: Element) => void]> = [
    ["appends an element", (root) => p(root).appendChild(document.createElement("em")).append("Heute nicht")],
    ["appends text", (root) => p(root).append(" Und Tee.")],
    ["prepends text", (root) => p(root).prepend("Ja, ")],
    [
      "inserts an element before the bold word",
      (root) => p(root).insertBefore(document.createElement("i"), p(root).querySelector("b")).append("erst"),
    ],
    ["removes the bold word", (root) => p(root).querySelector("b")?.remove()],
    ["replaces its whole text", (root) => void (p(root).textContent = "Alles neu.")],
    [
      "changes the bold word's text",
      (root) => void ((p(root).querySelector("b") as Element).textContent = "vorgestern"),
    ],
    [
      "wraps the bold word",
      (root) => {
        const b = p(root).querySelector("b") as Element;
        const wrap = document.createElement("span");
        b.before(wrap);
        wrap.append(b);
      },
    ],
  ];

  test.each(cases)(
    "the page %s: nothing scrambled is sent, Show original equals the untranslated page",
    async (_, change) => {
      const { page, fake } = await translated();
      const bold = p(document).querySelector("b");
      change(document.body);
      await page.whenSettled();
      const expected = control(html, change);
      // Sent afresh (or answered from the session's cache): the page's new content in its own order, never
      // Gloss's words; what the page shows is the translation of the page's new content.
      for (const h of sent(fake).slice(1)) expect(h).not.toMatch(/[A-ZÄÖÜ]{3}/);
      const box = document.createElement("div");
      box.innerHTML = expected;
      const words = (text: string | null): string[] =>
        (text ?? "")
          .toUpperCase()
          .split(/[\s.,]+/)
          .filter(Boolean)
          .sort();
      expect(words(p(document).textContent)).toEqual(words(box.textContent));
      expect(p(document).textContent).toBe(p(document).textContent?.toUpperCase());
      page.restore();
      expect(document.body.innerHTML).toBe(expected);
      // The page's own nodes, not copies.
      if (document.contains(bold)) expect(p(document).querySelector("b")).toBe(bold);
    },
  );

  test("the page appends text to Gloss's words in a Text node: the addition lands on the original words", async () => {
    const { page } = await translated();
    (p(document).firstChild as Text).appendData("Wirklich.");
    await page.whenSettled();
    page.restore();
    expect(p(document).innerHTML).toBe("Ich habe Wirklich.<b>gestern</b> Kuchen gegessen.");
  });
});

describe("Show original keeps what the page changed while nobody was watching", () => {
  test("after stop(), a changed text and a changed title stay the page's", async () => {
    document.body.innerHTML = `<p id="a">Erster Absatz</p><p id="b" title="Ein Hinweis">Zweiter Absatz</p>`;
    const { page } = setup(null);
    await page.translate();
    page.stop();
    ((document.querySelector("#a") as Element).firstChild as Text).data = "Neuer Absatz";
    (document.querySelector("#b") as Element).setAttribute("title", "Neuer Hinweis");
    page.restore();
    expect(document.body.innerHTML).toBe(
      `<p id="a">Neuer Absatz</p><p id="b" title="Neuer Hinweis">Zweiter Absatz</p>`,
    );
  });

  test("after stop(), switching the view keeps a changed text and title the page's; translate() takes them afresh", async () => {
    document.body.innerHTML = `<p id="a">Erster Absatz</p><p id="b" title="Ein Hinweis">Zweiter Absatz</p>`;
    const { page, fake } = setup(null);
    await page.translate();
    page.stop();
    ((document.querySelector("#a") as Element).firstChild as Text).data = "Neuer Absatz";
    (document.querySelector("#b") as Element).setAttribute("title", "Neuer Hinweis");
    page.setDisplayMode("bilingual");
    page.setDisplayMode("replace");
    // The page's new words stay, untranslated and with no copy of the old translation; the rest is redrawn.
    expect(document.querySelector("#a")?.outerHTML).toBe(`<p id="a">Neuer Absatz</p>`);
    expect(document.querySelector("#b")?.getAttribute("title")).toBe("Neuer Hinweis");
    expect(document.querySelector("#b")?.textContent).toBe("ZWEITER ABSATZ");
    await page.translate();
    expect(sent(fake)).toEqual(expect.arrayContaining(["Neuer Absatz", "Neuer Hinweis"]));
    expect(document.querySelector("#a")?.textContent).toBe("NEUER ABSATZ");
    page.restore();
    expect(document.body.innerHTML).toBe(
      `<p id="a">Neuer Absatz</p><p id="b" title="Neuer Hinweis">Zweiter Absatz</p>`,
    );
  });

  test("in the bilingual view, a title the page changed after stop() stays the page's on Show original", async () => {
    document.body.innerHTML = `<p id="b" title="Ein Hinweis">Zweiter Absatz</p>`;
    const { page } = setup(null);
    page.setDisplayMode("bilingual");
    await page.translate();
    page.stop();
    (document.querySelector("#b") as Element).setAttribute("title", "Neuer Hinweis");
    page.restore();
    expect(document.body.innerHTML).toBe(`<p id="b" title="Neuer Hinweis">Zweiter Absatz</p>`);
  });

  test("a translated paragraph the page moved elsewhere is restored where the page put it", async () => {
    document.body.innerHTML = `<div id="x"><p id="a">Erster <b>Absatz</b></p></div><div id="y"><p>Zweiter</p></div>`;
    const { page, fake } = setup(null);
    await page.translate();
    const a = document.querySelector("#a") as Element;
    document.querySelector("#y")?.prepend(a);
    await page.whenSettled();
    expect(sent(fake)).toEqual(["Erster <b1>Absatz</b1>", "Zweiter"]);
    expect(a.innerHTML).toBe("ERSTER <b>ABSATZ</b>");
    page.restore();
    expect(document.body.innerHTML).toBe(
      `<div id="x"></div><div id="y"><p id="a">Erster <b>Absatz</b></p><p>Zweiter</p></div>`,
    );
  });

  test("a Text node of Gloss's that the page split (a highlighter marking a hit) gets the original words back", async () => {
    const html = `<p id="a">Erster <b>fetter</b> Absatz</p>`;
    const split = (root: ParentNode): void =>
      void ((root.querySelector("#a") as Element).firstChild as Text).splitText(3);
    document.body.innerHTML = html;
    const { page } = setup(null);
    await page.translate();
    page.stop();
    split(document);
    expect(document.querySelector("#a")?.textContent).toBe("ERSTER FETTER ABSATZ");
    page.restore();
    expect(document.body.innerHTML).toBe(control(html, split));
  });
});

describe("a highlighter wraps a hit in Gloss's words in a <mark>", () => {
  const html = `<p id="a">Erster <b>fetter</b> Absatz</p>`;
  /** Marks the 4th to 6th letters: split off, wrapped. */
  const highlight = (root: ParentNode): void => {
    const hit = ((root.querySelector("#a") as Element).firstChild as Text).splitText(3);
    hit.splitText(3);
    const mark = hit.ownerDocument.createElement("mark");
    hit.replaceWith(mark);
    mark.append(hit);
  };

  test.each([
    ["after Gloss stopped following the page", true],
    ["while Gloss follows the page", false],
  ])(
    "Show original gives the words back as the same highlight on the original would hold them (%s)",
    async (_, stop) => {
      document.body.innerHTML = html;
      const { page } = setup(null);
      await page.translate();
      if (stop) page.stop();
      highlight(document);
      await page.whenSettled();
      page.restore();
      expect(document.body.innerHTML).toBe(control(html, highlight));
    },
  );
});

test("a Text node of Gloss's that the page splits while translated: translated afresh, and Show original gives the original words", async () => {
  const html = `<p id="a">Erster <b>fetter</b> Absatz</p><p id="b">Zweiter Absatz</p>`;
  const split = (root: ParentNode): void => {
    const [first, second] = Array.from(root.querySelectorAll("p"), (p) => p.firstChild as Text);
    second?.splitText(4);
    first?.splitText(3);
  };
  document.body.innerHTML = html;
  const { page } = setup(null);
  await page.translate();
  split(document);
  await page.whenSettled();
  expect(document.body.textContent).toBe("ERSTER FETTER ABSATZZWEITER ABSATZ");
  page.restore();
  expect(document.body.innerHTML).toBe(control(html, split));
});
