// A content script runs each translation job over its own runtime.Port: one "translate" request, results streamed
// back as they arrive, then "done". A disconnect (job aborted, tab closed, navigation) aborts the request at the
// server. Traffic on the port also keeps the service worker alive while it works.
import { ext, type Runtime } from "../extension/api";
import { isPortRequest, TRANSLATE_PORT, type PortReply } from "../shared/messages";
import { siteOf } from "../shared/site-rules";
import { rulesFor } from "../shared/translation-rules";
import { holdAwake } from "./keep-alive";
import { pageSafeError } from "../shared/page-safe-error";
import { missingServerPermission } from "./server-permission";
import { loadSettings } from "./settings-store";
import type { TranslationService } from "../connection/translation-service";

export function handleTranslationPort(port: Runtime.Port, service: TranslationService): void {
  const sender = port.sender;
  if (port.name !== TRANSLATE_PORT || sender?.id !== ext.runtime.id || sender.tab?.id === undefined) {
    port.disconnect();
    return;
  }
  const controller = new AbortController();
  let started = false;
  const post = (reply: PortReply) => {
    if (!controller.signal.aborted) port.postMessage(reply);
  };
  const stopStatus = service.onStatus((status) => post({ type: "status", status }));
  port.onDisconnect.addListener(() => {
    stopStatus();
    controller.abort();
  });

  port.onMessage.addListener((message: unknown) => {
    if (started || !isPortRequest(message)) return; // one job per port
    started = true;
    const answered = new Set<string>();
    const release = holdAwake();
    const url = sender.url ?? sender.tab?.url ?? "";
    const context = { site: siteOf(url), incognito: sender.tab?.incognito === true };
    void (async () => {
      try {
        const settings = await loadSettings();
        const forbidden = await missingServerPermission(settings.baseUrl);
        if (forbidden) {
          const error = pageSafeError(forbidden, settings.baseUrl);
          for (const segment of message.segments) post({ type: "result", result: { id: segment.id, error } });
          return;
        }
        // The glossary and instructions come from the settings, for the page the port really belongs to.
        const rules = rulesFor(settings, message.targetLang, url);
        const opts = {
          targetLang: message.targetLang,
          signal: controller.signal,
          ...(message.sourceLang ? { sourceLang: message.sourceLang } : {}),
          ...(message.retryBadReplies !== undefined ? { retryBadReplies: message.retryBadReplies } : {}),
          ...(message.context ? { context: message.context } : {}),
          ...(rules ? { rules } : {}),
          ...(message.writing ? { writing: true } : {}),
          ...(message.hidden ? { hidden: true } : {}),
        };
        for await (const result of service.translate(settings, message.segments, opts, context)) {
          if (controller.signal.aborted) break;
          answered.add(result.id);
          post({
            type: "result",
            result: "error" in result ? { ...result, error: pageSafeError(result.error, settings.baseUrl) } : result,
          });
        }
      } catch (error) {
        // The translator reports failures as values; reaching here is a bug. Fail the rest visibly; the bug's own
        // words go to the background's console, not to the page.
        console.error("Gloss: translation failed unexpectedly", error);
        for (const segment of message.segments) {
          if (answered.has(segment.id)) continue;
          post({
            type: "result",
            result: {
              id: segment.id,
              error: { kind: "server-error", message: "Gloss failed unexpectedly." },
            },
          });
        }
      } finally {
        release();
        stopStatus();
        post({ type: "done" });
      }
    })();
  });
}
