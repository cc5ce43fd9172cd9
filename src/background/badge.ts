// The toolbar badge: progress while translating (`12/40`), the target language once done (`EN`), `!` on error.
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

export async function showBadge(tabId: number, report: ContentReport, targetLang: string): Promise<void> {
  const { text, color } = badgeFor(report, targetLang);
  try {
    await ext.action.setBadgeBackgroundColor({ tabId, color });
    await ext.action.setBadgeText({ tabId, text });
    if ("setBadgeTextColor" in ext.action) await ext.action.setBadgeTextColor({ tabId, color: "#ffffff" });
  } catch {
    // The tab closed meanwhile.
  }
}
