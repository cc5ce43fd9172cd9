// The Translator over an OpenAI-compatible server. One instance is shared by every tab: it owns the concurrency
// bound (the server's slots), the discovered context size and a shared wait for a loading model.
//
// Per batch: one streamed request; each segment is validated and yielded as soon as its closing marker arrives.
// Segments that come back bad, missing, unfinished (token limit) or lost to a server error are retried once
// alone (bad and missing ones only when the caller does not retry them itself: `retryBadReplies`; one good but for
// the glossary always, as it is used after its retry); context overflow splits the batch in halves. A fatal error
// (see isFatalError) is yielded for every remaining segment. Abort is silent: the iterable just ends, and the HTTP
// request is cancelled.
// Here the parts are made and joined: request-runner.ts sends one attempt (reply-reading.ts judges its reply),
// retry-policy.ts decides what its segments get next.
import type { Segment, SegmentResult, TranslateOptions, Translator } from "../shared/translator";
import type { Transport } from "./client";
import { errors } from "./errors";
import { Limiter } from "./limiter";
import { chatCompletionsUrl, configProblem, type LlmConfig, presetOf } from "./presets";
import { RateLimit } from "./rate-limit";
import { ReadyWait } from "./ready-wait";
import { RequestBodies } from "./request-body";
import { type LlmHooks, RequestRunner } from "./request-runner";
import { type Requests, RetryPolicy } from "./retry-policy";
import { ServerDiscovery } from "./server-discovery";

export type { LlmHooks, LlmStatus } from "./request-runner";

export const DEFAULT_TIMEOUT_MS = 300_000;
export const DEFAULT_STALL_TIMEOUT_MS = 45_000;
export const DEFAULT_LOADING_TIMEOUT_MS = 120_000;
/** Requests at once before a llama-server said how many slots it has. */
const DEFAULT_SLOTS = 2;
/** A segment up to this long, alone in a request while slots are still cold, goes with the one-line prompt. */
const SINGLE_PROMPT_MAX_CHARS = 400;
export const defaultTransport: Transport = (url, init) => globalThis.fetch(url, init);

/** The parts every request of one translator shares: its bodies, the concurrency bound, and the runner that sends. */
interface RequestParts {
  requests: RequestBodies;
  limiter: Limiter;
  runner: RequestRunner;
  discovery: ServerDiscovery;
}

/** The translator, and what its owner tells it of the server at its address. */
export interface LlmTranslator extends Translator {
  /** What a probe found of the server at the address: its context, where it says one; `changed`, another server than
   * the last probe found (another model, another context), whose limits are learnt anew (/props read again). */
  serverFound(contextSize: number | undefined, changed: boolean): void;
}

function requestParts(config: LlmConfig, transport: Transport, hooks: LlmHooks): RequestParts {
  const preset = presetOf(config);
  const loadingTimeoutMs = config.loadingTimeoutMs ?? DEFAULT_LOADING_TIMEOUT_MS;
  const requests = new RequestBodies(config, preset);
  // Until /props answers: two at once on a server that will say its slots (llama-server queues a request beyond
  // them, it does not refuse it), one elsewhere. Discovery never holds a request back.
  const limiter = new Limiter(config.maxConcurrent ?? (preset.hasProps ? DEFAULT_SLOTS : 1));
  const discovery = new ServerDiscovery(config, transport, preset.hasProps, (props) => {
    requests.learnProps(props);
    if (config.maxConcurrent === undefined && props.slots) limiter.setLimit(props.slots);
  });
  const runner = new RequestRunner({
    config,
    transport,
    hooks,
    url: chatCompletionsUrl(config.baseUrl),
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    stallTimeoutMs: config.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
    loadingTimeoutMs,
    requests,
    limiter,
    discovery,
    readiness: new ReadyWait(config, transport, loadingTimeoutMs),
    rateLimit: new RateLimit(loadingTimeoutMs),
  });
  return { requests, limiter, runner, discovery };
}

/** Whether a batch's first request goes with the one-line prompt; counts those with the full instructions. */
function oneLinePrompt(limiter: Limiter): Requests["oneLine"] {
  /** Requests sent with the full instructions: once there was one per slot, every slot can reuse them from its
   * prompt cache, and the one-line prompt would only evict them. */
  let instructed = 0;
  return (segs, opts) => {
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
  };
}

export function createLlmTranslator(
  config: LlmConfig,
  transport: Transport = defaultTransport,
  hooks: LlmHooks = {},
): LlmTranslator {
  const problem = configProblem(config);
  const { requests, limiter, runner, discovery } = requestParts(config, transport, hooks);
  const policy = new RetryPolicy(config, {
    attempt: (segs, ctx, budget, oneLine) => runner.attempt(segs, ctx, budget, oneLine),
    tooBig: (segs, opts) => requests.tooBig(segs, opts),
    oneLine: config.alwaysInstructed ? () => false : oneLinePrompt(limiter),
  });

  async function* translate(batch: Segment[], opts: TranslateOptions): AsyncGenerator<SegmentResult> {
    if (batch.length === 0 || opts.signal.aborted) return;
    if (problem) {
      const error = errors.badConfig(problem);
      for (const seg of batch) yield { id: seg.id, error };
      return;
    }
    // Slots and context are learnt right after the first request left (the request runner's onSent), not before it: the
    // limiter and the reply budget take them in as soon as /props answers.
    yield* policy.translateGroup(batch, { opts });
  }
  return Object.assign(translate, {
    serverFound(contextSize: number | undefined, changed: boolean) {
      requests.serverFound(contextSize, changed);
      if (changed) discovery.again();
    },
  });
}
