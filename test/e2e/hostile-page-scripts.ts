// Scripts a hostile page runs before Gloss, shared by the userscript's tests in Chromium and Firefox. They run in the
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
