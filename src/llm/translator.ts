// The Translator over an OpenAI-compatible server. One instance is shared by every tab: it owns the concurrency
// bound (the server's slots), the discovered context size and a shared wait for a loading model.
//
// Per batch: one streamed request; each segment is validated and yielded as soon as its closing marker arrives.
// Segments that come back bad, missing, unfinished (token limit) or lost to a server error are retried once
// alone (bad and missing ones only when the caller does not retry them itself: `retryBadReplies`); context
// overflow splits the batch in halves. A fatal error (see isFatalError) is yielded for every
// remaining segment. Abort is silent: the iterable just ends, and the HTTP request is cancelled.
import {
  type BadReplyReason,
  isFatalError,
  type Segment,
  type SegmentResult,
  type TranslateError,
  type TranslateOptions,
  type Translator,
} from "../shared/translator";
import { AsyncQueue, mergeAsync } from "../shared/async-queue";
import type { RepairRule } from "../shared/markup-repair";
import { type ChatEnd, type LlmStats, runChat, type Transport } from "./client";
import { errors } from "./errors";
import { AbortedWhileQueued, type Lane, Limiter } from "./limiter";
import { escapeMarkers } from "./markers";
import { chatCompletionsUrl, configProblem, type LlmConfig, presetOf } from "./presets";
import { type ParserSummary, ReplyParser } from "./reply-parser";
import { SegmentOrder } from "./segment-order";
import { sleep } from "./sleep";
import { RequestBodies } from "./request-body";
import { RateLimit } from "./rate-limit";
import { ReadyWait } from "./ready-wait";
import { ServerDiscovery } from "./server-discovery";
import { checkReply } from "./validate";
import { withGlossary } from "./glossary-check";
import { fromWire } from "./wire-names";

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
/**
 * The most a segment's reply may run to, in characters: above any translation validate.ts would accept (up to 10×
 * for a short text, 8× from a dense script), so only a runaway reply (a model babbling, a server ignoring
 * max_tokens) reaches it. Reading stops there and the request is aborted: the background never holds or parses more.
 */
export const segmentBound = (html: string): number => html.length * 10 + 240;
/** Room for chatter around the segments ("Here is the translation:") before the whole reply counts as runaway. */
const CHATTER_BOUND = 2000;

export const defaultTransport: Transport = (url, init) => globalThis.fetch(url, init);

interface Failed {
  seg: Segment;
  /** A bad reply (reason) or a request-level error. */
  reason?: BadReplyReason;
  detail?: string;
  /** A reply good but for the glossary: used as it is when the retry does no better. */
  usable?: { html: string; unmet: string[] };
}

interface AttemptResult {
  end: ChatEnd;
  /** Not yielded: bad replies, missing, unfinished. */
  failed: Failed[];
  /** Not yielded because the request as a whole failed (no reply for them). */
  unanswered: Segment[];
}

interface BatchContext {
  opts: TranslateOptions;
  fatal?: TranslateError;
}

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

  /** One request for `segs`; yields good segments as they complete and reports the rest. */
  async function* attempt(
    segs: readonly Segment[],
    ctx: BatchContext,
    budget: number,
    oneLine = false,
  ): AsyncGenerator<SegmentResult, AttemptResult> {
    const { signal, onWaiting } = ctx.opts;
    // Read as each slot frees: a queued request follows its page's tab (shown again, or left for another).
    const lane = (): Lane => (ctx.opts.lookup ? "lookup" : ctx.opts.hidden?.() ? "hidden" : "shown");
    const single = segs.length === 1;
    const yielded = new Set<number>();
    const failed = new Map<number, Failed>();
    let firstLoading: number | undefined;
    for (;;) {
      // A rate limit holds every request back, not only the one it answered: none is sent into it.
      if (rateLimit.holding) {
        await sleep(rateLimit.remainingMs, signal);
        if (signal.aborted) return { end: { type: "aborted" }, failed: [], unanswered: [] };
      }
      let release: () => void;
      try {
        let waited = false;
        const queued = () => {
          waited = true;
          hooks.onStatus?.("waiting-for-slot");
          onWaiting?.(true);
        };
        release = await limiter.acquire(signal, queued, lane);
        if (waited) onWaiting?.(false);
      } catch (err) {
        if (err instanceof AbortedWhileQueued) return { end: { type: "aborted" }, failed: [], unanswered: [] };
        throw err;
      }
      // A rate limit met while this one waited for its slot: the slot goes back, and this one waits the limit out.
      if (rateLimit.holding) {
        release();
        continue;
      }
      const queue = new AsyncQueue<SegmentResult>();
      let singleResult: SegmentResult | undefined;
      let complete = false;
      let summary: ParserSummary | undefined;
      // Segments are judged in reply order, each once the next one opens: a segment beside one that never came
      // back may hold its text (segment-order.ts).
      const sources = segs.map((s) => escapeMarkers(requests.wireOf(s)));
      const order = new SegmentOrder(sources, (n, raw, merged) => {
        const seg = segs[n - 1] as Segment;
        if (merged) {
          failed.set(n, { seg, reason: "merged", detail: "a neighbouring segment's marker never came back" });
          return;
        }
        const reply = fromWire(raw, seg.html);
        const verdict = withGlossary(checkReply(seg.html, reply, ctx.opts), seg.html, ctx.opts.rules);
        if (!verdict.ok) {
          const usable = "unmet" in verdict ? { usable: { html: verdict.html, unmet: verdict.unmet } } : {};
          failed.set(n, { seg, reason: verdict.reason, detail: verdict.detail, ...usable });
          return;
        }
        if (verdict.repairs?.length) hooks.onRepair?.(verdict.repairs);
        const result = { id: seg.id, html: verdict.html };
        // Alone, wait for the end: a second, different copy makes the reply ambiguous ("duplicate").
        if (single) singleResult = result;
        else queue.push(result);
        yielded.add(n);
      });
      const parser = new ReplyParser(segs.length, ({ n, raw }) => order.push(n, raw), {
        sources,
        marked: !oneLine,
        onOpen: (n) => order.opened(n),
      });
      const bounds = segs.map((seg) => segmentBound(seg.html));
      const maxChars = bounds.reduce((a, b) => a + b, CHATTER_BOUND);
      let runaway: number | undefined;
      /** False once the reply ran past its bound (the open segment's, or the whole reply's). */
      const within = (): boolean => {
        // A one-line reply (no markers asked for) is segment 1's text as a whole.
        const open = parser.writing ?? (oneLine ? { n: 1, chars: parser.length } : undefined);
        if (open && open.chars > (bounds[open.n - 1] ?? maxChars)) runaway = open.n;
        else if (parser.length > maxChars) runaway = open?.n ?? 0;
        return runaway === undefined;
      };
      /** How long a 429 asked this request to wait. */
      let pause = 0;
      const request = requests.request(segs, ctx.opts, budget, oneLine);
      const running = runChat({
        config,
        transport,
        url,
        body: request.body,
        signal,
        stallTimeoutMs,
        timeoutMs,
        maxChars,
        onText: (text) => {
          parser.push(text);
          return within();
        },
        onWaiting: () => hooks.onStatus?.("waiting-for-slot"),
        onHeaders: () => hooks.onStatus?.("generating"),
        onSent: () => {
          void discovery.discover();
          hooks.onRequestSent?.();
        },
      })
        .then((end) => {
          // Before the slot is released: a request waiting for it must see the limit.
          if (end.type === "limited") pause = rateLimit.holdBack(end.retryAfterMs);
          // The last segments are judged at the end of the reply: before the queue closes, so they are yielded.
          // A reply the token limit or the API's content filter cut is not whole, even where it looks it.
          complete = end.type === "ok" && end.finishReason !== "length" && end.finishReason !== "content_filter";
          summary = parser.end(complete);
          // Reasoning the server left in the reply (`<think>`) counts as reasoning streamed apart does; the larger of
          // the two, for a server that sends the same reasoning both ways (a JSON reply with deepseek-legacy).
          if (end.type === "ok" && parser.thoughtChars) {
            end.stats.reasoningChars = Math.max(end.stats.reasoningChars ?? 0, parser.thoughtChars);
          }
          order.end(complete);
          return end;
        })
        .finally(() => {
          release();
          queue.end();
        });
      for await (const result of queue) {
        if (signal.aborted) break;
        yield result;
      }
      const end = await running;
      if (requests.dropRefused(end, request)) continue;
      if (end.type !== "loading") readiness.reset();
      if (end.type === "limited") {
        // Given up at once when the wait would outlast the time Gloss waits for a server, rather than hold the page.
        firstLoading ??= performance.now();
        if (performance.now() - firstLoading + pause > loadingTimeoutMs) {
          return {
            end: { type: "error", error: errors.rateLimited(config, end.retryAfterMs, end.detail) },
            failed: [],
            unanswered: segs.filter((_, i) => !yielded.has(i + 1)),
          };
        }
        hooks.onStatus?.("busy");
        continue;
      }
      if (end.type === "loading") {
        firstLoading ??= performance.now();
        // The server's 503 said it was busy with other requests, not loading.
        const busy = end.busy === true;
        hooks.onStatus?.(busy ? "busy" : "loading");
        const ready = await readiness.until(signal);
        if (signal.aborted) return { end: { type: "aborted" }, failed: [], unanswered: [] };
        if (!ready || performance.now() - firstLoading > loadingTimeoutMs) {
          return {
            end: {
              type: "error",
              error: (busy ? errors.busy : errors.loading)(config, performance.now() - firstLoading),
            },
            failed: [],
            unanswered: segs.filter((_, i) => !yielded.has(i + 1)),
          };
        }
        continue;
      }
      if (end.type === "ok") {
        rateLimit.reset();
        hooks.onStats?.(end.stats);
        requests.learnReasoning(end.stats);
      }
      const ranAway = segs[(runaway ?? 0) - 1];
      if (end.type === "runaway" && ranAway && !yielded.has(runaway as number)) {
        const detail = `the reply ran past ${bounds[(runaway as number) - 1]} characters without closing the segment`;
        failed.set(runaway as number, { seg: ranAway, reason: "length-ratio", detail });
      }
      if (single && summary?.duplicates.includes(1)) {
        failed.set(1, { seg: segs[0] as Segment, reason: "duplicate", detail: "two different translations" });
        yielded.delete(1);
        singleResult = undefined;
      }
      if (singleResult && !signal.aborted) yield singleResult;
      const unanswered: Segment[] = [];
      segs.forEach((seg, i) => {
        const n = i + 1;
        if (yielded.has(n) || failed.has(n)) return;
        if (end.type === "ok" && complete) failed.set(n, { seg, reason: "missing", detail: "marker never came back" });
        else unanswered.push(seg);
      });
      return { end, failed: [...failed.values()], unanswered };
    }
  }

  /** A segment alone, once more; whatever goes wrong now is its final answer. */
  async function* retryAlone(seg: Segment, ctx: BatchContext, budget: number): AsyncGenerator<SegmentResult> {
    if (ctx.fatal) {
      yield { id: seg.id, error: ctx.fatal };
      return;
    }
    const result = yield* attempt([seg], ctx, budget);
    const { end } = result;
    if (end.type === "aborted") return;
    const bad = result.failed[0];
    // A glossary the model still does not follow costs the reader less than no translation (the check is a
    // heuristic, and inflection can fool it): the reply is used, with the terms it missed.
    if (bad?.usable) {
      yield { id: seg.id, html: bad.usable.html, unmet: bad.usable.unmet };
    } else if (bad?.reason) {
      yield { id: seg.id, error: errors.badReply(bad.reason, bad.detail) };
    } else if (result.unanswered.length > 0) {
      yield { id: seg.id, error: finalError(end, ctx) };
    }
  }

  function finalError(end: ChatEnd, ctx: BatchContext): TranslateError {
    if (end.type === "overflow") return errors.contextOverflow(config, end.detail);
    if (end.type === "ok" && (end.stats.reasoningChars || end.stats.reasoningTokens)) {
      return errors.thinking(config, end.stats);
    }
    if (end.type === "ok" && end.finishReason === "content_filter") return errors.filtered();
    if (end.type === "ok") return errors.truncated(config, `finish_reason: ${end.finishReason ?? "?"}`);
    if (end.type === "runaway") return errors.badReply("length-ratio", "the reply ran far past what the text needs");
    if (end.type === "error") {
      if (isFatalError(end.error)) ctx.fatal = end.error;
      return end.error;
    }
    return errors.server(undefined, end.type);
  }

  async function* translateGroup(segs: readonly Segment[], ctx: BatchContext): AsyncGenerator<SegmentResult> {
    const { signal } = ctx.opts;
    if (signal.aborted || segs.length === 0) return;
    if (ctx.fatal) {
      for (const seg of segs) yield { id: seg.id, error: ctx.fatal };
      return;
    }
    if (requests.tooBig(segs, ctx.opts)) {
      yield* split(segs, ctx);
      return;
    }
    // The first short segments of a page, while slots are cold, go with the one-line prompt (retries never do, nor
    // the user's own messages: they wait for the whole text anyway, and get the page's context; nor a look-up: a
    // word's sense depends on the sentence it came from, its context, which the one-line prompt leaves out).
    const oneLine =
      segs.length === 1 &&
      !ctx.opts.writing &&
      !ctx.opts.lookup &&
      (segs[0]?.html.length ?? Infinity) <= SINGLE_PROMPT_MAX_CHARS &&
      instructed < limiter.max;
    if (!oneLine) instructed++;
    const result = yield* attempt(segs, ctx, 1, oneLine);
    const { end } = result;
    if (end.type === "aborted" || signal.aborted) return;

    if (end.type === "overflow") {
      if (result.unanswered.length > 1) yield* split(result.unanswered, ctx);
      else for (const seg of result.unanswered) yield { id: seg.id, error: errors.contextOverflow(config, end.detail) };
      // Bad ones from a partial reply before a mid-stream overflow still get their retry.
      yield* mergeAsync(result.failed.map((f) => retryBad(f, ctx)));
      return;
    }
    if (end.type === "error") {
      const fatal = isFatalError(end.error);
      if (fatal) ctx.fatal = end.error;
      // Stalls, timeouts, loading and fatal errors would only repeat; a server error may be content-specific.
      const retryable = end.error.kind === "server-error";
      if (!retryable) for (const seg of result.unanswered) yield { id: seg.id, error: end.error };
      if (fatal) {
        for (const f of result.failed) yield { id: f.seg.id, error: end.error };
        return;
      }
      yield* mergeAsync([
        ...result.failed.map((f) => retryBad(f, ctx)),
        ...(retryable ? result.unanswered : []).map((seg) => retryAlone(seg, ctx, 1)),
      ]);
      return;
    }
    if (end.type !== "ok" && end.type !== "runaway") return; // "loading" is resolved inside attempt()
    // ok: bad and missing segments once more alone; those cut by the token limit with a bigger budget. After a
    // runaway, the one that ran away once more alone (its retry ends the same way, bounded), the rest as they were.
    const cut = end.type === "ok" && end.finishReason === "length";
    yield* mergeAsync([
      ...result.failed.map((f) => retryBad(f, ctx)),
      ...result.unanswered.map((seg) => retryAlone(seg, ctx, cut ? 2 : 1)),
    ]);
  }

  /** A bad or missing segment: retried alone, or (the caller retries itself) reported as it is. */
  async function* retryBad(f: Failed, ctx: BatchContext): AsyncGenerator<SegmentResult> {
    if (ctx.opts.retryBadReplies !== false) yield* retryAlone(f.seg, ctx, 1);
    else yield { id: f.seg.id, error: errors.badReply(f.reason ?? "missing", f.detail) };
  }

  async function* split(segs: readonly Segment[], ctx: BatchContext): AsyncGenerator<SegmentResult> {
    const mid = Math.ceil(segs.length / 2);
    yield* translateGroup(segs.slice(0, mid), ctx);
    yield* translateGroup(segs.slice(mid), ctx);
  }

  return async function* translate(batch: Segment[], opts: TranslateOptions): AsyncGenerator<SegmentResult> {
    if (batch.length === 0 || opts.signal.aborted) return;
    if (problem) {
      const error = errors.badConfig(problem);
      for (const seg of batch) yield { id: seg.id, error };
      return;
    }
    // Slots and context are learnt right after the first request left (attempt's onSent), not before it: the
    // limiter and the reply budget take them in as soon as /props answers.
    yield* translateGroup(batch, { opts });
  };
}
