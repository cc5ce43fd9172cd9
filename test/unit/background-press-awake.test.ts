// Chrome stops a service worker after ~30 s without an extension event or API call. A press waits on its page for
// longer than that when the page is slow (a navigation to wait out, a script injected only once the page has loaded,
// a second try): stopped meanwhile, the worker dropped the press, and the page was never translated, without a word.
import { fakeChrome, resetFakeChrome } from "../helpers/fake-extension";
import { commandTab } from "../../src/background/tab-control";
import { commandInFrame } from "../../src/background/frame-command";
import { settleChoice } from "../../src/background/menu-choice-failure";

const TAB = 7;
const noEvent = { addListener: () => undefined, removeListener: () => undefined };

beforeEach(() => {
  resetFakeChrome();
  jest.useFakeTimers();
});
afterEach(() => jest.useRealTimers());

/** A tab whose page answers nothing, and into which the script goes only when `load` is called. */
function slowPage() {
  const waiting: Array<() => void> = [];
  Object.assign(chrome, {
    tabs: {
      onUpdated: noEvent,
      onRemoved: noEvent,
      get: async (id: number) => ({ id, status: "loading", url: "https://example.org/", active: true }),
      sendMessage: () => new Promise<never>(() => undefined),
    },
  });
  Object.assign(chrome.scripting, {
    executeScript: () => new Promise<never>((_resolve, reject) => waiting.push(() => reject(new Error("gone")))),
  });
  return { fail: () => waiting.splice(0).forEach((reject) => reject()) };
}

async function pass(ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 1000) await jest.advanceTimersByTimeAsync(1000);
}

it("keeps the worker up while a press waits on a slow page, and lets it rest once the press is over", async () => {
  const page = slowPage();
  let over = false;
  const pressed = commandTab(TAB, "translate").finally(() => (over = true));
  await pass(25_000);
  expect(over).toBe(false);
  const early = fakeChrome.platformInfoCalls;
  expect(early).toBeGreaterThan(0);
  await pass(25_000);
  expect(fakeChrome.platformInfoCalls).toBeGreaterThan(early);
  page.fail();
  await pass(120_000);
  await pressed;
  const after = fakeChrome.platformInfoCalls;
  await pass(60_000);
  expect(fakeChrome.platformInfoCalls).toBe(after);
});

it("keeps the worker up while a shortcut or menu choice other than a press (Translate what I wrote) waits on a slow page", async () => {
  const page = slowPage();
  Object.assign(chrome.tabs, { sendMessage: async () => Promise.reject(new Error("Receiving end does not exist.")) });
  let over = false;
  const chosen = settleChoice(
    TAB,
    () => commandInFrame(TAB, "write"),
    async () => undefined,
  ).finally(() => (over = true));
  await pass(25_000);
  expect(over).toBe(false);
  const early = fakeChrome.platformInfoCalls;
  expect(early).toBeGreaterThan(0);
  page.fail();
  await pass(1000);
  await chosen;
  await pass(60_000);
  expect(fakeChrome.platformInfoCalls).toBe(early);
});
