// What a server's error says, as a typed outcome: a response it refused (its status and error body, a web page in
// place of a stream) and an error event in the middle of a stream.
import type { ChatCall, ChatEnd } from "./client";
import { num } from "./chat-stats";
import { contextSizeOf } from "./context-size";
import { errors } from "./errors";
import { retryAfterMs } from "./retry-after";
import { textStart } from "../shared/text-ends";

/** A 503 that says the server is busy rather than loading (Ollama's full queue; a remote API's "overloaded"). */
const BUSY = /\bbusy\b|pending requests|overloaded|over capacity/i;

interface JsonError {
  message?: string;
  type?: string;
  code?: unknown;
  /** llama-server's slot context, on its exceed_context_size_error. */
  n_ctx?: unknown;
}

export function parseJson(text: string): unknown {
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
  const record = value as { error?: unknown; object?: unknown; message?: unknown };
  const e = record.error;
  if (typeof e === "string") return { message: e };
  if (e && typeof e === "object") return e as JsonError;
  // vLLM's older releases, and servers built on their protocol (FastChat, TensorRT-LLM), answer flat:
  // {"object":"error","message":…,"type":…,"param":null,"code":400}.
  if (record.object === "error" && typeof record.message === "string") return record as JsonError;
  return undefined;
}

/** A 400 about the model: LM Studio 0.4 answers a model it does not have ("Invalid model identifier", code
 * model_not_found) or none loaded ("No models loaded…") with 400, not the 404 of other servers and its 0.3. */
function isMissingModel(e: JsonError | undefined): boolean {
  if (!e) return false;
  if (e.code === "model_not_found") return true;
  return /invalid model identifier|no models loaded/i.test(e.message ?? "");
}

/** The model's chat template refused the messages (llama-server's Jinja "raise_exception", its "Unable to generate
 * parser for this template"; vLLM's and LM Studio's "System role not supported", "roles must alternate"): about the
 * request's form, which every passage shares, not any passage's text. llama-server says it as a 400, older builds
 * as a 500 server_error. */
const TEMPLATE =
  /jinja|raise_exception|chat template|for this template|roles must alternate|role not supported|roles are supported/i;

/** A server that cannot load the model into the memory it has: Ollama's scheduler says so before it tries
 * ("model requires more system memory (9.1 GiB) than is available (3.2 GiB)"), its runner after ("llama runner
 * process has terminated: … out of memory", "unable to allocate CUDA0 buffer"). */
const NO_MEMORY = /requires more system memory|out of memory|unable to allocate/i;

/** Context errors across servers: llama.cpp's type, OpenAI/vLLM codes and wordings. llama-server says a reply that
 * ran into the end of its slot's context mid-stream as a server_error, "context shift is disabled". */
function isOverflow(e: JsonError | undefined): boolean {
  if (!e) return false;
  if (e.type === "exceed_context_size_error" || e.code === "context_length_exceeded") return true;
  return /context (length|size|window|shift)|maximum context|too many tokens/i.test(e.message ?? "");
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

/** A context overflow, with the context the server said it has when it said it. */
function overflow(detail: string, err: JsonError | undefined): ChatEnd {
  const contextSize = err ? contextSizeOf(err) : undefined;
  return contextSize ? { type: "overflow", detail, contextSize } : { type: "overflow", detail };
}

/** An error body for the details: a web page (a proxy's error page) by its title, not its markup. */
export function bodyText(text: string): string {
  if (!isPage(text)) return textStart(text, 300);
  return /<(?:title|h1)[^>]*>([^<]*)/i.exec(text)?.[1]?.trim() || "a web page";
}

export const isPage = (text: string): boolean => /^\s*</.test(text);

/** A proxy whose model server does not answer: its 502 (its own page, or nothing; a remote API's 502 says in JSON
 * what failed), or a 503 page (HAProxy's "No server is available"). Model servers say "loading" in JSON. */
export const isGatewayDown = (status: number, json: unknown, text: string): boolean =>
  (status === 502 && !errorOf(json)) || (status === 503 && isPage(text));

/** Maps a non-2xx response to an outcome. */
async function failure(call: ChatCall, res: Response): Promise<ChatEnd> {
  let text = "";
  try {
    text = await res.text();
  } catch {
    // A body we cannot read still has a status.
  }
  const json = parseJson(text);
  const err = errorOf(json);
  const detail = `HTTP ${res.status}${err?.message ? `: ${err.message}` : text.trim() ? `: ${bodyText(text)}` : ""}`;
  if (isGatewayDown(res.status, json, text))
    return { type: "error", error: errors.gateway(call.config, res.status, detail) };
  if ((res.status === 400 || res.status >= 500) && TEMPLATE.test(err?.message ?? ""))
    return { type: "error", error: errors.chatTemplate(call.config, detail) };
  switch (res.status) {
    case 401:
      return { type: "error", error: errors.unauthorized(call.config, 401, detail) };
    case 403:
      // Ollama's origin check answers an empty 403; anything with a body is an ordinary permission error.
      return text.trim()
        ? { type: "error", error: errors.unauthorized(call.config, 403, detail) }
        : { type: "error", error: errors.originRejected(call.config) };
    // 405: something that takes no POST there (a web server serving files, another API's route): no chat endpoint.
    case 404:
    case 405:
      return { type: "error", error: errors.notFound(call.config, call.url, err?.message, res.status) };
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
    case 501:
      return { type: "error", error: errors.noChat(call.config, detail) };
    case 503:
      // llama-server says "Loading model"; Ollama, which never answers 503 while loading, says "server busy, please
      // try again.  maximum pending requests exceeded" when more requests wait than its queue holds.
      return BUSY.test(err?.message ?? text) ? { type: "loading", busy: true } : { type: "loading" };
    case 400:
    case 413:
      if (isOverflow(err) || res.status === 413) return overflow(detail, err);
      if (isMissingModel(err)) return { type: "error", error: errors.notFound(call.config, call.url, err?.message) };
      return { type: "error", error: errors.server(res.status, detail) };
    default:
      if (res.status >= 500 && NO_MEMORY.test(err?.message ?? "")) {
        return { type: "error", error: errors.noMemory(call.config, detail) };
      }
      return { type: "error", error: errors.server(res.status, detail) };
  }
}

/** The outcome of a response that holds no reply to read (a non-2xx status, a web page); undefined for a stream. */
export async function refusal(call: ChatCall, res: Response): Promise<ChatEnd | undefined> {
  if (res.status < 200 || res.status >= 300) return await failure(call, res);
  // Read as a stream, a page has no events: it would end as "the server reported an error", retried forever.
  if (/text\/html/i.test(res.headers.get("content-type") ?? "")) {
    void res.body?.cancel().catch(() => undefined);
    return { type: "error", error: errors.webPage(call.config, call.url) };
  }
  return undefined;
}

/** The outcome of a stream chunk that is not a reply's (unreadable, or an error event); undefined for a reply's. */
export function streamError(chunk: unknown, data: string): ChatEnd | undefined {
  if (!chunk || typeof chunk !== "object") {
    return { type: "error", error: errors.server(undefined, `malformed stream chunk: ${textStart(data, 200)}`) };
  }
  const err = errorOf(chunk);
  if (!err) return undefined;
  return isOverflow(err)
    ? overflow(err.message ?? "context exceeded", err)
    : { type: "error", error: errors.server(num(err.code), `error event: ${err.message ?? textStart(data, 200)}`) };
}
