// "Ready on every site" for the benchmarks: turned on as the options page saves it (the background then registers
// the content script on every page; the browser must have every site granted, see extensionGranting), and a wait
// until the script that loaded with a tab's page has been heard from, so a press finds it there.
import { callBackground, serviceWorker, type ExtensionBrowser } from "../test/e2e/chromium";

export async function setReadyOnEverySite(browser: ExtensionBrowser, on: boolean): Promise<void> {
  await callBackground(browser, "saveSettings", { patch: { readyOnEverySite: on } });
}

/** Until the background has heard from the content script that loaded with the tab's page. */
export async function heardFrom(browser: ExtensionBrowser, tabId: number): Promise<void> {
  while (
    !(await serviceWorker(browser).evaluate(async (id) => {
      const { contentPresence } = await chrome.storage.session.get("contentPresence");
      return Array.isArray(contentPresence) && contentPresence.includes(id);
    }, tabId))
  ) {
    await new Promise((r) => setTimeout(r, 20));
  }
}
