// Userscript entry (Tampermonkey, Violentmonkey, Greasemonkey 4): the same page session and LLM client as the
// extension, with GM.xmlHttpRequest as the transport, GM storage for settings, menu commands, Alt+T, an in-page
// status card and a settings dialog; and the reply-box writer (writing.ts).
import { llmConfigFrom, writingConfigFrom } from "../connection/llm-config";
import { testConnection } from "../connection/test-connection";
import { createLlmTranslator, type LlmConfig } from "../llm";
import { createAutoTranslate } from "../session/auto-translate";
import { createPageSession } from "../session/page-session";
import { createStatusPanel } from "../session/status-panel";
import type { UiBlockedReason } from "../session/ui-host";
import { applySettingsPatch, effectiveTargetLang, type Settings } from "../shared/settings";
import { createSettingsStore } from "../shared/settings-store";
import { matchingSiteRule } from "../shared/site-rules";
import type { Translator } from "../shared/translator";
import { rulesFor } from "../shared/translation-rules";
import { createPageContext } from "../sites/page-context";
import { detectLanguage } from "./detect-language";
import { resolveGmApi } from "./gm-api";
import { createGmTransport } from "./gm-transport";
import { createSessionConfigSource } from "./session-config";
import { createOutsidePageNotices } from "./outside-page";
import { PARSING_BLOCKED, replacedDomFunctions, runsInPageWorld, UI_BLOCKED, UI_TAMPERED } from "./page-world";
import { openSettingsDialog } from "./settings-dialog";
import { isToggleShortcut } from "./shortcut";
import { startWriting } from "./writing";

const SETTINGS_KEY = "settings";

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

  // One LLM client per server configuration (the page's, and the one for the user's own messages); its limiter
  // keeps requests within the server's slots.
  const clients = new Map<"page" | "writing", { key: string; llm: Translator }>();
  const clientFor = (use: "page" | "writing", config: LlmConfig): Translator => {
    const key = JSON.stringify(config);
    let client = clients.get(use);
    if (!client || client.key !== key) {
      // The page's status card follows the page's client; the writer reports its own problems.
      const options = use === "page" ? { onStatus: session.setServerStatus.bind(session) } : {};
      client = { key, llm: createLlmTranslator(config, transport, options) };
      clients.set(use, client);
    }
    return client.llm;
  };
  /** A translator that reads the settings for each batch and adds the user's glossary and instructions. */
  const withSettings = (use: "page" | "writing"): Translator =>
    async function* (batch, opts) {
      const settings = await store.load();
      const config = use === "page" ? llmConfigFrom(settings) : writingConfigFrom(settings);
      const rules = rulesFor(settings, opts.targetLang, location.href);
      yield* clientFor(use, config)(batch, rules ? { ...opts, rules } : opts);
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
      transport,
      uiLanguage,
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
        return testConnection(settings, effectiveTargetLang(settings, uiLanguage), { transport });
      },
      uiLanguage,
      pageWorld,
      ...(precheck ? { precheck } : {}),
      // The user asked for the dialog: each refusal is answered.
      onBlocked: (reason) => gm.notify(blockedText(reason)),
    });

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

  auto.start(session);
}

// Only in the top frame: a page's iframes (ads, embeds) would each start their own session.
if (window.top === window.self) main();
