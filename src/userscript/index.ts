// Userscript entry (Tampermonkey, Violentmonkey, Greasemonkey 4): the same page session and LLM client as the
// extension, with GM.xmlHttpRequest as the transport, GM storage for settings and saved translations, menu commands,
// Alt+Shift+G, an in-page status card and a settings dialog; and the reply-box writer (writing.ts). When the manager
// runs it in the page's own world, less of that: see page-world.ts.
import type { ServerStatus } from "../shared/server-wait";
import { createLookup } from "../lookup/lookup";
import { createLookups, type Lookups } from "../lookup/lookups";
import { createAutoTranslate, type AutoTranslate } from "../session/auto-translate";
import { createPageSession, type PageSession } from "../session/page-session";
import { createStatusPanel, type StatusPanel } from "../session/status-panel";
import { displayModeFor, effectiveTargetLang } from "../shared/settings";
import { matchingSiteRule } from "../shared/site-rules";
import { skipPartsFor } from "../shared/skip-parts";
import type { WritingLanguages } from "../shared/writing-languages";
import { rulesFor } from "../shared/translation-rules";
import type { Writer } from "../writing/writer";
import { createDisplaySwitch, menuPress } from "./display-switch";
import { createSessionConfigSource } from "./session-config";
import { PARSING_BLOCKED } from "./page-world";
import { followSavedLook } from "./saved-look";
import { readStoredAfresh, SETTINGS_KEY } from "./userscript-settings-store";
import { settingsOpener } from "./settings-opener";
import { followStoredInDialog } from "./stored-elsewhere";
import type { Launcher } from "./launcher";
import { startFromPage } from "./page-starts";
import { startWriting, userscriptWritingLanguages } from "./writing";
import { registerPartPicker } from "./part-picker";
import { explainedMenu } from "./page-world-menu";
import { openBasics, type Basics } from "./userscript-basics";

/** The language detector, loaded when a translation first needs it: building tinyld's tables cost every page the
 * userscript runs on some 70 ms before the reader asked for anything (bench/userscript-start.ts). */
const detectLanguage = async (text: string): Promise<string | undefined> =>
  (await import("./detect-language")).detectLanguage(text);

/** What the card and the session reach only once made (they and the settings opener call each other). */
interface Later {
  session(): PageSession;
  launcher(): Launcher | undefined;
  openSettings(): Promise<void>;
}

/** The in-page status card. */
function createCard(b: Basics, later: Later): StatusPanel {
  return createStatusPanel(document, {
    onShowOriginal: () => later.session().restore(),
    // Not in the page's world, where the page could call the button's listener itself: the menu translates there.
    ...(b.pageWorld ? {} : { onTryAgain: () => void later.session().retry() }),
    // Without the manager's menu the card is the only way to the settings (the server's address, above all). Not in
    // the page's world, where the page could press the card's buttons.
    ...(b.pageWorld || b.gm.hasMenu ? {} : { onSettings: () => void later.openSettings() }),
    verbosity: "all",
    ...(b.precheck ? { precheck: b.precheck } : {}),
    onBlocked: b.uiBlocked,
    onShown: (shown) => later.launcher()?.cardShown(shown),
    // The keyboard the corner button handed to the card goes back to the button, not to <body>.
    focusBack: () => later.launcher()?.takeFocusBack(),
  });
}

/** The page session, its reports shown in the card (or the manager's notifications, where the page blocks it). */
function startSession(b: Basics, panel: StatusPanel, auto: AutoTranslate, later: Later): PageSession {
  const { service, store, requestContext } = b;
  return createPageSession({
    document,
    translator: b.withSettings("page"),
    context: b.context,
    getConfig: createSessionConfigSource({
      loadSettings: b.freshSettings, // another tab may have saved new settings
      capacity: (settings, wait) => service.capacity(settings, wait),
      uiLanguage: b.uiLanguage,
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
      later.launcher()?.update(report);
      panel.show(report, asked);
      if (panel.blocked && panel.wouldShow(report)) b.outside.report(report);
    },
    ...(b.pageWorld ? { parsingBlocked: PARSING_BLOCKED } : {}),
  });
}

/** Settings saved in another tab: their look restyles this tab, and the open dialog shows them. */
function followOtherTabs(b: Basics, session: PageSession): void {
  const { gm } = b;
  // A look saved in another tab restyles this tab's translations at once, where the manager says so (saved-look.ts).
  followSavedLook({
    gm,
    key: SETTINGS_KEY,
    known: () => b.store.load(),
    fresh: b.freshSettings,
    setBilingualStyle: (style) => session.setBilingualStyle(style),
  });
  // Settings another tab saves reach the open dialog at once, where the manager says so (stored-elsewhere.ts). Not in
  // the page's world, where the dialog only shows them.
  if (!b.pageWorld) {
    followStoredInDialog({
      gm,
      key: SETTINGS_KEY,
      doc: document,
      read: () => readStoredAfresh(gm),
    });
  }
}

/** The settings dialog's opener, wired to the manager's storage and this tab's session (settings-opener.ts). */
function opensSettings(b: Basics, session: PageSession, writingLanguages: WritingLanguages): () => Promise<void> {
  const { gm, pageWorld, store, cache, transport, uiLanguage, precheck, said, blockedText } = b;
  return settingsOpener({
    gm,
    pageWorld,
    store,
    fresh: b.freshSettings,
    cache,
    writingLanguages,
    transport,
    uiLanguage,
    precheck,
    said,
    blockedText,
    probe: (settings) => b.service.probe(settings),
    setBilingualStyle: (style) => session.setBilingualStyle(style),
  });
}

/**
 * Bilingual view on or off for this site (saved per site; in the page's world, for this page only); a translated
 * page redraws without a request.
 */
function displayModeSwitch(b: Basics, session: PageSession): () => Promise<void> {
  const { requestContext } = b;
  return createDisplaySwitch({
    current: async () => displayModeFor(await b.freshSettings(), requestContext.site),
    async keep(mode) {
      if (b.pageWorld) b.here.mode = mode;
      else if (requestContext.site) {
        const site = requestContext.site;
        await b.store.update(({ siteDisplayModes }) => ({ siteDisplayModes: { ...siteDisplayModes, [site]: mode } }));
      }
    },
    show(mode) {
      session.setDisplayMode(mode);
      if (!session.active) void session.translate();
    },
  });
}

/**
 * A selected word or phrase: translated in a card beside it; a whole passage in place (see src/lookup). One per
 * document: a selection in a frame the page translates with it has its card in that frame (lookups.ts).
 */
function createSelectionLookups(b: Basics, session: PageSession): Lookups {
  return createLookups((doc) =>
    createLookup({
      document: doc,
      translator: b.withSettings("page"),
      async config() {
        const settings = await b.freshSettings();
        return {
          targetLang: effectiveTargetLang(settings, b.uiLanguage),
          skipParts: skipPartsFor(settings.skipParts, location.href),
        };
      },
      session,
      context: b.context,
      detectLang: detectLanguage,
      card: { ...(b.precheck ? { precheck: b.precheck } : {}), onBlocked: b.uiBlocked },
    }),
  );
}

/**
 * The manager's menu, the reply-box writer (whose commands it holds) and the selection look-ups. The menu lives
 * outside the page: in the page's world it is the only way in, and its first use says why.
 */
function registerMenu(
  b: Basics,
  session: PageSession,
  writingLanguages: WritingLanguages,
  openSettings: () => Promise<void>,
): { writer: Writer; lookups: Lookups } {
  const { gm, pageWorld } = b;
  const switchDisplayMode = displayModeSwitch(b, session);
  const menuGm = explainedMenu(gm, pageWorld);
  // Settings open from the manager's menu only: a page cannot open the dialog to read them.
  menuGm.registerMenuCommand("Translate page", () => void session.translate(), "t");
  menuGm.registerMenuCommand("Show original", () => session.restore(), "o");
  const writer = startWriting({
    gm: menuGm,
    session,
    translator: b.withSettings("writing"),
    detectLang: detectLanguage,
    context: b.context,
    ...(b.precheck ? { precheck: b.precheck } : {}),
    onBlocked: b.uiBlocked,
    pageWorld,
    languages: writingLanguages,
  });
  const lookups = createSelectionLookups(b, session);
  menuGm.registerMenuCommand("Translate selection", () => void lookups.translateSelection(document), "e");
  menuGm.registerMenuCommand(
    "Bilingual view on/off (this site)",
    menuPress(switchDisplayMode, (text) => gm.notify(text)),
    "b",
  );
  if (!pageWorld) registerPartPicker({ gm, store: b.store, session, notify: (text) => gm.notify(text) });
  menuGm.registerMenuCommand("Settings", () => void openSettings(), "s");
  return { writer, lookups };
}

/** The server's state, shown wherever Gloss is waiting on it. */
function showServerStatus(status: ServerStatus, session: PageSession, lookups: Lookups, writer: Writer): void {
  session.setServerStatus(status);
  for (const lookup of lookups.all()) lookup.setServerStatus(status);
  // The server's own state, whichever request met it; the reply-box card hears the rest from its own request.
  if (status === "loading" || status === "busy") writer.setServerStatus(status);
}

function main(): void {
  const b = openBasics();
  // Translations are written a moment after the last one; a page being left writes at once.
  addEventListener("pagehide", () => void b.cache.flush());
  /** The corner button where nothing else can start Gloss (launcher.ts); made once the session is. */
  let launcher: Launcher | undefined;
  const later: Later = { session: () => session, launcher: () => launcher, openSettings: () => openSettings() };
  const panel = createCard(b, later);
  const auto = createAutoTranslate({
    window,
    covers: async (url) => !!matchingSiteRule((await b.freshSettings()).autoTranslate, url),
  });
  const session = startSession(b, panel, auto, later);
  followOtherTabs(b, session);
  const writingLanguages = userscriptWritingLanguages(b.gm, b.pageWorld);
  const openSettings = opensSettings(b, session, writingLanguages);
  const { writer, lookups } = registerMenu(b, session, writingLanguages, openSettings);
  b.service.onStatus((status) => showServerStatus(status, session, lookups, writer));
  // In the page's world the page could call these listeners itself with made-up events that claim to be the user's
  // (isTrusted and all): no key or pointer starts anything there.
  if (!b.pageWorld) {
    launcher = startFromPage({
      session,
      hasMenu: b.gm.hasMenu,
      hoverTranslate: async () => {
        const settings = await b.freshSettings();
        return settings.hoverTranslate && skipPartsFor(settings.skipParts, location.href);
      },
      onBlocked: b.uiBlocked,
      focusCard: () => panel.focus(),
    });
  }
  auto.start(session);
}

// Only in the top frame: a page's iframes (ads, embeds) would each start their own session.
if (window.top === window.self) main();
