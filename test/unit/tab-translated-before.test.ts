// Gloss updated (or reloaded) while a tab showed its translation: the new Gloss has no script in that page to ask, but
// the page still shows the translation. The popup says so, with what works there: in Chromium, the old script gives the
// original back when asked (Show original); in Firefox it is stopped, and only reloading the page brings it back.
import { eventually } from "../helpers/eventually";
import { fakeChrome, resetFakeChrome } from "../helpers/fake-extension";
import type * as TabControl from "../../src/background/tab-control";
import { DEFAULTS } from "../../src/shared/settings";

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
  // The record is written behind the report (a digest and a look at the tab first).
  await eventually(() => expect(fakeChrome.storage).toHaveProperty("translatedTabs"), 5_000, 5);
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
  await eventually(() => expect(fakeChrome.storage).toHaveProperty("translatedTabs"), 5_000, 5);
  tabOn(false);
  expect(await newWorker().tabState(TAB)).toMatchObject({ status: "idle", translatable: true });
});

it("a tab that went on to another page since is not said to show the translation", async () => {
  await translatedThenUpdated();
  Object.assign(chrome.tabs, { get: async (id: number) => ({ id, status: "complete", url: `${URL}/next` }) });
  expect(await newWorker().tabState(TAB)).toMatchObject({ status: "idle" });
});

it("keeps no address on disk: local storage holds no part of the page's address", async () => {
  await translatedThenUpdated();
  expect(JSON.stringify(fakeChrome.storage)).toContain("translatedTabs");
  expect(JSON.stringify(fakeChrome.storage)).not.toContain("example.org");
  expect(await newWorker().tabState(TAB)).toMatchObject({ status: "translated" });
});

it("remembers nothing of a tab in a private window, as nothing else from there is stored", async () => {
  tabOn(true);
  const onTab = chrome.tabs.get;
  let looked!: () => void;
  const lookedAtTab = new Promise<void>((resolve) => (looked = resolve));
  Object.assign(chrome.tabs, {
    get: async (id: number) => {
      const tab = { ...(await onTab(id)), incognito: true };
      looked();
      return tab;
    },
  });
  await newWorker().recordReport(TAB, { status: "translated", progress: { total: 2, done: 2, failed: 0 }, url: URL });
  await lookedAtTab; // the record's own look, which comes last before it would write
  await settle();
  expect(fakeChrome.storage).not.toHaveProperty("translatedTabs");
});

it("remembers nothing when the page's report says its tab is in a private window", async () => {
  tabOn(true);
  const report = { status: "translated", progress: { total: 2, done: 2, failed: 0 }, url: URL } as const;
  const worker = newWorker();
  await worker.recordReport(TAB, report, true);
  await worker.recordReport(TAB + 1, report, false); // another tab's, reported after it, is written
  await eventually(() => expect(JSON.stringify(fakeChrome.storage)).toContain(`"${TAB + 1}"`), 5_000, 5);
  expect(JSON.stringify(fakeChrome.storage)).not.toContain(`"${TAB}"`);
});

it("a page reporting its progress many times is digested and looked up once, not at each report", async () => {
  tabOn(true);
  const digest = jest.spyOn(crypto.subtle, "digest");
  const worker = newWorker();
  for (let done = 0; done <= 20; done++) {
    await worker.recordReport(TAB, { status: "translating", progress: { total: 20, done, failed: 0 }, url: URL });
  }
  await eventually(() => expect(fakeChrome.storage).toHaveProperty("translatedTabs"), 5_000, 5);
  expect(digest.mock.calls.length).toBeLessThanOrEqual(2);
  digest.mockRestore();
});

it("names the language the page was translated into before the update, not one the reader chose since", async () => {
  fakeChrome.storage.settings = { ...DEFAULTS, targetLang: "fr" };
  await translatedThenUpdated();
  fakeChrome.storage.settings = { ...DEFAULTS, targetLang: "de" };
  expect(await newWorker().tabState(TAB)).toMatchObject({ status: "translated", targetLang: "de", shownLang: "fr" });
});

it("names no language for a page a Gloss that did not note it translated (the record holds none)", async () => {
  await translatedThenUpdated();
  const kept = fakeChrome.storage.translatedTabs as Record<string, { lang?: string }>;
  for (const record of Object.values(kept)) delete record.lang;
  expect(await newWorker().tabState(TAB)).toMatchObject({ status: "translated", shownLang: "" });
});

it("names the language a page is shown translated into when the reader chose another since (pages take it at their next translation)", async () => {
  fakeChrome.storage.settings = { ...DEFAULTS, targetLang: "fr" };
  tabOn(true);
  await newWorker().recordReport(TAB, { status: "translated", progress: { total: 2, done: 2, failed: 0 }, url: URL });
  await eventually(() => expect(fakeChrome.storage).toHaveProperty("translatedTabs"), 5_000, 5);
  fakeChrome.storage.settings = { ...DEFAULTS, targetLang: "de" };
  expect(await newWorker().tabState(TAB)).toMatchObject({ status: "translated", targetLang: "de", shownLang: "fr" });
  // Shown in the language chosen now: nothing more to say.
  fakeChrome.storage.settings = { ...DEFAULTS, targetLang: "fr" };
  expect(await newWorker().tabState(TAB)).not.toHaveProperty("shownLang");
});
