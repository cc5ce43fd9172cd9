// How the userscript opens its settings dialog: the dialog's load, save, Test connection, saved translations and
// backup wired to the manager's storage and this tab's session. In the page's world it only shows the settings.
import { testConnection } from "../connection/test-connection";
import type { ProbeResult, Transport } from "../llm";
import type { BilingualStyle } from "../shared/bilingual-styles";
import type { UserError } from "../shared/messages";
import { applySettingsPatch, effectiveTargetLang, type Settings } from "../shared/settings";
import type { UiBlockedReason, UiHostOptions } from "../session/ui-host";
import type { WritingLanguages } from "../shared/writing-languages";
import type { GmApi } from "./gm-api";
import type { GmTranslationCache } from "./gm-translation-cache";
import { openSettingsDialog, SETTINGS_UNREADABLE } from "./settings-dialog";
import { unreadSettingsText } from "./settings-unread-note";
import type { UserscriptSettingsStore } from "./userscript-settings-store";
import { reportErrors } from "./userscript-words";

export interface SettingsOpenerDeps {
  gm: GmApi;
  pageWorld: boolean;
  store: UserscriptSettingsStore;
  /** The stored settings read afresh (the key may have been set in the manager's storage editor meanwhile). */
  fresh(): Promise<Settings>;
  cache: GmTranslationCache;
  writingLanguages: WritingLanguages;
  transport: Transport;
  uiLanguage: string;
  precheck: UiHostOptions["precheck"] | undefined;
  /** A look at the server through the translation engine, which then knows what it found (another model, say) and
   * stores it: the one owner of a server's facts, as the extension's Test connection asks its own. */
  probe(settings: Settings): Promise<ProbeResult>;
  /** An error as the userscript says it. */
  said(error: UserError): UserError;
  /** What the manager's notification says when the page blocks the dialog. */
  blockedText(reason: UiBlockedReason): string;
  /** A new look for the translations this tab shows. */
  setBilingualStyle(style: BilingualStyle): void;
}

/** Test connection's report when the manager's storage did not give the settings to test. */
const TEST_UNREADABLE: UserError = {
  message: "Not tested: your userscript manager did not read the settings from its storage.",
  fix: "Try again, or reload the page.",
};

/** Opens the dialog (or focuses the one open). */
export function settingsOpener(deps: SettingsOpenerDeps): () => Promise<void> {
  const { gm, pageWorld, store, cache, writingLanguages, transport, uiLanguage, precheck } = deps;
  const freshSettings = deps.fresh;
  return () =>
    openSettingsDialog(document, {
      load: freshSettings,
      // In the page's world the dialog only shows the settings: no save, no saved translations to count or clear.
      ...(pageWorld
        ? {}
        : {
            save: async (patch: Partial<Settings>) => {
              await freshSettings();
              const result = await store.save(patch);
              // A new look shows at once on the copies this tab shows (no request, no redraw).
              if (result.saved) deps.setBilingualStyle(result.settings.bilingualStyle);
              return result;
            },
            unread: () => unreadSettingsText(store),
            refused: () => Object.keys(store.unread()) as Array<keyof Settings>,
            savedTranslations: { count: () => cache.flush().then(() => cache.tally()), clear: () => cache.clear() },
            backup: { writingLanguages, glossVersion: `${gm.info?.script?.version ?? "unknown"} (userscript)` },
            forThisPageOnly: !gm.stores,
          }),
      test: async (draft) => {
        // Storage that does not give the settings is said where a server's failure is: nothing is tested.
        const saved = await freshSettings().catch(() => undefined);
        if (!saved) return { ok: false, kind: "", error: TEST_UNREADABLE };
        // As if saved: a draft with a new address and no key is tested without the saved key.
        const settings = applySettingsPatch(saved, draft);
        const report = await testConnection(settings, effectiveTargetLang(settings, uiLanguage), {
          transport,
          modelCheck: true,
          probe: () => deps.probe(settings),
        });
        return reportErrors(report, deps.said);
      },
      uiLanguage,
      ...(precheck ? { precheck } : {}),
      // The user asked for the dialog: each refusal is answered.
      onBlocked: (reason) => gm.notify(deps.blockedText(reason)),
      onUnreadable: () => gm.notify(SETTINGS_UNREADABLE),
    });
}
