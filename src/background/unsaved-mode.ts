// The display mode a tab's page shows that could not be saved for its site: what the switch flips next and the popup's
// Bilingual view box shows, not the saved mode, which would "switch" to the view already shown. It holds while the
// tab's problem says so (modeNotSaved): a page loaded, the tab closed or another command forgets both.
//
// Kept with the problem in session storage (tab-records.ts): the problem's "!" outlives the idle worker, and the mode
// must too, or a worker started again shows the saved mode in the popup while the page shows the other.
import { DISPLAY_MODES, type DisplayMode } from "../shared/settings";
import { menuProblemOf } from "./menu-problem";
import { createTabRecords, sessionStore } from "./tab-records";

const isDisplayMode = (value: unknown): value is DisplayMode => DISPLAY_MODES.includes(value as DisplayMode);

const unsaved = createTabRecords(sessionStore("unsavedModes"), isDisplayMode);

/** The page of `tabId` shows `mode` (undefined: the mode saved for its site). */
export function noteUnsavedMode(tabId: number, mode: DisplayMode | undefined): Promise<void> {
  return mode ? unsaved.set(tabId, mode) : unsaved.forget(tabId);
}

/** The mode the tab's page shows that is not the saved one, while the tab's problem still says so. */
export async function unsavedModeOf(tabId: number): Promise<DisplayMode | undefined> {
  const mode = await unsaved.get(tabId);
  if (mode && (await menuProblemOf(tabId))?.kind !== "mode-not-saved") {
    await unsaved.forget(tabId);
    return undefined;
  }
  return mode;
}

/** The tab closed or loads another page: nothing of it is left in session storage. */
export const forgetUnsavedMode = (tabId: number): void => void unsaved.forget(tabId);
