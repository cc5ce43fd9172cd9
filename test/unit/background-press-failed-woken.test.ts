// A press that could not reach its page leaves "!" on the badge, which the browser keeps when Chrome stops the idle
// worker (~30 s). The popup opened after that must still say why, as it did before the worker stopped: the new
// worker knew nothing of the failure and offered Translate this page under an unexplained "!".
import { fakeChrome } from "../helpers/fake-extension";
import { openStorage } from "../helpers/fake-extension-entry";
import type { HandlerMap } from "../../src/background/handlers";
import type { tabUpdated } from "../../src/background/tab-control";
import "../../src/background/index";

type Gloss = { onCommand: (command: string, tab?: object) => Promise<unknown>; handlers: HandlerMap };
const gloss = () => (globalThis as unknown as { gloss: Gloss }).gloss;
const popup = { id: "gloss-test" };
const PAGE = "https://www.spiegel.de/politik/";
const noEvent = { addListener: () => undefined, removeListener: () => undefined };

beforeAll(() => {
  openStorage();
  // A web page the press may not enter (its access lost), with no script of Gloss's in it.
  Object.assign(chrome.tabs, {
    ...noEvent,
    onUpdated: noEvent,
    onRemoved: noEvent,
    get: async (id: number) => ({ id, active: true, status: "complete", url: PAGE }),
    sendMessage: async () => Promise.reject(new Error("Could not establish connection. Receiving end does not exist.")),
  });
  Object.assign(chrome.scripting, {
    executeScript: async () => Promise.reject(new Error("Cannot access contents of the page.")),
  });
});

const stateOf = async (tabId: number) => {
  const answer = await gloss().handlers.getTabState({ tabId }, popup);
  if (!answer.ok) throw new Error("no state");
  return answer.value;
};

it("the popup opened after the worker was stopped still says why a press failed, until the tab loads a page", async () => {
  await gloss().onCommand("toggle-translation", { id: 3, url: PAGE });
  expect(fakeChrome.badgeTexts.get(3)?.at(-1)).toBe("!");
  const before = await stateOf(3);
  expect(before).toMatchObject({ status: "error", error: { kind: "no-access" } });

  // Chromium stops the idle worker; the popup's look starts a new one, which knows only what was stored.
  let woken: { tabUpdated: typeof tabUpdated } | undefined;
  jest.isolateModules(() => {
    jest.requireActual("../../src/background/index");
    woken = jest.requireActual("../../src/background/tab-control");
  });
  expect(await stateOf(3)).toMatchObject({ status: "error", error: before.error });
  // Another tab was never pressed.
  expect((await stateOf(4)).status).toBe("idle");
  // The tab goes on to another page: the reason goes with the page it was about.
  woken!.tabUpdated(3, { status: "loading" });
  expect((await stateOf(3)).status).toBe("idle");
});

it("a press that then reaches the page leaves no old reason behind for the next worker", async () => {
  await gloss().onCommand("toggle-translation", { id: 5, url: PAGE });
  expect((await stateOf(5)).status).toBe("error");
  const translating = { status: "translating", progress: { total: 4, done: 0, failed: 0 } };
  await gloss().handlers.reportProgress(translating as never, { id: chrome.runtime.id, tab: { id: 5 } } as never);
  await new Promise((resolve) => setTimeout(resolve, 0));
  jest.isolateModules(() => jest.requireActual("../../src/background/index"));
  expect((await stateOf(5)).status).toBe("idle");
});

it("Translate what I wrote by its shortcut where Gloss could not get in: the badge shows ! and the popup says why", async () => {
  // It did nothing, and nothing said so (Translate selection's shortcut says so there).
  await gloss().onCommand("translate-field", { id: 6, url: PAGE });
  expect(fakeChrome.badgeTexts.get(6)?.at(-1)).toBe("!");
  expect((await stateOf(6)).problem).toMatchObject({ kind: "no-access" });
});
