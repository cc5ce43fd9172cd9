// The toolbar badge: progress while translating (`12/40`), the target language once done (`EN`), `!` on error. It is
// set only when it changes, and while translating at most every PACE_MS: a page's start sends a dozen reports in a
// tenth of a second, and three browser calls for each took the background's time beside the first reply. Its colors
// are set only when they change: the text changes a dozen times a translation, its color twice.
import { ext } from "../extension/api";
import type { ContentReport } from "../shared/messages";

const COLORS = { working: "#2563eb", done: "#15803d", partial: "#b45309", error: "#b91c1c" } as const;

export function badgeFor(report: ContentReport, targetLang: string): { text: string; color: string } {
  const { status, progress } = report;
  switch (status) {
    case "translating": {
      const fraction = `${progress.done}/${progress.total}`;
      const percent = `${progress.total ? Math.floor((progress.done / progress.total) * 100) : 0}%`;
      return { text: fraction.length <= 5 ? fraction : percent, color: COLORS.working };
    }
    case "translated":
      return {
        text: targetLang.split("-")[0]!.toUpperCase().slice(0, 3),
        color: progress.failed ? COLORS.partial : COLORS.done,
      };
    case "error":
      return { text: "!", color: COLORS.error };
    default:
      return { text: "", color: COLORS.done };
  }
}

/** While translating, the badge changes at most this often; the last change is shown when its turn comes. */
export const PACE_MS = 250;

interface TabBadge {
  /** What the badge shows (text and color). */
  shown?: string;
  /** When it was last set (performance.now(): the wall clock can be set back, and the badge would wait that long). */
  at: number;
  /** A change waiting for its turn. */
  timer?: ReturnType<typeof setTimeout>;
  /** The background color set on this page (the browser keeps it, with the text's, until the tab shows another). */
  color?: string;
}

const badges = new Map<number, TabBadge>();

export async function showBadge(tabId: number, report: ContentReport, targetLang: string): Promise<void> {
  const badge = badgeFor(report, targetLang);
  const key = `${badge.text} ${badge.color}`;
  const tab = badges.get(tabId) ?? { at: -Infinity };
  badges.set(tabId, tab);
  clearTimeout(tab.timer);
  tab.timer = undefined;
  if (key === tab.shown) return;
  const wait = report.status === "translating" ? tab.at + PACE_MS - performance.now() : 0;
  if (wait > 0) {
    tab.timer = setTimeout(() => {
      tab.timer = undefined;
      void paint(tabId, tab, badge, key);
    }, wait);
    return;
  }
  await paint(tabId, tab, badge, key);
}

/** The tab shows a new page (the browser cleared its badge) or closed. */
export function forgetBadge(tabId: number): void {
  clearTimeout(badges.get(tabId)?.timer);
  badges.delete(tabId);
}

async function paint(tabId: number, tab: TabBadge, badge: { text: string; color: string }, key: string): Promise<void> {
  tab.shown = key;
  tab.at = performance.now();
  const { text, color } = badge;
  const first = tab.color === undefined;
  try {
    if (color !== tab.color) {
      tab.color = color;
      await ext.action.setBadgeBackgroundColor({ tabId, color });
    }
    await ext.action.setBadgeText({ tabId, text });
    if (first && "setBadgeTextColor" in ext.action) await ext.action.setBadgeTextColor({ tabId, color: "#ffffff" });
  } catch {
    // The tab closed meanwhile.
  }
}
