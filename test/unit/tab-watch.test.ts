// The background's end of the popup's watch on its tab: only Gloss's own pages may watch, each is told of its own
// tab's reports only, and a closed popup is told nothing more.
import { resetFakeChrome } from "../helpers/fake-extension";
import { handleWatchPort, tabChanged } from "../../src/background/tab-watch";
import type { Runtime } from "../../src/extension/api";
import { WATCH_TAB_PORT } from "../../src/shared/messages";

beforeEach(() => resetFakeChrome());

interface Watcher {
  port: Runtime.Port;
  news: unknown[];
  disconnected: boolean;
  send(message: unknown): void;
  close(): void;
}

function watcher(sender: Runtime.MessageSender, name = WATCH_TAB_PORT): Watcher {
  const messageListeners: Array<(message: unknown) => void> = [];
  const disconnectListeners: Array<() => void> = [];
  const w: Watcher = {
    news: [],
    disconnected: false,
    send: (message) => messageListeners.forEach((listener) => listener(message)),
    close: () => disconnectListeners.forEach((listener) => listener()),
    port: {
      name,
      sender,
      postMessage: (message: unknown) => void w.news.push(message),
      disconnect: () => void (w.disconnected = true),
      onMessage: { addListener: (listener: (message: unknown) => void) => void messageListeners.push(listener) },
      onDisconnect: { addListener: (listener: () => void) => void disconnectListeners.push(listener) },
    } as unknown as Runtime.Port,
  };
  handleWatchPort(w.port);
  return w;
}

/** The fake extension's id and pages (helpers/fake-extension.ts). */
const ID = "gloss-test";
const popupSender = (): Runtime.MessageSender => ({ id: ID, url: `chrome-extension://${ID}/popup.html` });

test("the popup is told of its own tab's reports, and of no other tab's", () => {
  const popup = watcher(popupSender());
  popup.send({ type: "watch", tabId: 7 });
  tabChanged(8);
  expect(popup.news).toEqual([]);
  tabChanged(7);
  expect(popup.news).toEqual([{ type: "changed" }]);
  // One tab per port: a second request does not add another.
  popup.send({ type: "watch", tabId: 8 });
  tabChanged(8);
  expect(popup.news).toHaveLength(1);
});

test("a closed popup is told nothing more", () => {
  const popup = watcher(popupSender());
  popup.send({ type: "watch", tabId: 3 });
  popup.close();
  tabChanged(3);
  expect(popup.news).toEqual([]);
});

test("a content script, a web page or another extension cannot watch a tab", () => {
  const tab = { id: 5, index: 0, highlighted: false, active: true, pinned: false, incognito: false };
  const senders: Runtime.MessageSender[] = [
    { id: ID, url: "https://old.reddit.com/r/de", tab },
    { url: "https://evil.example/" },
    { id: "another-extension", url: "chrome-extension://another-extension/page.html" },
  ];
  for (const sender of senders) {
    const other = watcher(sender);
    expect(other.disconnected).toBe(true);
    other.send({ type: "watch", tabId: 5 });
    tabChanged(5);
    expect(other.news).toEqual([]);
  }
});
