// The page as the attacker against the slot reading (collect/unslotted.ts), where a userscript shares its world: its
// scripts run first and patch the slot APIs to lie or throw, and fire `slotchange` in a loop. Whatever they do, the
// text the reader sees is sent, nothing is sent twice, and a storm of events costs no walk of its own.

import { sent, setup } from "../helpers/core-page";

const restores: Array<() => void> = [];

/** Replaces `name` on `proto` the way a page's script does; put back after the test. */
function patch<T extends object>(proto: T, name: string, descriptor: PropertyDescriptor): void {
  const before = Object.getOwnPropertyDescriptor(proto, name);
  Object.defineProperty(proto, name, { configurable: true, ...descriptor });
  restores.push(() => {
    if (before) Object.defineProperty(proto, name, before);
    else delete (proto as Record<string, unknown>)[name];
  });
}

afterEach(() => {
  for (const restore of restores.splice(0).reverse()) restore();
});

const nativeAssignedNodes = HTMLSlotElement.prototype.assignedNodes;

function comment(): Element {
  document.body.innerHTML =
    `<x-comment id="host"><span slot="author">Brotliebhaber</span>` +
    `<div slot="body"><p>Schwarzbrot, ganz klar. Das gibt es hier nirgends.</p></div>` +
    `<div class="fallback">Kommentar wird geladen …</div></x-comment>`;
  const host = document.querySelector("#host") as Element;
  host.attachShadow({ mode: "open" }).innerHTML =
    `<header><slot name="author"></slot></header><section><slot name="body"></slot></section>`;
  return host;
}

const SHOWN = ["Brotliebhaber", "Schwarzbrot, ganz klar. Das gibt es hier nirgends."];

/** What was sent, each passage as often as it was, in any order (the post's body goes before its author). */
function sentSorted(fake: Parameters<typeof sent>[0]): string[] {
  return [...sent(fake)].sort();
}

test("a storm of slotchange events the page fires itself: no walk again, nothing sent again", async () => {
  comment();
  let reads = 0;
  patch(HTMLSlotElement.prototype, "assignedNodes", {
    value(this: HTMLSlotElement, options?: AssignedNodesOptions) {
      reads++;
      return nativeAssignedNodes.call(this, options);
    },
  });
  const { page, fake } = setup(null);
  await page.translate();
  expect(sentSorted(fake)).toEqual(SHOWN);
  const walked = reads;
  const root = (document.querySelector("#host") as Element).shadowRoot as ShadowRoot;
  const slot = root.querySelector("slot") as Element;
  for (let i = 0; i < 1000; i++) {
    slot.dispatchEvent(new Event("slotchange", { bubbles: true }));
    if (i % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await page.whenSettled();
  expect(reads).toBe(walked);
  expect(sentSorted(fake)).toEqual(SHOWN);
});

test("a real slotchange after the storm is still heard: light text the root starts to show is translated", async () => {
  comment();
  const { page, fake } = setup(null);
  await page.translate();
  const root = (document.querySelector("#host") as Element).shadowRoot as ShadowRoot;
  for (let i = 0; i < 200; i++) root.dispatchEvent(new Event("slotchange"));
  (document.querySelector(".fallback") as Element).setAttribute("slot", "body");
  await page.whenSettled();
  expect(sentSorted(fake)).toEqual([...SHOWN, "Kommentar wird geladen …"].sort());
});

test("a component that stops slotchange at its slot: light text it starts to show is translated all the same", async () => {
  const host = comment();
  for (const slot of Array.from(host.shadowRoot?.querySelectorAll("slot") ?? [])) {
    slot.addEventListener("slotchange", (event) => event.stopPropagation());
  }
  const { page, fake } = setup(null);
  await page.translate();
  expect(sentSorted(fake)).toEqual(SHOWN);
  (document.querySelector(".fallback") as Element).setAttribute("slot", "body");
  await page.whenSettled();
  expect(sentSorted(fake)).toEqual([...SHOWN, "Kommentar wird geladen …"].sort());
});
