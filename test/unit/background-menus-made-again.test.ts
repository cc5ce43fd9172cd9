// The context menu is made anew when Gloss is updated or reloaded (mid-page, the reader's tab left open) and when the
// browser starts: made anew, its boxes are unchecked and "Always translate" names no site. It must show the page the
// reader sees as saved at once, not only once they switch tabs or the page reports.
import { fakeChrome } from "../helpers/fake-extension";
import { openStorage } from "../helpers/fake-extension-entry";
import { install, startBrowser } from "../helpers/fake-install-events";
import "../../src/background/index";

/** Every promise the last event started has settled (the fake browser answers without timers). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 5));

const page = "https://old.reddit.com/r/de/comments/1abc/";
/** What each item of the menu shows now: made anew, the browser's defaults. */
let items = new Map<string, { title?: string; checked?: boolean }>();

beforeAll(() => {
  fakeChrome.storage.settings = {
    ...(fakeChrome.storage.settings as object),
    siteDisplayModes: { "reddit.com": "bilingual" },
  };
  openStorage();
  Object.assign(chrome.contextMenus, {
    removeAll: async () => void (items = new Map()),
    create: ({ id, title }: { id: string; title: string }) => void items.set(id, { title, checked: false }),
    update: async (id: string, change: { title?: string; checked?: boolean }) =>
      void items.set(id, { ...items.get(id), ...change }),
  });
  Object.assign(chrome.tabs, {
    get: async (id: number) => ({ id, active: true, url: page }),
    query: async () => [{ id: 7, active: true, url: page }],
  });
});

it.each([
  ["updated", () => install("update")],
  ["started with the browser", () => startBrowser()],
])("%s, the menu shows the page in view as saved: always translated, bilingual", async (_when, event) => {
  event();
  await settled();
  expect(items.get("gloss-always-translate")).toEqual({ title: "Always translate reddit.com", checked: true });
  expect(items.get("gloss-bilingual-view")).toMatchObject({ checked: true });
});
