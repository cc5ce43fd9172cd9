// A slot the component keeps hidden in its own shadow root (under `hidden`, `display: none`, or itself not displayed)
// shows nothing: the light text assigned to it is not sent, as hidden light text is not. Once the component shows
// the slot, that text is collected and translated.

import { unitHtml } from "../helpers/core-collect";
import { sent, setup } from "../helpers/core-page";

function post(shadow: string): ShadowRoot {
  document.body.innerHTML =
    `<x-post id="host"><h2 slot="title">Wo gibt es das beste Brot?</h2>` +
    `<p slot="more">Beim Bäcker an der Ecke, aber nur samstags.</p></x-post>`;
  const root = (document.querySelector("#host") as Element).attachShadow({ mode: "open" });
  root.innerHTML = shadow;
  return root;
}

test.each([
  ["under a hidden element", `<div hidden><section><slot name="more"></slot></section></div>`],
  ["under display: none", `<div style="display: none"><slot name="more"></slot></div>`],
  ["itself not displayed", `<slot name="more" style="display: none"></slot>`],
  ["itself hidden", `<slot name="more" hidden></slot>`],
])("a slot %s in the component's root: its light text is not sent, the shown slot's is", (_, hidden) => {
  post(`<header><slot name="title"></slot></header>${hidden}`);
  expect(unitHtml()).toEqual(["Wo gibt es das beste Brot?"]);
});

test("text a closed <details> or an inert part of the root holds is drawn, and sent as such text is in the page", () => {
  post(
    `<details><summary><slot name="title"></slot></summary><slot name="more"></slot></details>` +
      `<div inert><slot></slot></div>`,
  );
  expect(unitHtml()).toEqual(["Wo gibt es das beste Brot?", "Beim Bäcker an der Ecke, aber nur samstags."]);
});

test("a hidden slot the component shows later: its light text is translated then", async () => {
  const root = post(
    `<header><slot name="title"></slot></header><div class="answer" hidden><slot name="more"></slot></div>`,
  );
  const { page, fake } = setup(null);
  await page.translate();
  expect(sent(fake)).toEqual(["Wo gibt es das beste Brot?"]);
  (root.querySelector(".answer") as Element).removeAttribute("hidden");
  await page.whenSettled();
  expect(sent(fake)).toEqual(["Wo gibt es das beste Brot?", "Beim Bäcker an der Ecke, aber nur samstags."]);
  expect(document.querySelector("[slot=more]")?.textContent).toBe("BEIM BÄCKER AN DER ECKE, ABER NUR SAMSTAGS.");
});

test("a slot shown by a style change around it is translated then; one still hidden inside stays unsent", async () => {
  const root = post(
    `<header><slot name="title"></slot></header>` +
      `<div class="panel" style="display: none"><slot name="more"></slot><div hidden><slot></slot></div></div>`,
  );
  document.querySelector("#host")?.append("Nur im Entwurf sichtbar");
  const { page, fake } = setup(null);
  await page.translate();
  expect(sent(fake)).toEqual(["Wo gibt es das beste Brot?"]);
  (root.querySelector(".panel") as HTMLElement).style.display = "block";
  await page.whenSettled();
  expect(sent(fake)).toEqual(["Wo gibt es das beste Brot?", "Beim Bäcker an der Ecke, aber nur samstags."]);
});
