// Content script entry: wires the page session to the background. Injected on demand (toolbar, shortcut, context
// menu) or registered for auto-translate sites; a second injection into the same page reuses the first.
import { ext, onRuntimeMessage } from "../extension/api";
import { send } from "../extension/send";
import { isContentCommand, type ContentReport } from "../shared/messages";
import { createAutoTranslate } from "../session/auto-translate";
import { createPageSession, type PageSession } from "../session/page-session";
import { createProgressCue } from "../session/progress-cue";
import { selectedRanges } from "../session/selection";
import { createStatusPanel } from "../session/status-panel";
import { isUiHost } from "../session/ui-host";
import { createPortTranslator } from "./port-translator";
import { detectLanguage, isShadowRootOf, openOrClosedShadowRoot } from "./platform";

declare global {
  // Marks the isolated world as initialised, so a repeated injection does not start a second session.
  var __glossContentSession: PageSession | undefined;
}

function start(): PageSession {
  const panel = createStatusPanel(document, {
    onShowOriginal: () => session.restore(),
    // The browser's own view of the host's shadow root, which no page script can fake.
    verify: isShadowRootOf,
    // The page blocked the card: the badge and the popup, which the page cannot touch, say so from now on.
    onBlocked: () => void send("reportProgress", withUiState(session.report())),
  });
  // Progress where the reader looks (the toolbar badge is hidden until the button is pinned); off in the options.
  const cue = createProgressCue(document, { verify: isShadowRootOf });
  const withUiState = (report: ContentReport): ContentReport =>
    panel.blocked ? { ...report, uiBlocked: true } : report;
  const translator = createPortTranslator((status) => session.setServerStatus(status));
  const auto = createAutoTranslate({
    window,
    async covers(url) {
      const reply = await send("getContentConfig", { url });
      return reply.ok && reply.value.autoTranslate;
    },
  });

  const session: PageSession = createPageSession({
    document,
    translator,
    async getConfig() {
      const url = location.href;
      const reply = await send("getContentConfig", { url });
      if (!reply.ok) throw new Error(reply.error.message);
      cue.enabled = reply.value.progressCue;
      if (reply.value.limitsKnown) return reply.value;
      // The server has not said what it can do yet: start with defaults, take its answer in when it comes.
      const serverLimits = async () => {
        const later = await send("getContentConfig", { url, waitForServer: true });
        return later.ok
          ? { maxBatchChars: later.value.maxBatchChars, maxConcurrent: later.value.maxConcurrent }
          : undefined;
      };
      return { ...reply.value, serverLimits };
    },
    detectLang: detectLanguage,
    // Gloss's own UI is not page content.
    getShadowRoot: (element) => (isUiHost(element) ? null : openOrClosedShadowRoot(element)),
    onUnitRejected: (segment, targetLang) => void send("forgetTranslation", { segment, targetLang }),
    onReport(report: ContentReport) {
      auto.noteReport(report);
      panel.show(report);
      cue.show(report);
      void send("reportProgress", withUiState(report));
    },
  });

  onRuntimeMessage((message, sender) => {
    if (sender.id !== ext.runtime.id || sender.tab || !isContentCommand(message)) return undefined;
    switch (message.command) {
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
        void session.translatePassage(selectedRanges(document));
        break;
      case "display":
        session.setDisplayMode(message.mode);
        break;
    }
    // Answer with the state right after the command took effect; progress follows via reportProgress.
    return Promise.resolve(withUiState(session.report()));
  });

  auto.start(session);
  return session;
}

if (!globalThis.__glossContentSession) globalThis.__glossContentSession = start();
