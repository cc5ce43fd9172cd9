// The background's message handlers, one per protocol name. Each checks its request's shape; errors are returned
// as values (`Reply`), never thrown across the message boundary.
import type { Runtime } from "../extension/api";
import {
  CONTENT_MESSAGES,
  isDisplayMode,
  isSegment,
  PAGE_MESSAGES,
  type ContentReport,
  type MessageName,
  type Reply,
  type RequestOf,
  type ResponseOf,
} from "../shared/messages";
import { applySettingsPatch, displayModeFor, validateSettingsPatch, type Settings } from "../shared/settings";
import { isSiteRule, matchingSiteRule, normalizeSiteRule, siteOf } from "../shared/site-rules";
import { toUserError } from "../shared/user-error";
import { syncAutoTranslateScripts } from "./auto-translate-scripts";
import { missingServerPermission } from "./server-permission";
import { batchCharsFor } from "../connection/capacity";
import { modelsOf, testConnection } from "../connection/test-connection";
import { LlmRequestError } from "../llm";
import type { SenderKind } from "./sender";
import { loadSettings, saveSettings } from "./settings-store";
import { commandTab, recordReport, tabState, targetLangOf, uiLanguage } from "./tab-control";
import { setTabDisplayMode } from "./display-mode";
import type { TranslationService } from "../connection/translation-service";
import { unexpected } from "./user-error";

type Handler<N extends MessageName> = (
  request: RequestOf<N>,
  sender: Runtime.MessageSender,
) => Promise<Reply<ResponseOf<N>>>;

export type HandlerMap = { [N in MessageName]: Handler<N> };

const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
const bad = <T>(message: string): Reply<T> => ({ ok: false, error: { message, kind: "bad-request" } });

const isTabId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** Settings from the options form, merged over the saved ones, for testing before saving. */
async function draftSettings(draft: unknown): Promise<Reply<Settings>> {
  const saved = await loadSettings();
  if (draft === undefined) return ok(saved);
  const checked = validateSettingsPatch(draft);
  if (!checked.ok) {
    const first = Object.values(checked.errors)[0] ?? "Some settings are invalid.";
    return { ok: false, error: { message: first, kind: "invalid-settings" } };
  }
  return ok(applySettingsPatch(saved, checked.patch));
}

const isUserError = (value: unknown) =>
  value === undefined || (!!value && typeof (value as { message?: unknown }).message === "string");

function isReport(value: unknown): value is ContentReport {
  if (!value || typeof value !== "object") return false;
  const { status, progress, error, failure, url, notice, uiBlocked } = value as Partial<ContentReport>;
  return (
    typeof status === "string" &&
    ["idle", "translating", "translated", "original", "error"].includes(status) &&
    !!progress &&
    [progress.total, progress.done, progress.failed].every((n) => Number.isSafeInteger(n) && n >= 0) &&
    isUserError(error) &&
    isUserError(failure) &&
    (url === undefined || typeof url === "string") &&
    (notice === undefined || typeof notice === "string") &&
    (uiBlocked === undefined || typeof uiBlocked === "boolean")
  );
}

export function createHandlers(service: TranslationService): HandlerMap {
  return {
    async getSettings() {
      return ok({ settings: await loadSettings(), uiLanguage: uiLanguage() });
    },
    async saveSettings(request) {
      const result = await saveSettings(request.patch);
      if (result.saved) await syncAutoTranslateScripts();
      return ok(result);
    },
    async testConnection(request) {
      const settings = await draftSettings(request.settings);
      if (!settings.ok) return settings;
      const forbidden = await missingServerPermission(settings.value.baseUrl);
      if (forbidden) return ok({ ok: false, kind: "unknown", error: toUserError(forbidden) });
      try {
        return ok(
          await testConnection(settings.value, targetLangOf(settings.value), { sample: request.sample !== false }),
        );
      } catch (error) {
        return { ok: false, error: unexpected(error) };
      }
    },
    async listModels(request) {
      const settings = await draftSettings(request.settings);
      if (!settings.ok) return settings;
      try {
        return ok(await modelsOf(settings.value));
      } catch (error) {
        // The options page shows why (server down, key needed) next to the model field, not an empty list.
        return { ok: false, error: error instanceof LlmRequestError ? toUserError(error.error) : unexpected(error) };
      }
    },
    async getTabState(request) {
      if (!isTabId(request.tabId)) return bad("No tab given.");
      return ok(await tabState(request.tabId));
    },
    async translateTab(request) {
      if (!isTabId(request.tabId)) return bad("No tab given.");
      return ok(await commandTab(request.tabId, "translate"));
    },
    async restoreTab(request) {
      if (!isTabId(request.tabId)) return bad("No tab given.");
      return ok(await commandTab(request.tabId, "restore"));
    },
    async toggleTab(request) {
      if (!isTabId(request.tabId)) return bad("No tab given.");
      return ok(await commandTab(request.tabId, "toggle"));
    },
    async setDisplayMode(request) {
      if (!isTabId(request.tabId) || !isDisplayMode(request.mode)) return bad("No tab or display mode given.");
      return ok(await setTabDisplayMode(request.tabId, request.mode));
    },
    async setAutoTranslate(request) {
      if (typeof request.rule !== "string" || !isSiteRule(request.rule) || typeof request.enabled !== "boolean") {
        return bad("That is not a site rule.");
      }
      const rule = normalizeSiteRule(request.rule);
      const current = (await loadSettings()).autoTranslate;
      const next = request.enabled ? [...new Set([...current, rule])] : current.filter((r) => r !== rule);
      const result = await saveSettings({ autoTranslate: next });
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
    async getContentConfig(request) {
      if (typeof request.url !== "string") return bad("No page address given.");
      const settings = await loadSettings();
      const overridden = settings.maxBatchChars > 0 && settings.maxConcurrent > 0;
      // Never probe the server before the first request: what is known now, or defaults the page corrects later.
      const capacity = overridden ? {} : await service.capacity(settings, request.waitForServer === true);
      return ok({
        targetLang: targetLangOf(settings),
        neverTranslate: settings.neverTranslate,
        autoTranslate: !!matchingSiteRule(settings.autoTranslate, request.url),
        displayMode: displayModeFor(settings, siteOf(request.url)),
        progressCue: settings.progressCue,
        maxBatchChars: settings.maxBatchChars || batchCharsFor(capacity.contextSize),
        // Unknown slots (the server has not answered yet): 2, and the server client's own limiter has the last word.
        maxConcurrent: settings.maxConcurrent || capacity.slots || 2,
        limitsKnown: overridden || (capacity.slots !== undefined && capacity.contextSize !== undefined),
      });
    },
    async forgetTranslation(request, sender) {
      if (!isSegment(request.segment) || typeof request.targetLang !== "string") return bad("Malformed request.");
      const context = { site: siteOf(sender.url ?? sender.tab?.url), incognito: sender.tab?.incognito === true };
      await service.forget(await loadSettings(), request.segment, request.targetLang, context);
      return ok(null);
    },
    async reportProgress(request, sender) {
      if (!isReport(request) || sender.tab?.id === undefined) return bad("Malformed progress report.");
      await recordReport(sender.tab.id, request);
      return ok(null);
    },
  };
}

export function allowed(name: MessageName, kind: SenderKind): boolean {
  return kind === "extension-page" ? PAGE_MESSAGES.has(name) : CONTENT_MESSAGES.has(name);
}
