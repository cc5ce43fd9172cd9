// The background's message handlers, one per protocol name. Each checks its request's shape; errors are returned
// as values (`Reply`), never thrown across the message boundary.
import { CONTENT_MESSAGES, isSegment, PAGE_MESSAGES, type ContentReport, type MessageName } from "../shared/messages";
import { isLangTag } from "../shared/settings";
import { rulesFor } from "../shared/translation-rules";
import { isSiteRule, normalizeSiteRule } from "../shared/site-rules";
import { syncAutoTranslateScripts } from "./auto-translate-scripts";
import type { SenderKind } from "./sender";
import { loadSettings, saveSettings, updateSettings } from "./settings-store";
import { settingsSync } from "./settings-sync";
import { namesNow, renameBrowser } from "./sync-name";
import { commandTab, recordReport } from "./tab-control";
import { uiLanguage } from "./target-lang";
import { contentConfigFor } from "./content-config";
import type { TranslationService } from "../connection/translation-service";
import { checkWritingLanguages } from "../shared/writing-languages";
import { writingLanguages } from "./writing-languages";
import { bad, isTabId, ok, type HandlerMap } from "./handler-reply";
import { connectionHandlers } from "./connection-handlers";
import { tabHandlers } from "./tab-handlers";
import { requestContextOf } from "./request-context";
import { PICKER_TAKEN_OUT } from "./part-picker";
import { noteMenuProblem } from "./menu-problem";
import { addSkipPart } from "../shared/add-skip-part";

const isUserError = (value: unknown) =>
  value === undefined || (!!value && typeof (value as { message?: unknown }).message === "string");

function isReport(value: unknown): value is ContentReport {
  if (!value || typeof value !== "object") return false;
  const { status, progress, error, failure, simplification, unmetTerms, url, notice, uiBlocked, inFrame } =
    value as Partial<ContentReport>;
  const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  return (
    typeof status === "string" &&
    ["idle", "translating", "translated", "original", "error"].includes(status) &&
    !!progress &&
    [progress.total, progress.done, progress.failed].every(count) &&
    (progress.simplified === undefined || count(progress.simplified)) &&
    (progress.unmet === undefined || count(progress.unmet)) &&
    (unmetTerms === undefined || (Array.isArray(unmetTerms) && unmetTerms.every((t) => typeof t === "string"))) &&
    isUserError(error) &&
    isUserError(failure) &&
    isUserError(simplification) &&
    (url === undefined || typeof url === "string") &&
    (notice === undefined || typeof notice === "string") &&
    (uiBlocked === undefined || typeof uiBlocked === "boolean") &&
    (inFrame === undefined || typeof inFrame === "boolean")
  );
}

export function createHandlers(service: TranslationService): HandlerMap {
  return {
    ...connectionHandlers,
    ...tabHandlers,
    async getSettings() {
      return ok({ settings: await loadSettings(), uiLanguage: uiLanguage() });
    },
    async saveSettings(request) {
      const result = await saveSettings(request.patch);
      if (result.saved) await syncAutoTranslateScripts();
      return ok(result);
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
      await syncAutoTranslateScripts();
      // The tab the user is looking at follows at once (the popup's activeTab grant covers it).
      if (request.enabled && isTabId(request.tabId)) await commandTab(request.tabId, "translate");
      return ok({ autoTranslate: result.settings.autoTranslate });
    },
    async translationCache(request) {
      if (request.clear === true) await service.clearCache();
      return ok({ entries: await service.cacheSize() });
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
    async getContentConfig(request) {
      if (typeof request.url !== "string") return bad("No page address given.");
      return ok(await contentConfigFor(service, request.url, request.waitForServer === true));
    },
    async forgetTranslation(request, sender) {
      if (!isSegment(request.segment) || typeof request.targetLang !== "string") return bad("Malformed request.");
      const url = sender.url ?? sender.tab?.url ?? "";
      const context = requestContextOf(sender, url);
      const settings = await loadSettings();
      const scope = { targetLang: request.targetLang, rules: rulesFor(settings, request.targetLang, url) };
      await service.forget(settings, request.segment, scope, context);
      return ok(null);
    },
    async getWritingLanguage(_request, sender) {
      const url = sender.url ?? sender.tab?.url;
      const lang = url ? await writingLanguages.get(url) : undefined;
      return ok(lang ? { lang } : {});
    },
    async setWritingLanguage(request, sender) {
      const url = sender.url ?? sender.tab?.url;
      if (!url || typeof request.lang !== "string" || (request.lang && !isLangTag(request.lang))) {
        return bad("That is not a language.");
      }
      // Private windows leave no trace of where the user wrote.
      if (sender.tab?.incognito !== true) await writingLanguages.set(url, request.lang);
      return ok(null);
    },
    async addSkipPart(request, sender) {
      // Only for the page the reader picked it on: the rule must cover the sender's own address.
      const added = await addSkipPart(updateSettings, request, sender.url ?? sender.tab?.url);
      return added.ok ? ok({ part: added.part }) : bad(added.message);
    },
    async pickerTakenOut(_request, sender) {
      // The picker shows in the tab's top frame only (part-picker.ts).
      if (sender.tab?.id === undefined || (sender.frameId ?? 0) !== 0) return bad("Not from a tab's page.");
      await noteMenuProblem(sender.tab.id, PICKER_TAKEN_OUT);
      return ok(null);
    },
    async reportProgress(request, sender) {
      if (!isReport(request) || sender.tab?.id === undefined) return bad("Malformed progress report.");
      // The badge, popup and menu mirror the tab's page. A frame Gloss went into for the reader (a selection there, a
      // reply box) shows its own progress in its own card; as the tab's, it named the frame's site in the menu. The
      // frame says so itself: a page Chrome prerendered is the tab's page with a frameId other than 0.
      if (request.inFrame) return ok(null);
      await recordReport(sender.tab.id, request);
      return ok(null);
    },
  };
}

export type { HandlerMap };

export function allowed(name: MessageName, kind: SenderKind): boolean {
  return kind === "extension-page" ? PAGE_MESSAGES.has(name) : CONTENT_MESSAGES.has(name);
}
