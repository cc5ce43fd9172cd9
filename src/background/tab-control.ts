// Driving a tab: deliver the reader's commands to its page (command-delivery.ts: injection, time limits, one more
// try, errors) and keep what the page reports for the popup and the badge. The content script owns the page's real
// state; the background only mirrors its last report, or the reason a command did not reach the page.
import { ext, type Tabs } from "../extension/api";
import { showsTranslation, type ContentReport, type TabState, type UserError } from "../shared/messages";
import { displayModeFor } from "../shared/settings";
import { matchingSiteRule, originsToRequest, siteOf, suggestSiteRule } from "../shared/site-rules";
import { forgetBadge, showBadge } from "./badge";
import { contentPresence } from "./content-presence";
import {
  askTab,
  DELIVERY_LIMITS,
  deliverCommand,
  mayEnter,
  MOVED_ON,
  ASLEEP,
  TAB_GONE,
  type Delivery,
  refusal,
  type PageCommand,
} from "./command-delivery";
import { namesPdf, PDF_VIEWER } from "./pdf-viewer";
import { createPressFollow } from "./press-follow";
import { awakeFor } from "./keep-alive";
import { forgetMenuProblem, menuProblemOf } from "./menu-problem";
import { browserTabChannel, forgetTabNavigation, noteTabUpdate } from "./tab-channel";
import { loadSettings } from "./settings-store";
import { targetLangOf } from "./target-lang";
import { warmContentConfig } from "./content-config";
import { service } from "./service";
import { forgetUnsavedMode, unsavedModeOf } from "./unsaved-mode";
import { isReport } from "./report-check";
import { createTabRecords, sessionStore } from "./tab-records";
import { translatedTabs } from "./translated-tabs";

const IDLE: ContentReport = { status: "idle", progress: { total: 0, done: 0, failed: 0 } };

/** A page whose translation a Gloss before this one left there, where nothing can take it back (shownBefore). */
const CUT_OFF_KIND = "cut-off";

/** Errors that leave the reader nothing to try in the tab as it is: the popup offers no button there. */
const UNTOUCHABLE = new Set(["forbidden-page", ASLEEP.kind, CUT_OFF_KIND, PDF_VIEWER.kind]);

/** Last report per tab. Lost when the service worker restarts, which is fine: the content script is asked again. */
const reports = new Map<number, ContentReport>();

/**
 * The tab's last report while it is an error, kept across the worker's lives (session storage): the browser keeps the
 * badge's "!" when Chrome stops the idle worker, and no content script may be there to say why again (a press that
 * could not get into the page). The popup opened after that showed the page idle under the "!".
 */
const failures = createTabRecords(
  sessionStore("failedReports"),
  (value): value is ContentReport => isReport(value) && value.status === "error",
);

/** A press that started a translation follows the tab to a page that replaces the one it reached (press-follow.ts). */
const pressFollow = createPressFollow({ redeliver: (tabId, url) => deliver(tabId, "translate", url) });

const reportListeners = new Set<(tabId: number, report: ContentReport) => void>();

export function onReport(listener: (tabId: number, report: ContentReport) => void): void {
  reportListeners.add(listener);
}

/** `incognito`: whether the tab is in a private window, when the caller knows (a report's sender says). */
export async function recordReport(tabId: number, report: ContentReport, incognito?: boolean): Promise<void> {
  reports.set(tabId, report);
  // Not waited for: the badge must not wait on storage (the records keep their changes in order).
  void (report.status === "error" ? failures.set(tabId, report) : failures.forget(tabId));
  void translatedTabs.note(tabId, showsTranslation(report) ? report.url : undefined, incognito);
  pressFollow.reported(tabId, report);
  reportListeners.forEach((listener) => listener(tabId, report));
  await showBadge(tabId, report, await badgeLanguage(tabId, report));
}

/** The language a translated page's badge names: the one its translation is in (the target as it began), not one the
 * reader chose since, which the page takes only at its next translation. */
async function badgeLanguage(tabId: number, report: ContentReport): Promise<string> {
  const shown = report.status === "translated" ? await translatedTabs.language(tabId, report.url) : undefined;
  return shown || targetLangOf(await loadSettings());
}

/** The address the tab's content script last reported (the background may not see it without "tabs"). */
export function reportedUrl(tabId: number): string | undefined {
  return reports.get(tabId)?.url;
}

export function forgetTab(tabId: number): void {
  reports.delete(tabId);
  void failures.forget(tabId);
  forgetBadge(tabId);
  void translatedTabs.forget(tabId);
  contentPresence.forget(tabId);
  pressFollow.forget(tabId);
  forgetTabNavigation(tabId);
  forgetMenuProblem(tabId);
  forgetUnsavedMode(tabId);
}

/** The tab as the browser has it now; undefined once it is closed. */
async function browserTab(tabId: number): Promise<Tabs.Tab | undefined> {
  try {
    return await ext.tabs.get(tabId);
  } catch {
    return undefined;
  }
}

/** Why a command got into no page of the tab: it closed, sleeps, or shows a page Gloss may not enter or lost. */
export async function whyUnreached(tabId: number): Promise<UserError> {
  const tab = await browserTab(tabId);
  return !tab ? TAB_GONE : tab.discarded ? ASLEEP : refusal(tab.url);
}

export async function tabUrl(tabId: number): Promise<string | undefined> {
  return (await browserTab(tabId))?.url;
}

const withoutFragment = (url: string) => url.split("#")[0];

/**
 * The tab's last report, unless it names another page than the one the tab shows (`shown`, where the browser says):
 * Firefox says "loading" as a navigation starts, and the page on its way out may report after that. With no content
 * script on the next page to answer, the popup showed it translated or translating.
 */
async function keptReport(tabId: number, shown: string | undefined): Promise<ContentReport | undefined> {
  const kept = reports.get(tabId) ?? (await failures.get(tabId));
  if (!kept?.url || !shown) return kept;
  return withoutFragment(kept.url) === withoutFragment(shown) ? kept : undefined;
}

/** A report, or what the background found in its place: a translation an earlier Gloss left, in `shownLang`. */
type FoundReport = ContentReport & Pick<TabState, "shownLang">;

/** Chromium keeps a cut-off content script running, and it gives the page back when asked (content/handover.ts). */
const keepsCutOffScripts = typeof (ext.runtime as { getBrowserInfo?: unknown }).getBrowserInfo !== "function";

/**
 * What a page that a Gloss before this one (updated, reloaded) translated shows, when no script of this one is there
 * to ask: in Chromium its translation, which Show original takes back through the old script; in Firefox a translation
 * nothing can take back but a reload (translated again, it would be read as the page's own text).
 */
async function shownBefore(tabId: number, shown: string | undefined): Promise<FoundReport | undefined> {
  const before = await translatedTabs.before(tabId, shown);
  if (!before) return undefined;
  const note = "This page was translated before Gloss was updated or reloaded.";
  if (keepsCutOffScripts) return { ...IDLE, status: "translated", notice: note, shownLang: before.lang };
  const fix = "Reload the page to see its original; Gloss can translate it again after that.";
  return { ...IDLE, status: "error", error: { message: note, fix, kind: CUT_OFF_KIND } };
}

/** The language of the translation `report` shows, when known: the target then, which the reader may have changed
 * since (a page takes a new one at its next translation, and an earlier Gloss's stays). */
async function languageShown(tabId: number, report: FoundReport, url: string | undefined): Promise<string | undefined> {
  if (report.shownLang !== undefined) return report.shownLang;
  return showsTranslation(report) ? translatedTabs.language(tabId, url) : undefined;
}

export async function tabState(
  tabId: number,
  given?: { report?: ContentReport; error?: UserError },
): Promise<TabState> {
  const settings = await loadSettings();
  const tab = await browserTab(tabId);
  // A closed tab (a popup opened as a tab of its own outlives the one it shows) has no page to be idle or to offer
  // to translate: a look says it is gone, as a command to it does.
  // A discarded tab holds no page: what the background kept from the one it unloaded is no longer shown anywhere.
  const override = !tab
    ? { report: IDLE, error: given?.error ?? TAB_GONE }
    : tab.discarded
      ? { report: IDLE, error: ASLEEP }
      : given;
  const shown = tab?.url;
  const report: FoundReport =
    override?.report ??
    (await askTab(browserTabChannel, tabId, { command: "state" }, DELIVERY_LIMITS.answerMs)) ??
    (await keptReport(tabId, shown)) ??
    (await shownBefore(tabId, shown)) ??
    // No script of Gloss's at a PDF's address: the browser's own viewer shows it, where no extension may go.
    (namesPdf(shown) ? { ...IDLE, status: "error", error: PDF_VIEWER } : IDLE);
  const url = tab ? (shown ?? report.url ?? reports.get(tabId)?.url) : undefined;
  const siteRule = url ? suggestSiteRule(url) : undefined;
  const autoTranslateRule = url ? matchingSiteRule(settings.autoTranslate, url) : undefined;
  const error = override?.error ?? report.error;
  const targetLang = targetLangOf(settings);
  const shownLang = await languageShown(tabId, report, url);
  const problem = await menuProblemOf(tabId);
  return {
    status: override?.error ? "error" : report.status,
    progress: report.progress,
    targetLang,
    ...(shownLang !== undefined && shownLang !== targetLang ? { shownLang } : {}),
    ...(error ? { error } : {}),
    ...(report.failure ? { failure: report.failure } : {}),
    ...(report.simplification ? { simplification: report.simplification } : {}),
    ...(report.unmetTerms?.length ? { unmetTerms: report.unmetTerms } : {}),
    ...(report.notice ? { notice: report.notice } : {}),
    ...(report.serverStatus ? { serverStatus: report.serverStatus } : {}),
    ...(report.uiBlocked ? { uiBlocked: true } : {}),
    ...(problem ? { problem } : {}),
    ...(siteRule ? { siteRule, siteOrigins: originsToRequest([siteRule], url) } : {}),
    autoTranslate: !!autoTranslateRule,
    ...(autoTranslateRule ? { autoTranslateRule } : {}),
    // A page whose address the browser keeps from Gloss is one it cannot enter (chrome://newtab, the extensions page):
    // offered Translate page there, the reader got only "Gloss cannot translate this page." for it.
    translatable: !UNTOUCHABLE.has(error?.kind ?? "") && mayEnter(url),
    displayMode: (await unsavedModeOf(tabId)) ?? displayModeFor(settings, siteOf(url)),
  };
}

async function deliver(tabId: number, command: PageCommand, forPage?: string): Promise<Delivery> {
  // Asked something new: what an earlier menu choice could not show is old news.
  forgetMenuProblem(tabId);
  // A slow page holds the press for longer than Chrome leaves a silent worker running: stopped, it dropped the press.
  const delivery = await awakeFor(deliverCommand(browserTabChannel, tabId, command, DELIVERY_LIMITS, forPage));
  // A follow that found the reader on yet another page: nothing reached a page, and nothing went wrong.
  if (!delivery.ok && delivery.error === MOVED_ON) return delivery;
  // The tab closed while the command was on its way: its report and badge would outlive it (forgetTab has run).
  if (!(await browserTabChannel.tab(tabId))) return delivery;
  // What reached the page, or why nothing did: the badge and the popup say it either way.
  await recordReport(tabId, delivery.ok ? delivery.report : { ...IDLE, status: "error", error: delivery.error });
  return delivery;
}

/** The tab's state after `command`, and why the command did not reach its page, when it did not. */
export async function commandPage(
  tabId: number,
  command: PageCommand,
): Promise<{ state: TabState; unreached?: UserError }> {
  const starting = command === "translate" || command === "retry" || command === "toggle";
  const press = starting ? pressFollow.pressed(tabId) : undefined;
  if (starting) warmContentConfig(service);
  const delivery = await deliver(tabId, command);
  pressFollow.delivered(tabId, delivery, press);
  const state = await tabState(tabId, delivery.ok ? { report: delivery.report } : { error: delivery.error });
  return delivery.ok ? { state } : { state, unreached: delivery.error };
}

export async function commandTab(tabId: number, command: PageCommand): Promise<TabState> {
  return (await commandPage(tabId, command)).state;
}

/** The tab committed a page or finished loading (tabs.onUpdated). */
export function tabUpdated(tabId: number, change: Tabs.OnUpdatedChangeInfoType): void {
  noteTabUpdate(tabId, change);
  if (change.status === "loading") {
    reports.delete(tabId);
    void failures.forget(tabId);
    void translatedTabs.forget(tabId);
    forgetBadge(tabId);
    contentPresence.forget(tabId);
    forgetMenuProblem(tabId);
    forgetUnsavedMode(tabId);
  }
  pressFollow.updated(tabId, change);
}
