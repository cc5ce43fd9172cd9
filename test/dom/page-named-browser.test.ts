// A page that names a form `browser` (as a page that wants no translator would) must not take the extension API's
// place in Gloss's content script: in Chromium before 148 the content script's `browser` was then the page's form,
// and Gloss could hear nothing from its background there (no Translate, no Show original).
//
// Chromium shows a page's named elements to a content script through the window's prototype chain, and a form's
// named controls as its properties (checked in Chromium 156, under a name it has no API of its own for). jsdom makes
// named elements own properties of the window and has no form controls by name, so the page's names are put where
// Chromium shows them.
import type { Runtime } from "webextension-polyfill";
import type * as Api from "../../src/extension/api";

type Listener = (message: unknown, sender: Runtime.MessageSender, respond: (reply: unknown) => void) => boolean;

const listeners: Listener[] = [];
const EXTENSION_ID = "gloss-extension-id";

beforeAll(() => {
  // Chromium's own API in a content script before 148: `chrome` only.
  (globalThis as { chrome?: unknown }).chrome = {
    runtime: {
      id: EXTENSION_ID,
      onMessage: {
        addListener: (listener: Listener) => listeners.push(listener),
        removeListener: () => undefined,
        hasListener: () => false,
      },
    },
  };
  // The page: <form name="browser"><input name="runtime" id="x"></form>, its names as Chromium shows them (a data
  // property of the window's prototype chain). Without the names in jsdom, which would make the window's own one.
  document.body.innerHTML = '<form><input id="x"></form>';
  const form = document.querySelector("form")!;
  Object.defineProperty(form, "runtime", { value: form.querySelector("input"), configurable: true });
  const named = { value: form, writable: true, configurable: true };
  Object.defineProperty(Object.getPrototypeOf(globalThis), "browser", named);
});

afterAll(() => {
  delete (Object.getPrototypeOf(globalThis) as { browser?: unknown }).browser;
  delete (globalThis as { browser?: unknown }).browser;
  delete (globalThis as { chrome?: unknown }).chrome;
});

it("a page's form named `browser` does not stand in for the extension API: commands from the background arrive", async () => {
  // The content script's extension API, loaded as the page stands (its modules read the API as they load).
  let api!: typeof Api;
  jest.isolateModules(() => {
    api = jest.requireActual<typeof Api>("../../src/extension/api");
  });
  expect(api.ext.runtime.id).toBe(EXTENSION_ID);

  // The content script listens for the background's commands as it starts (content/index.ts).
  const heard: unknown[] = [];
  api.onRuntimeMessage((message) => {
    heard.push(message);
    return Promise.resolve("done");
  });
  expect(listeners).toHaveLength(1);
  const reply = new Promise((resolve) => listeners[0]!({ command: "translate" }, { id: EXTENSION_ID }, resolve));
  expect(await reply).toBe("done");
  expect(heard).toEqual([{ command: "translate" }]);
});
