// Shadow roots that appear after the page was collected: a custom element the page defines late (a lazy-loaded
// component) or one that draws its shadow tree on demand. Attaching a root makes no mutation record, so the watcher
// looks for them itself.

import { sent, setup } from "../helpers/core-page";

/** Past the watcher's look for new shadow roots. */
const pastRootLook = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1200));

test("a custom element defined after the page was translated has the text it draws in its shadow root translated", async () => {
  const { page, fake } = setup(`<p>Ein Absatz davor.</p><x-lazy-card></x-lazy-card>`);
  await page.translate();
  customElements.define(
    "x-lazy-card",
    class extends HTMLElement {
      constructor() {
        super();
        this.attachShadow({ mode: "open" });
      }
      connectedCallback(): void {
        const p = document.createElement("p");
        p.textContent = "Später geladener Text";
        this.shadowRoot!.append(p);
      }
    },
  );
  await pastRootLook();
  await page.whenSettled();
  const host = document.querySelector("x-lazy-card") as Element;
  expect(host.shadowRoot!.textContent).toBe("SPÄTER GELADENER TEXT");
  expect(sent(fake).filter((s) => s === "Ein Absatz davor.")).toHaveLength(1);
  // Its root is watched from then on.
  host.shadowRoot!.append(document.createElement("p"));
  (host.shadowRoot!.lastChild as Element).textContent = "Noch ein Satz";
  await page.whenSettled();
  expect(host.shadowRoot!.lastChild?.textContent).toBe("NOCH EIN SATZ");
  page.restore();
  expect(host.shadowRoot!.textContent).toBe("Später geladener TextNoch ein Satz");
});

test("a shadow root a defined custom element attaches later, on demand, is translated", async () => {
  customElements.define("x-on-demand", class extends HTMLElement {});
  const { page } = setup(`<p>Ein Absatz davor.</p><x-on-demand><span>Licht</span></x-on-demand>`);
  await page.translate();
  const host = document.querySelector("x-on-demand") as Element;
  const root = host.attachShadow({ mode: "open" });
  const h = document.createElement("h2");
  h.textContent = "Neue Überschrift";
  root.append(h, document.createElement("slot"));
  await pastRootLook();
  await page.whenSettled();
  expect(h.textContent).toBe("NEUE ÜBERSCHRIFT");
  expect(host.textContent).toBe("LICHT");
});

test("a closed shadow root attached later is never reached where the platform cannot open closed roots", async () => {
  const { page, fake } = setup(`<p>Ein Absatz davor.</p><x-closed-later></x-closed-later>`);
  await page.translate();
  const root = (document.querySelector("x-closed-later") as Element).attachShadow({ mode: "closed" });
  root.append("Geschlossener Text");
  await pastRootLook();
  await page.whenSettled();
  expect(root.textContent).toBe("Geschlossener Text");
  expect(sent(fake)).toEqual(["Ein Absatz davor."]);
});
