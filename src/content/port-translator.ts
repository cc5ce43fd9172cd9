// The content script's Translator: jobs go to the background over one runtime.Port and results stream back.
// The background may go away (Chrome stops idle service workers, the extension may update): unfinished jobs are
// sent again once on a new port, then fail with a clear message.
import { ext } from "../extension/api";
import { AsyncQueue } from "../shared/async-queue";
import { TRANSLATE_PORT, type PortReply, type PortRequest, type TabState } from "../shared/messages";
import type { Segment, SegmentResult, Translator } from "../shared/translator";

interface Job {
  request: Extract<PortRequest, { type: "translate" }>;
  results: AsyncQueue<SegmentResult>;
  answered: Set<string>;
  resent: boolean;
}

export interface PortTranslator {
  translate: Translator;
  /** Tell the background a cached reply was rejected by the page engine. */
  reject(segment: Segment, targetLang: string): void;
  close(): void;
}

const LOST = {
  kind: "server-error" as const,
  message: "Gloss lost the connection to its background while translating.",
  fix: "Try again. If the extension was just updated, reload the page.",
};

export function createPortTranslator(
  onStatus: (status: NonNullable<TabState["serverStatus"]>) => void,
): PortTranslator {
  let port: chrome.runtime.Port | undefined;
  let nextJobId = 1;
  const jobs = new Map<number, Job>();

  function failJob(job: Job): void {
    for (const segment of job.request.segments) {
      if (!job.answered.has(segment.id)) job.results.push({ id: segment.id, error: LOST });
    }
    job.results.end();
    jobs.delete(job.request.jobId);
  }

  function connect(): chrome.runtime.Port {
    if (port) return port;
    const current = ext.runtime.connect({ name: TRANSLATE_PORT });
    port = current;
    current.onMessage.addListener((message: PortReply) => {
      if (message.type === "status") return onStatus(message.status);
      const job = jobs.get(message.jobId);
      if (!job) return;
      if (message.type === "result") {
        job.answered.add(message.result.id);
        job.results.push(message.result);
      } else {
        job.results.end();
        jobs.delete(message.jobId);
      }
    });
    current.onDisconnect.addListener(() => {
      port = undefined;
      for (const job of [...jobs.values()]) {
        if (job.resent) failJob(job);
        else {
          job.resent = true;
          const remaining = job.request.segments.filter((s) => !job.answered.has(s.id));
          job.request = { ...job.request, segments: remaining };
          if (!remaining.length) failJob(job);
          else send(job.request);
        }
      }
    });
    return current;
  }

  function send(request: PortRequest): void {
    try {
      connect().postMessage(request);
    } catch {
      // The extension context is gone (extension reloaded); nothing can be sent from this page any more.
      for (const job of [...jobs.values()]) failJob(job);
    }
  }

  const translate: Translator = (batch, opts) => {
    const jobId = nextJobId++;
    const cancel = () => {
      if (!jobs.delete(jobId)) return;
      try {
        port?.postMessage({ type: "cancel", jobId } satisfies PortRequest);
      } catch {
        // Port already gone; nothing to cancel.
      }
    };
    const job: Job = {
      request: {
        type: "translate",
        jobId,
        segments: batch,
        targetLang: opts.targetLang,
        ...(opts.sourceLang ? { sourceLang: opts.sourceLang } : {}),
      },
      results: new AsyncQueue<SegmentResult>(cancel),
      answered: new Set(),
      resent: false,
    };
    if (opts.signal.aborted) {
      job.results.end();
      return job.results;
    }
    opts.signal.addEventListener(
      "abort",
      () => {
        cancel();
        job.results.end();
      },
      { once: true },
    );
    jobs.set(jobId, job);
    send(job.request);
    return job.results;
  };

  return {
    translate,
    reject(segment, targetLang) {
      send({ type: "rejected", segment, targetLang });
    },
    close() {
      for (const job of [...jobs.values()]) job.results.end();
      jobs.clear();
      port?.disconnect();
      port = undefined;
    },
  };
}
