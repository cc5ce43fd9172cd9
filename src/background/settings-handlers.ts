// The message handlers for the reader's settings: reading and saving them, a site's auto-translate rule, settings
// sync and this browser's name in it, the reply languages offered.
import { isSiteRule, normalizeSiteRule } from "../shared/site-rules";
import { checkWritingLanguages } from "../shared/writing-languages";
import { syncAutoTranslateScripts } from "./auto-translate-scripts";
import { bad, isTabId, ok, type HandlerMap } from "./handler-reply";
import { loadSettings, newerSettingsVersion, saveSettings, unreadSettings, updateSettings } from "./settings-store";
import { settingsSync } from "./settings-sync";
import { namesNow, renameBrowser } from "./sync-name";
import { commandTab } from "./tab-control";
import { uiLanguage } from "./target-lang";
import { writingLanguages } from "./writing-languages";

export const settingsHandlers: Pick<
  HandlerMap,
  "getSettings" | "saveSettings" | "setAutoTranslate" | "settingsSync" | "syncName" | "writingLanguages"
> = {
  async getSettings() {
    const settings = await loadSettings();
    const unread = unreadSettings();
    const newer = newerSettingsVersion();
    return ok({
      settings,
      uiLanguage: uiLanguage(),
      ...(Object.keys(unread).length ? { unread } : {}),
      ...(newer === undefined ? {} : { newer }),
    });
  },
  async saveSettings(request) {
    const result = await saveSettings(request.patch);
    if (!result.saved) return ok(result);
    const autoTranslateProblem = await syncAutoTranslateScripts();
    return ok(autoTranslateProblem ? { ...result, autoTranslateProblem } : result);
  },
  async setAutoTranslate(request) {
    if (typeof request.rule !== "string" || !isSiteRule(request.rule) || typeof request.enabled !== "boolean") {
      return bad("That is not a site rule.");
    }
    const rule = normalizeSiteRule(request.rule);
    const enabled = request.enabled;
    // Worked out from the rules as they are when the save runs: a rule added meanwhile (another tab's menu) stays.
    const result = await updateSettings(({ autoTranslate: current }) => ({
      autoTranslate: enabled ? [...new Set([...current, rule])] : current.filter((r) => r !== rule),
    }));
    if (!result.saved) return bad(Object.values(result.errors)[0] ?? "Could not save the rule.");
    const autoTranslateProblem = await syncAutoTranslateScripts();
    // The tab the user is looking at follows at once (the popup's activeTab grant covers it).
    if (request.enabled && isTabId(request.tabId)) await commandTab(request.tabId, "translate");
    const { autoTranslate } = result.settings;
    return ok(autoTranslateProblem ? { autoTranslate, autoTranslateProblem } : { autoTranslate });
  },
  async settingsSync(request) {
    const { on, keep, dismissLeftOut } = request;
    if (
      (on !== undefined && typeof on !== "boolean") ||
      (keep !== undefined && keep !== "account" && keep !== "browser") ||
      (dismissLeftOut !== undefined && dismissLeftOut !== true)
    ) {
      return bad("A sync request is on or off, keeping the account's settings or this browser's, or a dismissal.");
    }
    return ok(
      await settingsSync.status({
        ...(on === undefined ? {} : { on }),
        ...(keep ? { keep } : {}),
        ...(dismissLeftOut ? { dismissLeftOut } : {}),
      }),
    );
  },
  async syncName(request) {
    if (request.name !== undefined) {
      if (typeof request.name !== "string") return bad("A browser's name is text.");
      await renameBrowser(request.name);
      await settingsSync.renamed();
    }
    return ok(await namesNow());
  },
  async writingLanguages(request) {
    if (request.add !== undefined) {
      const choices = checkWritingLanguages(request.add);
      if (!choices) return bad("Those are not reply languages.");
      await writingLanguages.add(choices);
    }
    return ok({ languages: await writingLanguages.all() });
  },
};
