// A shadow host's light children that no slot of its shadow root shows are never drawn (a component's fallback text
// under a root that draws its own): they are not sent. Slotted ones are, by name, by the default slot, through slots
// nested in other components. Roots this platform cannot see keep every light child.

import { unitHtml } from "../helpers/core-collect";
import { sent, setup } from "../helpers/core-page";

function host(html: string, shadow: string, mode: ShadowRootMode = "open"): { el: Element; root: ShadowRoot } {
  document.body.innerHTML = html;
  const el = document.querySelector("#host") as Element;
  const root = el.attachShadow({ mode });
  root.innerHTML = shadow;
  return { el, root };
}

test("a component that draws its own text: its light fallback text is not sent, what it draws is", () => {
  // The shape of GitHub's <relative-time> (which is also left out as a live date): the date as light text for pages
  // without scripts, while the root draws its own.
  host(
    `<p>Zuletzt geändert: <date-label id="host" data-date="2026-12-06">6. Dez. 2026</date-label></p>`,
    `<span part="label">am Sonntag um 16 Uhr</span>`,
  );
  expect(unitHtml()).toEqual(["Zuletzt geändert:", "am Sonntag um 16 Uhr"]);
});

test("new Reddit's named slots: slotted light text is sent; a light child named for a slot the root lacks is not", () => {
  host(
    `<shreddit-comment id="host" author="Brotliebhaber">` +
      `<div slot="commentMeta"><a href="/user/Brotliebhaber/">Brotliebhaber</a></div>` +
      `<div slot="comment"><p>Schwarzbrot, ganz klar. Das gibt es hier nirgends.</p></div>` +
      `<div slot="commentAvatar">Profilbild von Brotliebhaber</div>` +
      `Lose Worte ohne Platz` +
      `</shreddit-comment>`,
    `<div class="meta"><slot name="commentMeta"></slot></div><div class="body"><slot name="comment"></slot></div>`,
  );
  expect(unitHtml()).toEqual(["Brotliebhaber", "Schwarzbrot, ganz klar. Das gibt es hier nirgends."]);
});

test("a default slot takes every unnamed light child, text too, but not one named for a missing slot", () => {
  host(
    `<x-card id="host">Ein <b>kurzer</b> Gruß<span slot="footer">Fußzeile ohne Platz</span></x-card>`,
    `<div class="frame"><slot></slot></div>`,
  );
  expect(unitHtml()).toEqual(["Ein <b1>kurzer</b1> Gruß"]);
});

test("a slot inside another component counts only where that component shows it", () => {
  const { root } = host(
    `<x-outer id="host"><p slot="a">Gezeigt durch die innere Komponente</p><p slot="b">Nie gezeigt</p></x-outer>`,
    `<x-inner id="shows"><slot name="a"></slot></x-inner><x-inner id="hides"><slot name="b" slot="nowhere"></slot></x-inner>`,
  );
  for (const inner of Array.from(root.querySelectorAll("x-inner"))) {
    inner.attachShadow({ mode: "open" }).innerHTML = `<div><slot></slot></div>`;
  }
  expect(unitHtml()).toEqual(["Gezeigt durch die innere Komponente"]);
});

test("a closed root the extension opens is read like an open one; where it cannot be opened, every light child counts", () => {
  const { el, root } = host(
    `<x-badge id="host">Wird geladen …<span slot="label">Neu im Forum</span></x-badge>`,
    `<slot name="label"></slot>`,
    "closed",
  );
  const opened = new Map([[el, root]]);
  expect(unitHtml(document.body, { getShadowRoot: (e) => opened.get(e) ?? e.shadowRoot })).toEqual(["Neu im Forum"]);
  // The userscript sees open roots only: it cannot tell what a closed one shows, so it keeps today's walk.
  expect(unitHtml(document.body)).toEqual(["Wird geladen …<s1>Neu im Forum</s1>"]);
});

test("a page change inside light text no slot shows sends nothing; one in slotted text is translated", async () => {
  const html =
    `<x-status id="host"><span slot="text">Alles in Ordnung</span><div class="fallback">Status unbekannt</div>` +
    `</x-status>`;
  document.body.innerHTML = html;
  const el = document.querySelector("#host") as Element;
  el.attachShadow({ mode: "open" }).innerHTML = `<slot name="text"></slot>`;
  const { page, fake } = setup(null);
  await page.translate();
  expect(sent(fake)).toEqual(["Alles in Ordnung"]);
  (document.querySelector(".fallback") as Element).textContent = "Status weiterhin unbekannt";
  (document.querySelector("[slot=text]") as Element).textContent = "Jetzt wieder in Ordnung";
  await page.whenSettled();
  expect(sent(fake)).toEqual(["Alles in Ordnung", "Jetzt wieder in Ordnung"]);
  expect(document.querySelector("[slot=text]")?.textContent).toBe("JETZT WIEDER IN ORDNUNG");
});

test("light text a root starts to show later is translated: a slot drawn after the walk, a child given a slot's name", async () => {
  document.body.innerHTML =
    `<x-post id="host"><h2 slot="title">Wo gibt es das beste Brot?</h2><p slot="later">Erst später gezeigt</p>` +
    `</x-post>`;
  const root = (document.querySelector("#host") as Element).attachShadow({ mode: "open" });
  const { page, fake } = setup(null);
  await page.translate();
  // The component has not drawn yet: nothing of it shows.
  expect(sent(fake)).toEqual([]);
  root.innerHTML = `<header><slot name="title"></slot></header><section><slot name="body"></slot></section>`;
  await page.whenSettled();
  expect(sent(fake)).toEqual(["Wo gibt es das beste Brot?"]);
  expect(document.querySelector("h2")?.textContent).toBe("WO GIBT ES DAS BESTE BROT?");
  (document.querySelector("[slot=later]") as Element).setAttribute("slot", "body");
  await page.whenSettled();
  expect(sent(fake)).toEqual(["Wo gibt es das beste Brot?", "Erst später gezeigt"]);
  expect(document.querySelector("[slot=body]")?.textContent).toBe("ERST SPÄTER GEZEIGT");
});

test("a slot's fallback is sent only while no light child fills the slot", async () => {
  document.body.innerHTML = `<x-greeting id="host"><b slot="user">Mareike</b></x-greeting>`;
  const el = document.querySelector("#host") as Element;
  const root = el.attachShadow({ mode: "open" });
  root.innerHTML = `<p>Willkommen zurück, <slot name="user">lieber Gast</slot>!</p>`;
  expect(unitHtml()).toEqual(["Willkommen zurück, <x1></x1>!", "Mareike"]);
  el.replaceChildren();
  expect(unitHtml()).toEqual(["Willkommen zurück, <s1>lieber Gast</s1>!"]);
});
