// Scripts a hostile page runs before Gloss (and one it runs after), shared by the hostile-page tests. They run in the
// page as source text (Playwright's addInitScript, puppeteer's evaluateOnNewDocument): nothing from outside them.

/** What the attacking page learns and did (kept on its own window). */
export interface Loot {
  constructed: number;
  attachShadowCalls: number;
  stolenRoots: number;
  typedValues: string[];
}

/**
 * Runs before Gloss: claims its old element names (their constructors keep an open root), replaces attachShadow
 * (forcing roots open and keeping them) and append, and listens for what is typed anywhere.
 */
export function preempt(): void {
  const stolen: ShadowRoot[] = [];
  const loot: Loot = { constructed: 0, attachShadowCalls: 0, stolenRoots: 0, typedValues: [] };
  Object.assign(window, { loot, stolen });
  for (const name of ["gloss-status", "gloss-settings"]) {
    customElements.define(
      name,
      class extends HTMLElement {
        constructor() {
          super();
          loot.constructed++;
          stolen.push(this.attachShadow({ mode: "open" }));
          loot.stolenRoots = stolen.length;
        }
      },
    );
  }
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    loot.attachShadowCalls++;
    const root = attachShadow.call(this, { ...init, mode: "open" });
    stolen.push(root);
    loot.stolenRoots = stolen.length;
    return root;
  };
  const append = Element.prototype.append;
  Element.prototype.append = function (this: Element, ...nodes: Array<Node | string>) {
    return append.apply(this, nodes);
  };
  addEventListener(
    "input",
    (event) => loot.typedValues.push(String((event.composedPath()[0] as HTMLInputElement).value)),
    true,
  );
}

/**
 * Tries to take over Gloss's card from the page: a second root on its host (refused), text put into the host, and
 * styles that would hide it or turn it right to left. Whether the refusal came and the host's text shows.
 */
export function rewriteGlossHost(): { secondRoot: string; phishingShown: boolean } {
  const host = document.documentElement.lastElementChild as HTMLElement;
  let secondRoot = "created";
  try {
    host.attachShadow({ mode: "open" });
  } catch (error) {
    secondRoot = (error as Error).name;
  }
  host.textContent = "Your session expired. Re-enter your API key at evil.example";
  host.setAttribute("style", "display: none !important; visibility: hidden !important; opacity: 0 !important");
  const style = document.createElement("style");
  // A right-to-left page's direction reaches the host too (`all` leaves it out): so does a forced one.
  document.documentElement.dir = "rtl";
  style.textContent =
    "html > div { display: none !important; transform: scale(0) !important; direction: rtl !important; " +
    "unicode-bidi: bidi-override !important; }";
  document.head.append(style);
  const range = document.createRange();
  range.selectNodeContents(host);
  return { secondRoot, phishingShown: range.getClientRects().length > 0 };
}

/**
 * Everything the page can find of Gloss's UI from its own world: elements under <html> besides head and body, with
 * any property set on them that the page can see.
 */
export function lookForGloss() {
  return [...document.documentElement.children]
    .filter((el) => el !== document.head && el !== document.body)
    .map((el) => ({
      tag: el.localName,
      attributes: el.getAttributeNames(),
      shadowRoot: el.shadowRoot !== null,
      text: el.textContent,
      ownKeys: Object.keys(el),
    }));
}

/**
 * Runs before Gloss: names controls of the article's form (and an image) after the DOM's own members. A form shows
 * its controls by name in place of its members (Chromium shows them so in Gloss's world too): form.parentNode is then
 * a control inside the form, and a walk up the page from the form went round for ever.
 */
export function nameControlsAfterMembers(): void {
  document.addEventListener("DOMContentLoaded", () => {
    const form = document.querySelector("form")!;
    for (const name of ["parentNode", "parentElement"]) {
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.append(input);
    }
    const img = document.createElement("img");
    img.name = "parentNode";
    img.alt = "";
    document.body.append(img);
  });
}
