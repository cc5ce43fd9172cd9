// The background's entry against a fake browser: a context-menu click that wakes the service worker is handled
// before the worker has read anything from storage.
import { fakeChrome } from "../helpers/fake-extension";
import { openStorage, type OnMenuClick } from "../helpers/fake-extension-entry";
import "../../src/background/index"; // the worker starts for the click, after the fake above

it("unchecking 'Always translate' on a page a saved rule covers removes that rule, right after the click woke the worker", async () => {
  const { onMenuClick } = (globalThis as unknown as { gloss: { onMenuClick: OnMenuClick } }).gloss;
  // The menu named the rule covering the page: "Always translate reddit.com", checked.
  const url = "https://old.reddit.com/r/de/comments/1abc/";
  const click = onMenuClick(
    { menuItemId: "gloss-always-translate", checked: false, wasChecked: true, pageUrl: url },
    { id: 7, url },
  );
  openStorage(); // the worker's first read of the settings ends after the click arrived
  await click;
  expect((fakeChrome.storage.settings as { autoTranslate: string[] }).autoTranslate).toEqual(["spiegel.de"]);
});
