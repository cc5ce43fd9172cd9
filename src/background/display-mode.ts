// The reader's choice of display mode (replace or bilingual) for a tab's site: saved per site, then taken to the
// page, which redraws what it shows from the translations it keeps (no request).
import type { DisplayMode } from "../shared/settings";
import { showsTranslation, type TabState } from "../shared/messages";
import { siteOf } from "../shared/site-rules";
import { askTab, DELIVERY_LIMITS } from "./command-delivery";
import { updateSettings } from "./settings-store";
import { browserTabChannel } from "./tab-channel";
import { commandTab, recordReport, reportedUrl, tabState, tabUrl } from "./tab-control";

export interface DisplayChoice {
  /** Also translate the page when it shows its original (a context-menu choice means "show it this way"). */
  translate?: boolean;
}

export async function setTabDisplayMode(
  tabId: number,
  mode: DisplayMode,
  choice: DisplayChoice = {},
): Promise<TabState> {
  const site = siteOf((await tabUrl(tabId)) ?? reportedUrl(tabId));
  if (site)
    await updateSettings(({ siteDisplayModes }) => ({ siteDisplayModes: { ...siteDisplayModes, [site]: mode } }));
  const report = await askTab(browserTabChannel, tabId, { command: "display", mode }, DELIVERY_LIMITS.answerMs);
  if (report) await recordReport(tabId, report);
  if (choice.translate && !(report && showsTranslation(report))) return commandTab(tabId, "translate");
  return tabState(tabId, report ? { report } : undefined);
}
