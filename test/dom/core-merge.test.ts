// Item 9: merge reuses the live nodes. Placeholders map back to the page's own elements (moved, never recreated),
// original Text nodes receive the new text, inline elements may be reordered; duplicates are clones; unknown
// placeholders are dropped; an element that comes back empty keeps its text.

import { decodeUnit, encodeUnit, mergeUnit, restoreContent } from "../../src/core";
import type { ContentSnapshot, EncodedUnit } from "../../src/core";
import { undoWrite } from "../../src/core/restore/undo-write";
import { checkReply } from "../../src/llm/validate";
import { duplicateTag, inventTag } from "../helpers/fake-translator";
import { removedDuring, setup } from "../helpers/core-page";

function prepare(html: string): { root: Element; unit: EncodedUnit; before: string } {
  document.body.innerHTML = html;
  const root = document.body.firstElementChild as Element;
  const unit = encodeUnit(root);
  if (!unit) throw new Error("nothing encoded");
  return { root, unit, before: document.body.innerHTML };
}

function merge(unit: EncodedUnit, reply: string): ContentSnapshot {
  const d = decodeUnit(window, reply, unit);
  if (!d.ok) throw new Error(`rejected: ${d.reason}`);
  return mergeUnit(unit, d.fragment);
}

test("reordered inline elements: the same <a> object moves, keeps href and listeners; Text nodes are reused", () => {
  const { root, unit, before } = prepare(`<p>Ich <a href="/buecher" id="l">lese</a> gern <b>Bücher</b>.</p>`);
  expect(unit.html).toBe("Ich <a1>lese</a1> gern <b2>Bücher</b2>.");
  const link = document.querySelector("a") as HTMLAnchorElement & { frameworkState?: number };
  const bold = document.querySelector("b") as Element;
  const [firstText] = Array.from(root.childNodes);
  const linkText = link.firstChild;
  let clicks = 0;
  link.addEventListener("click", (e) => {
    e.preventDefault();
    clicks++;
  });
  link.frameworkState = 42;

  const snapshot = merge(unit, "<b2>Books</b2> I like to <a1>read</a1>.");
  expect(root.innerHTML).toBe(`<b>Books</b> I like to <a href="/buecher" id="l">read</a>.`);
  expect(root.querySelector("a")).toBe(link);
  expect(root.querySelector("b")).toBe(bold);
  expect(link.frameworkState).toBe(42);
  link.click();
  expect(clicks).toBe(1);
  expect(root.childNodes[1]).toBe(firstText);
  expect(link.firstChild).toBe(linkText);

  restoreContent(snapshot);
  expect(document.body.innerHTML).toBe(before);
  expect(root.childNodes[0]).toBe(firstText);
  expect(root.querySelector("a")).toBe(link);
});

// Either way back: exactly as it was (restoreContent), or keeping the page's changes (undoWrite; there are none).
test.each([
  ["restoreContent", restoreContent],
  ["undoWrite", undoWrite],
])("nesting may be inverted by the translation, and restored (%s)", (_, restore) => {
  const { root, unit, before } = prepare(`<p>Das ist <b>sehr <i>wichtig</i></b>!</p>`);
  expect(unit.html).toBe("Das ist <b1>sehr <i2>wichtig</i2></b1>!");
  const snapshot = merge(unit, "This is <i2>really <b1>important</b1></i2>!");
  expect(root.innerHTML).toBe("This is <i>really <b>important</b></i>!");
  restore(snapshot);
  expect(document.body.innerHTML).toBe(before);
});

test("a placeholder used twice: the second use is a clone, removed again on restore", () => {
  const { root, unit, before } = prepare(`<p>Siehe <a href="/faq">FAQ</a> oben.</p>`);
  const link = root.querySelector("a");
  const snapshot = merge(unit, "See <a1>FAQ</a1> above, or <a1>the FAQ page</a1>.");
  const links = root.querySelectorAll("a");
  expect(links).toHaveLength(2);
  expect(links[0]).toBe(link);
  expect(links[1]?.getAttribute("href")).toBe("/faq");
  expect(links[1]?.textContent).toBe("the FAQ page");
  restoreContent(snapshot);
  expect(document.body.innerHTML).toBe(before);
  expect(root.querySelectorAll("a")).toHaveLength(1);
});

test("a duplicated wrapper placeholder clones the wrapper with its edges and fills the inner link", () => {
  const { root, unit, before } = prepare(
    `<p>Klick <span class="w"><i class="icon"></i><a href="/x">hier</a></span> jetzt.</p>`,
  );
  expect(unit.html).toBe("Klick <a1>hier</a1> jetzt.");
  const snapshot = merge(unit, "Click <a1>here</a1> now, <a1>really</a1>.");
  expect(root.innerHTML).toBe(
    `Click <span class="w"><i class="icon"></i><a href="/x">here</a></span> now, <span class="w"><i class="icon"></i><a href="/x">really</a></span>.`,
  );
  restoreContent(snapshot);
  expect(document.body.innerHTML).toBe(before);
});

test("an element that comes back empty but had text keeps its original text", () => {
  const { root, unit } = prepare(`<p>Ich <a href="/x">lese</a> gern.</p>`);
  merge(unit, "I <a1></a1> like reading.");
  expect(root.innerHTML).toBe(`I <a href="/x">lese</a> like reading.`);
});

// A placeholder the reply puts only inside an element merge does not open (one that comes back empty and keeps its
// text, or an empty repeat) was counted as present by decode; it must not vanish from the page.
test.each([
  ["inside an element that comes back empty", "TEXT AND <a2><x1></x1></a2>"],
  ["inside an empty repeat of an element", "TEXT <a2>LINK</a2> AND <a2><x1></x1></a2>"],
])("code the reply puts only %s is not lost", (_, reply) => {
  const { root, unit, before } = prepare(`<p>Text <code>x</code> und <a href="/l">Link</a></p>`);
  expect(unit.html).toBe("Text <x1></x1> und <a2>Link</a2>");
  const code = root.querySelector("code");
  const snapshot = merge(unit, reply);
  expect(root.querySelector("code")).toBe(code);
  expect(root.textContent).toContain("x");
  restoreContent(snapshot);
  expect(document.body.innerHTML).toBe(before);
});

test("an image the reply left out is put back, not lost", () => {
  const { root, unit } = prepare(`<p>Ein Bild <img src="x.png"> mit Text.</p>`);
  const img = root.querySelector("img");
  merge(unit, "A picture with text.");
  expect(root.querySelector("img")).toBe(img);
  expect(root.textContent).toBe("A picture with text.");
});

test("unknown placeholders and invented tags are dropped, their text kept, through the whole engine", async () => {
  const { page } = setup(
    `<p>Lies <a href="/a">den Artikel</a> heute.</p>`,
    {},
    {
      reply: () => `READ <a1>THE ARTICLE</a1> <s7>TODAY</s7> <a href="https://evil.example" onclick="x()">NOW</a>.`,
    },
  );
  await page.translate();
  expect(document.body.innerHTML).toBe(`<p lang="en">READ <a href="/a">THE ARTICLE</a> TODAY NOW.</p>`);
});

test("merging into a compound wrapper reuses the inner link: <li><a>Home</a></li>", async () => {
  const { page, fake } = setup(`<ul><li class="item"><a href="/" class="nav">Startseite</a></li></ul>`);
  const link = document.querySelector("a");
  await page.translate();
  expect(fake.batches.flat().map((s) => s.html)).toEqual(["Startseite"]);
  expect(document.querySelector("a")).toBe(link);
  expect(document.body.innerHTML).toBe(
    `<ul><li class="item" lang="en"><a href="/" class="nav">STARTSEITE</a></li></ul>`,
  );
});

test("comments (framework markers) inside a unit stay in place", () => {
  const { root, unit, before } = prepare(`<p><!--lit-part-->Hallo <b>Welt</b><!--/lit-part--></p>`);
  const snapshot = merge(unit, "Hello <b1>world</b1>");
  expect(root.innerHTML).toBe("<!--lit-part-->Hello <b>world</b><!--/lit-part-->");
  restoreContent(snapshot);
  expect(document.body.innerHTML).toBe(before);
});

test("fake translator helpers: a duplicated link is cloned, invented tags vanish", async () => {
  const { page } = setup(
    `<p>Siehe <a href="/faq">FAQ</a>.</p>`,
    {},
    { reply: (upper) => inventTag(duplicateTag(upper, "a1")) },
  );
  await page.translate();
  expect(document.body.innerHTML).toBe(`<p lang="en">SIEHE <a href="/faq">FAQ</a>. <a href="/faq">FAQ</a>extra</p>`);
});

test("a footnote mark moves as the page's own element, and a reply that leaves it out still keeps it in place", () => {
  const html =
    `<p>Berlin ist groß.<sup class="reference"><a href="#cite_note-1">[1]</a></sup> ` +
    `Es hat viele Brücken.<sup class="reference"><a href="#cite_note-2">[2]</a></sup></p>`;
  const { root, unit, before } = prepare(html);
  expect(unit.html).toBe("Berlin ist groß.<x1></x1> Es hat viele Brücken.");
  const mark = root.querySelector("sup") as Element;

  const kept = merge(unit, "Berlin is big.<x1></x1> It has many bridges.");
  expect(root.querySelector("sup")).toBe(mark);
  expect(root.textContent).toBe("Berlin is big.[1] It has many bridges.[2]");
  expect(root.querySelector("a")?.getAttribute("href")).toBe("#cite_note-1");
  restoreContent(kept);
  expect(document.body.innerHTML).toBe(before);

  // The model dropped the mark: the reply is used rather than retried, and the mark is not lost. Its sentence is
  // gone with the text it was between, so it follows the passage's text, with the one that was already last.
  const dropped = merge(unit, "Berlin is big. It has many bridges.");
  expect(root.querySelectorAll("sup")).toHaveLength(2);
  expect(root.querySelector("sup")).toBe(mark);
  expect(root.textContent).toBe("Berlin is big. It has many bridges.[1][2]");
  restoreContent(dropped);
  expect(document.body.innerHTML).toBe(before);
});

test("a footnote mark the model repeats is not duplicated", () => {
  const { root, unit } = prepare(`<p>Eins.<sup><a href="#n1">[1]</a></sup> Zwei.</p>`);
  merge(unit, "One.<x1></x1> Two.<x1></x1>");
  expect(root.querySelectorAll("sup")).toHaveLength(1);
  expect(root.textContent).toBe("One.[1] Two.");
});

// A copy of a form field would be submitted with the page's form (a second value under its name), and a copied
// button or field has none of the page's handlers: the reader would type into, or press, something the page ignores.
describe("a form field the model repeats is never copied", () => {
  test("an echoed field without text is left out; a repeated button keeps its words, not a second button", () => {
    const { root, unit, before } = prepare(
      `<p>Geben Sie <input name="q" placeholder="Suche"> ein und drücken Sie <button type="button">Los</button>.</p>`,
    );
    const [input, button] = [root.querySelector("input"), root.querySelector("button")];
    const snapshot = merge(unit, "Type <x1></x1> and press <s2>Go</s2>: <x1></x1> then <s2>Go again</s2>.");
    expect(root.querySelectorAll("input")).toHaveLength(1);
    expect(root.querySelector("input")).toBe(input);
    expect(root.querySelectorAll("button")).toHaveLength(1);
    expect(root.querySelector("button")).toBe(button);
    expect(root.textContent).toBe("Type  and press Go:  then Go again.");
    restoreContent(snapshot);
    expect(document.body.innerHTML).toBe(before);
  });

  test("nor is a list box, or a label that holds a field", () => {
    const { root, unit, before } = prepare(
      `<p>Wählen Sie <select name="s"><option>Eins</option></select> oder <label>Name <input name="n"></label> aus.</p>`,
    );
    const snapshot = merge(unit, "Choose <s1>One</s1> or <s2>Name </s2>, <s1>One</s1> <s2>Name </s2>.");
    expect(root.querySelectorAll("select")).toHaveLength(1);
    expect(root.querySelectorAll("input")).toHaveLength(1);
    expect(root.querySelectorAll("label")).toHaveLength(1);
    expect(root.textContent).toBe("Choose One or Name , One Name .");
    restoreContent(snapshot);
    expect(document.body.innerHTML).toBe(before);
  });
});

describe("Writing a translation moves only what must move", () => {
  const html = `<p>Ich habe <b>gestern</b> mit <i>ihr</i> Kuchen gegessen.</p>`;
  /** Every node below `root`, in document order. */
  const below = (root: Node): Node[] => {
    const out: Node[] = [];
    const walker = document.createTreeWalker(root);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n);
    return out;
  };
  /** Moves the first placeholder of a kind (`i`, `a`) to the front of the reply. */
  const toFront =
    (kind: string) =>
    (upper: string): string => {
      const m = new RegExp(`<${kind}\\d>[^<]*</${kind}\\d>`).exec(upper);
      return m ? `${m[0]} ${upper.replace(` ${m[0]}`, "")}` : upper;
    };

  test("in the same order, no node leaves the page: the words change in the page's own Text nodes", async () => {
    const { page } = setup(html);
    const p = document.querySelector("p") as Element;
    const nodes = below(p);
    const removed = await removedDuring(() => page.translate());
    expect(document.body.innerHTML).toBe(`<p lang="en">ICH HABE <b>GESTERN</b> MIT <i>IHR</i> KUCHEN GEGESSEN.</p>`);
    expect(removed).toEqual([]);
    const now = below(p);
    expect(now).toHaveLength(nodes.length);
    expect(now.filter((n, i) => n !== nodes[i])).toEqual([]);
  });

  test("a translation that puts one word first moves that word alone", async () => {
    const { page } = setup(html, {}, { reply: toFront("i") });
    const italic = document.querySelector("i");
    const removed = await removedDuring(() => page.translate());
    expect(document.body.innerHTML).toBe(`<p lang="en"><i>IHR</i> ICH HABE <b>GESTERN</b> MIT KUCHEN GEGESSEN.</p>`);
    expect(removed).toEqual([italic]);
  });

  // A keyboard user who tabbed to a link while the page translates stays there; taking the link out would drop the
  // focus to the page's body (the next Tab starts from the top) and collapse a selection in it.
  const linked = `<p>Ich habe <b>gestern</b> mit <a href="#ihr">ihr</a> Kuchen gegessen.</p>`;

  test("a link that has the keyboard focus keeps it, and a selection in it stays, when its order is kept", async () => {
    const { page } = setup(linked);
    const link = document.querySelector("a") as HTMLAnchorElement;
    link.focus();
    document.getSelection()?.selectAllChildren(link);
    const removed = await removedDuring(() => page.translate());
    expect(document.body.innerHTML).toBe(
      `<p lang="en">ICH HABE <b>GESTERN</b> MIT <a href="#ihr">IHR</a> KUCHEN GEGESSEN.</p>`,
    );
    expect(removed).not.toContain(link);
    expect(document.activeElement).toBe(link);
    expect(document.getSelection()?.toString()).toBe("IHR");
  });

  test("a translation that moves the focused link moves the words around it instead", async () => {
    const { page } = setup(linked, {}, { reply: toFront("a") });
    const link = document.querySelector("a") as HTMLAnchorElement;
    link.focus();
    const removed = await removedDuring(() => page.translate());
    expect(document.body.innerHTML).toBe(
      `<p lang="en"><a href="#ihr">IHR</a> ICH HABE <b>GESTERN</b> MIT KUCHEN GEGESSEN.</p>`,
    );
    expect(removed).not.toContain(link);
    expect(document.activeElement).toBe(link);
  });

  test("inside a shadow root too (the document names only the shadow host as focused)", async () => {
    document.body.innerHTML = `<div id="host"></div>`;
    const root = (document.querySelector("#host") as Element).attachShadow({ mode: "open" });
    root.innerHTML = linked;
    const { page } = setup(null, {}, { reply: toFront("a") });
    const link = root.querySelector("a") as HTMLAnchorElement;
    link.focus();
    const removed = await removedDuring(() => page.translate(), root);
    expect(root.innerHTML).toBe(`<p lang="en"><a href="#ihr">IHR</a> ICH HABE <b>GESTERN</b> MIT KUCHEN GEGESSEN.</p>`);
    expect(removed).not.toContain(link);
    expect(root.activeElement).toBe(link);
  });

  test("a custom element the page has not defined yet stays attached when its order is kept", async () => {
    const { page } = setup(`<p>Bitte <my-badge>Neu</my-badge> lesen.</p>`);
    const badge = document.querySelector("my-badge") as Element;
    const removed = await removedDuring(() => page.translate());
    expect(document.body.innerHTML).toBe(`<p lang="en">BITTE <my-badge>NEU</my-badge> LESEN.</p>`);
    expect(removed).toEqual([]);
    expect(document.querySelector("my-badge")).toBe(badge);
  });
});

// A model that splits a link's words over two uses of its placeholder: the second use is a copy of the link, and
// what the link held besides its words (a bold word, an icon) is the reply's to place, not copied again with it.
test.each([
  [
    "a bold word in the link",
    `<p>Lies <a href="/x"><b>den</b> ganzen Artikel</a> heute</p>`,
    "Lies <a1><b2>den</b2> ganzen Artikel</a1> heute",
    "Read <a1><b2>the</b2></a1> <a1>whole article</a1> today",
    `Read <a href="/x"><b>the</b></a> <a href="/x">whole article</a> today`,
  ],
  [
    "an image in the link",
    `<p>Lies <a href="/x">den <img src="i.png"> ganzen Artikel</a> heute</p>`,
    "Lies <a1>den <x2></x2> ganzen Artikel</a1> heute",
    "Read <a1>the <x2></x2> whole</a1> article <a1>today</a1>",
    `Read <a href="/x">the <img src="i.png"> whole</a> article <a href="/x">today</a>`,
  ],
])("a link split over two uses: %s is not copied into the second", (_, html, sent, reply, written) => {
  const { root, unit, before } = prepare(html);
  expect(unit.html).toBe(sent);
  const snapshot = merge(unit, reply);
  expect(root.innerHTML).toBe(written);
  restoreContent(snapshot);
  expect(document.body.innerHTML).toBe(before);
});

// A small model writes the page's own kind of tag instead of the placeholder: the page's element gets its words.
test("a reply with <strong> for the bold placeholder and <br> for the line break keeps both page elements", () => {
  const { root, unit, before } = prepare(
    `<p><strong class="n">Hinweis</strong>: Das ist <b>sehr</b> wichtig.<br>Danke.</p>`,
  );
  expect(unit.html).toBe("<b1>Hinweis</b1>: Das ist <b2>sehr</b2> wichtig.<x3></x3>Danke.");
  const strong = root.querySelector("strong");
  // As the reply reaches the page: through the server client's checks first.
  const checked = checkReply(unit.html, "<strong>Note</strong>: This is <b2>very</b2> important.<br>Thanks.", {
    targetLang: "en",
  });
  if (!checked.ok) throw new Error(`refused: ${checked.reason}`);
  const snapshot = merge(unit, checked.html);
  expect(root.innerHTML).toBe(`<strong class="n">Note</strong>: This is <b>very</b> important.<br>Thanks.`);
  expect(root.querySelector("strong")).toBe(strong);
  restoreContent(snapshot);
  expect(document.body.innerHTML).toBe(before);
});

// An opaque placeholder's content is never used (the page's image or code stays as it was); words the model wrote
// into it are its translation all the same.
test("words a reply writes inside an image's empty pair are kept, after the image", () => {
  const { root, unit, before } = prepare(`<p>Ein <img src="i.png"> Bild und <a href="/x">Link</a></p>`);
  expect(unit.html).toBe("Ein <x1></x1> Bild und <a2>Link</a2>");
  const img = root.querySelector("img");
  const snapshot = merge(unit, "A <x1>picture</x1> and <a2>link</a2>");
  expect(root.innerHTML).toBe(`A <img src="i.png">picture and <a href="/x">link</a>`);
  expect(root.querySelector("img")).toBe(img);
  restoreContent(snapshot);
  expect(document.body.innerHTML).toBe(before);
});
