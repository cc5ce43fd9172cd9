// Gloss updated (or reloaded) while a tab showed its translation: the new Gloss has no script in that page to ask, but
// the page still shows the translation. The popup says so, with what works there: in Chromium, the old script gives the
// original back when asked (Show original); in Firefox it is stopped, and only reloading the page brings it back.
import { fakeChrome, resetFakeChrome } from "../helpers/fake-extension";
import type * as TabControl from "../../src/background/tab-control";

const TAB = 9;
const URL = "https://example.org/article";
const noEvent = { addListener: () => undefined, removeListener: () => undefined };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A tab on URL; `listening`: whether a content script of this Gloss answers there. */
function tabOn(listening: boolean): void {
  Object.assign(chrome, {
    tabs: {
      onUpdated: noEvent,
      onRemoved: noEvent,
      get: async (id: number) => ({ id, status: "complete", url: URL, active: true }),
      sendMessage: async () =>
        listening
          ? { status: "translated", progress: { total: 2, done: 2, failed: 0 }, url: URL }
          : Promise.reject(new Error("Could not establish connection. Receiving end does not exist.")),
    },
  });
}

/** The background's modules as a worker of this Gloss loads them afresh. */
function newWorker(): typeof TabControl {
  let control!: typeof TabControl;
  jest.isolateModules(() => (control = jest.requireActual("../../src/background/tab-control")));
  return control;
}

/** A tab translated by the Gloss before; then Gloss is updated: session storage goes, and the script is cut off. */
async function translatedThenUpdated(): Promise<void> {
  tabOn(true);
  await newWorker().recordReport(TAB, { status: "translated", progress: { total: 2, done: 2, failed: 0 }, url: URL });
  await settle();
  fakeChrome.session = {};
  tabOn(false);
}

beforeEach(() => {
  resetFakeChrome();
  delete (chrome.runtime as { getBrowserInfo?: unknown }).getBrowserInfo;
});

it("in Chromium, a tab translated before an update shows translated, and Show original is offered", async () => {
  await translatedThenUpdated();
  const state = await newWorker().tabState(TAB);
  expect(state).toMatchObject({ status: "translated", translatable: true });
  expect(state.notice).toMatch(/before Gloss was updated/);
});

it("in Firefox, a tab translated before an update says reloading brings the original back, and offers no button", async () => {
  Object.assign(chrome.runtime, { getBrowserInfo: async () => ({ name: "Firefox" }) });
  await translatedThenUpdated();
  const state = await newWorker().tabState(TAB);
  expect(state).toMatchObject({ status: "error", translatable: false, error: { kind: "cut-off" } });
  expect(state.error?.fix).toMatch(/Reload the page/);
});

it("a worker of the same Gloss, restarted, does not take a page it could not reach for one translated before", async () => {
  tabOn(true);
  await newWorker().recordReport(TAB, { status: "translated", progress: { total: 2, done: 2, failed: 0 }, url: URL });
  await settle();
  tabOn(false);
  expect(await newWorker().tabState(TAB)).toMatchObject({ status: "idle", translatable: true });
});

it("a tab that went on to another page since is not said to show the translation", async () => {
  await translatedThenUpdated();
  Object.assign(chrome.tabs, { get: async (id: number) => ({ id, status: "complete", url: `${URL}/next` }) });
  expect(await newWorker().tabState(TAB)).toMatchObject({ status: "idle" });
});
