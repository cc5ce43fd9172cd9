// The context menu is one for every window, and "active" names a tab in each of them: only the tab the reader sees
// in the window they last used sets it. A page translating in another window set the menu for its own site at each
// report, so "Always translate" named (and was checked for) that site on the reader's page.
import { ext, type Tabs, type Windows } from "../extension/api";

/** Firefox for Android has no windows (nor a context menu): each part is checked before use. */
const windows = (ext as { windows?: Partial<Windows.Static> }).windows;

/** The window the reader last used, when the browser says. */
async function focusedWindow(): Promise<number | undefined> {
  try {
    return (await windows?.getLastFocused?.())?.id;
  } catch {
    return undefined;
  }
}

/** Whether the tab is the one the reader sees: active in the window they last used (where the browser says which). */
export async function inView(tab: { active?: boolean; windowId?: number }): Promise<boolean> {
  if (!tab.active) return false;
  const focused = await focusedWindow();
  return focused === undefined || tab.windowId === undefined || focused === tab.windowId;
}

/** Calls `shown` with the tab the reader sees each time they turn to another window. */
export function onWindowTurnedTo(shown: (tab: Tabs.Tab & { id: number }) => void): void {
  windows?.onFocusChanged?.addListener((windowId) => {
    if (windowId === windows.WINDOW_ID_NONE) return; // the browser lost focus to another program
    void ext.tabs
      .query({ active: true, windowId })
      .then(([tab]) => (tab?.id !== undefined ? shown({ ...tab, id: tab.id }) : undefined))
      .catch(() => undefined);
  });
}
