// Content script entry: wires the page session to the background. Injected on demand (toolbar, shortcut, context
// menu) or registered for auto-translate sites; a second injection into the same page reuses the first.
import { ext } from "../extension/api";
import { send } from "../extension/send";
import { createAutoTranslate, type AutoTranslate } from "../session/auto-translate";
import { createPageSession, type PageSession, type PageSessionDeps } from "../session/page-session";
import type { HeldCue } from "../session/held-cue";
import { runConfig } from "./run-config";
import { isUiHost } from "../session/ui-host";
import { createPageContext } from "../sites/page-context";
import type { Writer } from "../writing/writer";
import { createPortTranslator } from "./port-translator";
import { createStartupConfig, type PressConfigSlot, type StartupConfig } from "./startup-config";
import { followRestoredPage } from "./restored-page";
import { askForHandover, handOverWhenCutOff, learnHandoverKey, type HandoverKeySlot } from "./handover";
import { extensionGone } from "../extension/cut-off";
import { HANDOVER_KEY } from "../shared/handover-event";
import { showsTranslation } from "../shared/messages";
import { SELECTION_IN_FRAME_FROM_TOP } from "../shared/frame-reach-text";
import { createKeptPage } from "../session/kept-page";
import { detectLanguage, openOrClosedShadowRoot } from "./platform";
import { rememberContextTarget, type ContextTarget } from "./context-target";
import { listenForCommands } from "./commands";
import { createContentLookups, createContentWriter, startContentHover, type ContentTools } from "./reader-tools";
import { createStatusUi } from "./status-ui";

declare global {
  // Marks the isolated world as initialised, so a repeated injection does not start a second session.
  var __glossContentSession: PageSession | undefined;
  // Starts translating the page when this injection made a new session that no command has reached yet; true then,
  // "handed back" when an older, cut-off script gave back the translation it showed instead (see takeOver).
  // Called by static/start-translation.js, which a press injects right after this script.
  var __glossStartPress: (() => boolean | "handed back") | undefined;
  // The element last right-clicked, where the element picker (picker.js) starts when chosen from the menu.
  var __glossContextTarget: ContextTarget | undefined;
}

/** No command has reached this page's session yet: it shows the original, so a press means "translate". */
let untouched = true;

/**
 * Asks an older, cut-off script to give the page back (handover.ts), once, when this one is first set to work on it:
 * not as it loads, where with "ready on every site" every page could tell from the event that Gloss is installed.
 */
let handedOver = false;
/** The key the handover event is named with, known at once when a press brought the script (handover.ts). */
const handoverKey = learnHandoverKey(globalThis as HandoverKeySlot, () => ext.storage.local.get(HANDOVER_KEY));
/** Whether the older script showed the page translated: it shows the original now. */
function takeOver(): boolean {
  if (handedOver || !handoverKey.value) return false;
  handedOver = true;
  return askForHandover(window, handoverKey.value);
}

/** What the parts below share: the background asked through the kept page, and the page read as Gloss sees it. */
function contentTools(): ContentTools {
  // What the page waits on is asked again should the page be kept and come back before the answer (kept-page.ts).
  // Reports are not: nothing waits on them, and a report from before the page left is old news when it is back.
  const kept = createKeptPage(window);
  // Gloss's own UI is not page content.
  return {
    ask: (name, request) => kept.ask(() => send(name, request)),
    detect: (text) => kept.ask(() => detectLanguage(text)),
    context: createPageContext(document),
    shadowRootOf: (element) => (isUiHost(element) ? null : openOrClosedShadowRoot(element)),
  };
}

/** The page's translation, its settings and requests from the background, its progress on the page's line. */
function createContentSession(
  tools: ContentTools,
  firstConfig: StartupConfig,
  cue: HeldCue,
  onReport: PageSessionDeps["onReport"],
): PageSession {
  // Each request also draws the progress line held for the run's first (held-cue.ts).
  const portTranslator = createPortTranslator((status) => session.setServerStatus(status));
  const session: PageSession = createPageSession({
    document,
    translator: (batch, opts) => {
      const replies = portTranslator(batch, opts);
      cue.requestSent();
      return replies;
    },
    async getConfig() {
      // Before this run reads the page: an older script's translations would pass for the page's text.
      await handoverKey.ready;
      takeOver();
      return runConfig(tools.ask, firstConfig, cue);
    },
    detectLang: tools.detect,
    getShadowRoot: tools.shadowRootOf,
    context: tools.context,
    onUnitRejected: (segment, targetLang) => void send("forgetTranslation", { segment, targetLang }),
    // The popup and the shortcut reach the top frame only; the menu reaches the frame it was opened in.
    selectionInFrame: SELECTION_IN_FRAME_FROM_TOP,
    onReport,
  });
  return session;
}

function start(): { session: PageSession; auto: AutoTranslate } {
  /** Cut off from the extension and handed the page over to a newer script (handover.ts): silent from then on. */
  let retired = false;
  const tools = contentTools();
  // The settings the first translation starts with: asked for now (the auto-translate check), or handed over by
  // the press that injected this script, whichever comes first.
  const firstConfig = createStartupConfig(
    (url) => tools.ask("getContentConfig", { url }),
    globalThis as typeof globalThis & PressConfigSlot,
  );
  const ui = createStatusUi(() => session);
  const auto = createAutoTranslate({
    window,
    async covers(url) {
      const reply = await firstConfig.ask(url);
      return reply.ok && reply.value.autoTranslate;
    },
  });
  const session = createContentSession(tools, firstConfig, ui.cue, (report, asked) => {
    if (retired) return;
    auto.noteReport(report);
    ui.show(report, asked);
  });

  // Made on the first reply-box command: building its card (a list of every language) is time the page translation
  // would otherwise wait for when a press injects this script.
  let writer: Writer | undefined;
  const lookups = createContentLookups(tools, session);
  listenForCommands({
    session,
    writer: () => (writer ??= createContentWriter(tools, session)),
    lookups,
    report: ui.report,
    commanded() {
      untouched = false;
      // At once when the key is known (before the command reads the page), else once storage gives it.
      takeOver();
      void handoverKey.ready.then(takeOver);
    },
  });
  const hover = startContentHover(tools, session);

  // Back from the back/forward cache, or shown after a prerender: the background hears from this page again (as the
  // tab's page) and the page takes the look saved while it was away (only the look).
  followRestoredPage({
    window,
    checkIn: (url) => tools.ask("getContentConfig", { url }),
    setBilingualStyle: (style) => session.setBilingualStyle(style),
    reportAgain: () => {
      if (!retired) void send("reportProgress", ui.report());
    },
  });

  handOverWhenCutOff({
    window,
    key: handoverKey,
    cutOff: () => extensionGone(() => ext.runtime),
    translated: () => showsTranslation(session.report()),
    retire() {
      session.restore();
      retired = true;
      auto.stop();
      hover.stop();
      ui.hide();
      for (const lookup of lookups.all()) lookup.dismiss();
      writer?.dismiss();
    },
  });

  auto.start(session);
  return { session, auto };
}

// Own properties only: an element named or id'd `__glossContentSession` shows through as a property of `window` even
// in the isolated world, and must not pass for a session (the page would then never get one).
if (!Object.hasOwn(globalThis, "__glossContentSession")) {
  const { session, auto } = start();
  globalThis.__glossContentSession = session;
  globalThis.__glossContextTarget = rememberContextTarget(window);
  globalThis.__glossStartPress = () => {
    // A session the page's own rule (auto-translate) or the reader's Alt + pointer already set working decides by
    // its state, as any other.
    if (!untouched || session.active) return false;
    untouched = false;
    // The original an older script just gave back may be all the press asked for (a toggle): the background decides,
    // not the site's rule, whose check would otherwise translate the page again after the reader's Show original.
    if (takeOver()) {
      auto.decline();
      return "handed back";
    }
    void session.translate();
    return true;
  };
}
