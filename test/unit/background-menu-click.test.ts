// The background's entry against a fake browser: a context-menu click that wakes the service worker is handled
// before the worker has read anything from storage.
import { fakeChrome } from "../helpers/fake-extension";
import { openStorage, type OnMenuClick } from "../helpers/fake-extension-entry";
import type { HandlerMap } from "../../src/background/handlers";
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

it("Translate selection clicked in a frame of another site asks for that site in the click and runs in that frame", async () => {
  const { onMenuClick } = (globalThis as unknown as { gloss: { onMenuClick: OnMenuClick } }).gloss;
  const asked: string[][] = [];
  const running = new Set<number>();
  const sent: Array<{ frameId: number; command: string }> = [];
  Object.assign(chrome.permissions, {
    request: async ({ origins }: { origins: string[] }) => {
      asked.push(origins);
      return true;
    },
  });
  Object.assign(chrome.tabs, {
    sendMessage: async (_tabId: number, message: { command: string }, { frameId }: { frameId: number }) => {
      if (!running.has(frameId)) throw new Error("Could not establish connection. Receiving end does not exist.");
      sent.push({ frameId, command: message.command });
      return { status: "idle", progress: { total: 0, done: 0, failed: 0 } };
    },
  });
  Object.assign(chrome.scripting, {
    executeScript: async ({ target }: { target: { frameIds?: number[] } }) => {
      for (const frameId of target.frameIds ?? [0]) running.add(frameId);
      return [{ result: true }];
    },
  });
  openStorage();
  const page = "https://news.example/article";
  const click = onMenuClick(
    {
      menuItemId: "gloss-translate-selection",
      pageUrl: page,
      frameId: 3,
      frameUrl: "https://disqus.com/embed/comments/",
    },
    { id: 7, url: page },
  );
  // Asked while the click is still a user gesture: before anything is awaited.
  expect(asked).toEqual([["https://disqus.com/*"]]);
  await click;
  expect(sent.filter((entry) => entry.command !== "state")).toEqual([{ frameId: 3, command: "passage" }]);
});

it("Leave a part untranslated… (menu or popup) starts the picker in the page's top frame, from the menu on the element right-clicked; its Save adds the part for that page's site only", async () => {
  const { onMenuClick, handlers } = (
    globalThis as unknown as { gloss: { onMenuClick: OnMenuClick; handlers: HandlerMap } }
  ).gloss;
  const injected: unknown[] = [];
  Object.assign(chrome.scripting, {
    executeScript: async (details: { func?: unknown; args?: unknown[] }) => {
      injected.push(details.func ? { args: details.args } : details);
      return [{ result: details.func ? "shown" : undefined }];
    },
  });
  openStorage();
  const page = "https://old.reddit.com/r/de/comments/1abc/";
  // The popup's click grants the tab: its address is there to read.
  Object.assign(chrome.tabs, { get: async (id: number) => ({ id, active: true, url: page }) });
  await onMenuClick({ menuItemId: "gloss-pick-part", pageUrl: page, frameId: 0, targetElementId: 42 } as never, {
    id: 7,
    url: page,
  });
  await handlers.pickPart({ tabId: 7 }, { id: chrome.runtime.id });
  // Right-clicked in a frame: the picker, in the top frame only, starts as from the popup.
  await onMenuClick({ menuItemId: "gloss-pick-part", pageUrl: page, frameId: 3, targetElementId: 5 } as never, {
    id: 7,
    url: page,
  });
  const picker = { target: { tabId: 7, frameIds: [0] }, files: ["picker.js"] };
  expect(injected).toEqual([
    picker,
    { args: [{ fromMenu: true, site: "reddit.com", targetElementId: 42 }] },
    picker,
    { args: [{ fromMenu: false, site: "reddit.com" }] },
    picker,
    { args: [{ fromMenu: false, site: "reddit.com" }] },
  ]);

  const sender = { id: chrome.runtime.id, tab: { id: 7, url: page } as never, frameId: 0, url: page };
  await expect(handlers.addSkipPart({ site: "reddit.com", selector: ".side" }, sender)).resolves.toEqual({
    ok: true,
    value: { part: { site: "reddit.com", selector: ".side" } },
  });
  const again = await handlers.addSkipPart({ site: "reddit.com", selector: ".side" }, sender);
  expect(again.ok || again.error.message).toBe("“.side” is already left untranslated on reddit.com.");
  const elsewhere = await handlers.addSkipPart({ site: "example.com", selector: ".ads" }, sender);
  expect(elsewhere.ok).toBe(false);
  expect((fakeChrome.storage.settings as { skipParts: unknown[] }).skipParts).toEqual([
    { site: "reddit.com", selector: ".side" },
  ]);
});

it("a page that keeps the picker's overlay out: the popup says why, and from the menu the badge shows ! and the popup says why", async () => {
  const { onMenuClick, handlers } = (
    globalThis as unknown as { gloss: { onMenuClick: OnMenuClick; handlers: HandlerMap } }
  ).gloss;
  Object.assign(chrome.scripting, {
    executeScript: async (details: { func?: unknown }) => [{ result: details.func ? "blocked" : undefined }],
  });
  openStorage();
  const page = "https://blocking.example/article";
  const fromPopup = await handlers.pickPart({ tabId: 9 }, { id: chrome.runtime.id });
  expect(fromPopup.ok || fromPopup.error.message).toBe(
    "This page keeps Gloss's picker out, so a part cannot be picked on it.",
  );
  await onMenuClick({ menuItemId: "gloss-pick-part", pageUrl: page, frameId: 0 }, { id: 9, url: page });
  expect(fakeChrome.badgeTexts.get(9)?.at(-1)).toBe("!");
  const state = await handlers.getTabState({ tabId: 9 }, { id: chrome.runtime.id });
  expect(state.ok && state.value.problem).toMatchObject({
    message: "This page keeps Gloss's picker out, so a part cannot be picked on it.",
    fix: "Name the part by a CSS selector on Gloss's options page, under “Parts left untranslated”.",
  });
});

it("Always translate on https://localhost (menu or popup) asks for the host over https, which the manifest does not grant", async () => {
  const { onMenuClick, handlers } = (
    globalThis as unknown as { gloss: { onMenuClick: OnMenuClick; handlers: HandlerMap } }
  ).gloss;
  const asked: string[][] = [];
  Object.assign(chrome.permissions, {
    request: async ({ origins }: { origins: string[] }) => {
      asked.push(origins);
      return false;
    },
  });
  openStorage();
  const page = "https://localhost:8443/app/";
  Object.assign(chrome.tabs, { get: async (id: number) => ({ id, active: true, url: page }) });
  const click = onMenuClick(
    { menuItemId: "gloss-always-translate", checked: true, wasChecked: false, pageUrl: page },
    { id: 11, url: page },
  );
  // Asked while the click is still a user gesture: before anything is awaited.
  expect(asked).toEqual([["https://localhost/*"]]);
  await click;
  const state = await handlers.getTabState({ tabId: 11 }, { id: chrome.runtime.id });
  expect(state.ok && [state.value.siteRule, state.value.siteOrigins]).toEqual([
    "localhost:8443",
    ["https://localhost/*"],
  ]);
});
