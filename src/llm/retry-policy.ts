// What a batch's segments get after its request: bad, missing, cut and server-errored ones are asked again alone
// once, an overflowing batch is split in halves, and whatever still fails gets its final error.
import { mergeAsync } from "../shared/async-queue";
import {
  isFatalError,
  type Segment,
  type SegmentResult,
  type TranslateError,
  type TranslateOptions,
} from "../shared/translator";
import type { ChatEnd } from "./client";
import { errors } from "./errors";
import type { LlmConfig } from "./presets";
import type { Failed } from "./reply-reading";

export interface BatchContext {
  opts: TranslateOptions;
  fatal?: TranslateError;
}

export interface AttemptResult {
  end: ChatEnd;
  /** Not yielded: bad replies, missing, unfinished. */
  failed: Failed[];
  /** Not yielded because the request as a whole failed (no reply for them). */
  unanswered: Segment[];
}

/** How the policy asks the server. */
export interface Requests {
  /** One request for `segs`; yields good segments as they complete and reports the rest. */
  attempt(
    segs: readonly Segment[],
    ctx: BatchContext,
    budget: number,
    oneLine?: boolean,
  ): AsyncGenerator<SegmentResult, AttemptResult>;
  /** Whether a batch obviously cannot fit the slot's context, so it is split before asking. */
  tooBig(segs: readonly Segment[], opts: TranslateOptions): boolean;
  /** Whether a batch's first request goes with the one-line prompt. */
  oneLine(segs: readonly Segment[], opts: TranslateOptions): boolean;
}

export class RetryPolicy {
  constructor(
    private readonly config: LlmConfig,
    private readonly requests: Requests,
  ) {}

  /** Every segment of `segs` once: translated, or with its error (nothing after an abort). */
  async *translateGroup(segs: readonly Segment[], ctx: BatchContext): AsyncGenerator<SegmentResult> {
    const { signal } = ctx.opts;
    if (signal.aborted || segs.length === 0) return;
    if (ctx.fatal) {
      for (const seg of segs) yield { id: seg.id, error: ctx.fatal };
      return;
    }
    if (this.requests.tooBig(segs, ctx.opts)) {
      yield* this.split(segs, ctx);
      return;
    }
    const oneLine = this.requests.oneLine(segs, ctx.opts);
    const result = yield* this.requests.attempt(segs, ctx, 1, oneLine);
    const { end } = result;
    if (end.type === "aborted" || signal.aborted) return;

    if (end.type === "overflow") {
      yield* this.afterOverflow(result, end.detail, ctx, segs.length);
      return;
    }
    if (end.type === "error") {
      yield* this.afterError(result, end.error, ctx);
      return;
    }
    if (end.type !== "ok" && end.type !== "runaway") return; // "loading" is resolved inside attempt()
    // ok: bad and missing segments once more alone; those cut by the token limit with a bigger budget. After a
    // runaway, the one that ran away once more alone (its retry ends the same way, bounded), the rest as they were.
    const cut = end.type === "ok" && end.finishReason === "length";
    yield* mergeAsync([
      ...result.failed.map((f) => this.retryBad(f, ctx)),
      ...result.unanswered.map((seg) => this.retryAlone(seg, ctx, cut ? 2 : 1)),
    ]);
  }

  private async *afterOverflow(
    result: AttemptResult,
    detail: string,
    ctx: BatchContext,
    asked: number,
  ): AsyncGenerator<SegmentResult> {
    if (result.unanswered.length > 1) yield* this.split(result.unanswered, ctx);
    // The last one left of a batch that overflowed mid-reply: the batch's prompt and reply did not fit, it alone may.
    else if (asked > 1) for (const seg of result.unanswered) yield* this.retryAlone(seg, ctx, 1);
    else for (const seg of result.unanswered) yield { id: seg.id, error: errors.contextOverflow(this.config, detail) };
    // Bad ones from a partial reply before a mid-stream overflow still get their retry.
    yield* mergeAsync(result.failed.map((f) => this.retryBad(f, ctx)));
  }

  private async *afterError(
    result: AttemptResult,
    error: TranslateError,
    ctx: BatchContext,
  ): AsyncGenerator<SegmentResult> {
    const fatal = isFatalError(error);
    if (fatal) ctx.fatal = error;
    // Stalls, timeouts, loading and fatal errors would only repeat; a server error may be content-specific.
    const retryable = error.kind === "server-error";
    if (!retryable) for (const seg of result.unanswered) yield { id: seg.id, error };
    if (fatal) {
      for (const f of result.failed) yield { id: f.seg.id, error };
      return;
    }
    yield* mergeAsync([
      ...result.failed.map((f) => this.retryBad(f, ctx)),
      ...(retryable ? result.unanswered : []).map((seg) => this.retryAlone(seg, ctx, 1)),
    ]);
  }

  /**
   * A segment alone, once more; whatever goes wrong now is its final answer. `usable`: the reply before, good but for
   * the glossary, which is the answer if this one does no better.
   */
  private async *retryAlone(
    seg: Segment,
    ctx: BatchContext,
    budget: number,
    usable?: Failed["usable"],
  ): AsyncGenerator<SegmentResult> {
    if (ctx.fatal) {
      yield { id: seg.id, error: ctx.fatal };
      return;
    }
    const result = yield* this.requests.attempt([seg], ctx, budget);
    const { end } = result;
    if (end.type === "aborted") return;
    const bad = result.failed[0];
    // A glossary the model still does not follow costs the reader less than no translation (the check is a
    // heuristic, and inflection can fool it): the reply is used, with the terms it missed. So is the one before,
    // when this one is worse (a refusal, a cut reply, a server error).
    const fallback = bad?.usable ?? usable;
    const failedNow = bad?.reason !== undefined || result.unanswered.length > 0;
    if (fallback && failedNow) {
      yield { id: seg.id, html: fallback.html, unmet: fallback.unmet };
    } else if (bad?.reason) {
      yield { id: seg.id, error: errors.badReply(bad.reason, bad.detail) };
    } else if (result.unanswered.length > 0) {
      yield { id: seg.id, error: this.finalError(end, ctx) };
    }
  }

  private finalError(end: ChatEnd, ctx: BatchContext): TranslateError {
    const { config } = this;
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

  /**
   * A bad or missing segment: retried alone, or (the caller retries itself) reported as it is. A glossary miss is
   * retried here either way: it is a usable translation, which the caller's retry of an unusable one would throw away
   * (a plain paragraph stayed in its original language after two misses).
   */
  private async *retryBad(f: Failed, ctx: BatchContext): AsyncGenerator<SegmentResult> {
    if (ctx.opts.retryBadReplies !== false || f.usable) yield* this.retryAlone(f.seg, ctx, 1, f.usable);
    else yield { id: f.seg.id, error: errors.badReply(f.reason ?? "missing", f.detail) };
  }

  private async *split(segs: readonly Segment[], ctx: BatchContext): AsyncGenerator<SegmentResult> {
    const mid = Math.ceil(segs.length / 2);
    yield* this.translateGroup(segs.slice(0, mid), ctx);
    yield* this.translateGroup(segs.slice(mid), ctx);
  }
}
