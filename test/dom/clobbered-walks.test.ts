// A page can name its elements after the DOM's own members: a <form> shows its controls by name in place of them, and
// the document its named forms and images (HTMLFormElement's and Document's [LegacyOverrideBuiltIns]), in the content
// script's world too. With `<input name="parentNode">` in a form, form.parentNode is that input, inside the form: a
// walk up the page from there went round for ever, and the tab froze with Gloss's script running in it.
import { LateAnswers } from "../../src/core/collect/late-answers";
import { ReplyParents } from "../../src/core/collect/reply-parent";
import { inEditable } from "../../src/core/collect/rules";
import type * as Rules from "../../src/core/collect/rules";
import { slotHostOf } from "../../src/core/collect/unslotted";
import { encodeUnit } from "../../src/core/markup/encode";
import { paragraphRegion } from "../../src/core/schedule/paragraph-region";
import { pointNamesAtCopy, undoCopyNames } from "../../src/core/display/copy-names";
import { attrOf, composedContains, composedParentElement, deepFocus, focusedIn, isPinned } from "../../src/core/dom";
import { focusWalk } from "../../src/core/frames/focus-walk";
import type * as FrameDocuments from "../../src/core/frames/frame-documents";
import { pageDocuments } from "../../src/core/frames/page-documents";
import { createShownWatch } from "../../src/core/frames/shown-watch";
import type { Unit } from "../../src/core/units";
import { MoveDraft } from "../../src/core/write/draft";
import { undoInline, writeInline } from "../../src/core/write/inline-style";
import { directionOf } from "../../src/core/write/text-direction";
import { mastodon } from "../../src/sites/mastodon";
import { pageContextOf } from "../../src/sites/page-context";
import { createFramedPageTranslator } from "../../src/core";
import { setup } from "../helpers/core-page";
import { createFakeTranslator } from "../helpers/fake-translator";

/** How many reads of a named member stand for "for ever": a walk up any page is far shorter. */
const FOR_EVER = 100_000;

/**
 * Shows `named` as `owner`'s member `name`, as a browser does (jsdom has no named properties): an own property, in
 * front of the DOM's. Counted, so that a walk that goes round stops with an error instead of freezing the test.
 */
function nameAfter(owner: Node, name: string, named: Element): void {
  let reads = 0;
  Object.defineProperty(owner, name, {
    configurable: true,
    get: () => {
      if (++reads > FOR_EVER) throw new Error(`went round on ${name}`);
      return named;
    },
  });
}

afterEach(() => {
  delete (document as never)["parentNode"];
});

/** A paragraph in a form whose control is named `member` (parentNode unless said). */
function inNamingForm(member = "parentNode"): { form: HTMLFormElement; p: HTMLParagraphElement } {
  document.body.innerHTML =
    `<main><form id="f"><p>Ein Absatz im Formular.</p><label>Ihr Name <input id="c"></label></form></main>` +
    `<p>Letzter Absatz.</p>`;
  const form = document.getElementById("f") as HTMLFormElement;
  nameAfter(form, member, document.getElementById("c")!);
  return { form, p: form.querySelector("p")! };
}

test("a walk up from inside a form whose control is named parentNode reaches the page around the form", () => {
  const { form, p } = inNamingForm();
  const main = document.querySelector("main")!;
  expect(composedContains(main, p)).toBe(true);
  expect(composedContains(document.body.lastElementChild!, p)).toBe(false);
  expect(composedParentElement(form)).toBe(main);
});

test("a planned move in such a form checks what holds what by the page's tree", () => {
  const { form, p } = inNamingForm();
  const draft = new MoveDraft();
  expect(draft.contains(document.body, p)).toBe(true);
  expect(draft.contains(document.body.lastElementChild!, form)).toBe(false);
});

test("an image named parentNode (the document's named member) does not send a walk up the page round for ever", () => {
  document.body.innerHTML = `<p>Ein Absatz.</p><img name="parentNode" alt="">`;
  nameAfter(document, "parentNode", document.querySelector("img")!);
  const p = document.querySelector("p")!;
  expect(composedParentElement(document.documentElement)).toBe(null);
  expect(composedContains(document.createElement("div"), p)).toBe(false);
});

test.each(["replace", "bilingual"] as const)(
  "a page whose form names a control parentNode is translated and given back whole (%s)",
  async (displayMode) => {
    const { form, p } = inNamingForm();
    const original = document.body.innerHTML;
    const { page } = setup(null, { displayMode });
    await page.translate();
    // The fake translator's English is the German in capitals.
    expect(p.textContent).toContain("EIN ABSATZ IM FORMULAR.");
    expect(form.querySelector("label")!.textContent).toContain("IHR NAME");
    page.restore();
    expect(document.body.innerHTML).toBe(original);
  },
);

// What Gloss reads of any element of the page, a form's controls can stand in for. jsdom's own selector engine reads
// getAttribute, hasAttribute, parentElement and ownerDocument from script (a browser's does not), so those are shown
// to the Gloss code that reads them below, not through a whole page.
const READ_MEMBERS = [
  "localName",
  "tagName",
  "nodeType",
  "matches",
  "closest",
  "contains",
  "firstChild",
  "nextSibling",
  "childNodes",
  "children",
  "shadowRoot",
  "classList",
  "getBoundingClientRect",
  "isConnected",
  "id",
  "title",
  "lang",
  "dir",
  "hidden",
  "style",
  "elements",
];

test.each(["replace", "bilingual"] as const)(
  "a page whose form names its controls after what Gloss reads of an element is translated and given back whole (%s)",
  async (displayMode) => {
    const { form, p } = inNamingForm("title");
    for (const member of READ_MEMBERS) nameAfter(form, member, document.getElementById("c")!);
    const original = document.body.innerHTML;
    const { page } = setup(null, { displayMode });
    await page.translate();
    expect(p.textContent).toContain("EIN ABSATZ IM FORMULAR.");
    expect(document.querySelector("label")!.textContent).toContain("IHR NAME");
    expect(document.body.lastElementChild!.textContent).toContain("LETZTER ABSATZ.");
    page.restore();
    expect(document.body.innerHTML).toBe(original);
    for (const member of READ_MEMBERS) delete (form as never)[member];
  },
);

test("a form whose controls are named localName, hasAttribute and getAttribute is no custom element to Gloss", () => {
  const { form } = inNamingForm("localName");
  for (const member of ["hasAttribute", "getAttribute", "matches"])
    nameAfter(form, member, form.querySelector("input")!);
  expect(isPinned(form)).toBe(false);
  expect(attrOf(form, "id")).toBe("f");
});

test("the comment a reply answers is found from inside a form whose control is named parentElement", () => {
  document.body.innerHTML = `<div class="c" id="a"><p>Erster.</p><form id="f"><div class="c" id="b">Antwort.</div><input></form></div>`;
  const form = document.getElementById("f")!;
  nameAfter(form, "parentElement", form.querySelector("input")!);
  expect(new ReplyParents(".c").of(document.getElementById("b")!)?.id).toBe("a");
});

test("a hidden frame in a form whose control is named parentElement is watched up to the page's root", () => {
  document.body.innerHTML = `<form id="f"><iframe hidden></iframe><input></form>`;
  const form = document.getElementById("f")!;
  nameAfter(form, "parentElement", form.querySelector("input")!);
  const watch = createShownWatch(() => {});
  expect(() => watch.watch(form.querySelector("iframe")!)).not.toThrow();
  watch.stop();
});

test("a copy of a form whose control is named id is pointed at by the page's names, with an id that is text", () => {
  document.body.innerHTML = `<form id="f"><input name="x"></form><p aria-labelledby="f">Formular</p><div id="box"></div>`;
  const form = document.getElementById("f")!;
  const copy = form.cloneNode(true) as Element;
  copy.removeAttribute("id");
  document.getElementById("box")!.append(copy);
  for (const el of [form, copy]) nameAfter(el, "id", el.querySelector("input")!);
  const names = pointNamesAtCopy(new Map([[copy, form]]), (el) => el === copy);
  const to = document.querySelector("p")!.getAttribute("aria-labelledby")!;
  expect(to).toMatch(/^gloss-copy-/);
  expect(copy.getAttribute("id")).toBe(to);
  undoCopyNames(names!);
  expect(document.querySelector("p")!.getAttribute("aria-labelledby")).toBe("f");
});

test("an inline style Gloss sets on a form whose control is named style is set and taken back", () => {
  const { form } = inNamingForm("style");
  const write = writeInline(form, [["unicode-bidi", "isolate"]]);
  expect(form.getAttribute("style")).toContain("unicode-bidi: isolate");
  undoInline(write);
  expect(form.hasAttribute("style")).toBe(false);
});

test.each(["replace", "bilingual"] as const)(
  "a page whose images are named after what Gloss reads of the document is translated and given back whole (%s)",
  async (displayMode) => {
    const { p } = inNamingForm("title");
    const body = document.body;
    const original = body.innerHTML;
    const img = document.createElement("img");
    const names = ["defaultView", "body", "documentElement", "querySelector", "querySelectorAll", "createTreeWalker"];
    for (const name of names) nameAfter(document, name, img);
    try {
      const { page } = setup(null, { displayMode });
      await page.translate();
      expect(p.textContent).toContain("EIN ABSATZ IM FORMULAR.");
      expect(body.lastElementChild!.textContent).toContain("LETZTER ABSATZ.");
      page.restore();
      expect(body.innerHTML).toBe(original);
    } finally {
      for (const name of names) delete (document as never)[name];
    }
  },
);

test("the page's title is told the model on a page whose image is named title", () => {
  document.title = "Bahn  heute";
  document.body.innerHTML = `<img name="title" alt="">`;
  nameAfter(document, "title", document.querySelector("img")!);
  try {
    expect(pageContextOf(document, "https://example.org/")).toBe("Page title: Bahn heute");
  } finally {
    delete (document as never)["title"];
  }
});

/** A form holding a sentence, whose controls are named `names`, is translated and given back whole. */
async function sentenceFormRoundTrip(names: string[], displayMode: "replace" | "bilingual"): Promise<void> {
  document.body.innerHTML = `<form id="f">Suchen Sie <b>hier</b> im Archiv <input id="c"> und dort.</form><p>Ende.</p>`;
  const original = document.body.innerHTML;
  const form = document.getElementById("f")!;
  for (const name of names) nameAfter(form, name, document.getElementById("c")!);
  const { page } = setup(null, { displayMode });
  await page.translate();
  expect(form.textContent).toContain("SUCHEN SIE");
  page.restore();
  expect(document.body.innerHTML).toBe(original);
}

test.each(["replace", "bilingual"] as const)(
  "a form holding a sentence, whose controls are named after the DOM's own changes, is translated and given back whole (%s)",
  (displayMode) =>
    sentenceFormRoundTrip(["insertBefore", "removeChild", "getElementsByTagName", "contains"], displayMode),
);

test.each(["replace", "bilingual"] as const)(
  "a page whose images are named after what Gloss makes with the document is translated and given back whole (%s)",
  async (displayMode) => {
    const { form, p } = inNamingForm("title");
    const body = document.body;
    const original = body.innerHTML;
    const img = document.createElement("img");
    const names = ["implementation", "createTextNode", "createElement", "createRange"];
    for (const name of names) nameAfter(document, name, img);
    try {
      const { page } = setup(null, { displayMode });
      await page.translate();
      expect(p.textContent).toContain("EIN ABSATZ IM FORMULAR.");
      expect(form.textContent).toContain("IHR NAME");
      page.restore();
      expect(body.innerHTML).toBe(original);
    } finally {
      for (const name of names) delete (document as never)[name];
    }
  },
);

test.each(["replace", "bilingual"] as const)(
  "a form holding a sentence, whose controls are named after what Gloss asks of its tree, is translated and given back (%s)",
  (displayMode) => sentenceFormRoundTrip(["getRootNode", "querySelector"], displayMode),
);

// jsdom's selector engine reads ownerDocument from script (a browser's does not): shown to the Gloss code that reads it,
// with the page's own document asked of nothing else.
test("a form whose control is named ownerDocument is encoded, and left alone in a document the reader edits", () => {
  const { form } = inNamingForm("title");
  nameAfter(form, "ownerDocument", document.getElementById("c")!);
  try {
    expect(encodeUnit(form)?.text).toContain("Ein Absatz im Formular.");
    Object.defineProperty(document, "designMode", { configurable: true, get: () => "on" });
    expect(inEditable(form)).toBe(true);
  } finally {
    delete (document as never)["designMode"];
    delete (form as never)["ownerDocument"];
  }
});

test("a form showing a component's slot, whose controls are named getRootNode and querySelector, tells its host", () => {
  document.body.innerHTML = `<div id="h"><span>Licht</span></div>`;
  const host = document.getElementById("h")!;
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = `<form><slot></slot><input></form>`;
  const form = root.querySelector("form")!;
  for (const name of ["getRootNode", "querySelector"]) nameAfter(form, name, root.querySelector("input")!);
  // Shown again after being hidden, it has the host's light children collected again.
  expect(slotHostOf(form)).toBe(host);
});

test.each([
  ["the thread is a form whose control is named firstElementChild", "div", "form", "firstElementChild"],
  ["its posts are forms whose control is named className", "form", "div", "className"],
])("a page's main content is its whole thread of posts where %s", (_, post, thread, member) => {
  const text = (n: number): string => "<p>Ein Satz in einem Beitrag.</p>".repeat(n);
  const posts = [6, 1, 1, 1].map((n) => `<${post} class="post">${text(n)}<input></${post}>`).join("");
  document.body.innerHTML = `<${thread} id="t">${posts}<input></${thread}>`;
  const t = document.getElementById("t")!;
  const owners = thread === "form" ? [t] : Array.from(t.children);
  for (const owner of owners) nameAfter(owner, member, owner.querySelector("input")!);
  expect(paragraphRegion(document, "nav")).toBe(t);
});

test("the comment a reply answers is found from inside a form whose control is named previousElementSibling", () => {
  document.body.innerHTML = `<div class="c" id="a"><p>Erster.</p><form id="f"><div class="c" id="b">Antwort.</div><input></form></div>`;
  const form = document.getElementById("f")!;
  nameAfter(form, "previousElementSibling", form.querySelector("input")!);
  expect(new ReplyParents(".c").of(document.getElementById("b")!)?.id).toBe("a");
});

test("bilingual: a form the page names a dialog by, its controls named contains and querySelectorAll, gets its copies and is named by them", async () => {
  document.body.innerHTML =
    `<div role="dialog" aria-describedby="f"><form id="f"><p>Erster Absatz.</p><p>Zweiter Absatz.</p>` +
    `<input id="c"></form></div>`;
  const original = document.body.innerHTML;
  const form = document.getElementById("f")!;
  for (const name of ["contains", "querySelectorAll"]) nameAfter(form, name, document.getElementById("c")!);
  const { page } = setup(null, { displayMode: "bilingual" });
  await page.translate();
  expect(form.textContent).toBe("Erster Absatz.ERSTER ABSATZ.Zweiter Absatz.ZWEITER ABSATZ.");
  // The dialog's description is read from the copies (the translation), no more from the form's two languages.
  const ids = document.querySelector("[role=dialog]")!.getAttribute("aria-describedby")!.split(" ");
  expect(ids.map((id) => document.getElementById(id)?.textContent)).toEqual(["ERSTER ABSATZ.", "ZWEITER ABSATZ."]);
  page.restore();
  expect(document.body.innerHTML).toBe(original);
});

test("bilingual: a form named by its heading, one of its fields named getRootNode, is named by the heading's translation", async () => {
  document.body.innerHTML = `<form id="f" aria-labelledby="h"><h2 id="h">Anmeldung</h2><p>Bitte melden Sie sich an.</p><input id="c"></form>`;
  const original = document.body.innerHTML;
  const form = document.getElementById("f")!;
  nameAfter(form, "getRootNode", document.getElementById("c")!);
  const { page } = setup(null, { displayMode: "bilingual" });
  await page.translate();
  expect(document.getElementById("h")!.textContent).toBe("AnmeldungANMELDUNG");
  const named = document.getElementById(form.getAttribute("aria-labelledby")!);
  expect(named?.textContent).toBe("ANMELDUNG");
  page.restore();
  expect(document.body.innerHTML).toBe(original);
});

test("bilingual, blurred: a paragraph in a form the page made focusable, its fields named contains and assignedSlot, gets its copy, shown by the form's focus", async () => {
  document.body.innerHTML = `<form id="f" tabindex="0"><p>Ein Absatz im Formular.</p><input id="c"></form>`;
  const original = document.body.innerHTML;
  const form = document.getElementById("f")!;
  for (const name of ["contains", "assignedSlot"]) nameAfter(form, name, document.getElementById("c")!);
  const { page } = setup(null, { displayMode: "bilingual", bilingualStyle: "blur" });
  await page.translate();
  const copy = form.querySelector("span[translate=no]") as HTMLElement;
  expect(copy.textContent).toBe("EIN ABSATZ IM FORMULAR.");
  // Shown by the focus in the form, the page's control around it: no Tab stop of its own.
  expect(copy.hasAttribute("tabindex")).toBe(false);
  form.focus();
  expect(copy.style.getPropertyValue("filter")).toBe("none");
  page.restore();
  expect(document.body.innerHTML).toBe(original);
});

test.each([
  ["querySelectorAll", `<form id="f"><div class="c" id="b">Antwort.</div><input></form>`],
  ["nextElementSibling", `<form id="f"><p>Antworten</p><input></form><div><div class="c" id="b">Antwort.</div></div>`],
])("a reply judged before its comment told is judged again past a form whose control is named %s", (member, after) => {
  document.body.innerHTML = `<div class="c" id="a">Erster.</div>${after}`;
  const form = document.getElementById("f")!;
  nameAfter(form, member, form.querySelector("input")!);
  const replyParents = new ReplyParents(".c");
  const reply = document.getElementById("b")!;
  expect(replyParents.of(reply)?.id).toBe("a");
  const late = new LateAnswers(".c", replyParents);
  const unit = {} as Unit;
  late.wait(reply, unit);
  expect(late.take(document.getElementById("a")!)).toEqual([unit]);
});

test("a reply waiting in a form whose control is named contains is judged again when items change in the form", () => {
  document.body.innerHTML = `<div class="c" id="a">Erster.</div><form id="f"><div class="c" id="b">Antwort.</div><input></form>`;
  const form = document.getElementById("f")!;
  nameAfter(form, "contains", form.querySelector("input")!);
  const late = new LateAnswers(".c", new ReplyParents(".c"));
  const unit = {} as Unit;
  late.wait(document.getElementById("b")!, unit);
  expect(late.moved(new Set([form]), () => true)).toEqual(new Map([[document.getElementById("a"), [unit]]]));
});

test("Mastodon's compose form, whose control is named querySelector, tells its post's language and what is left", () => {
  document.body.innerHTML =
    `<form class="compose-form"><textarea></textarea><div class="privacy-dropdown__value">` +
    `<button class="text-icon-button">DE</button></div><span class="character-counter">-37</span></form>`;
  const form = document.querySelector("form")!;
  const field = form.querySelector("textarea")!;
  nameAfter(form, "querySelector", field);
  expect(mastodon.postLanguage!(field)).toBe("DE");
  expect(mastodon.charactersLeft!(field)).toBe(-37);
});

test("a form of right-to-left text with dir=auto runs right to left though its control is named textContent", () => {
  document.body.innerHTML = `<form id="f" dir="auto">مرحبا بكم في الأرشيف <input id="c"></form>`;
  const form = document.getElementById("f")!;
  nameAfter(form, "textContent", document.getElementById("c")!);
  expect(directionOf(form)).toBe("rtl");
});

test.each(["querySelectorAll", "defaultView", "documentElement"])(
  "a page whose image is named %s has the frame it shows translated with it and given back whole",
  async (name) => {
    document.body.innerHTML = `<p>Ein Absatz.</p><iframe></iframe>`;
    const frame = document.querySelector("iframe")!;
    const inner = frame.contentDocument!;
    inner.body.innerHTML = `<p>Ein Absatz im Rahmen.</p>`;
    const before = inner.documentElement.outerHTML;
    nameAfter(document, name, document.createElement("img"));
    const page = createFramedPageTranslator(document, {
      translator: createFakeTranslator().translate,
      targetLang: "en",
    });
    try {
      await page.translate();
      expect(inner.querySelector("p")!.textContent).toBe("EIN ABSATZ IM RAHMEN.");
      page.restore();
      expect(inner.documentElement.outerHTML).toBe(before);
    } finally {
      delete (document as never)[name];
      page.restore();
    }
  },
);

test("a page whose image is named defaultView has a frame it shows later translated then", async () => {
  document.body.innerHTML = `<p>Ein Absatz.</p><iframe hidden></iframe>`;
  const frame = document.querySelector("iframe")!;
  const inner = frame.contentDocument!;
  inner.body.innerHTML = `<p>Ein Absatz im Rahmen.</p>`;
  nameAfter(document, "defaultView", document.createElement("img"));
  const page = createFramedPageTranslator(document, { translator: createFakeTranslator().translate, targetLang: "en" });
  try {
    await page.translate();
    expect(inner.querySelector("p")!.textContent).toBe("Ein Absatz im Rahmen.");
    frame.hidden = false;
    await new Promise((resolve) => setTimeout(resolve, 50));
    await page.whenSettled();
    expect(inner.querySelector("p")!.textContent).toBe("EIN ABSATZ IM RAHMEN.");
  } finally {
    delete (document as never)["defaultView"];
    page.restore();
  }
});

test("a frame whose document names an image defaultView is seen as part of its page", () => {
  document.body.innerHTML = `<iframe></iframe>`;
  const inner = document.querySelector("iframe")!.contentDocument!;
  nameAfter(inner, "defaultView", inner.createElement("img"));
  expect(pageDocuments(inner)).toEqual([document, inner]);
});

test("the reader's focus is found on a page whose form is named activeElement", () => {
  document.body.innerHTML = `<form name="activeElement"><p>Antwort: <textarea></textarea></p></form>`;
  const box = document.querySelector("textarea")!;
  box.focus();
  nameAfter(document, "activeElement", document.querySelector("form")!);
  try {
    expect(deepFocus(document)).toBe(box);
    expect(focusedIn(document.querySelector("p")!)).toBe(box);
    expect(focusWalk(document).element).toBe(box);
  } finally {
    delete (document as never)["activeElement"];
  }
});

// jsdom has no designMode: the test gives Document a browser's getter, before Gloss's modules read it as they load.
test("a document the reader edits (designMode), whose image is named designMode, is left alone", () => {
  Object.defineProperty(Document.prototype, "designMode", { configurable: true, get: () => "on" });
  document.body.innerHTML = `<p>Ein Absatz.</p><img name="designMode" alt="">`;
  nameAfter(document, "designMode", document.querySelector("img")!);
  try {
    jest.isolateModules(() => {
      const rules = jest.requireActual<typeof Rules>("../../src/core/collect/rules");
      const frames = jest.requireActual<typeof FrameDocuments>("../../src/core/frames/frame-documents");
      expect(rules.inEditable(document.querySelector("p")!)).toBe(true);
      expect(rules.isEditable(document.body)).toBe(true);
      expect(frames.isEditor(document)).toBe(true);
    });
  } finally {
    delete (document as never)["designMode"];
    delete (Document.prototype as never)["designMode"];
  }
});

test.each([
  ["parentNode", "replace"],
  ["nextSibling", "replace"],
  ["previousSibling", "replace"],
  ["parentNode", "bilingual"],
  ["nextSibling", "bilingual"],
] as const)(
  "a sentence around an inline form whose control is named %s is translated and given back whole (%s)",
  async (member, displayMode) => {
    document.body.innerHTML =
      `<div>Klicken Sie <form style="display:inline"><input id="c"></form> und dann weiter.</div>` + `<p>Ende.</p>`;
    const original = document.body.innerHTML;
    const form = document.querySelector("form")!;
    nameAfter(form, member, document.getElementById("c")!);
    const { page } = setup(null, { displayMode });
    await page.translate();
    expect(document.querySelector("div")!.textContent).toContain("UND DANN WEITER.");
    page.restore();
    expect(document.body.innerHTML).toBe(original);
  },
);

/** A sentence part of which is an inline form whose controls are named `names` is translated and given back whole. */
async function inlineFormRoundTrip(names: string[], displayMode: "replace" | "bilingual"): Promise<void> {
  document.body.innerHTML =
    `<div>Klicken Sie <form style="display:inline">hier <b>jetzt</b> <img id="c" alt=""></form> und dann weiter.</div>` +
    `<p>Ende.</p>`;
  const original = document.body.innerHTML;
  const form = document.querySelector("form")!;
  for (const name of names) nameAfter(form, name, document.getElementById("c")!);
  try {
    const { page } = setup(null, { displayMode });
    await page.translate();
    expect(document.querySelector("div")!.textContent).toContain("HIER JETZT  UND DANN WEITER.");
    page.restore();
    expect(document.body.innerHTML).toBe(original);
  } finally {
    for (const name of names) delete (form as never)[name];
  }
}

test.each(["replace", "bilingual"] as const)(
  "a sentence part of which is an inline form whose image is named parentNode and nextSibling is translated and given back (%s)",
  (displayMode) => inlineFormRoundTrip(["parentNode", "nextSibling"], displayMode),
);

test("bilingual: a sentence part of which is an inline form whose image is named querySelector and cloneNode gets its copy, and is given back", () =>
  inlineFormRoundTrip(["querySelector", "cloneNode", "firstChild", "previousSibling"], "bilingual"));

test("bilingual: a click on the copy of a form the page made a button, its image named click, is a click on the page's form", async () => {
  document.body.innerHTML = `<div>Klicken Sie <form style="display:inline" role="button">hier <img id="c" alt=""></form> und dann weiter.</div>`;
  const form = document.querySelector("form")!;
  let clicks = 0;
  form.addEventListener("click", () => clicks++);
  nameAfter(form, "click", document.getElementById("c")!);
  const { page } = setup(null, { displayMode: "bilingual" });
  await page.translate();
  const copy = document.querySelector("span[translate=no] [role=button]") as HTMLElement;
  expect(copy.textContent).toBe("HIER ");
  copy.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true }));
  expect(clicks).toBe(1);
});

test("an inline form the page puts in beside blocks, its image named parentNode, is translated", async () => {
  document.body.innerHTML = `<div><p>Ein Absatz.</p>Davor.</div>`;
  const { page } = setup(null);
  await page.translate();
  const form = document.createElement("form");
  form.style.display = "inline";
  form.innerHTML = `Klicken Sie <b>hier</b> <img alt="">`;
  document.querySelector("div")!.append(form);
  nameAfter(form, "parentNode", form.querySelector("img")!);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await page.whenSettled();
  expect(form.textContent).toContain("KLICKEN SIE HIER");
});

test("a form the page puts in, its image named querySelectorAll, is translated with what comes in beside it", async () => {
  document.body.innerHTML = `<p>Erster Absatz.</p>`;
  const { page } = setup(null);
  await page.translate();
  const form = document.createElement("form");
  form.innerHTML = `<p>Im Formular.</p><img alt="">`;
  const p = document.createElement("p");
  p.textContent = "Zweiter Absatz.";
  document.body.append(form, p);
  nameAfter(form, "querySelectorAll", form.querySelector("img")!);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await page.whenSettled();
  expect(document.body.textContent).toBe("ERSTER ABSATZ.IM FORMULAR.ZWEITER ABSATZ.");
});

test("bilingual: what the page puts in a form whose image is named querySelectorAll is named by the translation it refers to", async () => {
  document.body.innerHTML = `<p id="a">Erster Absatz.</p><span aria-describedby="a"></span>`;
  const { page } = setup(null, { displayMode: "bilingual" });
  await page.translate();
  const form = document.createElement("form");
  form.innerHTML = `<span role="img" aria-describedby="b"></span><img alt="">`;
  const p = document.createElement("p");
  p.id = "b";
  p.textContent = "Zweiter Absatz.";
  document.body.append(form, p);
  nameAfter(form, "querySelectorAll", form.querySelector("img")!);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await page.whenSettled();
  const to = form.querySelector("span")!.getAttribute("aria-describedby")!;
  expect(document.getElementById(to)?.textContent).toBe("ZWEITER ABSATZ.");
});

test.each(["replace", "bilingual"] as const)(
  "a sentence part of which is an inline form whose image is named childNodes is translated whole and given back (%s)",
  (displayMode) => inlineFormRoundTrip(["childNodes"], displayMode),
);

test("a form whose control is named setAttribute has its title translated, and given back by Show original", async () => {
  const { form } = inNamingForm("setAttribute");
  Element.prototype.setAttribute.call(form, "title", "Ihre Anmeldung");
  const original = document.body.innerHTML;
  const { page } = setup(null);
  await page.translate();
  expect(form.getAttribute("title")).toBe("IHRE ANMELDUNG");
  page.restore();
  expect(document.body.innerHTML).toBe(original);
  delete (form as never)["setAttribute"];
});
