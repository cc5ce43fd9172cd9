// Which tabs' current pages have run Gloss's content script, as far as the background has heard (a content script
// asks for its settings as soon as it runs). A press on a page the background has heard nothing from injects the
// script at once instead of first asking a content script that is not there: the failed ask cost 10–170 ms before
// the first request (bench/first-request.ts). Not knowing is safe: a second injection reuses the first session.
const heardFrom = new Set<number>();

export const contentPresence = {
  /** A content script of the tab's top document sent a message. */
  heard(tabId: number): void {
    heardFrom.add(tabId);
  },
  /** The tab started loading another page, or closed. */
  forget(tabId: number): void {
    heardFrom.delete(tabId);
  },
  /** False when no content script of the tab's current page has been heard from (since the worker started). */
  mayListen(tabId: number): boolean {
    return heardFrom.has(tabId);
  },
};
