// POST /v1/chat/completions: queue for a slot, check the context, "prefill" at promptTps, stream pieces at
// genTps with the recorded SSE framing, and misbehave as the active faults say.
import type { IncomingMessage, ServerResponse } from "node:http";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { findMarkers, markedLayout } from "../../src/llm/markers";
import { parsePrompt } from "../../src/llm/prompt";
import { applyContentFaults, type FaultSpec, type OutSegment } from "./faults";
import { misbehave, type ModelProfile, writeMarked } from "./model-profile";
import { handlerError, sendJson, startSse } from "./http";
import { glossaryOfPrompt } from "./glossary";
import { pseudoTranslate } from "./pseudo-translate";
import type { DoubleState, RequestRecord } from "./state";
import { applyTemplate, type Message, TEMPLATE_ERROR } from "./template";
import { gemmaCount, gemmaPieces, gemmaPromptCount, textTokens } from "./gemma-tokens";
import { pieces, promptTokens } from "./tokenizer";
import { REASONING_TEXT, reasoningField, thinkingTurnedOff } from "./reasoning";

export const FINGERPRINT = "b10108-0a50d99";
const PEG_ERROR = "The model produced output that does not match the expected peg-native format";

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
export const completionId = (): string =>
  `chatcmpl-${Array.from({ length: 32 }, () => ALNUM[Math.floor(Math.random() * ALNUM.length)]).join("")}`;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface ChatRequestBody {
  messages?: unknown;
  stream?: unknown;
  max_tokens?: unknown;
  n_predict?: unknown;
  temperature?: unknown;
  stream_options?: { include_usage?: unknown };
  cache_prompt?: unknown;
  model?: unknown;
}

export type Flavor = "llama-server" | "ollama";

/** "Translate … into <Language> …" on the first line, the text to translate after the first blank line. */
const PLAIN_PROMPT_RE = /^Translate\b[^\n]*?\binto ([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b[^\n]*\n(?:[^\n]+\n)*?\n([\s\S]+)$/;

/** What the "model" writes for these messages: marked segments when the prompt is ours, prose otherwise. */
export function composeReply(
  state: DoubleState,
  messages: Message[],
  faults: FaultSpec[],
  profile: ModelProfile | undefined = state.profile,
): { text: string; segments: number } {
  const user = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
  const parsed = parsePrompt(user);
  // A plain "Translate … into English: …" prompt (Gloss's one-line prompt, the page benchmark's serial baseline):
  // one segment, answered without markers unless a fault makes it more than one.
  const plain = parsed ? undefined : PLAIN_PROMPT_RE.exec(user);
  if (!parsed && !plain) {
    const gist = user.replace(/\s+/g, " ").trim().slice(0, 300);
    const echo = pseudoTranslate(gist, "English", state.phrases);
    return {
      text: `[gloss-double, no model] ${echo} — This reply comes from Gloss's llama-server test double: it pseudo-translates marked segments and runs no language model.`,
      segments: 0,
    };
  }
  const target = parsed?.target ?? plain?.[1] ?? "English";
  const sources = parsed ? parsed.segments : [{ n: 1, html: plain?.[2] ?? "" }];
  // The glossary sits in the constant instructions (the system message when they go there).
  const glossary = faults.some((f) => f.name === "ignore-glossary")
    ? []
    : glossaryOfPrompt(messages.map((m) => m.content).join("\n"));
  const segs: OutSegment[] = sources.map((s) => ({
    n: s.n,
    source: s.html,
    html: pseudoTranslate(s.html, target, state.phrases, glossary),
  }));
  const out = applyContentFaults(segs, faults);
  if (out.empty) return { text: "", segments: segs.length };
  const unmarked = plain && out.segs.length === 1 && out.segs[0]?.n === 1;
  if (profile) {
    // The model as the profile says it behaves; each source's next attempt draws afresh.
    const seen = state.profileAttempts;
    const result = misbehave(profile, out.segs, {
      attempt: (source) => seen.get(source) ?? 0,
      target,
      marked: !unmarked,
    });
    for (const s of out.segs) seen.set(s.source, (seen.get(s.source) ?? 0) + 1);
    const drawn = state.stats.profileDrawn;
    for (const [b, n] of Object.entries(result.drawn)) drawn[b] = (drawn[b] ?? 0) + n;
    let body = unmarked ? (result.segs[0]?.html ?? "") : writeMarked(result.segs);
    if (result.fence) body = ["```", body, "```"].join("\n");
    return { text: `${out.before}${body}${out.after}`, segments: segs.length };
  }
  const body = unmarked ? (out.segs[0]?.html ?? "") : markedLayout(out.segs);
  return { text: `${out.before}${body}${out.after}`, segments: segs.length };
}

/** What the runaway fault writes before it goes on with the reply. */
export const RUNAWAY_CHARS = 10 * 1024 * 1024;
const BABBLE_PIECES = [" und", " so", " weiter", ","];

/**
 * The runaway and babble faults: token-sized pieces of the same words, `chars` of them (babble: forever), as fast as
 * the connection takes them (waiting for it to drain, as a real server's socket would), until the client leaves.
 * Returns the characters written.
 */
async function babble(
  res: ServerResponse,
  piece: (text: string) => string,
  chars: number,
  gone: () => boolean,
): Promise<number> {
  let written = 0;
  for (let i = 0; written < chars && !gone(); i++) {
    const text = BABBLE_PIECES[i % BABBLE_PIECES.length] as string;
    written += text.length;
    if (!res.write(`data: ${piece(text)}\n\n`)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
    } else if (i % 64 === 63) {
      await yieldToLoop();
    }
  }
  return written;
}

/** Where stream faults strike: just after the first half of the segments (plus a little), or mid-text. */
function cutIndex(parts: string[], segments: number): number {
  if (segments >= 2) {
    // The first `half` segments are complete once the next one has opened: cut a few pieces after that opening.
    const half = Math.floor(segments / 2);
    const opening = findMarkers(parts.join("")).filter((m) => !m.close)[half];
    if (opening) {
      for (let i = 0, length = 0; i < parts.length; i++) {
        length += (parts[i] as string).length;
        if (length >= opening.end) return Math.min(parts.length - 1, i + 3);
      }
    }
  }
  return Math.max(1, Math.floor(parts.length / 2));
}

function timings(cacheN: number, promptN: number, promptMs: number, predictedN: number, predictedMs: number) {
  const pMs = Math.max(promptMs, 0.001);
  const gMs = Math.max(predictedMs, 0.001);
  return {
    cache_n: cacheN,
    prompt_n: promptN,
    prompt_ms: round(pMs),
    prompt_per_token_ms: pMs / Math.max(promptN, 1),
    prompt_per_second: (1000 * Math.max(promptN, 1)) / pMs,
    predicted_n: predictedN,
    predicted_ms: round(gMs),
    predicted_per_token_ms: gMs / Math.max(predictedN, 1),
    predicted_per_second: (1000 * Math.max(predictedN, 1)) / gMs,
  };
}

const round = (ms: number): number => Math.round(ms * 1000) / 1000;

/** Prompt processing: on its own, or (sharedCompute) after the prompts queued before it, pausing generation. */
async function processPrompt(state: DoubleState, ms: number): Promise<void> {
  if (!state.opts.sharedCompute) return sleep(ms);
  const start = Math.max(performance.now(), state.promptUntil);
  state.promptUntil = start + ms;
  state.promptMsTotal += ms;
  const wait = state.promptUntil - performance.now();
  if (wait > 0) await sleep(wait);
}

/** Validates like the real server: 400 for a missing `messages` or wrong types and for role order. */
export function validateChatBody(
  req: IncomingMessage,
  res: ServerResponse,
  body: ChatRequestBody,
): { messages: Message[]; prompt: string } | undefined {
  if (body.messages === undefined) {
    handlerError(req, res, 400, "'messages' is required", "invalid_request_error");
    return undefined;
  }
  if (body.max_tokens !== undefined && typeof body.max_tokens !== "number") {
    handlerError(
      req,
      res,
      400,
      `Field 'max_tokens': [json.exception.type_error.302] type must be number, but is ${typeof body.max_tokens === "string" ? "string" : "object"}`,
      "invalid_request_error",
    );
    return undefined;
  }
  const messages = (Array.isArray(body.messages) ? body.messages : []).map((m: unknown) => {
    const r = (m ?? {}) as Record<string, unknown>;
    return { role: String(r.role ?? ""), content: typeof r.content === "string" ? r.content : "" };
  });
  const prompt = applyTemplate(messages);
  if (prompt === undefined) {
    handlerError(req, res, 400, TEMPLATE_ERROR, "invalid_request_error");
    return undefined;
  }
  return { messages, prompt };
}

export interface ChatJob {
  state: DoubleState;
  req: IncomingMessage;
  res: ServerResponse;
  body: ChatRequestBody;
  messages: Message[];
  /** The templated prompt (what the slot's cache sees). */
  prompt: string;
  faults: FaultSpec[];
  /** The model profile for this request (header or server-wide), if any. */
  profile?: ModelProfile;
  record: RequestRecord;
  flavor: Flavor;
  model: string;
}

/** Runs one completion after the HTTP-level checks. */
export async function runChatJob(job: ChatJob): Promise<void> {
  const { state, req, res, body, record, flavor } = job;
  const { opts, pool, stats, events } = state;
  const has = (name: string): boolean => job.faults.some((f) => f.name === name);
  const stream = body.stream === true;
  const gemma = opts.tokenizer === "gemma";
  const countTokens = gemma ? gemmaCount : (text: string) => pieces(text).length;
  const nPrompt = (gemma ? gemmaPromptCount(job.prompt) : promptTokens(job.prompt)) + 1;
  record.stream = stream;
  record.promptTokens = nPrompt;
  // What the double received, for tests that check what reached the prompt and which model was asked for.
  record.messages = job.messages;
  if (typeof body.model === "string") record.model = body.model;

  // The client may leave at any point; the real server notices at its next write (or poll).
  let gone = false;
  const onGone = (): void => {
    if (res.writableFinished) return;
    gone = true;
  };
  res.on("close", onGone);

  const { slot: slotPromise, cancel } = pool.acquire(job.prompt);
  stats.queued = pool.queued;
  stats.maxQueued = Math.max(stats.maxQueued, pool.queued);
  const queuedGone = new Promise<"gone">((resolve) => res.on("close", () => resolve("gone")));
  const slot = await Promise.race([slotPromise, queuedGone]);
  if (slot === "gone") {
    cancel();
    // It may have been granted in the same tick: give it back.
    void slotPromise.then((s) => pool.release(s, s.cached));
    stats.queued = pool.queued;
    finish(state, record, true);
    return;
  }
  stats.queued = pool.queued;
  stats.inFlight = pool.busy;
  stats.maxInFlight = Math.max(stats.maxInFlight, pool.busy);
  record.slot = slot.id;
  record.slotAt = Date.now();
  events.emit("slot", record);

  const cachePrompt = body.cache_prompt !== false;
  const cachedChars = cachePrompt ? pool.cachedChars(slot, job.prompt) : 0;
  // At least one prompt token is always evaluated again; BOS is part of any cached prefix.
  const cachedPrefixTokens = gemma
    ? Math.floor(((nPrompt - 1) * cachedChars) / Math.max(1, job.prompt.length))
    : Math.floor(cachedChars / 4);
  const cacheN =
    cachedChars >= job.prompt.length
      ? nPrompt - 1
      : Math.min(cachedChars > 0 ? cachedPrefixTokens + 1 : 0, nPrompt - 1);
  const promptN = nPrompt - cacheN;
  let cachedAfter = job.prompt;
  const idTask = ++state.taskSeq;
  slot.task = {
    idTask,
    nPrompt,
    nPromptProcessed: promptN,
    nCache: cacheN,
    maxTokens: typeof body.max_tokens === "number" ? body.max_tokens : -1,
    stream,
    temperature: typeof body.temperature === "number" ? body.temperature : 0.8,
    nDecoded: 0,
    nRemain: -1,
    hasNextToken: true,
  };

  try {
    // Ollama refuses nothing for its length: it cuts the prompt to its context (num_ctx) and answers.
    if (nPrompt > opts.ctx && flavor === "ollama") record.promptCut = true;
    else if (nPrompt > opts.ctx || has("context-overflow")) {
      handlerError(
        req,
        res,
        400,
        `request (${nPrompt} tokens) exceeds the available context size (${opts.ctx} tokens), try increasing it`,
        "exceed_context_size_error",
        { n_prompt_tokens: nPrompt, n_ctx: opts.ctx },
      );
      record.status = 400;
      return;
    }
    if (has("server-error")) {
      handlerError(req, res, 500, PEG_ERROR, "server_error");
      record.status = 500;
      return;
    }

    const reply = composeReply(state, job.messages, job.faults, job.profile ?? state.profile);
    record.segments = reply.segments;
    const parts = gemma ? gemmaPieces(reply.text) : pieces(reply.text);
    const maxTokens = typeof body.max_tokens === "number" && body.max_tokens >= 0 ? body.max_tokens : Infinity;
    const room = Math.max(0, opts.ctx - nPrompt);
    let limit = Math.min(maxTokens, room);
    // A thinking model's reasoning comes first and spends the same limit.
    const inReply = has("reasoning-in-reply");
    const thinks =
      inReply ||
      has("reasoning-always") ||
      (has("reasoning") && !thinkingTurnedOff(body as Record<string, unknown>, flavor));
    const reasoning = thinks ? (gemma ? gemmaPieces : pieces)(REASONING_TEXT.repeat(4)) : [];
    // In the reply, the reasoning ends with its closing tag (a token of its own), if the limit leaves room for it.
    if (inReply) reasoning.push("</think>\n\n");
    const thought = reasoning.slice(0, limit);
    limit -= thought.length;
    const thoughtField = inReply ? "content" : reasoningField(flavor);
    const cut = cutIndex(parts, reply.segments);
    const filtered = has("content-filter");
    if (has("finish-length") || filtered) limit = Math.min(limit, cut);
    record.maxTokens = Number.isFinite(maxTokens) ? maxTokens : -1;
    record.reasoningTokens = thought.length;
    // An EOS token counts as one generated token even when nothing is written (transcript d3).
    const emitted = parts.slice(0, Math.min(parts.length, limit));
    const finishReason = parts.length > limit ? (filtered ? "content_filter" : "length") : "stop";
    slot.task.nRemain = Number.isFinite(maxTokens) ? maxTokens : -1;

    const id = completionId();
    const created = Math.floor(Date.now() / 1000);
    // Held (hold()): the slot stays busy, nothing sent yet, until release() or the client leaves.
    if (state.hold) await Promise.race([state.hold.opened, queuedGone]);
    /** Waits out a pause (pause()); whether the client left meanwhile. */
    const paused = async (): Promise<boolean> => {
      if (state.pause) await Promise.race([state.pause.opened, queuedGone]);
      return gone;
    };
    const t0 = performance.now();
    if (stream) {
      if (flavor === "llama-server") startSse(req, res);
      else startOllamaSse(res);
      record.status = 200;
    }
    if (opts.promptTps > 0) await processPrompt(state, (promptN / opts.promptTps) * 1000);
    const promptMs = performance.now() - t0;
    const tGen = performance.now();
    let generated = "";
    let next = tGen;
    let stallSeen = state.promptMsTotal;
    const chunk = (delta: Record<string, unknown>, finish: string | null, extra: Record<string, unknown> = {}) =>
      flavor === "llama-server"
        ? JSON.stringify({
            choices: [{ finish_reason: finish, index: 0, delta }],
            created,
            id,
            model: job.model,
            system_fingerprint: FINGERPRINT,
            object: "chat.completion.chunk",
            ...extra,
          })
        : JSON.stringify({
            id,
            object: "chat.completion.chunk",
            created,
            model: job.model,
            system_fingerprint: "fp_ollama",
            choices: [{ index: 0, delta: { role: "assistant", ...delta }, finish_reason: finish }],
            ...extra,
          });

    for (let i = 0; i < thought.length && !gone; i++) {
      if (opts.genTps > 0) {
        next += 1000 / opts.genTps;
        const wait = next - performance.now();
        if (wait >= 1) await sleep(wait);
      } else if (i % 32 === 31) {
        await yieldToLoop();
      }
      if (await paused()) break;
      slot.task.nDecoded = i + 1;
      const first =
        i === 0 && flavor === "llama-server" ? `data: ${chunk({ role: "assistant", content: null }, null)}\n\n` : "";
      if (stream) res.write(`${first}data: ${chunk({ [thoughtField]: thought[i] }, null)}\n\n`);
    }
    for (let i = 0; i < emitted.length; i++) {
      if (opts.genTps > 0) {
        const k = Math.max(1, pool.busy);
        next += (1000 / opts.genTps) * (1 + (k - 1) * (1 - opts.parallelEfficiency));
        // Prompts processed meanwhile held every slot's next token back.
        next += state.promptMsTotal - stallSeen;
        stallSeen = state.promptMsTotal;
        const wait = next - performance.now();
        if (wait >= 1) await sleep(wait);
      } else if (i % 32 === 31) {
        await yieldToLoop();
      }
      if (gone || (await paused())) break;
      const piece = emitted[i] as string;
      generated += piece;
      slot.task.nDecoded = thought.length + i + 1;
      if (stream) {
        if (i === cut && has("stall")) {
          // Keep the connection open, send nothing more.
          await new Promise<void>((resolve) => res.on("close", () => resolve()));
          break;
        }
        if (i === cut && has("truncate-stream")) {
          res.socket?.destroySoon();
          gone = true;
          break;
        }
        if (i === cut && has("stream-error")) {
          res.end(`data: ${JSON.stringify({ error: { code: 500, message: PEG_ERROR, type: "server_error" } })}\n\n`);
          break;
        }
        if (i === cut && (has("runaway") || has("babble"))) {
          const chars = has("babble") ? Infinity : RUNAWAY_CHARS;
          record.babbled = await babble(
            res,
            (text) => chunk({ content: text }, null),
            chars,
            () => gone,
          );
          if (gone) break;
        }
        if (i === cut && has("malformed-chunk")) {
          res.write(`data: ${chunk({ content: piece }, null).slice(0, 40)}\n\n`);
          continue;
        }
        // The first HTTP chunk carries the role delta and the first token together (transcript c11).
        const first =
          i === 0 && thought.length === 0 && flavor === "llama-server"
            ? `data: ${chunk({ role: "assistant", content: null }, null)}\n\n`
            : "";
        res.write(`${first}data: ${chunk({ content: piece }, null)}\n\n`);
        if (i === 0) events.emit("first-token", record);
      }
    }
    if (!gone) await paused();
    if (gone) {
      slot.task.hasNextToken = false;
      return;
    }
    if (res.writableEnded) return;
    const predictedN = Math.max(1, generated || thought.length ? slot.task.nDecoded : 1);
    const predictedMs = performance.now() - tGen;
    const tm = timings(cacheN, promptN, promptMs, predictedN, predictedMs);
    const usage = {
      completion_tokens: predictedN,
      prompt_tokens: nPrompt,
      total_tokens: nPrompt + predictedN,
      prompt_tokens_details: { cached_tokens: cacheN },
    };
    record.cachedTokens = cacheN;
    record.completionTokens = predictedN;
    record.textTokens = Math.min(predictedN, textTokens(generated, countTokens));
    stats.promptTokens += nPrompt;
    stats.cachedTokens += cacheN;
    stats.completionTokens += predictedN;
    stats.textTokens += record.textTokens;
    cachedAfter = job.prompt + generated;
    slot.task.hasNextToken = false;
    slot.task.nRemain = Number.isFinite(maxTokens) ? maxTokens - predictedN : -1;

    if (stream) {
      const includeUsage = body.stream_options?.include_usage === true;
      if (flavor === "llama-server") {
        if (emitted.length === 0 && thought.length === 0) {
          res.write(`data: ${chunk({ role: "assistant", content: null }, null)}\n\n`);
        }
        if (includeUsage) {
          res.write(`data: ${chunk({}, finishReason)}\n\n`);
          res.write(
            `data: ${JSON.stringify({ choices: [], created, id, model: job.model, system_fingerprint: FINGERPRINT, object: "chat.completion.chunk", usage, timings: tm })}\n\n`,
          );
        } else {
          res.write(`data: ${chunk({}, finishReason, { timings: tm })}\n\n`);
        }
      } else {
        res.write(`data: ${chunk({ content: "" }, finishReason)}\n\n`);
        if (includeUsage) {
          const { prompt_tokens_details: _, ...plain } = usage;
          res.write(
            `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: job.model, system_fingerprint: "fp_ollama", choices: [], usage: plain })}\n\n`,
          );
        }
      }
      res.end("data: [DONE]\n\n");
    } else {
      const message = {
        role: "assistant",
        content: inReply ? thought.join("") + generated : generated,
        ...(thought.length && !inReply ? { [reasoningField(flavor)]: thought.join("") } : {}),
      };
      const payload =
        flavor === "llama-server"
          ? {
              choices: [{ finish_reason: finishReason, index: 0, message }],
              created,
              model: job.model,
              system_fingerprint: FINGERPRINT,
              object: "chat.completion",
              usage,
              id,
              timings: tm,
            }
          : {
              id,
              object: "chat.completion",
              created,
              model: job.model,
              system_fingerprint: "fp_ollama",
              choices: [{ index: 0, message, finish_reason: finishReason }],
              usage: { completion_tokens: predictedN, prompt_tokens: nPrompt, total_tokens: nPrompt + predictedN },
            };
      if (gone) return;
      if (flavor === "llama-server") {
        sendJson(req, res, 200, payload);
      } else {
        sendOllamaJson(res, 200, payload);
      }
      record.status = 200;
    }
  } finally {
    pool.release(slot, cachedAfter);
    stats.inFlight = pool.busy;
    finish(state, record, gone);
  }
}

function finish(state: DoubleState, record: RequestRecord, aborted: boolean): void {
  record.endedAt = Date.now();
  record.aborted = aborted;
  if (aborted) {
    state.stats.aborted++;
    state.events.emit("abort", record);
  } else {
    state.stats.completed++;
  }
  state.events.emit("done", record);
  if (state.opts.verbose) {
    process.stderr.write(
      `${new Date().toISOString()} ${record.method} ${record.path} ${record.status ?? "-"}${aborted ? " (client left)" : ""} prompt=${record.promptTokens ?? "-"} cached=${record.cachedTokens ?? "-"} gen=${record.completionTokens ?? "-"} ${record.faults.length ? `faults=${record.faults.join(",")}` : ""}\n`,
    );
  }
}

function startOllamaSse(res: ServerResponse): void {
  res.sendDate = false;
  res.removeHeader("connection");
  res.writeHead(200, [
    "Content-Type",
    "text/event-stream",
    "Date",
    new Date().toUTCString(),
    "Transfer-Encoding",
    "chunked",
  ]);
}

export function sendOllamaJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.sendDate = false;
  res.removeHeader("connection");
  res.writeHead(status, [
    "Content-Type",
    "application/json; charset=utf-8",
    "Date",
    new Date().toUTCString(),
    "Content-Length",
    String(Buffer.byteLength(text)),
  ]);
  res.end(text);
}
