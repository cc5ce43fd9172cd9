// The content script's Translator: each job opens its own runtime.Port to the background, sends the batch, and results
// stream back as they are ready (those ready together in one message). Disconnecting the port cancels the request at
// the server. The background may go away mid-job (Chrome stops idle service workers, the extension may update): the
// unanswered segments are sent once more on a new port (again after each loss of a background that answered some),
// then fail with a clear message. A page the browser keeps in its back/forward cache closes its ports and, when it
// comes back, sends what is unanswered on new ones (see `onPageShow`). While a job waits for a slot at the background,
// the page says on its port when it is hidden or shown again (the reader left the tab or came back), so that it waits
// in that tab's lane (see llm/limiter.ts).
import { ext, type Runtime } from "../extension/api";
import { CUT_OFF, extensionGone } from "../extension/cut-off";
import { AsyncQueue, mergeAsync } from "../shared/async-queue";
import {
  TRANSLATE_PORT,
  type PortEnd,
  type PortReply,
  type PortRequest,
  type PortVisibility,
  type TabState,
} from "../shared/messages";
import type { Segment, SegmentResult, TranslateError, TranslateOptions, Translator } from "../shared/translator";
import { portBatches, portContext } from "./port-request-fit";

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

/** What every job of one translator shares. */
interface PortSetup {
  onStatus: (status: NonNullable<TabState["serverStatus"]>) => void;
  /** The user's own message from a text field (PortRequest.writing). */
  writing: boolean | undefined;
  trusted: (event: Event) => boolean;
}

/** One job: what it was asked, what came back, and the port it is on now. */
interface PortJob {
  readonly setup: PortSetup;
  readonly opts: TranslateOptions;
  readonly answered: Set<string>;
  readonly results: AsyncQueue<SegmentResult>;
  port: Runtime.Port | undefined;
  /** Whether the current port last told the background that the page is hidden. */
  toldHidden: boolean;
  /**
   * What the current port was asked for, and whether it is the one more try after a lost background (until the
   * background that took it answers: a long job can outlive several workers, and each that answers earns its try).
   */
  asked: { segments: Segment[]; retried: boolean };
  /** Whether the current port said its request waits for a slot (a look-up's, TranslateOptions.onWaiting). */
  waiting?: boolean;
  finished: boolean;
  /** Stops following the page and the run's signal (followPage). */
  unfollow?(): void;
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
  const setup: PortSetup = {
    onStatus,
    writing: options.writing,
    trusted: options.isTrusted ?? ((event: Event) => event.isTrusted),
  };
  return (batch, opts) => startJobs(setup, batch, opts);
}

/** One job per request the background takes: a batch larger than one request may be is asked over several. */
function startJobs(setup: PortSetup, batch: Segment[], opts: TranslateOptions): AsyncIterable<SegmentResult> {
  const { batches, tooLong } = portBatches(batch);
  if (batches.length === 1 && !tooLong.length) return startJob(setup, batches[0]!, opts);
  const failed = new AsyncQueue<SegmentResult>();
  tooLong.forEach((result) => failed.push(result));
  failed.end();
  return mergeAsync([failed, ...batches.map((segments) => startJob(setup, segments, opts))]);
}

function startJob(setup: PortSetup, batch: Segment[], opts: TranslateOptions): AsyncQueue<SegmentResult> {
  const job: PortJob = {
    setup,
    opts,
    answered: new Set(),
    results: new AsyncQueue(() => finish(job)),
    port: undefined,
    toldHidden: false,
    asked: { segments: batch, retried: false },
    finished: false,
  };
  if (opts.signal.aborted) finish(job);
  else {
    job.unfollow = followPage(job);
    sendOnNewPort(job, batch, false);
  }
  return job.results;
}

function closePort(job: PortJob): void {
  const open = job.port;
  job.port = undefined;
  try {
    open?.disconnect();
  } catch {
    // Already closed (by the browser, or the extension was reloaded).
  }
}

/** Tells the background something on the job's port, unless it closed meanwhile. */
function tell(job: PortJob, message: PortEnd | PortVisibility): void {
  try {
    job.port?.postMessage(message);
  } catch {
    // Already closed: a job still open sends the rest again from its disconnect, with the visibility of then.
  }
}

/** Ends this page's jobs at the background at once (PortEnd), before their ports close one by one. */
function tellEnd(job: PortJob, of: PortEnd["of"]): void {
  tell(job, { type: "end", of });
}

function unanswered(job: PortJob, segments: Segment[]): Segment[] {
  return segments.filter((segment) => !job.answered.has(segment.id));
}

function finish(job: PortJob): void {
  if (job.finished) return;
  job.finished = true;
  job.unfollow?.();
  closePort(job);
  job.results.end();
}

function failRest(job: PortJob, segments: Segment[]): void {
  const error = extensionGone(() => ext.runtime) ? GONE : LOST;
  for (const segment of unanswered(job, segments)) job.results.push({ id: segment.id, error });
  finish(job);
}

/**
 * Follows the page and the run's signal while the job is open; returns what stops it. The job would otherwise stay
 * listed on the signal with its batch: the signal is the whole session's (every request of an hours-long feed
 * shares it).
 */
function followPage(job: PortJob): () => void {
  const { setup, opts } = job;
  // The back/forward cache closes a kept page's ports without telling the page (Chromium): the background stops
  // the request at the server, and this end would wait for ever. So the page closes its port itself as it is
  // kept, which frees the server for pages being read, and asks again on a new port when it comes back. The
  // background was not lost: the one more try stays for that.
  // Leaving, kept or not, the page first ends its jobs at the background, all at once.
  const onPageHide = (event: PageTransitionEvent) => {
    if (!setup.trusted(event)) return;
    tellEnd(job, "page");
    if (event.persisted) closePort(job);
  };
  const onPageShow = (event: PageTransitionEvent) => {
    if (!event.persisted || job.finished || !setup.trusted(event)) return;
    closePort(job);
    const rest = unanswered(job, job.asked.segments);
    if (rest.length) sendOnNewPort(job, rest, job.asked.retried);
    else finish(job);
  };
  // Read from the document, not the event (a page script can dispatch one): told only when it really changed.
  const onVisibilityChange = () => {
    const hidden = document.visibilityState === "hidden";
    if (!job.port || hidden === job.toldHidden) return;
    job.toldHidden = hidden;
    tell(job, { type: "visibility", hidden });
  };
  const onAbort = () => {
    if (!job.finished) tellEnd(job, "group");
    finish(job);
  };
  opts.signal.addEventListener("abort", onAbort, { once: true });
  addEventListener("pagehide", onPageHide);
  addEventListener("pageshow", onPageShow);
  document.addEventListener("visibilitychange", onVisibilityChange);
  const cutOffCheck = setInterval(() => {
    if (extensionGone(() => ext.runtime)) failRest(job, job.asked.segments);
  }, CUT_OFF_CHECK_MS);
  return () => {
    clearInterval(cutOffCheck);
    opts.signal.removeEventListener("abort", onAbort);
    removeEventListener("pagehide", onPageHide);
    removeEventListener("pageshow", onPageShow);
    document.removeEventListener("visibilitychange", onVisibilityChange);
  };
}

function onReply(job: PortJob, message: PortReply): void {
  if (message.type === "status") job.setup.onStatus(message.status);
  else if (message.type === "waiting") job.opts.onWaiting?.((job.waiting = message.waiting));
  else if (message.type === "results") {
    job.asked.retried = false;
    // Each is handed on at once: the page writes it as it comes, not after the rest of the job.
    for (const result of message.results) {
      job.answered.add(result.id);
      job.results.push(result);
    }
  } else finish(job);
}

/**
 * The request for `segments`. A page left while translating (a background tab now) says it is hidden: it lets the
 * shown one go first, and goes first again once it is back in front (onVisibilityChange). Auto-translate waits for a
 * page to be shown (session/auto-translate.ts).
 */
function portRequest(job: PortJob, segments: Segment[]): PortRequest {
  const { opts } = job;
  return {
    type: "translate",
    segments,
    targetLang: opts.targetLang,
    ...(opts.sourceLang ? { sourceLang: opts.sourceLang } : {}),
    ...(opts.retryBadReplies !== undefined ? { retryBadReplies: opts.retryBadReplies } : {}),
    ...(opts.context ? { context: portContext(opts.context) } : {}),
    ...(job.setup.writing ? { writing: true } : {}),
    ...(opts.lookup ? { lookup: true } : {}),
    group: groupOf(opts.signal),
    ...(job.toldHidden ? { hidden: true } : {}),
  };
}

/** Asks for `segments` on a new port; `retried`: this is the one more try after a lost background. */
function sendOnNewPort(job: PortJob, segments: Segment[], retried: boolean): void {
  // A slot it waited for was the lost background's (or the server's before the cache kept the page): the new request
  // says for itself whether it waits, and says nothing when it finds one free.
  if (job.waiting) job.opts.onWaiting?.((job.waiting = false));
  let current: Runtime.Port;
  try {
    current = ext.runtime.connect({ name: TRANSLATE_PORT });
  } catch {
    // The extension context is gone (extension reloaded): nothing can be sent from this page any more.
    return failRest(job, segments);
  }
  job.port = current;
  job.asked = { segments, retried };
  job.toldHidden = document.visibilityState === "hidden";
  // From Gloss's own background, on Gloss's own port.
  current.onMessage.addListener((reply: unknown) => onReply(job, reply as PortReply));
  current.onDisconnect.addListener(() => {
    if (job.finished || job.port !== current) return;
    const rest = unanswered(job, segments);
    if (!rest.length) finish(job);
    else if (job.asked.retried) failRest(job, rest);
    else sendOnNewPort(job, rest, true);
  });
  current.postMessage(portRequest(job, segments));
}
