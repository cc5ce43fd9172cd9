// Custom elements that render their own text (in connectedCallback / attributeChangedCallback) run page code
// whenever they are moved or an observed attribute changes. Gloss never moves them and never rewrites their
// attributes, so "Show original" puts back exactly what was there, and their own callbacks never run again.

import { sent, setup } from "../helpers/core-page";

/** Each connection appends "Hallo <name>": moved once, the text would double. Counts every callback. */
const calls = { connected: 0, attribute: 0 };
class SelfRendering extends HTMLElement {
  static observedAttributes = ["name", "title", "aria-label"];
  connectedCallback(): void {
    calls.connected++;
    this.append(`Hallo ${this.getAttribute("name") ?? ""}`);
  }
  attributeChangedCallback(): void {
    calls.attribute++;
  }
}
customElements.define("x-greeting", SelfRendering);
customElements.define("x-word", class extends HTMLSpanElement {}, { extends: "span" });

beforeEach(() => {
  calls.connected = calls.attribute = 0;
});

const pageHtml = () => document.body.innerHTML;

test("a defined custom element inside a sentence is never moved: its callbacks never run again", async () => {
  document.body.innerHTML = `<p>Guten Morgen, <x-greeting name="Welt" title="Gruß"></x-greeting> und willkommen auf der Seite.</p>`;
  const before = pageHtml();
  expect(before).toContain("Hallo Welt</x-greeting>");
  calls.connected = calls.attribute = 0;

  const { page, fake } = setup(null);
  const summary = await page.translate();
  expect(summary.failed).toBe(0);
  // The text around it is translated, the element's own text in place, its attribute left alone.
  expect(pageHtml()).toBe(
    `<p>GUTEN MORGEN, <x-greeting name="Welt" title="Gruß">HALLO WELT</x-greeting> UND WILLKOMMEN AUF DER SEITE.</p>`,
  );
  expect(sent(fake)).not.toContain("Gruß");
  page.restore();
  expect(pageHtml()).toBe(before);
  expect(calls).toEqual({ connected: 0, attribute: 0 });
});

test("restore is exact when the element stands alone and its own content is translated", async () => {
  document.body.innerHTML = `<div><x-greeting name="Leute"></x-greeting></div><p>Ein Absatz daneben.</p>`;
  const before = pageHtml();
  calls.connected = 0;
  const { page } = setup(null);
  await page.translate();
  expect(pageHtml()).toContain("HALLO LEUTE");
  page.restore();
  expect(pageHtml()).toBe(before);
  expect(calls.connected).toBe(0);
});

test("a customized built-in (is=…) is kept in place too; an undefined custom tag still travels with its sentence", async () => {
  document.body.innerHTML = `<p>Bitte <span is="x-word">hier</span> klicken und <my-badge>Neu</my-badge> lesen.</p>`;
  const before = pageHtml();
  const { page, fake } = setup(null);
  await page.translate();
  expect(sent(fake)).toEqual(["Bitte", "hier", "klicken und <s1>Neu</s1> lesen."]);
  page.restore();
  expect(pageHtml()).toBe(before);
});

test("an element the page defines after Gloss read the page is not moved into its translation", async () => {
  document.body.innerHTML = `<p>Heute <x-late>spät</x-late> geschrieben, morgen gelesen.</p>`;
  const before = pageHtml();
  const { page, fake } = setup(null, {}, { hold: true });
  const done = page.translate();
  await fake.nextBatch(); // the unit was read with <x-late> as an ordinary inline element
  let connected = 0;
  customElements.define(
    "x-late",
    class extends HTMLElement {
      connectedCallback() {
        connected++;
      }
    },
  );
  connected = 0; // the upgrade itself is the page's doing
  fake.unhold();
  await done;
  await page.whenSettled();
  expect(connected).toBe(0);
  page.restore();
  expect(pageHtml()).toBe(before);
  expect(connected).toBe(0);
});

/** Re-renders from its own HTML whenever its name changes, as a framework's component does. */
class Rerendering extends HTMLElement {
  static observedAttributes = ["aria-labelledby"];
  attributeChangedCallback(): void {
    if (!this.isConnected) return;
    calls.attribute++;
    const html = this.innerHTML;
    this.innerHTML = html;
  }
}
customElements.define("x-rerendering", Rerendering);

test("a component that re-renders from its own HTML during Show original ends in the original language", async () => {
  // Its name is read from the heading after it: in the bilingual view, from the heading's copy. Show original takes
  // the heading's copy out first (the newest), and gives the component its name back while the copies of its
  // paragraphs are still in it: its re-render copies them, as the page's own nodes.
  const html =
    `<x-rerendering aria-labelledby="t"><p>Bitte das Stichwort eingeben.</p><p>Zweiter Absatz hier.</p></x-rerendering>` +
    `<h2 id="t">Suche im Archiv</h2>`;
  document.body.innerHTML = html;
  const { page } = setup(null, { displayMode: "bilingual" });
  await page.translate();
  expect(document.querySelector("x-rerendering")?.getAttribute("aria-labelledby")).not.toBe("t");
  calls.attribute = 0;
  page.restore();
  expect(calls.attribute).toBe(1);
  expect(pageHtml()).toBe(html);
  expect(page.state).toBe("restored");
});
