// What the context menu was last set for: a tab, its page's address and the settings. A page reports its progress
// dozens of times a translation, and each report set the menu for its tab again (a tab look-up and two menu updates,
// each through the browser process) though nothing the menu shows had changed.
import type { Settings } from "../shared/settings";

interface SetFor {
  tabId: number;
  url: string | undefined;
  settings: Settings;
}

let shown: SetFor | undefined;

/** The menu is being set for the tab's page at `url` under `settings`; call the result if that failed. */
export function menuSetFor(tabId: number, url: string | undefined, settings: Settings): () => void {
  const mine: SetFor = { tabId, url, settings };
  shown = mine;
  return () => {
    if (shown === mine) shown = undefined;
  };
}

/**
 * Whether the menu was last set for this tab's page at `url` under these very settings (the store hands out a new
 * object when they change), with nothing changing it since.
 */
export const menuShows = (tabId: number, url: string, settings: Settings): boolean =>
  shown?.tabId === tabId && shown.url === url && shown.settings === settings;

/** The menu changed otherwise: made anew, set for a page the browser named, or a checkbox the reader clicked. */
export function menuUnknown(): void {
  shown = undefined;
}
