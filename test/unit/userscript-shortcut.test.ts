/**
 * @jest-environment jsdom
 */
// Alt+T: only a real key press, never inside Gloss's own UI (status card, settings dialog), never while typing.
import { createUiHost } from "../../src/session/ui-host";
import { isToggleShortcut } from "../../src/userscript/shortcut";

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
function altT(target: Element, init: Partial<KeyboardEvent> = {}): KeyboardEvent {
  const path = pathSeenByWindow(target);
  return {
    isTrusted: true,
    type: "keydown",
    key: "t",
    code: "KeyT",
    altKey: true,
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
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
  it("takes a real Alt+T on the page", () => {
    expect(isToggleShortcut(altT(document.getElementById("title")!))).toBe(true);
    expect(isToggleShortcut(altT(document.getElementById("go")!))).toBe(true);
  });

  it("ignores a synthetic Alt+T a page script dispatched", () => {
    const title = document.getElementById("title")!;
    expect(isToggleShortcut(altT(title, { isTrusted: false }))).toBe(false);
    let seen: boolean | undefined;
    window.addEventListener("keydown", (event) => (seen = isToggleShortcut(event)), { capture: true, once: true });
    title.dispatchEvent(new KeyboardEvent("keydown", { key: "t", code: "KeyT", altKey: true, bubbles: true }));
    expect(seen).toBe(false);
  });

  it("ignores Alt+T typed in Gloss's settings dialog or status card, whatever is focused there", () => {
    const settings = ownUi();
    const status = ownUi();
    // From window, the closed root's host is the first node of the path: not an editable element.
    expect(pathSeenByWindow(settings.inner)[0]).toBe(settings.host);
    expect(isToggleShortcut(altT(settings.inner))).toBe(false);
    expect(isToggleShortcut(altT(settings.button))).toBe(false);
    expect(isToggleShortcut(altT(status.button))).toBe(false);
  });

  it("ignores Alt+T while typing, and other modifiers or repeats", () => {
    expect(isToggleShortcut(altT(document.getElementById("name")!))).toBe(false);
    const title = document.getElementById("title")!;
    expect(isToggleShortcut(altT(title, { ctrlKey: true }))).toBe(false);
    expect(isToggleShortcut(altT(title, { shiftKey: true }))).toBe(false);
    expect(isToggleShortcut(altT(title, { repeat: true }))).toBe(false);
    expect(isToggleShortcut(altT(title, { key: "y", code: "KeyY" }))).toBe(false);
  });
});
