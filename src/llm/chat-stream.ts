// A chat reply as it arrives: the SSE stream read piece by piece within its byte bound (or a whole JSON reply), each
// content delta passed on, the reasoning and token counts noted, and how the reply ended.
import { isPage, parseJson, streamError } from "./chat-failure";
import { armStall, type ChatRun, stop, stoppedEnd } from "./chat-run";
import { num, statsFrom, streamedSpeed } from "./chat-stats";
import type { ChatEnd, LlmStats } from "./client";
import { describe } from "./describe-error";
import { errors } from "./errors";
import { createSseDecoder, type SseDecoder } from "./sse";

/**
 * One read hands over all the stream has buffered: megabytes once the reader fell behind a server that writes fast
 * (a babbling model, a loaded machine). Parsed whole, that held the thread (and every message handler on it) for
 * over half a second. So a read is parsed in pieces, it stops at the piece where the reply ran past its bound, and
 * after each READ_SLICE_MS of parsing the loop lets other tasks in.
 */
const PIECE_BYTES = 16 * 1024;
const READ_SLICE_MS = 16;

const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** How long a stream may stay open after its finish_reason, for the usage chunk and `[DONE]` that follow at once. */
const FINISHED_GRACE_MS = 2_000;

/** Bytes of SSE per content character a server may send before the stream counts as runaway: llama-server wraps
 * every token in ~250 bytes of JSON (ids, timings), plus room for the final usage and timings chunk. */
const BYTES_PER_CHAR = 400;
const BYTES_SLACK = 256 * 1024;
/** More than any token holds: what arrived counts toward the byte bound up to max_tokens of these. */
const MAX_CHARS_PER_TOKEN = 16;

interface Reading {
  stats: LlmStats;
  /** Characters of reply and reasoning so far. */
  received: number;
  /** When the first reasoning or content arrived, from sending. */
  firstTokenMs?: number;
  finishReason?: string;
  done: boolean;
  midError?: ChatEnd;
  /** Bytes of stream so far. */
  bytes: number;
  /** Parsing time since the loop last let other tasks in. */
  busyMs: number;
  /** The body as text until its first SSE event: what a body with no events was (a page, a whole JSON reply). */
  unread?: string;
}

/** Reads the reply of a 2xx response to its end. */
export async function readReply(run: ChatRun, res: Response): Promise<ChatEnd> {
  const reading: Reading = { stats: { durationMs: 0 }, received: 0, done: false, bytes: 0, busyMs: 0 };
  const contentType = res.headers.get("content-type") ?? "";
  // Media types are case-insensitive: `Application/JSON` is JSON too.
  if (/application\/json/i.test(contentType) || !res.body) {
    // The server ignored `stream: true`; take the whole reply at once.
    const text = await res.text();
    readData(run, reading, text);
    reading.done = true;
  } else {
    const lost = await readStream(run, reading, res.body);
    if (lost) return lost;
  }
  if (reading.midError) return reading.midError;
  if (run.stopped) return stoppedEnd(run);
  const unread = reading.unread;
  // A body with no event at all, sent with no content type or a wrong one (some proxies, file servers): read by its
  // shape, a page said as such, a whole reply read whole.
  if (unread !== undefined && isPage(unread))
    return { type: "error", error: errors.webPage(run.call.config, run.call.url) };
  if (unread !== undefined && parseJson(unread) !== undefined) {
    readData(run, reading, unread);
    reading.done = true;
    if (reading.midError) return reading.midError;
  }

  if (!reading.done && reading.finishReason === undefined) {
    return { type: "error", error: errors.server(undefined, "the reply ended before the server finished it") };
  }
  reading.stats.durationMs = Date.now() - run.started;
  const speed = streamedSpeed(reading.stats, reading.firstTokenMs);
  if (speed !== undefined) reading.stats.tokensPerSecond = speed;
  return { type: "ok", finishReason: reading.finishReason, stats: reading.stats };
}

/** Reads the SSE stream until it ends, a chunk says an error, or the request is stopped; an outcome when the
 * connection was lost. */
async function readStream(
  run: ChatRun,
  reading: Reading,
  body: ReadableStream<Uint8Array>,
): Promise<ChatEnd | undefined> {
  const reader = body.getReader();
  const sse = createSseDecoder((data) => {
    reading.unread = undefined;
    readData(run, reading, data);
  });
  const text = new TextDecoder();
  reading.unread = "";
  try {
    for (;;) {
      const { value, done: eof } = await reader.read();
      if (eof) break;
      // The server is not silent while Gloss parses what it sent (megabytes in one read, on a busy machine, take
      // seconds): the stall limit counts again from the next wait for data.
      clearTimeout(run.stall);
      // Kept until the first event only: a stream's first read holds one.
      if (value && reading.unread !== undefined) reading.unread += text.decode(value, { stream: true });
      if (value) await parsePieces(run, reading, sse, value);
      if (reading.midError || run.stopped) break;
      if (reading.finishReason === undefined) armStall(run);
      else endSoon(run, reader);
    }
    sse.end();
  } catch (err) {
    if (run.stopped) return stoppedEnd(run);
    return { type: "error", error: errors.server(undefined, `connection lost mid-reply: ${describe(err)}`) };
  } finally {
    if (reading.midError || run.stopped) void reader.cancel().catch(() => undefined);
  }
  return undefined;
}

/** The model has finished (a finish_reason came): nothing but the usage chunk and `[DONE]` is to follow. A server
 * that sends neither and keeps the connection open (some proxies) would hold the reply, and with it the last
 * passage and the slot, until the stall limit ended it as an error: shortly, the stream is read as ended. */
function endSoon(run: ChatRun, reader: ReadableStreamDefaultReader<Uint8Array>): void {
  clearTimeout(run.stall);
  // Cancelled, the pending read resolves as the end of the stream, and the connection is closed.
  run.stall = setTimeout(
    () => void reader.cancel().catch(() => undefined),
    Math.min(FINISHED_GRACE_MS, run.call.stallTimeoutMs),
  );
}

/** Parses one read piece by piece, letting other tasks in between, and stops a stream past its byte bound. */
async function parsePieces(run: ChatRun, reading: Reading, sse: SseDecoder, value: Uint8Array): Promise<void> {
  for (let at = 0; at < value.byteLength && !run.stopped && !reading.midError; at += PIECE_BYTES) {
    // Piece by piece: the reasoning of the pieces before counts toward the bound of this one.
    reading.bytes += Math.min(PIECE_BYTES, value.byteLength - at);
    if (reading.bytes > maxBytes(run, reading)) {
      stop(run, "runaway");
      break;
    }
    const parsing = performance.now();
    sse.push(value.subarray(at, at + PIECE_BYTES));
    reading.busyMs += performance.now() - parsing;
    if (reading.busyMs < READ_SLICE_MS) continue;
    await nextTask();
    reading.busyMs = 0;
  }
}

/** The bytes the stream may have carried so far before it counts as runaway. */
function maxBytes(run: ChatRun, reading: Reading): number {
  const { body, maxChars } = run.call;
  if (maxChars === undefined) return Infinity;
  // A thinking model's reasoning (apart, or in think blocks that onText's bound does not count) is bounded by
  // max_tokens, not by maxChars: the stream may carry it on top, as far as max_tokens could hold it.
  const maxTokens = num(body.max_tokens ?? body.max_completion_tokens) ?? Infinity;
  return (maxChars + Math.min(reading.received, maxTokens * MAX_CHARS_PER_TOKEN)) * BYTES_PER_CHAR + BYTES_SLACK;
}

/** One SSE data payload: the end marker, an error, or a chunk of the reply. */
function readData(run: ChatRun, reading: Reading, data: string): void {
  if (reading.midError || reading.done || run.stopped) return;
  if (data.trim() === "[DONE]") {
    reading.done = true;
    return;
  }
  const chunk = parseJson(data);
  reading.midError = streamError(chunk, data);
  if (!reading.midError) readChunk(run, reading, chunk as Record<string, unknown>);
}

/** A chunk's reasoning and content (passed on to the caller), its finish reason and its counts. */
function readChunk(run: ChatRun, reading: Reading, record: Record<string, unknown>): void {
  const choice = (record.choices as Record<string, unknown>[] | undefined)?.[0];
  const delta = (choice?.delta ?? choice?.message) as Record<string, unknown> | undefined;
  // Servers name it either way; a proxy may send both, one of them empty.
  const reasoning = delta?.reasoning_content || delta?.reasoning;
  if (typeof reasoning === "string" && reasoning) {
    reading.stats.reasoningChars = (reading.stats.reasoningChars ?? 0) + reasoning.length;
    reading.received += reasoning.length;
  }
  const content = delta?.content;
  if ((typeof reasoning === "string" && reasoning) || (typeof content === "string" && content)) {
    reading.firstTokenMs ??= Date.now() - run.started;
  }
  if (typeof content === "string" && content) {
    reading.received += content.length;
    reading.stats.firstByteMs ??= Date.now() - run.started;
    if (run.call.onText(content) === false) {
      stop(run, "runaway");
      return;
    }
  }
  if (typeof choice?.finish_reason === "string") reading.finishReason = choice.finish_reason;
  statsFrom(record, reading.stats);
}
