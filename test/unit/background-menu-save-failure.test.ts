// The background's entry against a fake browser whose storage refuses writes (full, or broken): a context-menu choice
// or shortcut that saves a setting ends with the menu showing what is saved and the badge and popup saying why.
import { fakeChrome } from "../helpers/fake-extension";
import { openStorage, type OnMenuClick } from "../helpers/fake-extension-entry";
import type { HandlerMap } from "../../src/background/handlers";
import "../../src/background/index";

type Gloss = {
  onMenuClick: OnMenuClick;
  onCommand: (command: string, tab?: object) => Promise<unknown>;
  handlers: HandlerMap;
};
const gloss = () => (globalThis as unknown as { gloss: Gloss }).gloss;

const refused = new Error("QUOTA_BYTES quota exceeded");
const menuUpdates: Array<[string, object]> = [];

beforeAll(() => {
  jest.spyOn(console, "error").mockImplementation(() => undefined);
  openStorage();
  Object.assign(chrome.storage.local, { set: async () => Promise.reject(refused) });
  Object.assign(chrome.contextMenus, {
    update: async (id: string, change: object) => void menuUpdates.push([id, change]),
  });
});

beforeEach(() => {
  menuUpdates.length = 0;
  fakeChrome.badgeTexts = new Map();
});

it("checking 'Always translate' when storage refuses the rule: the checkbox goes back to unchecked, the badge shows ! and the popup says why", async () => {
  const url = "https://www.lemonde.fr/article";
  // Settled, never rejected: a rejection here was unhandled, and nothing else happened.
  await expect(
    gloss().onMenuClick(
      { menuItemId: "gloss-always-translate", checked: true, wasChecked: false, pageUrl: url },
      { id: 4, url },
    ),
  ).resolves.toBeUndefined();
  expect(menuUpdates).toContainEqual([
    "gloss-always-translate",
    { title: "Always translate lemonde.fr", checked: false },
  ]);
  expect(fakeChrome.badgeTexts.get(4)).toEqual(["!"]);
  const state = await gloss().handlers.getTabState({ tabId: 4 }, { id: chrome.runtime.id });
  expect(state.ok && state.value.problem).toMatchObject({
    message: "Gloss could not do what you chose.",
    detail: "QUOTA_BYTES quota exceeded",
  });
  expect(state.ok && state.value.problem?.fix).toContain("QUOTA_BYTES quota exceeded");
});

it("'Bilingual view' from the menu or its shortcut when storage refuses the site's mode: the checkbox shows the mode saved, and the badge says why", async () => {
  const url = "https://www.spiegel.de/politik/";
  Object.assign(chrome.tabs, { get: async (id: number) => ({ id, active: true, url }) });
  await expect(
    gloss().onMenuClick(
      { menuItemId: "gloss-bilingual-view", checked: true, wasChecked: false, pageUrl: url },
      { id: 5, url },
    ),
  ).resolves.toBeUndefined();
  expect(menuUpdates).toContainEqual(["gloss-bilingual-view", { checked: false }]);
  expect(fakeChrome.badgeTexts.get(5)).toEqual(["!"]);

  await expect(gloss().onCommand("toggle-display-mode", { id: 6, url })).resolves.toBeUndefined();
  expect(fakeChrome.badgeTexts.get(6)).toEqual(["!"]);
});
