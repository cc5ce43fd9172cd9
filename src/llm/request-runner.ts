// One attempt at a batch, seen through to a reply: a free slot, the waits a server asks for (a rate limit, a loading
// model), the streamed request, and the same request again after a refused field.
import { AsyncQueue } from "../shared/async-queue";
import type { RepairRule } from "../shared/markup-repair";
import type { Segment, SegmentResult, TranslateOptions } from "../shared/translator";
import { type ChatEnd, type LlmStats, runChat, type Transport } from "./client";
import { errors } from "./errors";
import { AbortedWhileQueued, type Lane, type Limiter } from "./limiter";
import type { LlmConfig } from "./presets";
import type { RateLimit } from "./rate-limit";
import type { ReadyWait } from "./ready-wait";
import { type Failed, ReplyReading } from "./reply-reading";
import { modelLoading } from "./model-loading";
import type { ChatRequest, RequestBodies } from "./request-body";
import type { AttemptResult, BatchContext } from "./retry-policy";
import type { ServerDiscovery } from "./server-discovery";
import { sleep } from "./sleep";

export type LlmStatus = "loading" | "busy" | "waiting-for-slot" | "generating";

export interface LlmHooks {
  /** What the translator is waiting for; the UI shows "Model is loading…" for "loading", and says "busy" for "busy". */
  onStatus?(status: LlmStatus): void;
  /** After each successful request. */
  onStats?(stats: LlmStats): void;
  /** A segment was accepted after repairMarkup put its tags right (the model check counts these). */
  onRepair?(repairs: readonly RepairRule[]): void;
  /** A request is on its way: lookups of the server's facts go now, behind it rather than ahead of it. */
  onRequestSent?(): void;
  /** The server refused a request as too long and said its context (in tokens): batches are to be made to fit it. */
  onContextSize?(tokens: number): void;
  /** A request found no server at the address (down, or loading its model): the one that answers next may be
   * another, started anew. */
  onServerGone?(): void;
}

/** What one translator shares between its requests. */
export interface RunnerParts {
  config: LlmConfig;
  transport: Transport;
  hooks: LlmHooks;
  url: string;
  timeoutMs: number;
  stallTimeoutMs: number;
  loadingTimeoutMs: number;
  requests: RequestBodies;
  limiter: Limiter;
  discovery: ServerDiscovery;
  readiness: ReadyWait;
  rateLimit: RateLimit;
}

/** A request's end, and how long a 429 asked it to wait. */
interface Sent {
  end: ChatEnd;
  pause: number;
}
type Limited = Extract<ChatEnd, { type: "limited" }>;
type Loading = Extract<ChatEnd, { type: "loading" }>;

const aborted = (): AttemptResult => ({ end: { type: "aborted" }, failed: [], unanswered: [] });

export class RequestRunner {
  constructor(private readonly p: RunnerParts) {}

  /** One request for `segs`; yields good segments as they complete and reports the rest. */
  async *attempt(
    segs: readonly Segment[],
    ctx: BatchContext,
    budget: number,
    oneLine = false,
  ): AsyncGenerator<SegmentResult, AttemptResult> {
    const { requests, rateLimit, readiness, hooks } = this.p;
    const { signal } = ctx.opts;
    const yielded = new Set<number>();
    const failed = new Map<number, Failed>();
    const notYielded = (): Segment[] => segs.filter((_, i) => !yielded.has(i + 1));
    let firstLoading: number | undefined;
    for (;;) {
      // A rate limit holds every request back, not only the one it answered: none is sent into it.
      if (rateLimit.holding) {
        await sleep(rateLimit.remainingMs, signal);
        if (signal.aborted) return aborted();
      }
      const release = await this.takeSlot(ctx.opts);
      if (!release) return aborted();
      // A rate limit met while this one waited for its slot: the slot goes back, and this one waits the limit out.
      if (rateLimit.holding) {
        release();
        continue;
      }
      const queue = new AsyncQueue<SegmentResult>();
      const { opts } = ctx;
      const reading = new ReplyReading({
        segs,
        opts,
        oneLine,
        wireOf: (seg) => requests.wireOf(seg),
        yielded,
        failed,
        onGood: (result) => queue.push(result),
        onRepair: (repairs) => hooks.onRepair?.(repairs),
      });
      const request = requests.request(segs, opts, budget, oneLine);
      const running = this.send(request, reading, signal, release, queue);
      for await (const result of queue) {
        if (signal.aborted) break;
        yield result;
      }
      const { end, pause } = await running;
      if (requests.dropRefused(end, request)) continue;
      if (end.type === "overflow" && end.contextSize && requests.learnContext(end.contextSize, request))
        hooks.onContextSize?.(end.contextSize);
      if ((end.type === "loading" && !end.busy) || (end.type === "error" && end.error.kind === "unreachable"))
        hooks.onServerGone?.();
      if (end.type !== "loading") readiness.reset();
      if (end.type === "limited" || end.type === "loading") {
        firstLoading ??= performance.now();
        const over =
          end.type === "limited"
            ? this.afterLimit(end, pause, firstLoading, notYielded())
            : await this.afterLoading(end, firstLoading, signal, notYielded);
        if (over) return over;
        continue;
      }
      if (end.type === "ok") {
        rateLimit.reset();
        hooks.onStats?.(end.stats);
        requests.learnReasoning(end.stats);
      }
      const { single, unanswered } = reading.settle(end);
      if (single && !signal.aborted) yield single;
      return { end, failed: [...failed.values()], unanswered };
    }
  }

  /** Waits for a free slot; undefined when the caller aborted meanwhile. */
  private async takeSlot(opts: TranslateOptions): Promise<(() => void) | undefined> {
    const { signal, onWaiting } = opts;
    const { hooks } = this.p;
    // Read as each slot frees: a queued request follows its page's tab (shown again, or left for another).
    const lane = (): Lane => (opts.lookup ? "lookup" : opts.hidden?.() ? "hidden" : "shown");
    try {
      let waited = false;
      const queued = () => {
        waited = true;
        hooks.onStatus?.("waiting-for-slot");
        onWaiting?.(true);
      };
      const release = await this.p.limiter.acquire(signal, queued, lane);
      if (waited) onWaiting?.(false);
      return release;
    } catch (err) {
      if (err instanceof AbortedWhileQueued) return undefined;
      throw err;
    }
  }

  /** Sends `request` in the slot `release` gives back; the reply goes to `reading`, which hands good segments to
   * `queue`. Resolves once the slot is released and the queue closed. */
  private send(
    request: ChatRequest,
    reading: ReplyReading,
    signal: AbortSignal,
    release: () => void,
    queue: AsyncQueue<SegmentResult>,
  ): Promise<Sent> {
    const { config, transport, url, stallTimeoutMs, timeoutMs, hooks, discovery, rateLimit } = this.p;
    // Whether the server's headers came (or the request ended): what it waited for is then no longer worth saying.
    let answered = false;
    const waiting = async (): Promise<void> => {
      const loading = await modelLoading(config, transport, signal).catch(() => false);
      if (!answered) hooks.onStatus?.(loading ? "loading" : "waiting-for-slot");
    };
    return runChat({
      config,
      transport,
      url,
      body: request.body,
      signal,
      stallTimeoutMs,
      timeoutMs,
      maxChars: reading.maxChars,
      onText: (text) => reading.push(text),
      onWaiting: () => void waiting(),
      onHeaders: () => {
        answered = true;
        discovery.answered();
        hooks.onStatus?.("generating");
      },
      onSent: () => {
        void discovery.discover();
        hooks.onRequestSent?.();
      },
    })
      .then((end) => {
        // Before the slot is released: a request waiting for it must see the limit.
        const pause = end.type === "limited" ? rateLimit.holdBack(end.retryAfterMs) : 0;
        // The last segments are judged at the end of the reply: before the queue closes, so they are yielded.
        reading.end(end);
        return { end, pause };
      })
      .finally(() => {
        answered = true;
        release();
        queue.end();
      });
  }

  /** After a 429 held every request back: undefined to ask again, else the attempt's end. */
  private afterLimit(end: Limited, pause: number, since: number, unanswered: Segment[]): AttemptResult | undefined {
    // Given up at once when the wait would outlast the time Gloss waits for a server, rather than hold the page.
    if (performance.now() - since + pause > this.p.loadingTimeoutMs) {
      return {
        end: { type: "error", error: errors.rateLimited(this.p.config, end.retryAfterMs, end.detail) },
        failed: [],
        unanswered,
      };
    }
    this.p.hooks.onStatus?.("busy");
    return undefined;
  }

  /** After a 503, the wait for the server to be ready: undefined to ask again, else the attempt's end. */
  private async afterLoading(
    end: Loading,
    since: number,
    signal: AbortSignal,
    unanswered: () => Segment[],
  ): Promise<AttemptResult | undefined> {
    const { config, hooks } = this.p;
    // The server's 503 said it was busy with other requests, not loading.
    const busy = end.busy === true;
    hooks.onStatus?.(busy ? "busy" : "loading");
    const ready = await this.p.readiness.until(signal);
    if (signal.aborted) return aborted();
    if (!ready || performance.now() - since > this.p.loadingTimeoutMs) {
      return {
        end: { type: "error", error: (busy ? errors.busy : errors.loading)(config, performance.now() - since) },
        failed: [],
        unanswered: unanswered(),
      };
    }
    return undefined;
  }
}
