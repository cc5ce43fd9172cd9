// Shadow hosts the page moves, nested roots, and a slot's fallback shown once its nodes go.

import { sent, setup } from "../helpers/core-page";

test("a host the page moves keeps its translated shadow text, sent once", async () => {
  document.body.innerHTML = `<div id="a"><x-box></x-box></div><div id="b"></div>`;
  const host = document.querySelector("x-box") as Element;
  const outer = host.attachShadow({ mode: "open" });
  outer.innerHTML = `<p>Außen</p><x-inner></x-inner>`;
  const inner = (outer.querySelector("x-inner") as Element).attachShadow({ mode: "open" });
  inner.innerHTML = `<p>Ganz innen</p>`;
  const { page, fake } = setup(null);
  await page.translate();
  expect(inner.textContent).toBe("GANZ INNEN");
  document.querySelector("#b")!.append(host);
  await page.whenSettled();
  expect(outer.querySelector("p")!.textContent).toBe("AUSSEN");
  expect(inner.textContent).toBe("GANZ INNEN");
  expect(sent(fake).filter((s) => s === "Ganz innen")).toHaveLength(1);
  // The nested root is still watched.
  inner.append("Neu innen");
  await page.whenSettled();
  expect(inner.lastChild?.textContent).toBe("NEU INNEN");
  page.restore();
  expect(inner.textContent).toBe("Ganz innenNeu innen");
});

test("a slot's fallback shown once the page takes its light child out is translated", async () => {
  document.body.innerHTML = `<x-fall><span>Licht</span></x-fall>`;
  const host = document.querySelector("x-fall") as Element;
  host.attachShadow({ mode: "open" }).innerHTML = `<p><slot>Ersatztext</slot></p>`;
  const { page, fake } = setup(null);
  await page.translate();
  expect(sent(fake)).not.toContain("Ersatztext");
  host.replaceChildren();
  await page.whenSettled();
  expect(host.shadowRoot!.querySelector("slot")!.textContent).toBe("ERSATZTEXT");
});

test("a custom element that writes its text again when moved is shown translated again, sent once", async () => {
  customElements.define(
    "x-self",
    class extends HTMLElement {
      connectedCallback(): void {
        this.textContent = "Selbst geschrieben";
      }
    },
  );
  document.body.innerHTML = `<div id="a"><x-self></x-self></div><div id="b"></div>`;
  const { page, fake } = setup(null);
  await page.translate();
  const el = document.querySelector("x-self") as Element;
  expect(el.textContent).toBe("SELBST GESCHRIEBEN");
  document.querySelector("#b")!.append(el);
  await page.whenSettled();
  expect(el.textContent).toBe("SELBST GESCHRIEBEN");
  expect(sent(fake)).toEqual(["Selbst geschrieben"]);
  page.restore();
  expect(el.textContent).toBe("Selbst geschrieben");
});
