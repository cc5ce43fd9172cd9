// One chat-completions request: POST, map the HTTP status to a typed outcome, read the SSE stream with stall and
// total timers, and pass each content delta on as it arrives. No DOM, no globals but the injected transport.
import type { TranslateError } from "../shared/translator";
import { refusal } from "./chat-failure";
import { armStall, type ChatRun, endRun, startRun, stoppedEnd } from "./chat-run";
import { readReply } from "./chat-stream";
import { describe } from "./describe-error";
import { errors } from "./errors";
import { type LlmConfig, authHeaders } from "./presets";
import { isRefused } from "./refused";
import { sleep } from "./sleep";

/** fetch-compatible. Only `status`, `headers.get`, `body` / `text()` of the Response are relied on. */
export type Transport = (url: string, init: RequestInit) => Promise<Response>;

export interface LlmStats {
  promptTokens?: number;
  cachedTokens?: number;
  completionTokens?: number;
  promptMs?: number;
  predictedMs?: number;
  tokensPerSecond?: number;
  /** Whole request, from sending to the end of the stream. */
  durationMs: number;
  /** From sending to the first content token. */
  firstByteMs?: number;
  /**
   * Characters of reasoning the server streamed apart from the reply (llama-server's `reasoning_content`, Ollama's
   * `reasoning`): a thinking model's, which spends the same token limit before it writes a word of the reply.
   */
  reasoningChars?: number;
  /** Reasoning tokens the server counted but did not stream (OpenAI's `usage.completion_tokens_details`: its o-series
   * and GPT-5 reason unseen, within the same max_completion_tokens). */
  reasoningTokens?: number;
}

export type ChatEnd =
  | { type: "ok"; finishReason: string | undefined; stats: LlmStats }
  /** 503: the model is loading, or (`busy`) the server turned the request away while others wait (Ollama's full queue). */
  | { type: "loading"; busy?: boolean }
  /** The request does not fit the context; `contextSize` when the server said how large that is. */
  | { type: "overflow"; detail: string; contextSize?: number }
  /** 429: a rate limit that passes; `retryAfterMs` when the server said how long to wait (retry-after.ts). */
  | { type: "limited"; retryAfterMs?: number; detail: string }
  | { type: "error"; error: TranslateError }
  /** onText said the reply ran past its bound: the request was aborted (the connection closed) mid-stream. */
  | { type: "runaway" }
  | { type: "aborted" };

export interface ChatCall {
  config: LlmConfig;
  transport: Transport;
  url: string;
  body: Record<string, unknown>;
  signal: AbortSignal;
  stallTimeoutMs: number;
  timeoutMs: number;
  /** Content characters the reply may hold: bytes beyond what they take on the wire count as a runaway stream. */
  maxChars?: number;
  /** Each content delta; `false` stops reading: the reply ran past what its input can need (the request is aborted,
   * so the server stops generating and no connection stays open). */
  onText(text: string): boolean | void;
  /** No response headers yet after a moment: the server is queueing us (llama-server sends none until a slot frees). */
  onWaiting?(): void;
  /** A 2xx response arrived: a slot is working on it. */
  onHeaders?(): void;
  /** The request was handed to the transport (once, not again for its quiet retry). */
  onSent?(): void;
}

const NETWORK_RETRY_DELAY_MS = 300;

/** Sends one chat request and streams its reply. Never throws for network or server trouble. */
export async function runChat(call: ChatCall): Promise<ChatEnd> {
  if (call.signal.aborted) return { type: "aborted" };
  const run = startRun(call);
  try {
    const unsent = await send(run);
    if (unsent) return unsent;
    const res = run.res!;
    clearTimeout(run.waiting);
    armStall(run);
    const refused = await refusal(call, res);
    if (refused) return refused;
    call.onHeaders?.();
    return await readReply(run, res);
  } catch (err) {
    if (run.stopped) return stoppedEnd(run);
    return { type: "error", error: errors.server(undefined, describe(err)) };
  } finally {
    endRun(run);
  }
}

/** Hands the request to the transport until the server answers (`run.res`), once more after a network error; the
 * outcome when it never did. */
async function send(run: ChatRun): Promise<ChatEnd | undefined> {
  const { call } = run;
  const init: RequestInit = {
    method: "POST",
    headers: { "Content-Type": "application/json", ...authHeaders(call.config) },
    body: JSON.stringify(call.body),
    signal: run.controller.signal,
  };
  for (let attempt = 0; !run.res; attempt++) {
    try {
      const sending = call.transport(call.url, init);
      if (attempt === 0) call.onSent?.();
      run.res = await sending;
    } catch (err) {
      if (run.stopped) return stoppedEnd(run);
      // Blocked before it left the browser: asking again is blocked again.
      if (isRefused(err)) return { type: "error", error: errors.refused(call.config, describe(err)) };
      // One quiet retry: a reset connection (server restarting, keep-alive race) often works the second time.
      if (attempt === 0) {
        await sleep(NETWORK_RETRY_DELAY_MS, run.controller.signal);
        if (run.stopped) return stoppedEnd(run);
        continue;
      }
      return { type: "error", error: errors.unreachable(call.config, describe(err)) };
    }
  }
  return undefined;
}
