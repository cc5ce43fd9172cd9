// The background's entry in Firefox for Android, which has neither keyboard commands nor context menus: it starts
// (an undefined API at its top level would stop all of Gloss), and the popup's way to what those gave still works.
import { fakeChrome } from "../helpers/fake-extension";
import type { HandlerMap } from "../../src/background/handlers";

const noEvent = { addListener: () => undefined };
/** Every message the background sent to a tab's page. */
const sent: Array<{ tabId: number; message: unknown }> = [];

Object.assign(chrome.runtime, { onMessage: noEvent, onConnect: noEvent, onInstalled: noEvent, onStartup: noEvent });
Object.assign(chrome.permissions, { onAdded: noEvent, onRemoved: noEvent });
// The content script goes in (the page had none yet), and answers from then on.
Object.assign(chrome.scripting, { executeScript: async () => [{ result: undefined }] });
Object.assign(chrome, {
  tabs: {
    onActivated: noEvent,
    onUpdated: noEvent,
    onRemoved: noEvent,
    get: async (id: number) => ({ id, active: true, url: "https://example.de/", status: "complete" }),
    sendMessage: async (tabId: number, message: unknown) => {
      sent.push({ tabId, message });
      return { status: "original", progress: { total: 0, done: 0, failed: 0 } };
    },
  },
});
fakeChrome.storage.settings = { schemaVersion: 5 };

it("starts without commands and menus, and the popup reaches the selection and the text box", async () => {
  expect("commands" in chrome || "contextMenus" in chrome || "menus" in chrome).toBe(false);
  jest.isolateModules(() => jest.requireActual("../../src/background/index"));
  const { handlers } = (globalThis as unknown as { gloss: { handlers: HandlerMap } }).gloss;
  const popup = { id: chrome.runtime.id, url: "chrome-extension://gloss-test/popup.html" };
  expect(await handlers.translateSelection({ tabId: 7 }, popup)).toMatchObject({
    ok: true,
    value: { status: "original" },
  });
  expect(await handlers.translateWriting({ tabId: 7 }, popup)).toEqual({ ok: true, value: null });
  expect(sent.map(({ tabId, message }) => [tabId, (message as { command?: string }).command])).toEqual(
    expect.arrayContaining([
      [7, "passage"],
      [7, "write"],
    ]),
  );
});
