// The browser's install and start-up events on the shared fake browser, and the menus they make: import it after
// fake-extension-entry and before the background's entry, which registers its listeners as it loads.
type Installed = (details: { reason: string }) => void;

const installedListeners: Installed[] = [];
const startupListeners: Array<() => void> = [];

Object.assign(chrome.runtime, {
  onInstalled: { addListener: (listener: Installed) => void installedListeners.push(listener) },
  onStartup: { addListener: (listener: () => void) => void startupListeners.push(listener) },
});

/** The extension was installed or updated (`reason`), as the browser tells the new worker. */
export const install = (reason: string): void => installedListeners.forEach((listener) => listener({ reason }));

/** The browser started. */
export const startBrowser = (): void => startupListeners.forEach((listener) => listener());
