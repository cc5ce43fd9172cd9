// The browser side of command delivery (see command-delivery.ts): a tab's loading state, messages to its top
// document's content script, injection, and waiting on the tab's updates.
import { ext, type Tabs } from "../extension/api";
import type { TabChannel, TabInfo } from "./command-delivery";
import { contentPresence } from "./content-presence";
import { contentConfigFor } from "./content-config";
import { service } from "./service";
import type { ContentConfig, PressConfig } from "../shared/messages";
import { handoverEvent } from "../shared/handover-event";
import { handoverKey } from "./handover-key";

/**
 * Whether a navigation is in flight. Chromium names its destination (`pendingUrl`, visible with the press's
 * activeTab grant). Firefox does not, but its tabs.onUpdated says "loading" with no address when a navigation
 * starts and gives the address when the new page commits; those starts are kept here.
 */
const reportsNavigationStart = typeof (ext.runtime as { getBrowserInfo?: unknown }).getBrowserInfo === "function";
const navigationsStarted = new Set<number>();

/** Every tabs.onUpdated event, in order, before anyone waits on the tab (registered first, at the top level). */
export function noteTabUpdate(tabId: number, change: Tabs.OnUpdatedChangeInfoType): void {
  if (change.url !== undefined || change.status === "complete") navigationsStarted.delete(tabId);
  else if (change.status === "loading" && reportsNavigationStart) navigationsStarted.add(tabId);
}

export function forgetTabNavigation(tabId: number): void {
  navigationsStarted.delete(tabId);
}

function infoOf(tab: Tabs.Tab): TabInfo {
  const pendingUrl = (tab as { pendingUrl?: string }).pendingUrl;
  const started = tab.id !== undefined && navigationsStarted.has(tab.id) && tab.status === "loading";
  return {
    ...(tab.status ? { status: tab.status } : {}),
    ...(tab.url ? { url: tab.url } : {}),
    navigating: (!!pendingUrl && pendingUrl !== tab.url) || started,
    ...(tab.discarded ? { discarded: true } : {}),
  };
}

async function tab(tabId: number): Promise<TabInfo | undefined> {
  try {
    return infoOf(await ext.tabs.get(tabId));
  } catch {
    return undefined;
  }
}

type PressWorld = typeof globalThis & {
  __glossPressConfig?: PressConfig;
  __glossPressConfigCame?(): void;
  __glossHandoverKey?: string;
};

/** Runs in the page's isolated world (serialised by the browser: nothing from outside the function). */
function leavePressConfig(url: string, config: ContentConfig | null, key: string | null): void {
  const world = globalThis as PressWorld;
  // For the press's start, which tells at once whether an older script gave a translation back (content/handover.ts).
  if (key) world.__glossHandoverKey = key;
  if (!config) return;
  world.__glossPressConfig = { url, config, at: Date.now() };
  // Only the function content.js set, not a page element of that name showing through `window`.
  const came = Object.hasOwn(world, "__glossPressConfigCame") ? world.__glossPressConfigCame : undefined;
  if (typeof came === "function") came();
}

/**
 * Sends the content config for the page a press is about to start, and the handover key, where its content script
 * looks first; resolves once the hand-over is on its way (not when it has run), so the script injected next finds it
 * there. The page asks for its settings itself when none came with the press.
 */
async function handPressConfig(tabId: number, url: string): Promise<void> {
  const [config, key] = await Promise.all([
    contentConfigFor(service, url).catch(() => null),
    handoverKey().catch(() => null),
  ]);
  if (!config && !key) return;
  // At once, not when the page is idle: it only leaves values.
  ext.scripting
    .executeScript({ target: { tabId }, func: leavePressConfig, args: [url, config, key], injectImmediately: true })
    .catch(() => undefined);
}

/** Runs in the page's isolated world: an old script cut off from Gloss answers it (content/handover.ts). */
function askForPageBack(eventName: string): void {
  dispatchEvent(new Event(eventName));
}

/** See static/start-translation.js. */
const START_TRANSLATION_FILE = "start-translation.js";

export const browserTabChannel: TabChannel = {
  tab,
  send: (tabId, command) => ext.tabs.sendMessage(tabId, command, { frameId: 0 }),
  async inject(tabId, startWith, page) {
    // The settings go in a call of their own, sent before content.js's: the browser runs it first, so the script
    // finds them as it starts. Sent alongside, they came after the script had started about half the time (its
    // first request then waited for them, or for its own question to the background: 5–10 ms).
    if (startWith && page?.url) await handPressConfig(tabId, page.url);
    // One injection: the second file starts the translation when the first started a new session (its value,
    // true then, is the injection's result), so no round trip stands between the press and the first request.
    const files = startWith ? ["content.js", START_TRANSLATION_FILE] : ["content.js"];
    // A loaded page takes the script without waiting for its idle turn (press to first request about 6 ms sooner,
    // bench/first-request.ts); a page still loading gets it when its document is complete enough to collect.
    const injectImmediately = page?.status === "complete";
    const [frame] = await ext.scripting.executeScript({ target: { tabId }, files, injectImmediately });
    const result: unknown = frame?.result;
    return { started: startWith !== undefined && result === true, handedBack: result === "handed back" };
  },
  async handOver(tabId) {
    const target = { tabId };
    const key = await handoverKey().catch(() => undefined);
    if (!key) return;
    // At once, also on a page still loading: it only sends an event.
    const injection = { target, func: askForPageBack, args: [handoverEvent(key)], injectImmediately: true };
    await ext.scripting.executeScript(injection).catch(() => undefined);
  },
  mayListen: (tabId) => contentPresence.mayListen(tabId),
  waitWhile(tabId, holds, ms) {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        ext.tabs.onUpdated.removeListener(onUpdated);
        ext.tabs.onRemoved.removeListener(onRemoved);
        resolve();
      };
      const onUpdated = (id: number, _change: Tabs.OnUpdatedChangeInfoType, updated: Tabs.Tab) => {
        if (id === tabId && !holds(infoOf(updated))) done();
      };
      const onRemoved = (id: number) => {
        if (id === tabId) done();
      };
      const timer = setTimeout(done, ms);
      ext.tabs.onUpdated.addListener(onUpdated);
      ext.tabs.onRemoved.addListener(onRemoved);
      // It may have changed before the listeners were in place.
      void tab(tabId).then((now) => {
        if (!now || !holds(now)) done();
      });
    });
  },
};
