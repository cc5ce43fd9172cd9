// Bilingual copies inside a page's components (new Reddit's posts and comments are web components with open shadow
// roots): a copy the page made of Gloss's copy there goes with Show original, as in the page's light DOM.

import { setup } from "../helpers/core-page";

const COPY = 'span[translate="no"][lang="en"]';

/** Re-renders from its own HTML when its name changes: Show original giving its name back copies the copies in it. */
class Rerendering extends HTMLElement {
  static observedAttributes = ["aria-labelledby"];
  attributeChangedCallback(): void {
    if (!this.isConnected) return;
    const html = this.innerHTML;
    this.innerHTML = html;
  }
}
customElements.define("x-shadow-rerendering", Rerendering);

test.each(["open", "closed"] as const)(
  "Show original takes out what a component in a %s shadow root copied of Gloss's copies as it got its name back",
  async (mode) => {
    document.body.innerHTML = `<p>Oben steht ein Satz.</p><div id="host"></div>`;
    const host = document.getElementById("host") as Element;
    const root = host.attachShadow({ mode });
    const source =
      `<x-shadow-rerendering aria-labelledby="t"><p>Bitte das Stichwort eingeben.</p><p>Zweiter Absatz hier.</p>` +
      `</x-shadow-rerendering><h2 id="t">Suche im Archiv</h2>`;
    root.innerHTML = source;
    const { page } = setup(null, {
      displayMode: "bilingual",
      getShadowRoot: (el) => (el === host ? root : el.shadowRoot),
    });
    await page.translate();
    expect(root.querySelectorAll(COPY)).toHaveLength(3);
    expect(root.querySelector("x-shadow-rerendering")?.getAttribute("aria-labelledby")).not.toBe("t");
    page.restore();
    expect(root.querySelectorAll(COPY)).toHaveLength(0);
    expect(root.innerHTML).toBe(source);
  },
);

test.each(["open", "closed"] as const)(
  "a component in a %s shadow root re-rendering a list from its own HTML shows each translation once",
  async (mode) => {
    document.body.innerHTML = `<div id="host"></div>`;
    const host = document.getElementById("host") as Element;
    const root = host.attachShadow({ mode });
    const source = `<ul id="list"><li>Erster Eintrag hier</li><li>Zweiter <b>Eintrag</b> hier</li></ul>`;
    root.innerHTML = source;
    const { page } = setup(null, {
      displayMode: "bilingual",
      getShadowRoot: (el) => (el === host ? root : el.shadowRoot),
    });
    await page.translate();
    const shown = root.innerHTML;
    expect(root.querySelectorAll(COPY)).toHaveLength(2);
    for (let i = 0; i < 2; i++) {
      const list = root.getElementById("list") as Element;
      list.innerHTML = `${list.innerHTML}`;
      await page.whenSettled();
      expect(root.innerHTML).toBe(shown);
    }
    page.restore();
    expect(root.innerHTML).toBe(source);
  },
);
