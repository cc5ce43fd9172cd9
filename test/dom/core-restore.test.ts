// Item 11: restore() brings back the exact original (byte-identical HTML, shadow roots included, the same node
// objects), on every fixture page, after plain, reordered and duplicated translations, and while a translation is
// in flight. Showing the translation again re-uses this session's translations without a request.

import { createPageTranslator } from "../../src/core";
import { createFakeTranslator } from "../helpers/fake-translator";
import { allNodes, expectExactRoundTrip, FIXTURES, loadFixture, pageHtml } from "../helpers/core-fixtures";
import { removedDuring, sent, setup } from "../helpers/core-page";
import { refuseCopiesIn } from "../helpers/refused-copies";

/** A hard reply: top-level pieces in reverse order and the first placeholder repeated at the end. */
function scramble(upper: string): string {
  const template = document.createElement("template");
  template.innerHTML = upper;
  const parts = Array.from(template.content.childNodes).reverse();
  const firstElement = parts.find((n) => n.nodeType === 1);
  const out = document.createElement("template");
  for (const p of parts) out.content.appendChild(p);
  if (firstElement) out.content.appendChild(firstElement.cloneNode(true));
  return out.innerHTML;
}

describe.each(FIXTURES)("%s", (name) => {
  beforeEach(() => loadFixture(name));

  test("translate then restore: byte-identical HTML and the same node objects", async () => {
    const summary = await expectExactRoundTrip(setup(null).page);
    expect(summary.translated).toBeGreaterThan(10);
  });

  test("restore after reordered and duplicated placeholders", async () => {
    const before = pageHtml();
    const nodes = allNodes();
    const { page } = setup(null, {}, { reply: scramble });
    await page.translate();
    page.restore();
    expect(pageHtml()).toBe(before);
    expect(allNodes()).toEqual(nodes);
  });

  test("restore while translation is in flight, and late replies change nothing", async () => {
    const before = pageHtml();
    const s = setup(null, { maxConcurrent: 2, maxBatchChars: 300 }, { hold: true });
    const { page, fake } = s;
    const done = page.translate();
    await fake.nextBatch();
    fake.release();
    await fake.nextBatch();
    // The first batch's replies are written while the second batch is still held.
    await s.progressWhere((p) => p.done > 0);
    expect(pageHtml()).not.toBe(before);
    page.restore();
    expect(page.state).toBe("restored");
    expect(pageHtml()).toBe(before);
    fake.releaseAll();
    await done;
    await page.whenSettled();
    expect(pageHtml()).toBe(before);
    expect(fake.calls.every((c) => c.signal.aborted)).toBe(true);
  });

  test("showing the translation again re-uses this session's translations: no request, same result", async () => {
    const { page, fake } = setup(null);
    await page.translate();
    const translated = pageHtml();
    const requests = fake.batches.length;
    page.restore();
    const summary = await page.translate();
    expect(fake.batches.length).toBe(requests);
    expect(pageHtml()).toBe(translated);
    expect(summary.failed).toBe(0);
  });
});

test("a unit the model leaves as it was (a name) is shown translated again after Show original, like the first time", async () => {
  // The translation of "Berlin" is "Berlin": the page's own words looked like Gloss's output the second time, so the
  // unit was counted as translated but never written (no lang, no bilingual copy); the tooltip likewise.
  const { page, fake } = setup(
    `<p>Berlin <b>Berlin</b></p><p title="Stadt">Hauptstadt</p>`,
    {},
    {
      reply: (_u, s) =>
        s.html === "Stadt" ? "Stadt" : _u.replace("HAUPTSTADT", "Hauptstadt").replace(/BERLIN/g, "Berlin"),
    },
  );
  await page.translate();
  const once = document.body.innerHTML;
  const requests = fake.batches.length;
  expect(once).toBe(`<p lang="en">Berlin <b>Berlin</b></p><p title="Stadt" lang="en">Hauptstadt</p>`);
  page.restore();
  await page.translate();
  expect(document.body.innerHTML).toBe(once);
  page.restore();
  page.setDisplayMode("bilingual");
  await page.translate();
  // Each paragraph with its translation after it.
  expect(Array.from(document.querySelectorAll("p > span[lang=en]"), (s) => s.textContent)).toEqual([
    "Berlin Berlin",
    "Hauptstadt",
  ]);
  // From this session's translations, without a request.
  expect(fake.batches.length).toBe(requests);
});

test("an <option> that had no value attribute gets one while translated and loses it again on restore", async () => {
  const { page } = setup(`<select><option>Bitte wählen</option><option value="k">Köln</option></select>`);
  const before = document.body.innerHTML;
  await page.translate();
  expect(document.body.innerHTML).toBe(
    `<select><option value="Bitte wählen" lang="en">BITTE WÄHLEN</option><option value="k" lang="en">KÖLN</option></select>`,
  );
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("a value the page gives such an <option> after the write is kept on restore: the form still sends it", async () => {
  const { page } = setup(`<form><select name="city"><option>Köln</option><option>Bonn</option></select></form>`);
  await page.translate();
  const [first, second] = Array.from(document.querySelectorAll("option"));
  (first as HTMLOptionElement).value = "42"; // e.g. the page filled in the ids it fetched
  await page.whenSettled();
  page.restore();
  expect(document.body.innerHTML).toBe(
    `<form><select name="city"><option value="42">Köln</option><option>Bonn</option></select></form>`,
  );
  expect(new FormData(document.querySelector("form") as HTMLFormElement).get("city")).toBe("42");
  expect((second as HTMLOptionElement).value).toBe("Bonn");
});

test("stop() keeps what was written; restore() after stop() still brings back the original", async () => {
  const { page, fake } = setup(
    `<p>Eins</p><p>Zwei</p><p>Drei</p>`,
    { maxBatchSegments: 1, maxConcurrent: 1 },
    { hold: true },
  );
  const before = document.body.innerHTML;
  const done = page.translate();
  await fake.nextBatch();
  fake.release();
  await fake.nextBatch();
  page.stop();
  const summary = await done;
  expect(summary.translated).toBe(1);
  expect(document.body.innerHTML).toBe(`<p lang="en">EINS</p><p>Zwei</p><p>Drei</p>`);
  expect(page.state).toBe("stopped");
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("restore() is harmless before translate() and when called twice", async () => {
  const { page } = setup(`<p>Hallo <b>Welt</b></p>`);
  page.restore();
  await page.translate();
  page.restore();
  page.restore();
  expect(document.body.innerHTML).toBe("<p>Hallo <b>Welt</b></p>");
});

test("a simplified translation (the link kept, its text translated apart) is restored too", async () => {
  const { page, fake } = setup(
    `<p>Lies <a href="/a">den Artikel</a>.</p>`,
    {},
    {
      reply: (upper, seg) => (seg.html.includes("<a1>") ? upper.replace(/<\/?a1>/g, "") : upper),
    },
  );
  const before = document.body.innerHTML;
  await page.translate();
  expect(sent(fake)).toContain("den Artikel");
  expect(document.body.innerHTML).toBe(`<p lang="en">LIES <a href="/a">DEN ARTIKEL</a>.</p>`);
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("a second page translator on another root leaves the rest alone", async () => {
  document.body.innerHTML = `<div id="a"><p>Eins</p></div><div id="b"><p>Zwei</p></div>`;
  const fake = createFakeTranslator();
  const page = createPageTranslator(document.querySelector("#b") as Element, {
    translator: fake.translate,
    targetLang: "en",
  });
  await page.translate();
  expect(document.body.innerHTML).toBe(`<div id="a"><p>Eins</p></div><div id="b"><p lang="en">ZWEI</p></div>`);
  page.restore();
  expect(document.body.innerHTML).toBe(`<div id="a"><p>Eins</p></div><div id="b"><p>Zwei</p></div>`);
});

describe("Show original moves only what must move", () => {
  const html = `<p>Ich habe <b>gestern</b> mit <i>ihr</i> Kuchen gegessen.</p>`;

  test("after a translation in the same order, nothing", async () => {
    const { page } = setup(html);
    await page.translate();
    expect(document.body.innerHTML).toBe(`<p lang="en">ICH HABE <b>GESTERN</b> MIT <i>IHR</i> KUCHEN GEGESSEN.</p>`);
    expect(await removedDuring(() => page.restore())).toEqual([]);
    expect(document.body.innerHTML).toBe(html);
  });

  test("after a translation that put one word first, that word alone", async () => {
    const iFirst = (upper: string): string => {
      const m = /<i\d>IHR<\/i\d>/.exec(upper);
      return m ? `${m[0]} ${upper.replace(` ${m[0]}`, "")}` : upper;
    };
    const { page } = setup(html, {}, { reply: iFirst });
    await page.translate();
    expect(document.body.innerHTML).toBe(`<p lang="en"><i>IHR</i> ICH HABE <b>GESTERN</b> MIT KUCHEN GEGESSEN.</p>`);
    const removed = await removedDuring(() => page.restore());
    expect(removed).toEqual([document.querySelector("i")]);
    expect(document.body.innerHTML).toBe(html);
  });

  test("a link that has the keyboard focus stays and keeps it; the words around it move instead", async () => {
    const linked = `<p>Ich habe <b>gestern</b> mit <a href="#ihr">ihr</a> Kuchen gegessen.</p>`;
    const linkFirst = (upper: string): string => {
      const m = /<a\d>IHR<\/a\d>/.exec(upper);
      return m ? `${m[0]} ${upper.replace(` ${m[0]}`, "")}` : upper;
    };
    const { page } = setup(linked, {}, { reply: linkFirst });
    await page.translate();
    const link = document.querySelector("a") as HTMLAnchorElement;
    expect(document.querySelector("p")?.firstChild).toBe(link);
    link.focus();
    const removed = await removedDuring(() => page.restore());
    expect(removed).not.toContain(link);
    expect(document.activeElement).toBe(link);
    expect(document.body.innerHTML).toBe(linked);
  });
});

describe("a page whose scripts guard its DOM (Gloss running in the page's world)", () => {
  /** A reply that repeats the first placeholder: the translation holds a copy Gloss made of the page's element. */
  const repeatFirst = (upper: string): string => {
    const m = /<([a-z]+\d+)>[\s\S]*?<\/\1>/.exec(upper);
    return m ? `${upper} ${m[0]}` : upper;
  };
  afterEach(() => jest.restoreAllMocks());

  test("a node it will not let go stays; everything else is put back and Show original completes", async () => {
    document.body.innerHTML = `<p id="a">Erster <span class="ad">Werbung</span> Absatz</p><p id="b">Zweiter <i>Absatz</i> hier</p>`;
    const { page } = setup(null, {}, { reply: repeatFirst });
    await page.translate();
    const removeChild = Node.prototype.removeChild;
    // An ad script that keeps its elements in the page (a copy Gloss made of one is one of them too).
    jest.spyOn(Node.prototype, "removeChild").mockImplementation(function <T extends Node>(this: Node, child: T): T {
      if ((child as unknown as Element).classList?.contains("ad")) throw new Error("this ad stays");
      return removeChild.call(this, child) as T;
    });
    page.restore();
    expect(page.state).toBe("restored");
    expect(document.body.innerHTML).toBe(
      `<p id="a">Erster <span class="ad">Werbung</span> Absatz<span class="ad">WERBUNG</span></p>` +
        `<p id="b">Zweiter <i>Absatz</i> hier</p>`,
    );
  });

  test("a unit whose undo fails does not keep the others translated", async () => {
    document.body.innerHTML = `<p id="a">Erster Absatz</p><p id="b">Zweiter Absatz</p><p id="c">Dritter Absatz</p>`;
    const { page } = setup(null);
    await page.translate();
    const removeAttribute = Element.prototype.removeAttribute;
    jest.spyOn(console, "warn").mockImplementation(() => {});
    jest.spyOn(Element.prototype, "removeAttribute").mockImplementation(function (this: Element, name: string) {
      if (this.id === "c") throw new Error("frozen");
      removeAttribute.call(this, name);
    });
    page.restore();
    expect(page.state).toBe("restored");
    expect(document.body.innerHTML).toBe(
      `<p id="a">Erster Absatz</p><p id="b">Zweiter Absatz</p><p id="c" lang="en">Dritter Absatz</p>`,
    );
  });

  test("a text the page will not let change stays; the unit's other words and its language still go back", async () => {
    document.body.innerHTML = `<p id="a">Erster <b>fetter</b> Absatz</p><p id="b">Zweiter Absatz</p>`;
    const { page } = setup(null);
    await page.translate();
    const frozen = document.querySelector("b")?.firstChild as Text;
    // A script that keeps its own text as it rendered it: the setter of `data` (its world's) throws for that node.
    const data = Object.getOwnPropertyDescriptor(CharacterData.prototype, "data") as PropertyDescriptor;
    Object.defineProperty(CharacterData.prototype, "data", {
      ...data,
      set(this: CharacterData, value: string) {
        if (this === frozen) throw new Error("frozen");
        data.set?.call(this, value);
      },
    });
    try {
      page.restore();
    } finally {
      Object.defineProperty(CharacterData.prototype, "data", data);
    }
    expect(page.state).toBe("restored");
    expect(document.body.innerHTML).toBe(`<p id="a">Erster <b>FETTER</b> Absatz</p><p id="b">Zweiter Absatz</p>`);
  });

  const COPY = 'span[translate="no"][lang="en"]';
  const PAGE = `<p id="a">Erster Absatz</p><p id="b">Zweiter Absatz</p><p id="c">Dritter Absatz</p>`;
  /** Three paragraphs translated in replace mode, with Gloss's warnings about the page's refusals kept quiet. */
  const translated = async () => {
    document.body.innerHTML = PAGE;
    const { page } = setup(null);
    await page.translate();
    jest.spyOn(console, "warn").mockImplementation(() => {});
    return page;
  };

  test("a view switch the page refuses for one unit's undo still switches the others, and Show original completes", async () => {
    const page = await translated();
    const removeAttribute = Element.prototype.removeAttribute;
    const guard = jest.spyOn(Element.prototype, "removeAttribute").mockImplementation(function (
      this: Element,
      name: string,
    ) {
      if (this.id === "c") throw new Error("frozen");
      removeAttribute.call(this, name);
    });
    page.setDisplayMode("bilingual");
    expect(page.displayMode).toBe("bilingual");
    for (const id of ["a", "b"]) {
      const p = document.getElementById(id) as Element;
      expect(p.firstChild?.textContent).toMatch(/^(Erster|Zweiter) Absatz$/);
      expect(p.querySelectorAll(COPY).length).toBe(1);
    }
    expect(document.querySelectorAll(`#c ${COPY}`).length).toBe(0);
    // The page lets go: Show original puts back every unit, the one it refused too.
    guard.mockRestore();
    page.restore();
    expect(document.body.innerHTML).toBe(PAGE);
  });

  test("a view switch whose new write the page refuses for one unit leaves that one original", async () => {
    const page = await translated();
    refuseCopiesIn("c");
    page.setDisplayMode("bilingual");
    await page.whenSettled();
    for (const id of ["a", "b"]) expect(document.querySelectorAll(`#${id} ${COPY}`).length).toBe(1);
    expect(document.getElementById("c")?.outerHTML).toBe(`<p id="c">Dritter Absatz</p>`);
    page.restore();
    expect(document.body.innerHTML).toBe(PAGE);
  });

  test("a copy's line break the page will not let go stays; the copy itself still goes", async () => {
    const html = `<div id="d">Ein <b>Titel</b> hier<p>Absatz</p></div>`;
    document.body.innerHTML = html;
    const { page } = setup(null, { displayMode: "bilingual" });
    await page.translate();
    expect(document.querySelectorAll(COPY).length).toBe(2);
    const removeChild = Node.prototype.removeChild;
    jest.spyOn(Node.prototype, "removeChild").mockImplementation(function <T extends Node>(this: Node, child: T): T {
      if (child.nodeName === "BR") throw new Error("frozen");
      return removeChild.call(this, child) as T;
    });
    page.restore();
    expect(page.state).toBe("restored");
    expect(document.querySelectorAll(COPY).length).toBe(0);
    // With the style Gloss gave it, so that no page rule for line breaks hid it (jsdom writes it without !important).
    expect(document.body.innerHTML).toBe(
      `<div id="d">Ein <b>Titel</b> hier<br style="display: inline;"><p>Absatz</p></div>`,
    );
  });

  test("a drop-down whose value the page will not let be read does not stop Show original", async () => {
    const html = `<select id="s"><option>Bitte wählen</option></select><p id="a">Erster Absatz</p>`;
    document.body.innerHTML = html;
    const { page } = setup(null);
    await page.translate();
    const value = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value") as PropertyDescriptor;
    jest.spyOn(console, "warn").mockImplementation(() => {});
    Object.defineProperty(HTMLSelectElement.prototype, "value", {
      ...value,
      get() {
        throw new Error("frozen");
      },
    });
    try {
      page.restore();
    } finally {
      Object.defineProperty(HTMLSelectElement.prototype, "value", value);
    }
    expect(page.state).toBe("restored");
    expect(document.body.innerHTML).toBe(html);
  });
});
