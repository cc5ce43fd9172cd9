// Firefox's `menus` namespace on the shared fake browser (its menus.onShown tells the page's address as the menu
// opens): import it after fake-extension-entry and before the background's entry, which reads it as it loads.
type OnShown = (info: { pageUrl?: string; contexts?: string[] }, tab?: { id?: number; url?: string }) => void;

const shownListeners: OnShown[] = [];

/** How often the menu was drawn again after a change (menus.refresh). */
export const menuRefreshes = { count: 0 };

Object.assign(chrome, {
  menus: {
    onShown: { addListener: (listener: OnShown) => void shownListeners.push(listener) },
    refresh: async () => void menuRefreshes.count++,
  },
});

/** The reader opens the page's context menu. */
export const openMenu: OnShown = (info, tab) => shownListeners.forEach((listener) => listener(info, tab));
