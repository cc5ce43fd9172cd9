// The content script's Translator: each job opens its own runtime.Port to the background, sends the batch, and
// results stream back as they are ready (those ready together in one message). Disconnecting the port cancels the
// request at the server. The background may go away mid-job (Chrome stops idle service workers, the extension may
// update): the unanswered segments are sent once more on a new port, then fail with a clear message. A page the browser keeps in its back/forward cache
// closes its ports and, when it comes back, sends what is unanswered on new ones (see `onPageShow`). While a job
// waits for a slot at the background, the page says on its port when it is hidden or shown again (the reader left the
// tab or came back), so that it waits in that tab's lane (see llm/limiter.ts).
import { ext, type Runtime } from "../extension/api";
import { CUT_OFF, extensionGone } from "../extension/cut-off";
import { AsyncQueue } from "../shared/async-queue";
import {
  TRANSLATE_PORT,
  type PortEnd,
  type PortReply,
  type PortRequest,
  type PortVisibility,
  type TabState,
} from "../shared/messages";
import type { Segment, SegmentResult, TranslateError, Translator } from "../shared/translator";

const LOST: TranslateError = {
  kind: "server-error",
  message: "Gloss lost the connection to its background while translating.",
  fix: "Try again. If the extension was just updated, reload the page.",
};
/** The extension itself went away (updated, reloaded, turned off): trying again cannot help. */
const GONE: TranslateError = { kind: "server-error", ...CUT_OFF };
/**
 * How often an open job checks that its extension is still there: Chromium tells a cut-off script nothing (its
 * ports never report the disconnect), so the job would wait for ever, the progress line showing.
 */
const CUT_OFF_CHECK_MS = 2000;

/**
 * Each signal's jobs are one group at the background (PortRequest.group): stopped together, ended together. Its name
 * starts with this script's own, random: where the browser does not name a port's document (Firefox 140–152), the
 * background tells one document's groups from the next one's in the same frame by it (background/document-jobs.ts).
 */
const groups = new WeakMap<AbortSignal, string>();
const SCRIPT_NAME = Array.from(crypto.getRandomValues(new Uint32Array(3)), (n) => n.toString(36)).join("");
let groupsMade = 0;
function groupOf(signal: AbortSignal): string {
  let group = groups.get(signal);
  if (group === undefined) groups.set(signal, (group = `${SCRIPT_NAME}-${++groupsMade}`));
  return group;
}

export function createPortTranslator(
  onStatus: (status: NonNullable<TabState["serverStatus"]>) => void,
  options: {
    /** The user's own message from a text field (PortRequest.writing). */
    writing?: boolean;
    /**
     * Whether the browser made an event (tests stand in for it). Only its own page hide and show count: a page
     * script can dispatch a `pagehide` that says `persisted`, and must not make Gloss drop its requests at the
     * server and send them again.
     */
    isTrusted?(event: Event): boolean;
  } = {},
): Translator {
  const trusted = options.isTrusted ?? ((event: Event) => event.isTrusted);
  return (batch, opts) => {
    const answered = new Set<string>();
    let port: Runtime.Port | undefined;
    /** Whether the current port last told the background that the page is hidden. */
    let toldHidden = false;
    /** What the current port was asked for, and whether it is the one more try after a lost background. */
    let asked: { segments: Segment[]; retried: boolean } = { segments: batch, retried: false };
    let finished = false;

    const close = () => {
      const open = port;
      port = undefined;
      try {
        open?.disconnect();
      } catch {
        // Already closed (by the browser, or the extension was reloaded).
      }
    };
    /** Ends this page's jobs at the background at once (PortEnd), before their ports close one by one. */
    const tellEnd = (of: PortEnd["of"]) => {
      const end: PortEnd = { type: "end", of };
      try {
        port?.postMessage(end);
      } catch {
        // Already closed.
      }
    };
    // The back/forward cache closes a kept page's ports without telling the page (Chromium): the background stops
    // the request at the server, and this end would wait for ever. So the page closes its port itself as it is
    // kept, which frees the server for pages being read, and asks again on a new port when it comes back. The
    // background was not lost: the one more try stays for that.
    // Leaving, kept or not, the page first ends its jobs at the background, all at once.
    const onPageHide = (event: PageTransitionEvent) => {
      if (!trusted(event)) return;
      tellEnd("page");
      if (event.persisted) close();
    };
    const onPageShow = (event: PageTransitionEvent) => {
      if (!event.persisted || finished || !trusted(event)) return;
      close();
      const rest = asked.segments.filter((segment) => !answered.has(segment.id));
      if (rest.length) send(rest, asked.retried);
      else finish();
    };
    // Read from the document, not the event (a page script can dispatch one): told only when it really changed.
    const onVisibilityChange = () => {
      const hidden = document.visibilityState === "hidden";
      if (!port || hidden === toldHidden) return;
      toldHidden = hidden;
      const message: PortVisibility = { type: "visibility", hidden };
      try {
        port.postMessage(message);
      } catch {
        // The port closed meanwhile: its disconnect sends the rest again, with the visibility of then.
      }
    };
    const onAbort = () => {
      if (!finished) tellEnd("group");
      finish();
    };
    const finish = () => {
      if (finished) return;
      finished = true;
      clearInterval(cutOffCheck);
      // The signal is the whole session's (every request of an hours-long feed shares it): a job that ended must not
      // stay listed on it with its batch.
      opts.signal.removeEventListener("abort", onAbort);
      removeEventListener("pagehide", onPageHide);
      removeEventListener("pageshow", onPageShow);
      document.removeEventListener("visibilitychange", onVisibilityChange);
      close();
      results.end();
    };
    const results = new AsyncQueue<SegmentResult>(finish);
    let cutOffCheck: ReturnType<typeof setInterval> | undefined;
    const failRest = (segments: Segment[]) => {
      const error = extensionGone(() => ext.runtime) ? GONE : LOST;
      for (const segment of segments) if (!answered.has(segment.id)) results.push({ id: segment.id, error });
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
      asked = { segments, retried };
      toldHidden = document.visibilityState === "hidden";
      current.onMessage.addListener((reply: unknown) => {
        const message = reply as PortReply; // from Gloss's own background, on Gloss's own port
        if (message.type === "status") onStatus(message.status);
        else if (message.type === "waiting") opts.onWaiting?.(message.waiting);
        else if (message.type === "results") {
          // Each is handed on at once: the page writes it as it comes, not after the rest of the job.
          for (const result of message.results) {
            answered.add(result.id);
            results.push(result);
          }
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
        ...(options.writing ? { writing: true } : {}),
        ...(opts.lookup ? { lookup: true } : {}),
        group: groupOf(opts.signal),
        // A page left while translating (a background tab now) lets the shown one go first, and goes first again
        // once it is back in front (onVisibilityChange). Auto-translate waits for a page to be shown
        // (session/auto-translate.ts).
        ...(toldHidden ? { hidden: true } : {}),
      };
      current.postMessage(request);
    };

    if (opts.signal.aborted) finish();
    else {
      opts.signal.addEventListener("abort", onAbort, { once: true });
      addEventListener("pagehide", onPageHide);
      addEventListener("pageshow", onPageShow);
      document.addEventListener("visibilitychange", onVisibilityChange);
      cutOffCheck = setInterval(() => {
        if (extensionGone(() => ext.runtime)) failRest(asked.segments);
      }, CUT_OFF_CHECK_MS);
      send(batch, false);
    }
    return results;
  };
}
