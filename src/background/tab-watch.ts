// The popup watches its tab over a port (WATCH_TAB_PORT): each report from the tab's page is passed on at once, so
// "Translated" shows when it happens rather than at the popup's next poll. Only Gloss's own pages may watch.
import type { Runtime } from "../extension/api";
import { isWatchTab, WATCH_TAB_PORT, type TabChanged } from "../shared/messages";
import { classifySender } from "./sender";

const watchers = new Map<number, Set<Runtime.Port>>();

export function handleWatchPort(port: Runtime.Port): void {
  if (port.name !== WATCH_TAB_PORT || !port.sender || classifySender(port.sender) !== "extension-page") {
    port.disconnect();
    return;
  }
  let watched: number | undefined;
  port.onMessage.addListener((message: unknown) => {
    // One tab per port: the popup shows one tab.
    if (watched !== undefined || !isWatchTab(message)) return;
    watched = message.tabId;
    const ports = watchers.get(watched) ?? new Set<Runtime.Port>();
    ports.add(port);
    watchers.set(watched, ports);
  });
  port.onDisconnect.addListener(() => {
    if (watched === undefined) return;
    const ports = watchers.get(watched);
    ports?.delete(port);
    if (ports?.size === 0) watchers.delete(watched);
  });
}

/** The tab's page reported: its watchers are told. */
export function tabChanged(tabId: number): void {
  const news: TabChanged = { type: "changed" };
  for (const port of watchers.get(tabId) ?? []) {
    try {
      port.postMessage(news);
    } catch {
      // The popup closed as the news went; its disconnect removes it.
    }
  }
}
