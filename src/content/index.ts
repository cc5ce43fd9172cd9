// Content script entry: wires the page session to the background. Injected on demand (toolbar, shortcut, context
// menu) or registered for auto-translate sites; a second injection into the same page reuses the first.
import { ext, onRuntimeMessage } from "../extension/api";
import { send } from "../extension/send";
import { isContentCommand, type ContentReport, type FrameAccess } from "../shared/messages";
import type { Translator } from "../shared/translator";
import { createAutoTranslate } from "../session/auto-translate";
import { createPageSession, type PageSession } from "../session/page-session";
import { startHover } from "../session/hover";
import { createProgressCue } from "../session/progress-cue";
import { holdCueForFirstRequest } from "../session/held-cue";
import { readerSelection } from "../session/selection";
import { createStatusPanel } from "../session/status-panel";
import { isUiHost } from "../session/ui-host";
import { createPageContext } from "../sites/page-context";
import { createWriter, type Writer } from "../writing/writer";
import { createLookup, type Lookup } from "../lookup/lookup";
import { createLookups } from "../lookup/lookups";
import { createPortTranslator } from "./port-translator";
import { createStartupConfig, type PressConfigSlot } from "./startup-config";
import { followRestoredPage } from "./restored-page";
import { askForHandover, handOverWhenCutOff } from "./handover";
import { extensionGone } from "../extension/cut-off";
import { frameOutOfReachText, SELECTION_IN_FRAME_FROM_TOP } from "../shared/frame-reach-text";
import { createKeptPage } from "../session/kept-page";
import { detectLanguage, isShadowRootOf, openOrClosedShadowRoot } from "./platform";
import { rememberContextTarget, type ContextTarget } from "./context-target";

declare global {
  // Marks the isolated world as initialised, so a repeated injection does not start a second session.
  var __glossContentSession: PageSession | undefined;
  // Starts translating the page when this injection made a new session that no command has reached yet; true then.
  // Called by static/start-translation.js, which a press injects right after this script.
  var __glossStartPress: (() => boolean) | undefined;
  // The element last right-clicked, where the element picker (picker.js) starts when chosen from the menu.
  var __glossContextTarget: ContextTarget | undefined;
}

/** The status card's words for a selection in a frame of another site that Gloss may not enter. */
function selectionOutOfReach(site: string, access: FrameAccess): string {
  const { message, note } = frameOutOfReachText(site, access, "selection");
  return `${message} ${note}`;
}

/** No command has reached this page's session yet: it shows the original, so a press means "translate". */
let untouched = true;

/**
 * Asks an older, cut-off script to give the page back (handover.ts), once, when this one is first set to work on it:
 * not as it loads, where with "ready on every site" every page could tell from the event that Gloss is installed.
 */
let handedOver = false;
function takeOver(): void {
  if (handedOver) return;
  handedOver = true;
  askForHandover(window);
}

function start(): PageSession {
  /** Cut off from the extension and handed the page over to a newer script (handover.ts): silent from then on. */
  let retired = false;
  // What the page waits on is asked again should the page be kept and come back before the answer (kept-page.ts).
  // Reports are not: nothing waits on them, and a report from before the page left is old news when it is back.
  const kept = createKeptPage(window);
  const ask: typeof send = (name, request) => kept.ask(() => send(name, request));
  const detect = (text: string) => kept.ask(() => detectLanguage(text));
  // The settings the first translation starts with: asked for now (the auto-translate check), or handed over by
  // the press that injected this script, whichever comes first.
  const firstConfig = createStartupConfig(
    (url) => ask("getContentConfig", { url }),
    globalThis as typeof globalThis & PressConfigSlot,
  );
  const panel = createStatusPanel(document, {
    onShowOriginal: () => session.restore(),
    onTryAgain: () => void session.translate(),
    // The browser's own view of the host's shadow root, which no page script can fake.
    verify: isShadowRootOf,
    // The page blocked the card: the badge and the popup, which the page cannot touch, say so from now on.
    onBlocked: () => void send("reportProgress", withUiState(session.report())),
  });
  // Progress where the reader looks (the toolbar badge is hidden until the button is pinned); off in the options.
  // Drawn once a run's first request is out (held-cue.ts).
  const cue = holdCueForFirstRequest(createProgressCue(document, { verify: isShadowRootOf }), window);
  // A frame Gloss went into for the reader (a selection, a reply box) is not the tab's page: the background keeps
  // its badge and popup for the page.
  const inFrame = window !== window.top;
  const withUiState = (report: ContentReport): ContentReport => ({
    ...report,
    ...(panel.blocked ? { uiBlocked: true } : {}),
    ...(inFrame ? { inFrame: true } : {}),
  });
  const portTranslator = createPortTranslator((status) => session.setServerStatus(status));
  const translator: Translator = (batch, opts) => {
    const replies = portTranslator(batch, opts);
    cue.requestSent();
    return replies;
  };
  // What the page is about, as it is now (page-context.ts); shared with the reply-box path.
  const context = createPageContext(document);
  // Gloss's own UI is not page content.
  const shadowRootOf = (element: Element) => (isUiHost(element) ? null : openOrClosedShadowRoot(element));
  const auto = createAutoTranslate({
    window,
    async covers(url) {
      const reply = await firstConfig.ask(url);
      return reply.ok && reply.value.autoTranslate;
    },
  });

  const session: PageSession = createPageSession({
    document,
    translator,
    async getConfig() {
      // Before this run reads the page: an older script's translations would pass for the page's text.
      takeOver();
      const url = location.href;
      const reply = await (firstConfig.take(url) ?? ask("getContentConfig", { url }));
      if (!reply.ok) throw new Error(reply.error.message);
      cue.enabled = reply.value.progressCue;
      if (reply.value.limitsKnown) return reply.value;
      // The server has not said what it can do yet: start with defaults, take its answer in when it comes.
      const serverLimits = async () => {
        const later = await ask("getContentConfig", { url, waitForServer: true });
        return later.ok
          ? { maxBatchChars: later.value.maxBatchChars, maxConcurrent: later.value.maxConcurrent }
          : undefined;
      };
      return { ...reply.value, serverLimits };
    },
    detectLang: detect,
    getShadowRoot: shadowRootOf,
    context,
    onUnitRejected: (segment, targetLang) => void send("forgetTranslation", { segment, targetLang }),
    // The popup and the shortcut reach the top frame only; the menu reaches the frame it was opened in.
    selectionInFrame: SELECTION_IN_FRAME_FROM_TOP,
    onReport(report: ContentReport, asked?: boolean) {
      if (retired) return;
      auto.noteReport(report);
      panel.show(report, asked);
      cue.show(report);
      void send("reportProgress", withUiState(report));
    },
  });

  // Made on the first reply-box command: building its card (a list of every language) is time the page translation
  // would otherwise wait for when a press injects this script.
  let writer: Writer | undefined;
  const theWriter = (): Writer =>
    (writer ??= createWriter({
      document,
      translator: createPortTranslator((status) => writer?.setServerStatus(status), { writing: true }),
      detectLang: detect,
      getShadowRoot: shadowRootOf,
      isOwnUi: isUiHost,
      remembered: {
        get: async () => {
          const reply = await ask("getWritingLanguage", {});
          return reply.ok ? reply.value.lang : undefined;
        },
        set: async (lang) => void (await ask("setWritingLanguage", { lang })),
      },
      page: session,
      context,
      card: {
        verify: isShadowRootOf,
        // The page blocked the card: the popup, which the page cannot touch, says so.
        onBlocked: () => void send("reportProgress", { ...session.report(), uiBlocked: true }),
      },
      // The shortcut reaches the top frame only; the menu reaches the frame it was opened in.
      frameNote: "Right-click in it and choose “Translate what I wrote” instead.",
    }));

  // A selected word or phrase: translated in a card beside it; a whole passage in place (see src/lookup). Made on
  // the first selection in each document (lookups.ts).
  const lookups = createLookups((doc) => {
    const own: { lookup?: Lookup } = {};
    return (own.lookup = createLookup({
      document: doc,
      translator: createPortTranslator((status) => own.lookup?.setServerStatus(status)),
      async targetLang() {
        const reply = await ask("getContentConfig", { url: location.href });
        if (!reply.ok) throw new Error(reply.error.message);
        return reply.value.targetLang;
      },
      session,
      context,
      detectLang: detect,
      getShadowRoot: shadowRootOf,
      card: {
        verify: isShadowRootOf,
        // The page blocked the card: the popup, which the page cannot touch, says so.
        onBlocked: () => void send("reportProgress", { ...session.report(), uiBlocked: true }),
      },
    }));
  });

  onRuntimeMessage((message, sender) => {
    if (sender.id !== ext.runtime.id || sender.tab || !isContentCommand(message)) return undefined;
    // A look the reader saved on the options page: not a command to this page, so a later press still goes by its
    // state (see __glossStartPress). Copies shown take it in place; a page shown original keeps it for later.
    if (message.command === "bilingual-style") {
      session.setBilingualStyle(message.style);
      return Promise.resolve(null);
    }
    // A selection in a frame is this page's only when the frame is one it translates with the page.
    if (message.command === "frame-passage") {
      const inFrame = readerSelection(document).doc !== document;
      if (!inFrame) return Promise.resolve(false);
    }
    // Translate what I wrote in a frame is this page's only when the box with the focus is in a frame it reads.
    if (message.command === "frame-write" && !theWriter().focusInFrame()) return Promise.resolve(false);
    // A command reached this session: a later press goes by its state (see __glossStartPress).
    untouched = false;
    takeOver();
    switch (message.command) {
      case "write":
        void theWriter().translateField();
        break;
      case "choose-language":
        void theWriter().chooseLanguage();
        break;
      case "frame-write":
        void (message.choose ? theWriter().chooseLanguage() : theWriter().translateField());
        return Promise.resolve(true);
      case "frame-out-of-reach":
        if (message.about === "writing") theWriter().frameOutOfReach(message.site, message.access);
        else session.say(selectionOutOfReach(message.site, message.access));
        break;
      case "translate":
        void session.translate();
        break;
      case "restore":
        session.restore();
        break;
      case "toggle":
        void session.toggle();
        break;
      case "passage":
        void lookups.translateSelection(document);
        break;
      case "frame-passage":
        void lookups.translateSelection(document);
        return Promise.resolve(true);
      case "display":
        session.setDisplayMode(message.mode);
        break;
    }
    // Answer with the state right after the command took effect; progress follows via reportProgress.
    return Promise.resolve(withUiState(session.report()));
  });

  // Alt + pointing at a paragraph, when the options page turned it on (it then registers this script everywhere).
  const hover = startHover({
    window,
    async enabled() {
      const reply = await ask("getContentConfig", { url: location.href });
      return reply.ok && reply.value.hoverTranslate;
    },
    translate: (range) => void session.translatePassage([range]),
    isOwnUi: isUiHost,
    // A page's closed component is looked into: a picture it draws over the page's text hides that text.
    shadows: { rootOf: shadowRootOf },
  });

  // Back from the back/forward cache, or shown after a prerender: the background hears from this page again (as the
  // tab's page) and the page takes the look saved while it was away (only the look).
  followRestoredPage({
    window,
    checkIn: (url) => ask("getContentConfig", { url }),
    setBilingualStyle: (style) => session.setBilingualStyle(style),
  });

  handOverWhenCutOff({
    window,
    cutOff: () => extensionGone(() => ext.runtime),
    retire() {
      session.restore();
      retired = true;
      auto.stop();
      hover.stop();
      panel.hide();
      cue.hide();
      for (const lookup of lookups.all()) lookup.dismiss();
      writer?.dismiss();
    },
  });

  auto.start(session);
  return session;
}

// Own properties only: an element named or id'd `__glossContentSession` shows through as a property of `window` even
// in the isolated world, and must not pass for a session (the page would then never get one).
if (!Object.hasOwn(globalThis, "__glossContentSession")) {
  const session = start();
  globalThis.__glossContentSession = session;
  globalThis.__glossContextTarget = rememberContextTarget(window);
  globalThis.__glossStartPress = () => {
    // A session the page's own rule (auto-translate) or the reader's Alt + pointer already set working decides by
    // its state, as any other.
    if (!untouched || session.active) return false;
    untouched = false;
    void session.translate();
    return true;
  };
}
