// The shared fake browser, with what the background's entry (src/background/index.ts) registers listeners on at
// load, and the storage a worker woken by an event finds: import this before the entry, which then starts as a
// worker does, reading the settings while the event that woke it is already being handled.
import type { SettingsSync } from "../../src/background/settings-sync";
import { fakeChrome } from "./fake-extension";

const noEvent = { addListener: () => undefined };

Object.assign(chrome.runtime, { onMessage: noEvent, onConnect: noEvent, onInstalled: noEvent, onStartup: noEvent });
Object.assign(chrome.permissions, { onAdded: noEvent, onRemoved: noEvent, request: async () => true });
Object.assign(chrome, {
  commands: { onCommand: noEvent },
  contextMenus: { onClicked: noEvent, update: async () => undefined },
  tabs: {
    onActivated: noEvent,
    onUpdated: noEvent,
    onRemoved: noEvent,
    get: async (id: number) => ({ id, active: true }),
  },
});

const focusListeners: Array<(windowId: number) => void> = [];

/** The browser's windows: none is named focused until a test turns to one (then tabs in others are not in view). */
export const windows = {
  focused: undefined as number | undefined,
  /** The reader turns to the window, as the browser tells it. */
  turnTo(windowId: number): void {
    windows.focused = windowId;
    focusListeners.forEach((listener) => listener(windowId));
  },
};

Object.assign(chrome, {
  windows: {
    WINDOW_ID_NONE: -1,
    onFocusChanged: { addListener: (listener: (windowId: number) => void) => void focusListeners.push(listener) },
    getLastFocused: async () => ({ id: windows.focused }),
  },
});

/** Saved before the worker starts: a rule for all of reddit.com, and one for spiegel.de. */
fakeChrome.storage.settings = { schemaVersion: 5, autoTranslate: ["reddit.com", "spiegel.de"] };

// Storage answers once the test says so: the woken worker's first read is still under way when the event arrives.
let storageOpen!: () => void;
const opened = new Promise<void>((resolve) => (storageOpen = resolve));
const read = chrome.storage.local.get.bind(chrome.storage.local);
Object.assign(chrome.storage.local, { get: (key: string) => opened.then(() => read(key)) });

/** Lets storage reads through. */
export const openStorage = (): void => storageOpen();

// A settings change starts settings sync's wait for changes to rest (seconds, on the real clock); the push after it
// would read the storage of a file that has ended. The worker's steps end with the file instead. The module is required
// when the file ends, not imported at the top: the entry's modules load after the fake above.
afterAll(() => {
  openStorage(); // a file that never opened it: the worker's first read holds up the sync's steps
  const { settingsSync } = jest.requireActual<{ settingsSync: SettingsSync }>("../../src/background/settings-sync");
  return settingsSync.settled(true); // at once: not the 3 s a change rests first
});

export type OnMenuClick = (info: object, tab: { id: number; url?: string }) => Promise<unknown>;
