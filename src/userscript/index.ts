// Userscript entry (Tampermonkey, Violentmonkey, Greasemonkey 4): the same page session and LLM client as the
// extension, with GM.xmlHttpRequest as the transport, GM storage for settings and saved translations, menu commands,
// Alt+Shift+G, an in-page status card and a settings dialog; and the reply-box writer (writing.ts). When the manager
// runs it in the page's own world, less of that: see page-world.ts.
import { createServerFactsStore } from "../connection/server-facts";
import { createTranslationService } from "../connection/translation-service";
import { createLookup } from "../lookup/lookup";
import { createLookups } from "../lookup/lookups";
import { createAutoTranslate } from "../session/auto-translate";
import { createPageSession } from "../session/page-session";
import { createKeptPage } from "../session/kept-page";
import { createStatusPanel } from "../session/status-panel";
import type { UiBlockedReason } from "../session/ui-host";
import { displayModeFor, effectiveTargetLang, readSettings, type DisplayMode } from "../shared/settings";
import { matchingSiteRule, siteOf } from "../shared/site-rules";
import type { Translator } from "../shared/translator";
import { rulesFor } from "../shared/translation-rules";
import { createPageContext } from "../sites/page-context";
import { createDisplaySwitch } from "./display-switch";
import { keptPageGm, resolveGmApi } from "./gm-api";
import { NO_SAVED_TRANSLATIONS, openGmTranslationCache } from "./gm-translation-cache";
import { createGmTransport } from "./gm-transport";
import { createSessionConfigSource } from "./session-config";
import { createOutsidePageNotices } from "./outside-page";
import {
  PARSING_BLOCKED,
  replacedDomFunctions,
  runsInPageWorld,
  UI_BLOCKED,
  UI_TAMPERED,
  withoutKey,
} from "./page-world";
import { followSavedLook } from "./saved-look";
import { userscriptFactsStorage } from "./server-facts-storage";
import { SETTINGS_KEY, userscriptSettingsStore } from "./userscript-settings-store";
import { settingsOpener } from "./settings-opener";
import { settingsTranslator } from "./settings-translator";
import { parseStoredSettings } from "./stored-settings";
import { followStoredInDialog } from "./stored-elsewhere";
import type { Launcher } from "./launcher";
import { startFromPage } from "./page-starts";
import { startWriting, userscriptWritingLanguages } from "./writing";
import { registerPartPicker } from "./part-picker";
import { explainedMenu } from "./page-world-menu";
import type { UserError } from "../shared/messages";
import { inUserscriptWords } from "./userscript-words";

/** The language detector, loaded when a translation first needs it: building tinyld's tables cost every page the
 * userscript runs on some 70 ms before the reader asked for anything (bench/userscript-start.ts). */
const detectLanguage = async (text: string): Promise<string | undefined> =>
  (await import("./detect-language")).detectLanguage(text);

function main(): void {
  // The manager's storage calls a kept page may never get answered do not hold it when it comes back.
  const gm = keptPageGm(resolveGmApi(), createKeptPage(window));
  // Decided before anything is read: in the page's world the page sees what Gloss reads and can call its listeners
  // (see page-world.ts).
  const pageWorld = runsInPageWorld(gm.info);
  const transport = createGmTransport(gm);
  // The page's site is read from the public-suffix list when first asked for (see site-rules.ts): a page with no
  // auto-translate rule needs it only once the reader translates.
  const address = location.href;
  let site: string | undefined;
  const requestContext = {
    get site() {
      return (site ??= siteOf(address));
    },
    incognito: gm.info?.isIncognito === true,
  };
  const store = userscriptSettingsStore(gm, pageWorld, () => requestContext.site);
  const uiLanguage = navigator.language || "en";

  // The same translator as the extension's background: one LLM client per server configuration (its limiter keeps
  // requests within the server's slots) behind a translation cache, here in the manager's storage, per site.
  const cache = pageWorld ? NO_SAVED_TRANSLATIONS : openGmTranslationCache(gm, () => requestContext.site);
  const service = createTranslationService(
    createServerFactsStore(userscriptFactsStorage(gm, pageWorld)),
    cache,
    transport,
  );
  service.onStatus((status) => {
    session.setServerStatus(status);
    for (const lookup of lookups.all()) lookup.setServerStatus(status);
    // The server's own state, whichever request met it; the reply-box card hears the rest from its own request.
    if (status === "loading" || status === "busy") writer.setServerStatus(status);
  });
  // Translations are written a moment after the last one; a page being left writes at once.
  addEventListener("pagehide", () => void cache.flush());
  /** An error as the userscript says it: its own words, and in the page's world why no key was sent. */
  const said = <E extends UserError>(error: E): E =>
    pageWorld ? withoutKey(inUserscriptWords(error)) : inUserscriptWords(error);
  /** A translator that reads the settings for each batch (settings-translator.ts). */
  const withSettings = (use: "page" | "writing"): Translator =>
    settingsTranslator({ load: () => store.load(), service, requestContext, said }, use);
  // What the page is about, as it is now (page-context.ts); shared with the reply-box writer.
  const context = createPageContext(document);

  /** The bilingual switch in the page's world, where nothing is saved: it holds for this page. */
  let modeHere: DisplayMode | undefined;
  // The dialog reads the stored settings afresh: the user may have set the API key in the manager's storage
  // editor (as the dialog suggests), and saving over a stale copy would drop it. Rules are read afresh too.
  const freshSettings = async () => {
    store.invalidate();
    const settings = await store.load();
    if (!modeHere || !requestContext.site) return settings;
    return { ...settings, siteDisplayModes: { ...settings.siteDisplayModes, [requestContext.site]: modeHere } };
  };

  // In the page's world the page may have replaced what the UI calls: no UI then (see page-world.ts). When the page
  // blocks the UI, the manager's notifications carry its messages.
  const precheck = pageWorld ? () => replacedDomFunctions(window).length === 0 : undefined;
  const outside = createOutsidePageNotices(gm);
  const blockedText = (reason: UiBlockedReason) => (reason === "unverified" ? UI_TAMPERED : UI_BLOCKED);
  const uiBlocked = (reason: UiBlockedReason) => outside.blocked(blockedText(reason));
  /** The corner button where nothing else can start Gloss (launcher.ts); made once the session is. */
  let launcher: Launcher | undefined;
  const panel = createStatusPanel(document, {
    onShowOriginal: () => session.restore(),
    // Not in the page's world, where the page could call the button's listener itself: the menu translates there.
    ...(pageWorld ? {} : { onTryAgain: () => void session.translate() }),
    // Without the manager's menu the card is the only way to the settings (the server's address, above all). Not in
    // the page's world, where the page could press the card's buttons.
    ...(pageWorld || gm.hasMenu ? {} : { onSettings: () => void openSettings() }),
    verbosity: "all",
    ...(precheck ? { precheck } : {}),
    onBlocked: uiBlocked,
    onShown: (shown) => launcher?.cardShown(shown),
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
      loadSettings: freshSettings, // another tab may have saved new settings
      capacity: (settings, wait) => service.capacity(settings, wait),
      uiLanguage,
      site: () => requestContext.site,
      url: () => location.href,
    }),
    // A reply the page engine rejected is not served again.
    onUnitRejected: (segment, targetLang) =>
      void store.load().then((settings) => {
        const rules = rulesFor(settings, targetLang, location.href);
        return service.forget(settings, segment, { targetLang, ...(rules ? { rules } : {}) }, requestContext);
      }),
    detectLang: detectLanguage,
    onReport: (report, asked) => {
      auto.noteReport(report);
      launcher?.update(report);
      panel.show(report, asked);
      if (panel.blocked && panel.wouldShow(report)) outside.report(report);
    },
    ...(pageWorld ? { parsingBlocked: PARSING_BLOCKED } : {}),
  });
  // A look saved in another tab restyles this tab's translations at once, where the manager says so (saved-look.ts).
  followSavedLook({
    gm,
    key: SETTINGS_KEY,
    known: () => store.load(),
    fresh: freshSettings,
    setBilingualStyle: (style) => session.setBilingualStyle(style),
  });

  // Settings another tab saves reach the open dialog at once, where the manager says so (stored-elsewhere.ts). Not in
  // the page's world, where the dialog only shows them.
  if (!pageWorld) {
    followStoredInDialog({
      gm,
      key: SETTINGS_KEY,
      doc: document,
      read: async () => readSettings(parseStoredSettings(await gm.getValue<unknown>(SETTINGS_KEY, undefined))).settings,
    });
  }

  const writingLanguages = userscriptWritingLanguages(gm, pageWorld);
  const openSettings = settingsOpener({
    gm,
    pageWorld,
    store,
    fresh: freshSettings,
    cache,
    writingLanguages,
    transport,
    uiLanguage,
    precheck,
    said,
    blockedText,
    setBilingualStyle: (style) => session.setBilingualStyle(style),
  });

  /** Bilingual view on or off for this site (saved per site; in the page's world, for this page only); a translated
   * page redraws without a request. */
  const switchDisplayMode = createDisplaySwitch({
    current: async () => displayModeFor(await freshSettings(), requestContext.site),
    async keep(mode) {
      if (pageWorld) modeHere = mode;
      else if (requestContext.site) {
        const site = requestContext.site;
        await store.update(({ siteDisplayModes }) => ({ siteDisplayModes: { ...siteDisplayModes, [site]: mode } }));
      }
    },
    show(mode) {
      session.setDisplayMode(mode);
      if (!session.active) void session.translate();
    },
  });

  // The manager's menu lives outside the page: in the page's world it is the only way in, and its first use says why.
  const menuGm = explainedMenu(gm, pageWorld);

  // Settings open from the manager's menu only: a page cannot open the dialog to read them.
  menuGm.registerMenuCommand("Translate page", () => void session.translate(), "t");
  menuGm.registerMenuCommand("Show original", () => session.restore(), "o");
  const writer = startWriting({
    gm: menuGm,
    session,
    translator: withSettings("writing"),
    detectLang: detectLanguage,
    context,
    ...(precheck ? { precheck } : {}),
    onBlocked: uiBlocked,
    pageWorld,
    languages: writingLanguages,
  });
  // A selected word or phrase: translated in a card beside it; a whole passage in place (see src/lookup).
  // One per document: a selection in a frame the page translates with it has its card in that frame (lookups.ts).
  const lookups = createLookups((doc) =>
    createLookup({
      document: doc,
      translator: withSettings("page"),
      targetLang: async () => effectiveTargetLang(await freshSettings(), uiLanguage),
      session,
      context,
      detectLang: detectLanguage,
      card: { ...(precheck ? { precheck } : {}), onBlocked: uiBlocked },
    }),
  );
  menuGm.registerMenuCommand("Translate selection", () => void lookups.translateSelection(document), "e");
  menuGm.registerMenuCommand("Bilingual view on/off (this site)", () => void switchDisplayMode(), "b");
  if (!pageWorld) registerPartPicker({ gm, store, session, notify: (text) => gm.notify(text) });
  menuGm.registerMenuCommand("Settings", () => void openSettings(), "s");

  // In the page's world the page could call these listeners itself with made-up events that claim to be the user's
  // (isTrusted and all): no key or pointer starts anything there.
  if (!pageWorld) {
    launcher = startFromPage({
      session,
      hasMenu: gm.hasMenu,
      hoverTranslate: async () => (await freshSettings()).hoverTranslate,
      onBlocked: uiBlocked,
    });
  }

  auto.start(session);
}

// Only in the top frame: a page's iframes (ads, embeds) would each start their own session.
if (window.top === window.self) main();
