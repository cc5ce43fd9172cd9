// The reader's choice of display mode (replace or bilingual) for a tab's site: saved per site, then taken to the
// page, which redraws what it shows from the translations it keeps (no request). A save that fails still shows the
// choice on the page, and the badge and popup say it is not remembered.
import { displayModeFor, type DisplayMode } from "../shared/settings";
import { showsTranslation, type TabState, type UserError } from "../shared/messages";
import { siteOf } from "../shared/site-rules";
import { askTab, DELIVERY_LIMITS } from "./command-delivery";
import { noteMenuProblem } from "./menu-problem";
import { loadSettings, updateSettings } from "./settings-store";
import { browserTabChannel } from "./tab-channel";
import { commandTab, recordReport, reportedUrl, tabState, tabUrl } from "./tab-control";
import { noteUnsavedMode, unsavedModeOf } from "./unsaved-mode";

export interface DisplayChoice {
  /** Also translate the page when it shows its original (a context-menu choice means "show it this way"). */
  translate?: boolean;
}

/** The mode to save for the tab's site, from the site's mode as saved now. */
type ModeFrom = (saved: DisplayMode) => DisplayMode;

async function siteOfTab(tabId: number, url?: string): Promise<string> {
  return siteOf(url ?? (await tabUrl(tabId)) ?? reportedUrl(tabId));
}

/** Said when the site's mode could not be saved (storage full or broken, the map of sites at its limit). */
export function modeNotSaved(site: string, cause: string): UserError {
  return {
    message: `This view is shown on this page only: Gloss could not save it for ${site}.`,
    fix: `It was told: “${cause}”. Other pages of ${site} show translations as before.`,
    kind: "mode-not-saved",
    detail: cause,
  };
}

/**
 * The mode for the site, saved if it can be: worked out from the saved one in the same step as it is saved
 * (settings change one at a time), so two quick presses of the switch flip it twice. `notSaved`: why it was not.
 */
async function saveMode(site: string, modeFrom: ModeFrom): Promise<{ mode: DisplayMode; notSaved?: string }> {
  if (!site) return { mode: modeFrom((await loadSettings()).displayMode) };
  let mode: DisplayMode | undefined;
  let notSaved: string | undefined;
  try {
    const result = await updateSettings((settings) => {
      mode = modeFrom(displayModeFor(settings, site));
      return { siteDisplayModes: { ...settings.siteDisplayModes, [site]: mode } };
    });
    if (!result.saved) notSaved = Object.values(result.errors)[0] ?? "not saved";
  } catch (error) {
    console.error("Gloss: could not save the display mode", error);
    notSaved = error instanceof Error ? error.message : String(error);
  }
  // Read again only when the step failed before it read the settings.
  mode ??= modeFrom(displayModeFor(await loadSettings(), site));
  return notSaved === undefined ? { mode } : { mode, notSaved };
}

/** Save the mode for the site and show it in the tab; not saved, it is shown all the same and the reader told. */
async function applyTabDisplayMode(
  tabId: number,
  site: string,
  modeFrom: ModeFrom,
  choice: DisplayChoice,
): Promise<TabState> {
  const { mode, notSaved } = await saveMode(site, modeFrom);
  const report = await askTab(browserTabChannel, tabId, { command: "display", mode }, DELIVERY_LIMITS.answerMs);
  if (report) await recordReport(tabId, report);
  const translating = choice.translate && !(report && showsTranslation(report));
  const translated = translating ? await commandTab(tabId, "translate") : undefined;
  // Shown though not saved only where the page took it (a page Gloss starts in now reads the saved mode).
  await noteUnsavedMode(tabId, notSaved !== undefined && report ? mode : undefined);
  if (notSaved === undefined) return translated ?? tabState(tabId, report ? { report } : undefined);
  // Noted after the translate command, which forgets what an earlier choice could not do; the state read then says it.
  await noteMenuProblem(tabId, modeNotSaved(site, notSaved));
  return tabState(tabId, !translated && report ? { report } : undefined);
}

export async function setTabDisplayMode(
  tabId: number,
  mode: DisplayMode,
  choice: DisplayChoice = {},
): Promise<TabState> {
  return applyTabDisplayMode(tabId, await siteOfTab(tabId), () => mode, choice);
}

/** The switch (a shortcut): the other mode than the page shows, translating the page if it shows its original. */
export async function switchTabDisplayMode(tabId: number, url?: string): Promise<TabState> {
  const shown = await unsavedModeOf(tabId);
  const other: ModeFrom = (saved) => ((shown ?? saved) === "bilingual" ? "replace" : "bilingual");
  return applyTabDisplayMode(tabId, await siteOfTab(tabId, url), other, { translate: true });
}
