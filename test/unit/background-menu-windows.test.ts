// The background's entry against a fake browser with two windows: the context menu (one for all windows) follows the
// page the reader sees in the window they use, not a page translating in another window.
import { openStorage, windows } from "../helpers/fake-extension-entry";
import type { HandlerMap } from "../../src/background/handlers";
import "../../src/background/index";

/** Every promise the last event started has settled (the fake browser answers without timers). */
const settled = () => new Promise((resolve) => setImmediate(resolve));

it("a page translating in another window leaves the menu on the reader's page; turning to that window sets it for that page", async () => {
  const { handlers } = (globalThis as unknown as { gloss: { handlers: HandlerMap } }).gloss;
  openStorage();
  const reddit = "https://old.reddit.com/r/de/comments/1abc/";
  const lemonde = "https://www.lemonde.fr/article";
  // Tab 7 in window 1 (the reader's), tab 9 in window 2: each the active tab of its window.
  const tabs = new Map([
    [7, { id: 7, windowId: 1, active: true }],
    [9, { id: 9, windowId: 2, active: true }],
  ]);
  const titles: string[] = [];
  Object.assign(chrome.tabs, {
    get: async (id: number) => tabs.get(id),
    query: async ({ windowId }: { windowId: number }) => [...tabs.values()].filter((tab) => tab.windowId === windowId),
  });
  Object.assign(chrome.contextMenus, {
    update: async (id: string, change: { title?: string }) => {
      if (id === "gloss-always-translate" && change.title) titles.push(change.title);
    },
  });
  const report = (tabId: number, url: string) =>
    handlers.reportProgress(
      { status: "translating", progress: { total: 40, done: 1, failed: 0 }, url },
      { id: chrome.runtime.id, tab: { id: tabId } as never, frameId: 0, url },
    );
  windows.turnTo(1);
  await settled();
  titles.length = 0;
  await report(7, reddit);
  await settled();
  await report(9, lemonde);
  await settled();
  expect(titles).toEqual(["Always translate reddit.com"]);

  windows.turnTo(2);
  await settled();
  expect(titles.at(-1)).toBe("Always translate lemonde.fr");
});
