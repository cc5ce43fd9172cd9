// Driving a tab: inject the content script when needed (activeTab or a granted host), send it a command, and keep
// what it reports for the popup and the badge. The content script owns the page's real state; the background only
// mirrors its last report.
import { ext } from "../extension/api";
import type { ContentCommand, ContentReport, TabState, UserError } from "../shared/messages";
import { effectiveTargetLang, type Settings } from "../shared/settings";
import { matchingSiteRule, suggestSiteRule } from "../shared/site-rules";
import { showBadge } from "./badge";
import { loadSettings } from "./settings-store";

const IDLE: ContentReport = { status: "idle", progress: { total: 0, done: 0, failed: 0 } };

/** Last report per tab. Lost when the service worker restarts, which is fine: the content script is asked again. */
const reports = new Map<number, ContentReport>();

export function uiLanguage(): string {
  return ext.i18n.getUILanguage();
}

export function targetLangOf(settings: Settings): string {
  return effectiveTargetLang(settings, uiLanguage());
}

const reportListeners = new Set<(tabId: number, report: ContentReport) => void>();

export function onReport(listener: (tabId: number, report: ContentReport) => void): void {
  reportListeners.add(listener);
}

export async function recordReport(tabId: number, report: ContentReport): Promise<void> {
  reports.set(tabId, report);
  reportListeners.forEach((listener) => listener(tabId, report));
  await showBadge(tabId, report, targetLangOf(await loadSettings()));
}

/** The address the tab's content script last reported (the background may not see it without "tabs"). */
export function reportedUrl(tabId: number): string | undefined {
  return reports.get(tabId)?.url;
}

export function forgetTab(tabId: number): void {
  reports.delete(tabId);
}

async function sendCommand(tabId: number, command: ContentCommand): Promise<ContentReport | undefined> {
  try {
    const reply = (await ext.tabs.sendMessage(tabId, command, { frameId: 0 })) as ContentReport | undefined;
    return reply && typeof reply === "object" && "status" in reply ? reply : undefined;
  } catch {
    return undefined; // no content script in this tab (yet)
  }
}

const CANNOT_TRANSLATE: UserError = {
  message: "Gloss cannot translate this page.",
  fix: "Browser pages, extension galleries and some built-in viewers are off limits to extensions. Try a normal web page.",
  kind: "forbidden-page",
};

async function ensureContentScript(tabId: number): Promise<UserError | undefined> {
  if (await sendCommand(tabId, { command: "state" })) return undefined;
  try {
    await ext.scripting.executeScript({ target: { tabId }, files: ["content.js"] });
    return undefined;
  } catch {
    return CANNOT_TRANSLATE;
  }
}

async function tabUrl(tabId: number): Promise<string | undefined> {
  try {
    return (await ext.tabs.get(tabId)).url;
  } catch {
    return undefined;
  }
}

function isWebUrl(url: string | undefined): boolean {
  return !!url && /^https?:/.test(url);
}

export async function tabState(
  tabId: number,
  override?: { report?: ContentReport; error?: UserError },
): Promise<TabState> {
  const settings = await loadSettings();
  const report = override?.report ?? (await sendCommand(tabId, { command: "state" })) ?? reports.get(tabId) ?? IDLE;
  const url = (await tabUrl(tabId)) ?? report.url ?? reports.get(tabId)?.url;
  const siteRule = url ? suggestSiteRule(url) : undefined;
  const autoTranslateRule = url ? matchingSiteRule(settings.autoTranslate, url) : undefined;
  const error = override?.error ?? report.error;
  return {
    status: override?.error ? "error" : report.status,
    progress: report.progress,
    targetLang: targetLangOf(settings),
    ...(error ? { error } : {}),
    ...(report.failure ? { failure: report.failure } : {}),
    ...(report.simplification ? { simplification: report.simplification } : {}),
    ...(report.notice ? { notice: report.notice } : {}),
    ...(report.serverStatus ? { serverStatus: report.serverStatus } : {}),
    ...(report.uiBlocked ? { uiBlocked: true } : {}),
    ...(siteRule ? { siteRule } : {}),
    autoTranslate: !!autoTranslateRule,
    ...(autoTranslateRule ? { autoTranslateRule } : {}),
    translatable: override?.error?.kind !== "forbidden-page" && (url === undefined || isWebUrl(url)),
  };
}

export async function commandTab(tabId: number, command: "translate" | "restore" | "toggle"): Promise<TabState> {
  if (command === "restore") {
    const report = await sendCommand(tabId, { command });
    return tabState(tabId, report ? { report } : {});
  }
  const problem = await ensureContentScript(tabId);
  if (problem) return tabState(tabId, { error: problem });
  const report = await sendCommand(tabId, { command });
  if (report) await recordReport(tabId, report);
  return tabState(tabId, report ? { report } : {});
}
