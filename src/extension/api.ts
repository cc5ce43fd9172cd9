// The WebExtension API as one promise-based `browser` object in every context (background, content script, popup,
// options). webextension-polyfill hands back Firefox's own `browser` untouched and, in Chromium, wraps `chrome` so
// the callback-style methods it knows return promises; methods it does not know (scripting, action, ...) pass through
// to Chromium's own, which return promises in MV3. Its types (@types/webextension-polyfill) are generated from
// Firefox's schemas; what Chromium lacks (e.g. `menus`) is read through the adapters below.
// First: a page's element named `browser` must not pass for the API the polyfill looks for (own-browser.ts).
import "./own-browser";
import browser from "webextension-polyfill";
import type { Menus, Runtime } from "webextension-polyfill";

export type { Runtime, Tabs, Menus, Windows } from "webextension-polyfill";

export const ext = browser;

/** Firefox's `menus` API (onShown, refresh); Chromium has only `contextMenus`, so this is undefined there. */
export const firefoxMenus: Menus.Static | undefined = "menus" in ext ? ext.menus : undefined;

/**
 * Listens to runtime.onMessage, answering through `sendResponse`: `answer` returns the reply's promise, or undefined
 * to leave the message alone. Returning `true` to keep the channel open works in Firefox, in Chromium's `chrome` and
 * in its native `browser`; a listener that returns a promise does not work in all of them.
 */
export function onRuntimeMessage(
  answer: (message: unknown, sender: Runtime.MessageSender) => Promise<unknown> | undefined,
): void {
  const listener = (message: unknown, sender: Runtime.MessageSender, sendResponse: (response: unknown) => void) => {
    const reply = answer(message, sender);
    if (!reply) return false; // not ours: no answer, and the sender is not kept waiting
    void reply.then(sendResponse);
    return true;
  };
  // The polyfill's type admits only `true`, but `false` (no answer) is what every browser expects for an ignored message.
  ext.runtime.onMessage.addListener(listener as Runtime.OnMessageListenerCallback);
}
