// Userscript entry (Tampermonkey, Violentmonkey, Greasemonkey 4): the same page session and LLM client as the
// extension, with GM.xmlHttpRequest as the transport, GM storage for settings and saved translations, menu commands,
// Alt+Shift+G, an in-page status card and a settings dialog; and the reply-box writer (writing.ts).
import { createServerFactsStore } from "../connection/server-facts";
import { testConnection } from "../connection/test-connection";
import { createTranslationService } from "../connection/translation-service";
import { createAutoTranslate } from "../session/auto-translate";
import { startHover } from "../session/hover";
import { createPageSession } from "../session/page-session";
import { selectedRanges } from "../session/selection";
import { createStatusPanel } from "../session/status-panel";
import { isUiHost, type UiBlockedReason } from "../session/ui-host";
import { applySettingsPatch, displayModeFor, effectiveTargetLang, type Settings } from "../shared/settings";
import { createSettingsStore } from "../shared/settings-store";
import { matchingSiteRule, siteOf } from "../shared/site-rules";
import type { Translator } from "../shared/translator";
import { rulesFor } from "../shared/translation-rules";
import { createPageContext } from "../sites/page-context";
import { detectLanguage } from "./detect-language";
import { resolveGmApi } from "./gm-api";
import { openGmTranslationCache } from "./gm-translation-cache";
import { createGmTransport } from "./gm-transport";
import { createSessionConfigSource } from "./session-config";
import { createOutsidePageNotices } from "./outside-page";
import { PARSING_BLOCKED, replacedDomFunctions, runsInPageWorld, UI_BLOCKED, UI_TAMPERED } from "./page-world";
import { openSettingsDialog } from "./settings-dialog";
import { isToggleShortcut } from "./shortcut";
import { startWriting } from "./writing";

const SETTINGS_KEY = "settings";
/** What probes learned about the server (model, context, slots), so a later page needs no probe. */
const FACTS_KEY = "serverFacts";

function main(): void {
  const gm = resolveGmApi();
  const transport = createGmTransport(gm);
  const store = createSettingsStore({
    read: async () => {
      const raw = await gm.getValue<string | undefined>(SETTINGS_KEY, undefined);
      try {
        return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
      } catch {
        return undefined;
      }
    },
    write: (settings: Settings) => gm.setValue(SETTINGS_KEY, JSON.stringify(settings)),
  });
  const uiLanguage = navigator.language || "en";

  // The same translator as the extension's background: one LLM client per server configuration (its limiter keeps
  // requests within the server's slots) behind a translation cache, here in the manager's storage, per site.
  const requestContext = { site: siteOf(location.href), incognito: gm.info?.isIncognito === true };
  const cache = openGmTranslationCache(gm, requestContext.site);
  const service = createTranslationService(
    createServerFactsStore({
      read: () => gm.getValue<unknown>(FACTS_KEY, undefined),
      write: (value) => gm.setValue(FACTS_KEY, value),
    }),
    cache,
    transport,
  );
  service.onStatus((status) => session.setServerStatus(status));
  // Translations are written a moment after the last one; a page being left writes at once.
  addEventListener("pagehide", () => void cache.flush());
  /** A translator that reads the settings for each batch and adds the user's glossary and instructions; the
   * user's own messages go to the writing model and are never saved. */
  const withSettings = (use: "page" | "writing"): Translator =>
    async function* (batch, opts) {
      const settings = await store.load();
      const rules = rulesFor(settings, opts.targetLang, location.href);
      const scoped = { ...opts, ...(rules ? { rules } : {}), ...(use === "writing" ? { writing: true } : {}) };
      yield* service.translate(settings, batch, scoped, requestContext);
    };
  // Read once per address, before any translation is written into the page; shared with the reply-box writer.
  const context = createPageContext(document);

  // The dialog reads the stored settings afresh: the user may have set the API key in the manager's storage
  // editor (as the dialog suggests), and saving over a stale copy would drop it. Rules are read afresh too.
  const freshSettings = () => {
    store.invalidate();
    return store.load();
  };

  // In the page's world the page may have replaced what the UI calls: no UI then (see page-world.ts). When the page
  // blocks the UI, the manager's notifications carry its messages.
  const pageWorld = runsInPageWorld(gm.info);
  const precheck = pageWorld ? () => replacedDomFunctions(window).length === 0 : undefined;
  const outside = createOutsidePageNotices(gm);
  const blockedText = (reason: UiBlockedReason) => (reason === "unverified" ? UI_TAMPERED : UI_BLOCKED);
  const uiBlocked = (reason: UiBlockedReason) => outside.blocked(blockedText(reason));
  const panel = createStatusPanel(document, {
    onShowOriginal: () => session.restore(),
    verbosity: "all",
    ...(precheck ? { precheck } : {}),
    onBlocked: uiBlocked,
  });
  const auto = createAutoTranslate({
    window,
    covers: async (url) => !!matchingSiteRule((await freshSettings()).autoTranslate, url),
  });
  const session = createPageSession({
    document,
    translator: withSettings("page"),
    context,
    getConfig: createSessionConfigSource({
      loadSettings: () => {
        store.invalidate(); // another tab may have saved new settings
        return store.load();
      },
      capacity: (settings, wait) => service.capacity(settings, wait),
      uiLanguage,
      site: requestContext.site,
    }),
    // A reply the page engine rejected is not served again.
    onUnitRejected: (segment, targetLang) =>
      void store.load().then((settings) => {
        const rules = rulesFor(settings, targetLang, location.href);
        return service.forget(settings, segment, { targetLang, ...(rules ? { rules } : {}) }, requestContext);
      }),
    detectLang: detectLanguage,
    onReport: (report) => {
      auto.noteReport(report);
      panel.show(report);
      if (panel.blocked && panel.wouldShow(report)) outside.report(report);
    },
    ...(pageWorld ? { parsingBlocked: PARSING_BLOCKED } : {}),
  });

  const openSettings = () =>
    openSettingsDialog(document, {
      load: freshSettings,
      save: async (patch) => {
        await freshSettings();
        return store.save(patch);
      },
      test: async (draft) => {
        // As if saved: a draft with a new address and no key is tested without the saved key.
        const settings = applySettingsPatch(await freshSettings(), draft);
        return testConnection(settings, effectiveTargetLang(settings, uiLanguage), { transport, modelCheck: true });
      },
      uiLanguage,
      pageWorld,
      ...(precheck ? { precheck } : {}),
      // The user asked for the dialog: each refusal is answered.
      onBlocked: (reason) => gm.notify(blockedText(reason)),
      savedTranslations: { count: () => cache.flush().then(() => cache.count()), clear: () => cache.clear() },
    });

  /** Bilingual view on or off for this site (saved per site); a translated page redraws without a request. */
  const switchDisplayMode = async () => {
    const settings = await freshSettings();
    const mode = displayModeFor(settings, requestContext.site) === "bilingual" ? "replace" : "bilingual";
    if (requestContext.site)
      await store.save({ siteDisplayModes: { ...settings.siteDisplayModes, [requestContext.site]: mode } });
    session.setDisplayMode(mode);
    if (!session.active) await session.translate();
  };

  // Settings open from the manager's menu only: a page cannot open the dialog to read them.
  gm.registerMenuCommand("Translate page", () => void session.translate(), "t");
  gm.registerMenuCommand("Show original", () => session.restore(), "o");
  startWriting({
    gm,
    session,
    translator: withSettings("writing"),
    detectLang: detectLanguage,
    context,
    ...(precheck ? { precheck } : {}),
    onBlocked: uiBlocked,
  });
  gm.registerMenuCommand("Translate selection", () => void session.translatePassage(selectedRanges(document)), "e");
  gm.registerMenuCommand("Bilingual view on/off (this site)", () => void switchDisplayMode(), "b");
  gm.registerMenuCommand("Settings", () => void openSettings(), "s");

  addEventListener(
    "keydown",
    (event) => {
      if (!isToggleShortcut(event)) return;
      event.preventDefault();
      event.stopPropagation();
      void session.toggle();
    },
    true,
  );

  // Alt + pointing at a paragraph, when turned on in the settings (read at the moment it would translate).
  startHover({
    window,
    enabled: async () => (await freshSettings()).hoverTranslate,
    translate: (range) => void session.translatePassage([range]),
    isOwnUi: isUiHost,
  });

  auto.start(session);
}

// Only in the top frame: a page's iframes (ads, embeds) would each start their own session.
if (window.top === window.self) main();
