// One chat-completions request: POST, map the HTTP status to a typed outcome, read the SSE stream with stall and
// total timers, and pass each content delta on as it arrives. No DOM, no globals but the injected transport.
import type { TranslateError } from "../shared/translator";
import { errors } from "./errors";
import { type LlmConfig, authHeaders } from "./presets";
import { isRefused } from "./refused";
import { retryAfterMs } from "./retry-after";
import { createSseDecoder } from "./sse";
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
  | { type: "overflow"; detail: string }
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

const WAITING_AFTER_MS = 1500;
/** A 503 that says the server is busy rather than loading (Ollama's full queue; a remote API's "overloaded"). */
const BUSY = /\bbusy\b|pending requests|overloaded|over capacity/i;
const NETWORK_RETRY_DELAY_MS = 300;

type StopReason = "caller" | "stall" | "timeout" | "runaway";

/**
 * One read hands over all the stream has buffered: megabytes once the reader fell behind a server that writes fast
 * (a babbling model, a loaded machine). Parsed whole, that held the thread (and every message handler on it) for
 * over half a second. So a read is parsed in pieces, it stops at the piece where the reply ran past its bound, and
 * after each READ_SLICE_MS of parsing the loop lets other tasks in.
 */
const PIECE_BYTES = 16 * 1024;
const READ_SLICE_MS = 16;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Bytes of SSE per content character a server may send before the stream counts as runaway: llama-server wraps
 * every token in ~250 bytes of JSON (ids, timings), plus room for the final usage and timings chunk. */
const BYTES_PER_CHAR = 400;
const BYTES_SLACK = 256 * 1024;
/** More than any token holds: what arrived counts toward the byte bound up to max_tokens of these. */
const MAX_CHARS_PER_TOKEN = 16;

interface JsonError {
  message?: string;
  type?: string;
  code?: unknown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorOf(value: unknown): JsonError | undefined {
  // Gemini's OpenAI-compatible API wraps its error in an array: [{"error": {…}}].
  if (Array.isArray(value) && value.length === 1) value = value[0];
  if (!value || typeof value !== "object") return undefined;
  const e = (value as { error?: unknown }).error;
  if (typeof e === "string") return { message: e };
  if (e && typeof e === "object") return e as JsonError;
  return undefined;
}

/** A 400 about the model: LM Studio 0.4 answers a model it does not have ("Invalid model identifier", code
 * model_not_found) or none loaded ("No models loaded…") with 400, not the 404 of other servers and its 0.3. */
function isMissingModel(e: JsonError | undefined): boolean {
  if (!e) return false;
  if (e.code === "model_not_found") return true;
  return /invalid model identifier|no models loaded/i.test(e.message ?? "");
}

/** Context errors across servers: llama.cpp's type, OpenAI/vLLM codes and wordings. */
function isOverflow(e: JsonError | undefined): boolean {
  if (!e) return false;
  if (e.type === "exceed_context_size_error" || e.code === "context_length_exceeded") return true;
  return /context (length|size|window)|maximum context|too many tokens/i.test(e.message ?? "");
}

/** An account out of credit or over its spending limit: OpenAI answers 429 with these codes, where waiting does not
 * help (its rate limits say rate_limit_exceeded); OpenRouter answers 402. */
function isQuota(status: number, e: JsonError | undefined): boolean {
  if (status === 402) return true;
  const code = typeof e?.code === "string" ? e.code : "";
  return (
    e?.type === "insufficient_quota" ||
    /insufficient_quota|credit_balance|spend_limit|usage_limit/.test(code) ||
    /exceeded your current quota|insufficient (credits|balance)/i.test(e?.message ?? "")
  );
}

function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function statsFrom(chunk: Record<string, unknown>, stats: LlmStats): void {
  const t = chunk.timings as Record<string, unknown> | undefined;
  if (t && typeof t === "object") {
    const cache = num(t.cache_n);
    const prompt = num(t.prompt_n);
    stats.cachedTokens = cache ?? stats.cachedTokens;
    if (prompt !== undefined) stats.promptTokens = prompt + (cache ?? 0);
    stats.completionTokens = num(t.predicted_n) ?? stats.completionTokens;
    stats.promptMs = num(t.prompt_ms) ?? stats.promptMs;
    stats.predictedMs = num(t.predicted_ms) ?? stats.predictedMs;
    stats.tokensPerSecond = num(t.predicted_per_second) ?? stats.tokensPerSecond;
  }
  const u = chunk.usage as Record<string, unknown> | undefined;
  if (u && typeof u === "object") {
    stats.promptTokens = num(u.prompt_tokens) ?? stats.promptTokens;
    stats.completionTokens = num(u.completion_tokens) ?? stats.completionTokens;
    const details = u.prompt_tokens_details as Record<string, unknown> | undefined;
    stats.cachedTokens = num(details?.cached_tokens) ?? stats.cachedTokens;
    const completion = u.completion_tokens_details as Record<string, unknown> | undefined;
    const reasoning = num(completion?.reasoning_tokens);
    if (reasoning) stats.reasoningTokens = reasoning;
  }
}

/** Maps a non-2xx response to an outcome. */
async function failure(call: ChatCall, res: Response): Promise<ChatEnd> {
  let text = "";
  try {
    text = await res.text();
  } catch {
    // A body we cannot read still has a status.
  }
  const err = errorOf(parseJson(text));
  const detail = `HTTP ${res.status}${err?.message ? `: ${err.message}` : text ? `: ${text.slice(0, 300)}` : ""}`;
  switch (res.status) {
    case 401:
      return { type: "error", error: errors.unauthorized(call.config, 401, detail) };
    case 403:
      // Ollama's origin check answers an empty 403; anything with a body is an ordinary permission error.
      return text.trim()
        ? { type: "error", error: errors.unauthorized(call.config, 403, detail) }
        : { type: "error", error: errors.originRejected(call.config) };
    case 404:
      return { type: "error", error: errors.notFound(call.config, call.url, err?.message) };
    case 402:
    case 429: {
      // A server that says when to come back has a limit that passes, whatever its words (Gemini says "exceeded
      // your current quota" of its per-minute limits too).
      const wait = retryAfterMs(res.headers);
      if (wait === undefined && isQuota(res.status, err)) {
        return { type: "error", error: errors.quota(call.config, res.status, detail) };
      }
      return { type: "limited", retryAfterMs: wait, detail };
    }
    case 503:
      // llama-server says "Loading model"; Ollama, which never answers 503 while loading, says "server busy, please
      // try again.  maximum pending requests exceeded" when more requests wait than its queue holds.
      return BUSY.test(err?.message ?? text) ? { type: "loading", busy: true } : { type: "loading" };
    case 400:
    case 413:
      if (isOverflow(err) || res.status === 413) return { type: "overflow", detail };
      if (isMissingModel(err)) return { type: "error", error: errors.notFound(call.config, call.url, err?.message) };
      return { type: "error", error: errors.server(res.status, detail) };
    default:
      return { type: "error", error: errors.server(res.status, detail) };
  }
}

/** Sends one chat request and streams its reply. Never throws for network or server trouble. */
export async function runChat(call: ChatCall): Promise<ChatEnd> {
  const started = Date.now();
  const controller = new AbortController();
  let stopped: StopReason | undefined;
  const stop = (why: StopReason): void => {
    if (stopped) return;
    stopped = why;
    controller.abort();
  };
  const onCallerAbort = (): void => stop("caller");
  if (call.signal.aborted) return { type: "aborted" };
  call.signal.addEventListener("abort", onCallerAbort, { once: true });
  const total = setTimeout(() => stop("timeout"), call.timeoutMs);
  let stall: ReturnType<typeof setTimeout> | undefined;
  const armStall = (): void => {
    clearTimeout(stall);
    stall = setTimeout(() => stop("stall"), call.stallTimeoutMs);
  };
  const waiting = setTimeout(() => call.onWaiting?.(), WAITING_AFTER_MS);
  /** The server's answer, once its headers came (a request still queued behind others has none yet). */
  let res: Response | undefined;
  const stoppedEnd = (): ChatEnd => {
    if (stopped === "stall") return { type: "error", error: errors.stalled(call.stallTimeoutMs) };
    if (stopped === "timeout") return { type: "error", error: errors.timeout(call.timeoutMs, !!res) };
    if (stopped === "runaway") return { type: "runaway" };
    return { type: "aborted" };
  };

  try {
    const init: RequestInit = {
      method: "POST",
      headers: { "Content-Type": "application/json", ...authHeaders(call.config) },
      body: JSON.stringify(call.body),
      signal: controller.signal,
    };
    for (let attempt = 0; !res; attempt++) {
      try {
        const sending = call.transport(call.url, init);
        if (attempt === 0) call.onSent?.();
        res = await sending;
      } catch (err) {
        if (stopped) return stoppedEnd();
        // Blocked before it left the browser: asking again is blocked again.
        if (isRefused(err)) return { type: "error", error: errors.refused(call.config, describe(err)) };
        // One quiet retry: a reset connection (server restarting, keep-alive race) often works the second time.
        if (attempt === 0) {
          await sleep(NETWORK_RETRY_DELAY_MS, controller.signal);
          if (stopped) return stoppedEnd();
          continue;
        }
        return { type: "error", error: errors.unreachable(call.config, describe(err)) };
      }
    }
    clearTimeout(waiting);
    armStall();
    if (res.status < 200 || res.status >= 300) return await failure(call, res);
    // Read as a stream, a page has no events: it would end as "the server reported an error", retried forever.
    if (/text\/html/i.test(res.headers.get("content-type") ?? "")) {
      void res.body?.cancel().catch(() => undefined);
      return { type: "error", error: errors.webPage(call.config, call.url) };
    }
    call.onHeaders?.();

    const stats: LlmStats = { durationMs: 0 };
    /** Characters of reply and reasoning so far. */
    let received = 0;
    let finishReason: string | undefined;
    let done = false;
    let midError: ChatEnd | undefined;
    const onData = (data: string): void => {
      if (midError || done || stopped) return;
      if (data.trim() === "[DONE]") {
        done = true;
        return;
      }
      const chunk = parseJson(data);
      if (!chunk || typeof chunk !== "object") {
        midError = { type: "error", error: errors.server(undefined, `malformed stream chunk: ${data.slice(0, 200)}`) };
        return;
      }
      const err = errorOf(chunk);
      if (err) {
        midError = isOverflow(err)
          ? { type: "overflow", detail: err.message ?? "context exceeded" }
          : { type: "error", error: errors.server(num(err.code), `error event: ${err.message ?? data.slice(0, 200)}`) };
        return;
      }
      const record = chunk as Record<string, unknown>;
      const choice = (record.choices as Record<string, unknown>[] | undefined)?.[0];
      const delta = (choice?.delta ?? choice?.message) as Record<string, unknown> | undefined;
      const reasoning = delta?.reasoning_content ?? delta?.reasoning;
      if (typeof reasoning === "string" && reasoning) {
        stats.reasoningChars = (stats.reasoningChars ?? 0) + reasoning.length;
        received += reasoning.length;
      }
      const content = delta?.content;
      if (typeof content === "string" && content) {
        received += content.length;
        stats.firstByteMs ??= Date.now() - started;
        if (call.onText(content) === false) {
          stop("runaway");
          return;
        }
      }
      if (typeof choice?.finish_reason === "string") finishReason = choice.finish_reason;
      statsFrom(record, stats);
    };

    const contentType = res.headers.get("content-type") ?? "";
    if (contentType.includes("application/json") || !res.body) {
      // The server ignored `stream: true`; take the whole reply at once.
      const text = await res.text();
      onData(text);
      done = true;
    } else {
      const reader = res.body.getReader();
      const sse = createSseDecoder(onData);
      // A thinking model's reasoning (apart, or in think blocks that onText's bound does not count) is bounded by
      // max_tokens, not by maxChars: the stream may carry it on top, as far as max_tokens could hold it.
      const maxTokens = num(call.body.max_tokens ?? call.body.max_completion_tokens) ?? Infinity;
      const maxBytes = (): number =>
        call.maxChars === undefined
          ? Infinity
          : (call.maxChars + Math.min(received, maxTokens * MAX_CHARS_PER_TOKEN)) * BYTES_PER_CHAR + BYTES_SLACK;
      let bytes = 0;
      /** Parsing time since the loop last let other tasks in. */
      let busyMs = 0;
      try {
        for (;;) {
          const { value, done: eof } = await reader.read();
          if (eof) break;
          // The server is not silent while Gloss parses what it sent (megabytes in one read, on a busy machine, take
          // seconds): the stall limit counts again from the next wait for data.
          clearTimeout(stall);
          for (let at = 0; value && at < value.byteLength && !stopped && !midError; at += PIECE_BYTES) {
            // Piece by piece: the reasoning of the pieces before counts toward the bound of this one.
            bytes += Math.min(PIECE_BYTES, value.byteLength - at);
            if (bytes > maxBytes()) {
              stop("runaway");
              break;
            }
            const parsing = performance.now();
            sse.push(value.subarray(at, at + PIECE_BYTES));
            busyMs += performance.now() - parsing;
            if (busyMs < READ_SLICE_MS) continue;
            await nextTask();
            busyMs = 0;
          }
          if (midError || stopped) break;
          armStall();
        }
        sse.end();
      } catch (err) {
        if (stopped) return stoppedEnd();
        return { type: "error", error: errors.server(undefined, `connection lost mid-reply: ${describe(err)}`) };
      } finally {
        if (midError || stopped) void reader.cancel().catch(() => undefined);
      }
    }
    if (midError) return midError;
    if (stopped) return stoppedEnd();

    if (!done && finishReason === undefined) {
      return { type: "error", error: errors.server(undefined, "the reply ended before the server finished it") };
    }
    stats.durationMs = Date.now() - started;
    return { type: "ok", finishReason, stats };
  } catch (err) {
    if (stopped) return stoppedEnd();
    return { type: "error", error: errors.server(undefined, describe(err)) };
  } finally {
    clearTimeout(total);
    clearTimeout(stall);
    clearTimeout(waiting);
    call.signal.removeEventListener("abort", onCallerAbort);
  }
}

export function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const code = cause && typeof cause === "object" ? (cause as { code?: unknown }).code : undefined;
    return `${err.name}: ${err.message}${typeof code === "string" ? ` (${code})` : ""}`;
  }
  return String(err);
}
