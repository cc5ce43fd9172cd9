// A context-menu choice or shortcut that failed inside Gloss (storage refused a setting, full or broken): the menu is
// set again to what is saved, and the badge shows "!" while the popup says why. Such a failure was an unhandled
// rejection, and the checkbox the reader clicked went on showing a choice that was never saved.
import type { UserError } from "../shared/messages";
import { holdAwake } from "./keep-alive";
import { noteMenuProblem } from "./menu-problem";

export function choiceFailed(error: unknown): UserError {
  const cause = error instanceof Error ? error.message : String(error);
  // The popup shows the fix, not the detail: the browser's words go in it (a full storage says so).
  return {
    message: "Gloss could not do what you chose.",
    fix: `It was told: “${cause}”. Try again; if it keeps happening, restart the browser.`,
    kind: "choice-failed",
    detail: cause,
  };
}

/**
 * Runs the reader's choice for the tab; a failure ends with `refreshMenu` and the reason noted, never rejected. The
 * worker is held up until it is over: a choice can wait on a slow page (a script injected only once the page has
 * loaded, a site's permission asked) for longer than Chrome leaves a silent worker running, and stopped, it was lost.
 */
export async function settleChoice(
  tabId: number,
  choice: () => Promise<unknown>,
  refreshMenu: () => Promise<void>,
): Promise<void> {
  const release = holdAwake();
  try {
    await choice();
  } catch (error) {
    console.error("Gloss: a menu choice or shortcut failed", error);
    await Promise.allSettled([refreshMenu(), noteMenuProblem(tabId, choiceFailed(error))]);
  } finally {
    release();
  }
}
