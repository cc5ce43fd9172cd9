// The display mode a tab's page shows that could not be saved for its site: what the switch flips next and the popup's
// Bilingual view box shows, not the saved mode, which would "switch" to the view already shown. It holds while the
// tab's problem says so (modeNotSaved): a page loaded, the tab closed or another command forgets both.
import type { DisplayMode } from "../shared/settings";
import { menuProblemOf } from "./menu-problem";

const unsaved = new Map<number, DisplayMode>();

/** The page of `tabId` shows `mode` (undefined: the mode saved for its site). */
export function noteUnsavedMode(tabId: number, mode: DisplayMode | undefined): void {
  if (mode) unsaved.set(tabId, mode);
  else unsaved.delete(tabId);
}

/** The mode the tab's page shows that is not the saved one, while the tab's problem still says so. */
export async function unsavedModeOf(tabId: number): Promise<DisplayMode | undefined> {
  if (unsaved.has(tabId) && (await menuProblemOf(tabId))?.kind !== "mode-not-saved") unsaved.delete(tabId);
  return unsaved.get(tabId);
}
