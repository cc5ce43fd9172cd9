// The Translator over an OpenAI-compatible server. One instance is shared by every tab: it owns the concurrency
// bound (the server's slots), the discovered context size and a shared wait for a loading model.
//
// Per batch: one streamed request; each segment is validated and yielded as soon as its closing marker arrives.
// Segments that come back bad, missing, unfinished (token limit) or lost to a server error are retried once
// alone (bad and missing ones only when the caller does not retry them itself: `retryBadReplies`); context
// overflow splits the batch in halves. A fatal error (see isFatalError) is yielded for every
// remaining segment. Abort is silent: the iterable just ends, and the HTTP request is cancelled.
import { type Segment, type SegmentResult, type TranslateOptions, type Translator } from "../shared/translator";
import { AsyncQueue } from "../shared/async-queue";
import type { RepairRule } from "../shared/markup-repair";
import { type ChatEnd, type LlmStats, runChat, type Transport } from "./client";
import { errors } from "./errors";
import { AbortedWhileQueued, type Lane, Limiter } from "./limiter";
import { chatCompletionsUrl, configProblem, type LlmConfig, presetOf } from "./presets";
import { RateLimit } from "./rate-limit";
import { ReadyWait } from "./ready-wait";
import { type Failed, ReplyReading } from "./reply-reading";
import { type ChatRequest, RequestBodies } from "./request-body";
import { type AttemptResult, type BatchContext, RetryPolicy } from "./retry-policy";
import { ServerDiscovery } from "./server-discovery";
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
}

export const DEFAULT_TIMEOUT_MS = 300_000;
export const DEFAULT_STALL_TIMEOUT_MS = 45_000;
export const DEFAULT_LOADING_TIMEOUT_MS = 120_000;
/** Requests at once before a llama-server said how many slots it has. */
const DEFAULT_SLOTS = 2;
/** A segment up to this long, alone in a request while slots are still cold, goes with the one-line prompt. */
const SINGLE_PROMPT_MAX_CHARS = 400;
export const defaultTransport: Transport = (url, init) => globalThis.fetch(url, init);

/** A request's end, and how long a 429 asked it to wait. */
interface Sent {
  end: ChatEnd;
  pause: number;
}
type Limited = Extract<ChatEnd, { type: "limited" }>;
type Loading = Extract<ChatEnd, { type: "loading" }>;

const aborted = (): AttemptResult => ({ end: { type: "aborted" }, failed: [], unanswered: [] });

export function createLlmTranslator(
  config: LlmConfig,
  transport: Transport = defaultTransport,
  hooks: LlmHooks = {},
): Translator {
  const preset = presetOf(config);
  const problem = configProblem(config);
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const stallTimeoutMs = config.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS;
  const loadingTimeoutMs = config.loadingTimeoutMs ?? DEFAULT_LOADING_TIMEOUT_MS;
  const url = chatCompletionsUrl(config.baseUrl);
  const requests = new RequestBodies(config, preset);
  // Until /props answers: two at once on a server that will say its slots (llama-server queues a request beyond
  // them, it does not refuse it), one elsewhere. Discovery never holds a request back.
  const limiter = new Limiter(config.maxConcurrent ?? (preset.hasProps ? DEFAULT_SLOTS : 1));
  /** Requests sent with the full instructions: once there was one per slot, every slot can reuse them from its
   * prompt cache, and the one-line prompt would only evict them. */
  let instructed = 0;
  const discovery = new ServerDiscovery(config, transport, preset.hasProps, (props) => {
    requests.learnProps(props);
    if (config.maxConcurrent === undefined && props.slots) limiter.setLimit(props.slots);
  });
  const readiness = new ReadyWait(config, transport, loadingTimeoutMs);
  const rateLimit = new RateLimit(loadingTimeoutMs);

  /** Waits for a free slot; undefined when the caller aborted meanwhile. */
  async function takeSlot(opts: TranslateOptions): Promise<(() => void) | undefined> {
    const { signal, onWaiting } = opts;
    // Read as each slot frees: a queued request follows its page's tab (shown again, or left for another).
    const lane = (): Lane => (opts.lookup ? "lookup" : opts.hidden?.() ? "hidden" : "shown");
    try {
      let waited = false;
      const queued = () => {
        waited = true;
        hooks.onStatus?.("waiting-for-slot");
        onWaiting?.(true);
      };
      const release = await limiter.acquire(signal, queued, lane);
      if (waited) onWaiting?.(false);
      return release;
    } catch (err) {
      if (err instanceof AbortedWhileQueued) return undefined;
      throw err;
    }
  }

  /** Sends `request` in the slot `release` gives back; the reply goes to `reading`, which hands good segments to
   * `queue`. Resolves once the slot is released and the queue closed. */
  function send(
    request: ChatRequest,
    reading: ReplyReading,
    signal: AbortSignal,
    release: () => void,
    queue: AsyncQueue<SegmentResult>,
  ): Promise<Sent> {
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
      onWaiting: () => hooks.onStatus?.("waiting-for-slot"),
      onHeaders: () => hooks.onStatus?.("generating"),
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
        release();
        queue.end();
      });
  }

  /** After a 429 held every request back: undefined to ask again, else the attempt's end. */
  function afterLimit(end: Limited, pause: number, since: number, unanswered: Segment[]): AttemptResult | undefined {
    // Given up at once when the wait would outlast the time Gloss waits for a server, rather than hold the page.
    if (performance.now() - since + pause > loadingTimeoutMs) {
      return {
        end: { type: "error", error: errors.rateLimited(config, end.retryAfterMs, end.detail) },
        failed: [],
        unanswered,
      };
    }
    hooks.onStatus?.("busy");
    return undefined;
  }

  /** After a 503, the wait for the server to be ready: undefined to ask again, else the attempt's end. */
  async function afterLoading(
    end: Loading,
    since: number,
    signal: AbortSignal,
    unanswered: () => Segment[],
  ): Promise<AttemptResult | undefined> {
    // The server's 503 said it was busy with other requests, not loading.
    const busy = end.busy === true;
    hooks.onStatus?.(busy ? "busy" : "loading");
    const ready = await readiness.until(signal);
    if (signal.aborted) return aborted();
    if (!ready || performance.now() - since > loadingTimeoutMs) {
      return {
        end: { type: "error", error: (busy ? errors.busy : errors.loading)(config, performance.now() - since) },
        failed: [],
        unanswered: unanswered(),
      };
    }
    return undefined;
  }

  /** One request for `segs`; yields good segments as they complete and reports the rest. */
  async function* attempt(
    segs: readonly Segment[],
    ctx: BatchContext,
    budget: number,
    oneLine = false,
  ): AsyncGenerator<SegmentResult, AttemptResult> {
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
      const release = await takeSlot(ctx.opts);
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
      const running = send(request, reading, signal, release, queue);
      for await (const result of queue) {
        if (signal.aborted) break;
        yield result;
      }
      const { end, pause } = await running;
      if (requests.dropRefused(end, request)) continue;
      if (end.type !== "loading") readiness.reset();
      if (end.type === "limited" || end.type === "loading") {
        firstLoading ??= performance.now();
        const over =
          end.type === "limited"
            ? afterLimit(end, pause, firstLoading, notYielded())
            : await afterLoading(end, firstLoading, signal, notYielded);
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

  /** Whether a batch's first request goes with the one-line prompt; counts those with the full instructions. */
  function oneLine(segs: readonly Segment[], opts: TranslateOptions): boolean {
    // The first short segments of a page, while slots are cold, go with the one-line prompt (retries never do, nor
    // the user's own messages: they wait for the whole text anyway, and get the page's context; nor a look-up: a
    // word's sense depends on the sentence it came from, its context, which the one-line prompt leaves out).
    const short =
      segs.length === 1 &&
      !opts.writing &&
      !opts.lookup &&
      (segs[0]?.html.length ?? Infinity) <= SINGLE_PROMPT_MAX_CHARS &&
      instructed < limiter.max;
    if (!short) instructed++;
    return short;
  }

  const policy = new RetryPolicy(config, {
    attempt,
    tooBig: (segs, opts) => requests.tooBig(segs, opts),
    oneLine,
  });

  return async function* translate(batch: Segment[], opts: TranslateOptions): AsyncGenerator<SegmentResult> {
    if (batch.length === 0 || opts.signal.aborted) return;
    if (problem) {
      const error = errors.badConfig(problem);
      for (const seg of batch) yield { id: seg.id, error };
      return;
    }
    // Slots and context are learnt right after the first request left (attempt's onSent), not before it: the
    // limiter and the reply budget take them in as soon as /props answers.
    yield* policy.translateGroup(batch, { opts });
  };
}
