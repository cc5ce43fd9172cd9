// The content script's Translator: each job opens its own runtime.Port to the background, sends the batch, and
// results stream back as they are ready. Disconnecting the port cancels the request at the server. The background
// may go away mid-job (Chrome stops idle service workers, the extension may update): the unanswered segments are
// sent once more on a new port, then fail with a clear message.
import { ext, type Runtime } from "../extension/api";
import { AsyncQueue } from "../shared/async-queue";
import { TRANSLATE_PORT, type PortReply, type PortRequest, type TabState } from "../shared/messages";
import type { Segment, SegmentResult, TranslateError, Translator } from "../shared/translator";

const LOST: TranslateError = {
  kind: "server-error",
  message: "Gloss lost the connection to its background while translating.",
  fix: "Try again. If the extension was just updated, reload the page.",
};

export function createPortTranslator(
  onStatus: (status: NonNullable<TabState["serverStatus"]>) => void,
  purpose: { writing?: boolean } = {},
): Translator {
  return (batch, opts) => {
    const answered = new Set<string>();
    let port: Runtime.Port | undefined;
    let finished = false;

    const finish = () => {
      if (finished) return;
      finished = true;
      const open = port;
      port = undefined;
      open?.disconnect();
      results.end();
    };
    const results = new AsyncQueue<SegmentResult>(finish);
    const failRest = (segments: Segment[]) => {
      for (const segment of segments) if (!answered.has(segment.id)) results.push({ id: segment.id, error: LOST });
      finish();
    };

    const send = (segments: Segment[], retried: boolean) => {
      let current: Runtime.Port;
      try {
        current = ext.runtime.connect({ name: TRANSLATE_PORT });
      } catch {
        // The extension context is gone (extension reloaded): nothing can be sent from this page any more.
        return failRest(segments);
      }
      port = current;
      current.onMessage.addListener((reply: unknown) => {
        const message = reply as PortReply; // from Gloss's own background, on Gloss's own port
        if (message.type === "status") onStatus(message.status);
        else if (message.type === "waiting") opts.onWaiting?.(message.waiting);
        else if (message.type === "result") {
          answered.add(message.result.id);
          results.push(message.result);
        } else finish();
      });
      current.onDisconnect.addListener(() => {
        if (finished || port !== current) return;
        const rest = segments.filter((segment) => !answered.has(segment.id));
        if (!rest.length) finish();
        else if (retried) failRest(rest);
        else send(rest, true);
      });
      const request: PortRequest = {
        type: "translate",
        segments,
        targetLang: opts.targetLang,
        ...(opts.sourceLang ? { sourceLang: opts.sourceLang } : {}),
        ...(opts.retryBadReplies !== undefined ? { retryBadReplies: opts.retryBadReplies } : {}),
        ...(opts.context ? { context: opts.context } : {}),
        ...(purpose.writing ? { writing: true } : {}),
        ...(opts.lookup ? { lookup: true } : {}),
        // A background tab's page (auto-translated, or left while translating) lets the shown one go first.
        ...(document.visibilityState === "hidden" ? { hidden: true } : {}),
      };
      current.postMessage(request);
    };

    if (opts.signal.aborted) finish();
    else {
      opts.signal.addEventListener("abort", finish, { once: true });
      send(batch, false);
    }
    return results;
  };
}
