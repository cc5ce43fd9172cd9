// The background's entry against a fake browser: a page's progress reports (dozens a translation) set the context
// menu for its page, through the browser, only when what the menu shows for it would change.
import { fakeChrome } from "../helpers/fake-extension";
import { openStorage } from "../helpers/fake-extension-entry";
import { forgetBadge } from "../../src/background/badge";
import type { HandlerMap } from "../../src/background/handlers";
import "../../src/background/index";

/** Every promise the last report started has settled (the fake browser answers without timers). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

const page = "https://old.reddit.com/r/de/comments/1abc/";

// The tabs close: a badge change still waiting for its turn (reports come faster than the badge's pace) would
// otherwise be painted after this file ended, into a browser that is gone.
afterAll(() => [7, 8].forEach(forgetBadge));

it("a page's reports set the menu for it once, and again when the settings, the tab or the menu changed", async () => {
  const { handlers } = (globalThis as unknown as { gloss: { handlers: HandlerMap } }).gloss;
  openStorage();
  let lookUps = 0;
  let updates: unknown[] = [];
  let menuThere = false;
  Object.assign(chrome.tabs, {
    get: async (id: number) => {
      lookUps++;
      return { id, active: true };
    },
  });
  Object.assign(chrome.contextMenus, {
    update: async (id: string, change: object) => {
      if (!menuThere) throw new Error("Cannot find menu item with id " + id);
      updates.push([id, change]);
    },
  });
  const report = (tabId: number, done: number) =>
    handlers.reportProgress(
      { status: "translating", progress: { total: 40, done, failed: 0 }, url: page },
      { id: chrome.runtime.id, tab: { id: tabId } as never, frameId: 0, url: page },
    );
  const reddit = [
    ["gloss-bilingual-view", { checked: false }],
    ["gloss-always-translate", { title: "Always translate reddit.com", checked: true }],
  ];

  // Just installed: the menu is not made yet, and each report tries again until it is.
  await report(7, 0);
  await settled();
  menuThere = true;
  for (let done = 1; done <= 20; done++) {
    await report(7, done);
    await settled();
  }
  expect(updates).toEqual(reddit);
  expect(lookUps).toBe(2);

  // The rule covering the page removed: the next report names the rule it would add.
  updates = [];
  await chrome.storage.local.set({ settings: { ...(fakeChrome.storage.settings as object), autoTranslate: [] } });
  await report(7, 21);
  await settled();
  await report(7, 22);
  await settled();
  expect(updates).toEqual([
    ["gloss-bilingual-view", { checked: false }],
    ["gloss-always-translate", { title: "Always translate reddit.com/r/de", checked: false }],
  ]);

  // Another tab's page set it meanwhile: this tab's next report sets it back.
  updates = [];
  await report(8, 0);
  await settled();
  await report(7, 23);
  await settled();
  expect(updates).toHaveLength(4);
});
