// The reader's choice of display mode (replace or bilingual) for a tab's site: saved per site, then taken to the
// page, which redraws what it shows from the translations it keeps (no request).
import { displayModeFor, type DisplayMode } from "../shared/settings";
import { showsTranslation, type TabState } from "../shared/messages";
import { siteOf } from "../shared/site-rules";
import { askTab, DELIVERY_LIMITS } from "./command-delivery";
import { loadSettings, updateSettings } from "./settings-store";
import { browserTabChannel } from "./tab-channel";
import { commandTab, recordReport, reportedUrl, tabState, tabUrl } from "./tab-control";

export interface DisplayChoice {
  /** Also translate the page when it shows its original (a context-menu choice means "show it this way"). */
  translate?: boolean;
}

/** The mode to save for the tab's site, from the site's mode as saved now. */
type ModeFrom = (saved: DisplayMode) => DisplayMode;

async function siteOfTab(tabId: number, url?: string): Promise<string> {
  return siteOf(url ?? (await tabUrl(tabId)) ?? reportedUrl(tabId));
}

/**
 * Save the mode for the site and show it in the tab. The mode is worked out from the saved one in the same step as
 * it is saved (settings change one at a time), so two quick presses of the switch flip it twice.
 */
async function applyTabDisplayMode(
  tabId: number,
  site: string,
  modeFrom: ModeFrom,
  choice: DisplayChoice,
): Promise<TabState> {
  let mode = modeFrom((await loadSettings()).displayMode);
  if (site) {
    await updateSettings((settings) => {
      mode = modeFrom(displayModeFor(settings, site));
      return { siteDisplayModes: { ...settings.siteDisplayModes, [site]: mode } };
    });
  }
  const report = await askTab(browserTabChannel, tabId, { command: "display", mode }, DELIVERY_LIMITS.answerMs);
  if (report) await recordReport(tabId, report);
  if (choice.translate && !(report && showsTranslation(report))) return commandTab(tabId, "translate");
  return tabState(tabId, report ? { report } : undefined);
}

export async function setTabDisplayMode(
  tabId: number,
  mode: DisplayMode,
  choice: DisplayChoice = {},
): Promise<TabState> {
  return applyTabDisplayMode(tabId, await siteOfTab(tabId), () => mode, choice);
}

/** The switch (a shortcut): the site's other mode, translating the page if it shows its original. */
export async function switchTabDisplayMode(tabId: number, url?: string): Promise<TabState> {
  const other: ModeFrom = (saved) => (saved === "bilingual" ? "replace" : "bilingual");
  return applyTabDisplayMode(tabId, await siteOfTab(tabId, url), other, { translate: true });
}
