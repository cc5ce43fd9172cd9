// Where the writing card shows beside a reply box: next to it, never over the buttons of its form the reader presses
// next (old Reddit's "save" under a small box reaches further right than the box). jsdom lays nothing out: each
// element's box is given, and the card's follows the top and left the placement sets.

import { placeCard } from "../../src/writing/card-place";

type Box = { left: number; top: number; width: number; height: number };

function boxed(el: Element, box: Box): void {
  el.getBoundingClientRect = () => DOMRect.fromRect({ x: box.left, y: box.top, width: box.width, height: box.height });
}

/** A card of the given size, whose box is where its style puts it. */
function card(width: number, height: number): HTMLElement {
  const el = document.createElement("div");
  el.getBoundingClientRect = () =>
    DOMRect.fromRect({ x: parseFloat(el.style.left) || 0, y: parseFloat(el.style.top) || 0, width, height });
  document.body.append(el);
  return el;
}

function overlaps(a: DOMRect, b: DOMRect): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

function replyForm(box: Box): { textarea: HTMLTextAreaElement; save: HTMLButtonElement; cancel: HTMLButtonElement } {
  document.body.innerHTML = `<form class="usertext"><div class="md"><textarea rows="1" cols="1"></textarea></div>
    <div class="usertext-buttons"><button class="save">speichern</button><button class="cancel">abbrechen</button></div></form>`;
  const textarea = document.querySelector("textarea")!;
  const save = document.querySelector<HTMLButtonElement>(".save")!;
  const cancel = document.querySelector<HTMLButtonElement>(".cancel")!;
  boxed(textarea, box);
  const under = box.top + box.height + 18;
  boxed(save, { left: 5, top: under, width: 81, height: 21 });
  boxed(cancel, { left: 90, top: under, width: 90, height: 21 });
  return { textarea, save, cancel };
}

afterEach(() => {
  document.body.innerHTML = "";
});

test("beside a small reply box, the card leaves its form's save and cancel buttons uncovered", () => {
  const { textarea, save, cancel } = replyForm({ left: 5, top: 404, width: 30, height: 21 });
  const shown = card(320, 140);
  placeCard(shown, textarea, document);
  const at = shown.getBoundingClientRect();
  expect(overlaps(at, save.getBoundingClientRect())).toBe(false);
  expect(overlaps(at, cancel.getBoundingClientRect())).toBe(false);
  // Still beside the box: level with it, and to its right.
  expect(at.top).toBe(404);
  expect(at.left).toBeGreaterThan(35);
});

test("beside a wide reply box, the card stays right next to it (its buttons are under the box)", () => {
  const { textarea } = replyForm({ left: 5, top: 404, width: 500, height: 100 });
  const shown = card(320, 140);
  placeCard(shown, textarea, document);
  expect(shown.getBoundingClientRect().left).toBe(513);
  expect(shown.getBoundingClientRect().top).toBe(404);
});

test("a box with no form of its own: the page's menu links elsewhere do not push the card away from it", () => {
  document.body.innerHTML = `<nav><a href="/a">Start</a></nav><div><textarea></textarea></div>`;
  const textarea = document.querySelector("textarea")!;
  boxed(textarea, { left: 5, top: 404, width: 30, height: 21 });
  // A link the card beside the box would overlap, but not one of the box's (the page's whole body around it).
  boxed(document.querySelector("a")!, { left: 40, top: 420, width: 200, height: 20 });
  const shown = card(320, 140);
  placeCard(shown, textarea, document);
  expect(shown.getBoundingClientRect().left).toBe(43);
});

test("a compose form that is itself the editor, its control named closest: the card goes beside it, clear of its buttons", () => {
  document.body.innerHTML = `<form contenteditable="true">Danke!<input name="closest"><button>Senden</button></form>`;
  const form = document.querySelector("form")!;
  // jsdom has no named properties: the control is shown as the form's member, as a browser does (see clobbered-walks).
  Object.defineProperty(form, "closest", { configurable: true, get: () => form.querySelector("input") });
  boxed(form, { left: 5, top: 404, width: 30, height: 21 });
  const send = form.querySelector("button")!;
  boxed(send, { left: 40, top: 404, width: 90, height: 21 });
  const shown = card(320, 140);
  // Before, the form's control was called as its closest(): placing the card threw, and it stayed where it was.
  placeCard(shown, form, document);
  expect(shown.getBoundingClientRect().top).toBe(404);
  expect(shown.getBoundingClientRect().left).toBe(138);
});

test("a frame's editor whose document names an image body: the card goes by the whole frame, not under its first line", () => {
  const frame = document.createElement("iframe");
  document.body.replaceChildren(frame);
  const doc = frame.contentDocument!;
  const editor = doc.body;
  editor.setAttribute("contenteditable", "true");
  editor.textContent = "Danke!";
  const img = Object.assign(doc.createElement("img"), { name: "body", alt: "" });
  editor.append(img);
  // As a browser shows a named image as the document's member (jsdom has no named properties).
  Object.defineProperty(doc, "body", { configurable: true, get: () => img });
  // A frame too wide for the card beside it, its text one line at its top.
  boxed(frame, { left: 5, top: 100, width: 900, height: 300 });
  boxed(editor, { left: 0, top: 0, width: 900, height: 20 });
  const shown = card(320, 140);
  placeCard(shown, editor, document);
  // Under the frame, not under the first line and over the rest of the editor, where the reader writes on.
  expect(shown.getBoundingClientRect().top).toBe(408);
});
