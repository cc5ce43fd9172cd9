// The reader's display mode (popup, page menu, shortcut) when it cannot be saved for the site (the map of sites at
// its limit, storage full or broken): the page shows it all the same, and the badge and popup say it is not
// remembered. Before, a full map was skipped without a word, and a refused write left the page as it was.
import { fakeChrome } from "../helpers/fake-extension";
import { openStorage, type OnMenuClick } from "../helpers/fake-extension-entry";
import type { HandlerMap } from "../../src/background/handlers";
import { MAX_SITE_MODES } from "../../src/shared/settings";
import "../../src/background/index";

type Gloss = {
  onMenuClick: OnMenuClick;
  onCommand: (command: string, tab?: object) => Promise<unknown>;
  handlers: HandlerMap;
};
const gloss = () => (globalThis as unknown as { gloss: Gloss }).gloss;
const popup = { id: "gloss-test" };

/** Display commands the pages got, by tab; every page shows a translation. */
const shown: Array<[number, unknown]> = [];

beforeAll(() => {
  jest.spyOn(console, "error").mockImplementation(() => undefined);
  // Every site the map can hold has its own mode already.
  const full = Object.fromEntries(Array.from({ length: MAX_SITE_MODES }, (_, i) => [`site${i}.example`, "replace"]));
  fakeChrome.storage.settings = { schemaVersion: 5, siteDisplayModes: full };
  openStorage();
  Object.assign(chrome.tabs, {
    get: async (id: number) => ({ id, active: true, url: "https://www.spiegel.de/politik/" }),
    sendMessage: async (tabId: number, message: { command: string; mode?: string }) => {
      if (message.command === "display") shown.push([tabId, message.mode]);
      return { status: "translated", progress: { total: 3, done: 3, failed: 0 } };
    },
  });
});

beforeEach(() => {
  shown.length = 0;
  fakeChrome.badgeTexts = new Map();
});

it("the popup's view for a site the full map has no room for: shown on the page, and the popup says it is not saved", async () => {
  const answer = await gloss().handlers.setDisplayMode({ tabId: 3, mode: "bilingual" }, popup);
  expect(shown).toEqual([[3, "bilingual"]]);
  expect(answer.ok && answer.value.problem).toMatchObject({
    message: "This view is shown on this page only: Gloss could not save it for spiegel.de.",
    detail: `Display modes by site: at most ${MAX_SITE_MODES} sites.`,
  });
  expect(fakeChrome.badgeTexts.get(3)?.at(-1)).toBe("!");
});

it("the shortcut and the page menu when storage refuses the write: the page shows the view, the badge says why", async () => {
  // A site the map holds already: its mode would fit, but storage refuses it.
  const page = "https://site0.example/news/";
  Object.assign(chrome.tabs, { get: async (id: number) => ({ id, active: true, url: page }) });
  Object.assign(chrome.storage.local, { set: async () => Promise.reject(new Error("QUOTA_BYTES quota exceeded")) });
  await gloss().onCommand("toggle-display-mode", { id: 4, url: page });
  await gloss().onMenuClick(
    { menuItemId: "gloss-bilingual-view", checked: true, wasChecked: false, pageUrl: page },
    { id: 5, url: page },
  );
  expect(shown).toEqual([
    [4, "bilingual"],
    [5, "bilingual"],
  ]);
  for (const tabId of [4, 5]) {
    expect(fakeChrome.badgeTexts.get(tabId)?.at(-1)).toBe("!");
    const state = await gloss().handlers.getTabState({ tabId }, popup);
    expect(state.ok && state.value.problem).toMatchObject({
      message: "This view is shown on this page only: Gloss could not save it for site0.example.",
      detail: "QUOTA_BYTES quota exceeded",
    });
  }
});

it("the shortcut pressed again after a view that could not be saved switches the page back, and the popup shows the view the page has", async () => {
  const page = "https://site1.example/news/";
  Object.assign(chrome.tabs, { get: async (id: number) => ({ id, active: true, url: page }) });
  Object.assign(chrome.storage.local, { set: async () => Promise.reject(new Error("QUOTA_BYTES quota exceeded")) });
  await gloss().onCommand("toggle-display-mode", { id: 6, url: page });
  const state = await gloss().handlers.getTabState({ tabId: 6 }, popup);
  // The popup's Bilingual view box: checked, as the page shows it (the saved mode is still "replace").
  expect(state.ok && state.value.displayMode).toBe("bilingual");
  await gloss().onCommand("toggle-display-mode", { id: 6, url: page });
  // Before, the second press flipped the saved mode again: "bilingual", which the page already showed.
  expect(shown).toEqual([
    [6, "bilingual"],
    [6, "replace"],
  ]);
});

it("a worker stopped while idle and started again still knows the view the page shows: the popup's box and the next switch follow the page", async () => {
  const page = "https://site2.example/news/";
  Object.assign(chrome.tabs, { get: async (id: number) => ({ id, active: true, url: page }) });
  Object.assign(chrome.storage.local, { set: async () => Promise.reject(new Error("QUOTA_BYTES quota exceeded")) });
  await gloss().onCommand("toggle-display-mode", { id: 9, url: page });
  // Chromium stops the idle worker after ~30 s; the next event starts a new one, which knows only what was stored.
  jest.isolateModules(() => jest.requireActual("../../src/background/index"));
  const state = await gloss().handlers.getTabState({ tabId: 9 }, popup);
  expect(state.ok && state.value.displayMode).toBe("bilingual");
  await gloss().onCommand("toggle-display-mode", { id: 9, url: page });
  // Before, the new worker went by the saved mode ("replace") and "switched" to the bilingual view already shown.
  expect(shown).toEqual([
    [9, "bilingual"],
    [9, "replace"],
  ]);
});
