// Which tabs' current pages have run Gloss's content script, as far as the background has heard (a content script
// asks for its settings as soon as it runs). A press on a page the background has heard nothing from injects the
// script at once instead of first asking a content script that is not there: the failed ask cost 10–170 ms before
// the first request (bench/first-request.ts). Not knowing is safe: a second injection reuses the first session.
// Only the tab's page counts (frameId 0): a page Chromium prerenders asks with another frameId until it is shown,
// and a page shown that way, or back from the back/forward cache, checks in again (content/restored-page.ts).
//
// The list outlives the worker (session storage, gone when the browser closes): a page that has had the script since
// it loaded ("ready on every site", hover, auto-translate) is usually pressed after the reader has read a while, by
// when the idle worker has been stopped; forgetting it then would inject the script a second time, which costs more
// than the first.
import { ext } from "../extension/api";

/** Where the list is kept between the worker's lives. */
export interface PresenceStore {
  load(): Promise<unknown>;
  save(tabIds: number[]): Promise<void>;
}

export interface ContentPresence {
  /** A content script of the tab's top document sent a message. */
  heard(tabId: number): void;
  /** The tab started loading another page, or closed. */
  forget(tabId: number): void;
  /** False when no content script of the tab's current page has been heard from. */
  mayListen(tabId: number): Promise<boolean>;
  /** Every tab a content script of the current page has been heard from. */
  listening(): Promise<number[]>;
}

export function createContentPresence(store: PresenceStore): ContentPresence {
  const heardFrom = new Set<number>();
  // Every change waits for the list the previous worker kept, so that list cannot undo it.
  let ready: Promise<void> | undefined;
  const restored = () =>
    (ready ??= store.load().then(
      (ids) => {
        if (Array.isArray(ids)) for (const id of ids) if (typeof id === "number") heardFrom.add(id);
      },
      () => undefined,
    ));
  const change = (apply: () => boolean) =>
    void restored().then(() => {
      if (apply()) store.save([...heardFrom]).catch(() => undefined);
    });
  return {
    heard: (tabId) => change(() => !heardFrom.has(tabId) && !!heardFrom.add(tabId)),
    forget: (tabId) => change(() => heardFrom.delete(tabId)),
    mayListen: async (tabId) => {
      await restored();
      return heardFrom.has(tabId);
    },
    listening: async () => {
      await restored();
      return [...heardFrom];
    },
  };
}

const KEY = "contentPresence";

const sessionStore: PresenceStore = {
  load: async () => (await ext.storage.session.get(KEY))[KEY],
  save: async (tabIds) => ext.storage.session.set({ [KEY]: tabIds }),
};

export const contentPresence = createContentPresence(sessionStore);
