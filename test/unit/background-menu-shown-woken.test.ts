// Firefox's context menu opened while the event page is suspended: the menu's onShown wakes it, and comes before the
// worker has read the settings. The checkboxes must show the page's site as saved (and the view the page shows),
// not as if nothing were saved.
import { fakeChrome } from "../helpers/fake-extension";
import { openStorage } from "../helpers/fake-extension-entry";
import { menuRefreshes, openMenu } from "../helpers/fake-firefox-menus";
import "../../src/background/index"; // the event page starts for the menu, after the fakes above

/** Every promise the last event started has settled (the fake browser answers without timers). */
const settled = () => new Promise((resolve) => setTimeout(resolve, 5));

const checked = new Map<string, boolean | undefined>();
const titles: string[] = [];

beforeAll(() => {
  Object.assign(chrome.contextMenus, {
    update: async (id: string, change: { title?: string; checked?: boolean }) => {
      checked.set(id, change.checked);
      if (change.title) titles.push(change.title);
    },
  });
});

it("opened on a page a saved rule covers, on a site shown bilingual, as the menu wakes the event page: both boxes are checked", async () => {
  const page = "https://old.reddit.com/r/de/comments/1abc/";
  fakeChrome.storage.settings = {
    ...(fakeChrome.storage.settings as object),
    siteDisplayModes: { "reddit.com": "bilingual" },
  };
  openMenu({ pageUrl: page, contexts: ["page"] }, { id: 7, url: page });
  openStorage(); // the woken page's first read of the settings ends after the menu opened
  await settled();
  expect(titles.at(-1)).toBe("Always translate reddit.com");
  expect(checked.get("gloss-always-translate")).toBe(true);
  expect(checked.get("gloss-bilingual-view")).toBe(true);
  expect(menuRefreshes.count).toBeGreaterThan(0);
});
