// A content script runs each translation job over its own runtime.Port: one "translate" request, results streamed
// back as they arrive (those ready in the same task in one message: result-batch.ts), then "done". A disconnect (job
// aborted, tab closed, navigation) aborts the request at the server. Traffic on the port also keeps the service
// worker alive while it works. The page says on the port when it is hidden or shown again, so that its request,
// while it waits for a slot, waits in its tab's lane.
//
// A look-up (a word the reader selected) goes ahead of every tab's queued batches. Only a content script can send on
// these ports (the page cannot), and it asks for a look-up when the reader did; still, each tab keeps at most one
// look-up: a new one ends the one before, so a tab cannot fill the look-up queue and hold other tabs' pages back.
import { ext, type Runtime } from "../extension/api";
import {
  isPortEnd,
  isPortRequest,
  isPortVisibility,
  TRANSLATE_PORT,
  type PortReply,
  type PortRequest,
} from "../shared/messages";
import type { Settings } from "../shared/settings";
import type { Segment, TranslateError } from "../shared/translator";
import { rulesFor } from "../shared/translation-rules";
import { endJobs, listJob, pageEndReachesDocument } from "./document-jobs";
import { holdAwake } from "./keep-alive";
import { requestContextOf } from "./request-context";
import { resultBatch, type ResultBatch } from "./result-batch";
import { pageSafeError } from "../shared/page-safe-error";
import { missingServerPermission } from "./server-permission";
import { loadSettings } from "./settings-store";
import type { TranslationService } from "../connection/translation-service";

/** The look-up running in each tab, to end when the tab starts another. */
const lookups = new Map<number, () => void>();

const SUPERSEDED: TranslateError = {
  kind: "server-error",
  message: "Gloss stopped this look-up for a newer one in this tab.",
};

/**
 * A tab's new look-up ends the one it had running (its content script ends it first anyway: this is a bound). The
 * result is called once the look-up is over.
 */
function oneLookupPerTab(
  tabId: number,
  segments: Segment[],
  replies: ResultBatch,
  controller: AbortController,
): () => void {
  lookups.get(tabId)?.();
  const supersede = () => {
    for (const segment of segments) replies.result({ id: segment.id, error: SUPERSEDED });
    replies.post({ type: "done" });
    controller.abort();
  };
  lookups.set(tabId, supersede);
  const over = () => {
    if (lookups.get(tabId) === supersede) lookups.delete(tabId);
  };
  controller.signal.addEventListener("abort", over);
  return over;
}

/** One port's job: what its messages and its run share. */
interface PortJob {
  port: Runtime.Port;
  sender: Runtime.MessageSender;
  service: TranslationService;
  controller: AbortController;
  replies: ResultBatch;
  stopStatus: () => void;
  started: boolean;
  /** Whether the page is hidden now: its request waits in that lane until it takes a slot. */
  hidden: boolean;
  /** The group this port's job asked in (PortRequest.group). */
  group: string | undefined;
  /** Set once the request came: the job is listed under its page (and group) from then on. */
  unlist: () => void;
}

function startJob(port: Runtime.Port, sender: Runtime.MessageSender, service: TranslationService): PortJob {
  const controller = new AbortController();
  // A job ended by its page (its port closed, an end) sends nothing more, not even results gathered before: the page
  // stopped reading them, and asks again on a new port for what it still wants.
  const replies = resultBatch((reply: PortReply) => {
    if (!controller.signal.aborted) port.postMessage(reply);
  });
  // Every port hears the status of every request to the server (a page keeps several open): it tells its page of a
  // change only, not the same status again for each other request.
  let told: PortReply | undefined;
  const stopStatus = service.onStatus((status) => {
    if (told?.type === "status" && told.status === status) return;
    replies.post((told = { type: "status", status }));
  });
  return {
    port,
    sender,
    service,
    controller,
    replies,
    stopStatus,
    started: false,
    hidden: false,
    group: undefined,
    unlist: () => {},
  };
}

function onPortMessage(job: PortJob, message: unknown): void {
  const { sender } = job;
  if (isPortVisibility(message)) {
    job.hidden = message.hidden;
    return;
  }
  if (isPortEnd(message)) {
    // A group's end only reaches jobs of the group this port asked in: never another run's, nor a look-up's.
    if (message.of === "page" && pageEndReachesDocument(sender)) endJobs(sender);
    else if (job.group !== undefined) endJobs(sender, job.group);
    else job.controller.abort();
    return;
  }
  if (job.started) return; // one job per port
  job.started = true;
  if (!isPortRequest(message)) return refuse(job, message);
  job.hidden = message.hidden === true;
  job.group = message.group;
  job.unlist = listJob(sender, job.group, job.controller);
  void runJob(job, message);
}

/** What a page is told of a request its script should never have sent (a bug, or another version's script). */
const UNREADABLE: TranslateError = {
  kind: "server-error",
  message: "Gloss could not read this translation request.",
  fix: "Reload the page and try again.",
};

/**
 * Answers a port's first message that is no request Gloss takes, as every failure is answered (errors are values):
 * an error for each passage it names, then "done". Unanswered, the page's job waited for ever.
 */
function refuse(job: PortJob, message: unknown): void {
  const segments = (message as { segments?: unknown } | null)?.segments;
  for (const segment of Array.isArray(segments) ? (segments as unknown[]) : []) {
    const id = (segment as { id?: unknown } | null)?.id;
    if (typeof id === "string" && id.length <= 64) job.replies.result({ id, error: UNREADABLE });
  }
  job.stopStatus();
  job.replies.post({ type: "done" });
}

/** The translator's options for this request, with the reader's rules for the page the port belongs to. */
function translateOptions(job: PortJob, message: PortRequest, settings: Settings, url: string) {
  const { replies } = job;
  const rules = rulesFor(settings, message.targetLang, url);
  return {
    targetLang: message.targetLang,
    signal: job.controller.signal,
    ...(message.sourceLang ? { sourceLang: message.sourceLang } : {}),
    ...(message.retryBadReplies !== undefined ? { retryBadReplies: message.retryBadReplies } : {}),
    ...(message.context ? { context: message.context } : {}),
    ...(rules ? { rules } : {}),
    ...(message.writing ? { writing: true } : {}),
    hidden: () => job.hidden,
    ...(message.lookup ? { lookup: true } : {}),
    // A look-up's card and a reply box's say why they wait (the page's line has the server's status for its jobs).
    ...(message.lookup || message.writing
      ? { onWaiting: (waiting: boolean) => replies.post({ type: "waiting", waiting }) }
      : {}),
  };
}

async function runJob(job: PortJob, message: PortRequest): Promise<void> {
  const { sender, replies, controller } = job;
  const lookupOver = message.lookup
    ? oneLookupPerTab(sender.tab?.id as number, message.segments, replies, controller)
    : undefined;
  const answered = new Set<string>();
  const release = holdAwake();
  const url = sender.url ?? sender.tab?.url ?? "";
  const context = requestContextOf(sender, url);
  try {
    const settings = await loadSettings();
    const forbidden = await missingServerPermission(settings.baseUrl);
    if (forbidden) {
      const error = pageSafeError(forbidden, settings);
      for (const segment of message.segments) replies.result({ id: segment.id, error });
      return;
    }
    // The glossary and instructions come from the settings, for the page the port really belongs to.
    const opts = translateOptions(job, message, settings, url);
    for await (const result of job.service.translate(settings, message.segments, opts, context)) {
      if (controller.signal.aborted) break;
      answered.add(result.id);
      replies.result("error" in result ? { ...result, error: pageSafeError(result.error, settings) } : result);
    }
  } catch (error) {
    // The translator reports failures as values; reaching here is a bug. Fail the rest visibly; the bug's own
    // words go to the background's console, not to the page.
    console.error("Gloss: translation failed unexpectedly", error);
    for (const segment of message.segments) {
      if (answered.has(segment.id)) continue;
      replies.result({ id: segment.id, error: { kind: "server-error", message: "Gloss failed unexpectedly." } });
    }
  } finally {
    job.unlist();
    lookupOver?.();
    release();
    job.stopStatus();
    replies.post({ type: "done" });
  }
}

export function handleTranslationPort(port: Runtime.Port, service: TranslationService): void {
  const sender = port.sender;
  if (port.name !== TRANSLATE_PORT || sender?.id !== ext.runtime.id || sender.tab?.id === undefined) {
    port.disconnect();
    return;
  }
  const job = startJob(port, sender, service);
  port.onDisconnect.addListener(() => {
    job.stopStatus();
    job.unlist();
    job.controller.abort();
  });
  port.onMessage.addListener((message: unknown) => onPortMessage(job, message));
}
