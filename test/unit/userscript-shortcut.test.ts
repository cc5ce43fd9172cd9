/**
 * @jest-environment jsdom
 */
// Alt+Shift+G (and the writer's Alt+Shift+M): only a real key press, never inside Gloss's own UI (status card, settings
// dialog), never while typing or composing a word with an input method.
import { createUiHost } from "../../src/session/ui-host";
import { isToggleShortcut } from "../../src/userscript/shortcut";
import { isWriteShortcut } from "../../src/userscript/writing";

/** What a window capture listener sees for a key pressed on `target`: the path, retargeted out of closed roots. */
function pathSeenByWindow(target: Element): EventTarget[] {
  let path: EventTarget[] = [];
  const listener = (event: Event) => (path = event.composedPath());
  window.addEventListener("keydown", listener, true);
  target.dispatchEvent(new KeyboardEvent("keydown", { bubbles: true, composed: true }));
  window.removeEventListener("keydown", listener, true);
  return path;
}

/** A key event as the browser would deliver it (jsdom cannot make a trusted one). */
function altShiftG(target: Element, init: Partial<KeyboardEvent> = {}): KeyboardEvent {
  const path = pathSeenByWindow(target);
  return {
    isTrusted: true,
    type: "keydown",
    key: "G",
    code: "KeyG",
    altKey: true,
    ctrlKey: false,
    metaKey: false,
    shiftKey: true,
    repeat: false,
    target: path[0] ?? null,
    composedPath: () => path,
    ...init,
  } as unknown as KeyboardEvent;
}

beforeEach(() => {
  document.body.innerHTML = `<article><h1 id="title">Titel</h1></article><input id="name"><button id="go">Go</button>`;
  while (document.body.nextSibling) document.body.nextSibling.remove();
});

/** A piece of Gloss's in-page UI (under a built-in host, like the status card and the settings dialog). */
function ownUi(): { host: Element; inner: HTMLElement; button: HTMLButtonElement } {
  const ui = createUiHost(document, { css: "", onBlocked: () => undefined })!;
  const inner = document.createElement("input");
  const button = document.createElement("button");
  ui.root.append(inner, button);
  ui.attach();
  return { host: ui.host, inner, button };
}

describe("isToggleShortcut", () => {
  it("takes a real Alt+Shift+G on the page, also where the layout puts G elsewhere", () => {
    expect(isToggleShortcut(altShiftG(document.getElementById("title")!))).toBe(true);
    expect(isToggleShortcut(altShiftG(document.getElementById("go")!))).toBe(true);
    // Dvorak moves G to where QWERTY has U: the key it types counts.
    expect(isToggleShortcut(altShiftG(document.getElementById("title")!, { code: "KeyU" }))).toBe(true);
  });

  it("no longer takes Alt+T, which Firefox's menu bar claims", () => {
    const title = document.getElementById("title")!;
    expect(isToggleShortcut(altShiftG(title, { key: "t", code: "KeyT", shiftKey: false }))).toBe(false);
    expect(isToggleShortcut(altShiftG(title, { key: "g", code: "KeyG", shiftKey: false }))).toBe(false);
  });

  it("ignores a synthetic Alt+Shift+G a page script dispatched", () => {
    const title = document.getElementById("title")!;
    expect(isToggleShortcut(altShiftG(title, { isTrusted: false }))).toBe(false);
    let seen: boolean | undefined;
    window.addEventListener("keydown", (event) => (seen = isToggleShortcut(event)), { capture: true, once: true });
    title.dispatchEvent(
      new KeyboardEvent("keydown", { key: "G", code: "KeyG", altKey: true, shiftKey: true, bubbles: true }),
    );
    expect(seen).toBe(false);
  });

  it("ignores Alt+Shift+G typed in Gloss's settings dialog or status card, whatever is focused there", () => {
    const settings = ownUi();
    const status = ownUi();
    // From window, the closed root's host is the first node of the path: not an editable element.
    expect(pathSeenByWindow(settings.inner)[0]).toBe(settings.host);
    expect(isToggleShortcut(altShiftG(settings.inner))).toBe(false);
    expect(isToggleShortcut(altShiftG(settings.button))).toBe(false);
    expect(isToggleShortcut(altShiftG(status.button))).toBe(false);
  });

  it("ignores Alt+Shift+G while typing, and other modifiers or repeats", () => {
    expect(isToggleShortcut(altShiftG(document.getElementById("name")!))).toBe(false);
    const title = document.getElementById("title")!;
    expect(isToggleShortcut(altShiftG(title, { ctrlKey: true }))).toBe(false);
    expect(isToggleShortcut(altShiftG(title, { metaKey: true }))).toBe(false);
    expect(isToggleShortcut(altShiftG(title, { repeat: true }))).toBe(false);
    expect(isToggleShortcut(altShiftG(title, { key: "Y", code: "KeyY" }))).toBe(false);
  });
});

/** What an input method's key press carries while a word is composed: isComposing (Chromium, Firefox), or only keyCode 229 (Safari, just after compositionend). */
const COMPOSING: Array<[string, Partial<KeyboardEvent>]> = [
  ["isComposing", { isComposing: true, keyCode: 71 }],
  ["keyCode 229", { isComposing: false, keyCode: 229 }],
];

/** A text field the page keeps in its closed shadow root: a window listener sees only the root's host. */
function closedRootField(): HTMLTextAreaElement {
  const host = document.createElement("chat-box");
  const field = document.createElement("textarea");
  host.attachShadow({ mode: "closed" }).append(field);
  document.body.append(host);
  return field;
}

describe("while the reader composes a word with an input method", () => {
  it.each(COMPOSING)("Alt+Shift+G (marked %s) in a field the page hides in a closed root is typing", (_, mark) => {
    const field = closedRootField();
    expect(isToggleShortcut(altShiftG(field))).toBe(true); // the field cannot be seen: only the composing mark tells
    expect(isToggleShortcut(altShiftG(field, mark))).toBe(false);
  });

  it.each(COMPOSING)(
    "Alt+Shift+M (marked %s) leaves the half-composed word alone; pressed after, it translates",
    (_, mark) => {
      const field = document.getElementById("name")!;
      const altShiftM = (init: Partial<KeyboardEvent> = {}) => altShiftG(field, { key: "M", code: "KeyM", ...init });
      expect(isWriteShortcut(altShiftM(mark))).toBe(false);
      expect(isWriteShortcut(altShiftM())).toBe(true);
    },
  );
});
