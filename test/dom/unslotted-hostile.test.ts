// The page as the attacker against the slot reading (collect/unslotted.ts), where a userscript shares its world: its
// scripts run first and patch the slot APIs to lie or throw, and fire `slotchange` in a loop. Whatever they do, the
// text the reader sees is sent, nothing is sent twice, and a storm of events costs no walk of its own.

import { unitHtml } from "../helpers/core-collect";
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

test("assignedNodes patched to return nothing: the slotted text is sent all the same", () => {
  comment();
  patch(HTMLSlotElement.prototype, "assignedNodes", { value: () => [] });
  patch(HTMLSlotElement.prototype, "assignedElements", { value: () => [] });
  expect(unitHtml()).toEqual(SHOWN);
});

test("assignedNodes and assignedSlot both lying: the slots' names still tell what the root shows", () => {
  comment();
  patch(HTMLSlotElement.prototype, "assignedNodes", { value: () => [] });
  patch(Element.prototype, "assignedSlot", { get: () => null });
  patch(Text.prototype, "assignedSlot", { get: () => null });
  expect(unitHtml()).toEqual(SHOWN);
});

test("assignedNodes throwing: every light child counts as shown (today's walk), the slotted text among them", () => {
  comment();
  patch(HTMLSlotElement.prototype, "assignedNodes", {
    value: () => {
      throw new Error("nope");
    },
  });
  expect(unitHtml()).toEqual([...SHOWN, "Kommentar wird geladen …"]);
});

test("the shadowRoot getter handing out a decoy root without slots: the host's slotted text is still sent", () => {
  const host = comment();
  const decoy = document.createElement("x-decoy").attachShadow({ mode: "open" });
  const real = Object.getOwnPropertyDescriptor(Element.prototype, "shadowRoot")?.get as (this: Element) => unknown;
  patch(Element.prototype, "shadowRoot", {
    get(this: Element) {
      return this === host ? decoy : real.call(this);
    },
  });
  expect(unitHtml()).toEqual(SHOWN);
});

test("assignedNodes claiming every slot is filled: an empty slot's fallback, which the reader sees, is sent", () => {
  document.body.innerHTML = `<x-greeting id="host"></x-greeting>`;
  const host = document.querySelector("#host") as Element;
  host.attachShadow({ mode: "open" }).innerHTML = `<p>Willkommen zurück, <slot name="user">lieber Gast</slot>!</p>`;
  const planted = document.createElement("b");
  patch(HTMLSlotElement.prototype, "assignedNodes", { value: () => [planted] });
  expect(unitHtml()).toEqual(["Willkommen zurück, <s1>lieber Gast</s1>!"]);
});

test("assignedNodes claiming hidden text is shown: it is sent once, and not again through a storm of real slotchanges", async () => {
  const host = comment();
  patch(HTMLSlotElement.prototype, "assignedNodes", {
    value(this: HTMLSlotElement) {
      return Array.from(host.childNodes);
    },
  });
  const { page, fake } = setup(null);
  await page.translate();
  expect(sentSorted(fake)).toEqual([...SHOWN, "Kommentar wird geladen …"].sort());
  // The page moves its fallback in and out of a slot, many times, across many tasks.
  const fallback = document.querySelector(".fallback") as Element;
  for (let i = 0; i < 20; i++) {
    fallback.setAttribute("slot", i % 2 ? "body" : "none");
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  await page.whenSettled();
  expect(sentSorted(fake)).toEqual([...SHOWN, "Kommentar wird geladen …"].sort());
});

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

test("assignedSlot throwing on a site with parts left out: the page's text is still collected", () => {
  comment();
  const throwing = {
    get: () => {
      throw new Error("nope");
    },
  };
  patch(Element.prototype, "assignedSlot", throwing);
  patch(Text.prototype, "assignedSlot", throwing);
  expect(unitHtml(document.body, { site: { exclude: [".sidebar"] } })).toEqual([...SHOWN, "Kommentar wird geladen …"]);
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
