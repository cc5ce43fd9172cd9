// A tab the browser discarded (unloaded to save memory, tab.discarded) has no page in it until the reader goes back to
// it, when it loads afresh: the popup says so, shows nothing translated, and offers no button that cannot work.
import { resetFakeChrome } from "../helpers/fake-extension";
import { commandTab, recordReport, tabState } from "../../src/background/tab-control";

const TAB = 7;
const URL = "https://example.org/article";
const noEvent = { addListener: () => undefined, removeListener: () => undefined };

/** A discarded tab: no content script answers, and the browser runs nothing in it. */
function asleepTab() {
  const injected: unknown[] = [];
  Object.assign(chrome, {
    tabs: {
      onUpdated: noEvent,
      onRemoved: noEvent,
      get: async (id: number) => ({ id, status: "unloaded", url: URL, discarded: true, active: false }),
      sendMessage: async () => Promise.reject(new Error("Could not establish connection.")),
    },
  });
  Object.assign(chrome.scripting, {
    executeScript: async (injection: unknown) => {
      injected.push(injection);
      throw new Error("Cannot access contents of the page.");
    },
  });
  return { injected };
}

beforeEach(() => resetFakeChrome());

it("a look at a discarded tab says it is asleep, not what its unloaded page showed, and offers nothing", async () => {
  asleepTab();
  // Translated before the browser unloaded it: going back to it loads the page's original.
  await recordReport(TAB, { status: "translated", progress: { total: 3, done: 3, failed: 0 }, url: URL });
  const state = await tabState(TAB);
  expect(state).toMatchObject({ status: "error", translatable: false, error: { kind: "asleep" } });
  expect(state.error?.fix).toMatch(/go to the tab/i);
});

it("a press for a discarded tab says it is asleep, without trying to get into it", async () => {
  const tab = asleepTab();
  const state = await commandTab(TAB, "translate");
  expect(state).toMatchObject({ status: "error", translatable: false, error: { kind: "asleep" } });
  expect(tab.injected).toEqual([]);
});
