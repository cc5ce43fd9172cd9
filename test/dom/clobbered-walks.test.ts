// A page can name its elements after the DOM's own members: a <form> shows its controls by name in place of them, and
// the document its named forms and images (HTMLFormElement's and Document's [LegacyOverrideBuiltIns]), in the content
// script's world too. With `<input name="parentNode">` in a form, form.parentNode is that input, inside the form: a
// walk up the page from there went round for ever, and the tab froze with Gloss's script running in it.
import { composedContains, composedParentElement } from "../../src/core/dom";
import { MoveDraft } from "../../src/core/write/draft";
import { setup } from "../helpers/core-page";

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
