// Content scripts run translation jobs over a runtime.Port: results stream back as they arrive, a "cancel" or a
// disconnect (tab closed, navigation) aborts the request. Traffic on the port also keeps the service worker alive.
import { ext } from "../extension/api";
import { isPortRequest, TRANSLATE_PORT, type PortReply } from "../shared/messages";
import { loadSettings } from "./settings-store";
import type { TranslationService } from "./translation-service";

export function handleTranslationPort(port: chrome.runtime.Port, service: TranslationService): void {
  const sender = port.sender;
  if (port.name !== TRANSLATE_PORT || sender?.id !== ext.runtime.id || sender.tab?.id === undefined) {
    port.disconnect();
    return;
  }
  const jobs = new Map<number, AbortController>();
  let connected = true;
  const post = (reply: PortReply) => {
    if (connected) port.postMessage(reply);
  };
  const stopStatus = service.onStatus((status) => post({ type: "status", status }));

  port.onDisconnect.addListener(() => {
    connected = false;
    stopStatus();
    for (const controller of jobs.values()) controller.abort();
    jobs.clear();
  });

  port.onMessage.addListener((message: unknown) => {
    if (!isPortRequest(message)) return;
    switch (message.type) {
      case "cancel":
        jobs.get(message.jobId)?.abort();
        jobs.delete(message.jobId);
        return;
      case "rejected":
        void loadSettings().then((settings) => service.forget(settings, message.segment, message.targetLang));
        return;
      case "translate": {
        if (jobs.has(message.jobId)) return;
        const controller = new AbortController();
        jobs.set(message.jobId, controller);
        const answered = new Set<string>();
        void (async () => {
          try {
            const settings = await loadSettings();
            const opts = {
              targetLang: message.targetLang,
              signal: controller.signal,
              ...(message.sourceLang ? { sourceLang: message.sourceLang } : {}),
            };
            for await (const result of service.translate(settings, message.segments, opts)) {
              if (controller.signal.aborted) break;
              answered.add(result.id);
              post({ type: "result", jobId: message.jobId, result });
            }
          } catch (error) {
            // The translator reports failures as values; reaching here is a bug. Fail the job visibly.
            for (const segment of message.segments) {
              if (answered.has(segment.id)) continue;
              post({
                type: "result",
                jobId: message.jobId,
                result: {
                  id: segment.id,
                  error: { kind: "server-error", message: "Gloss failed unexpectedly.", detail: String(error) },
                },
              });
            }
          } finally {
            jobs.delete(message.jobId);
            post({ type: "done", jobId: message.jobId });
          }
        })();
      }
    }
  });
}
