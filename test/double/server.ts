// The llama-server test double: a Node http server that answers like the recorded llama-server (or, with
// mode "ollama", like Ollama's OpenAI-compatible API), translates with a deterministic pseudo-translation, simulates
// speed, slots, context and prompt cache, and misbehaves on demand. It is a double: no model runs here.
import { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type ChatRequestBody, runChatJob, sendOllamaJson, validateChatBody } from "./chat";
import { handleControl, resetState, setFault, setHold, setPause, setProfile } from "./control";
import { FaultCounter, type FaultSpec, parseFaults } from "./faults";
import { type ModelProfile, parseProfile } from "./model-profile";
import { handlerError, middlewareError, notFound, preflight, readBody, sendGo, sendJson } from "./http";
import { models, props, slots } from "./info";
import { parseErrorMessage } from "./json-error";
import { loadPhrases } from "./pseudo-translate";
import { SlotPool } from "./slots";
import {
  DOUBLE_MODEL,
  type DoubleOptions,
  type DoubleState,
  type DoubleStats,
  emptyStats,
  OLLAMA_MODEL,
  type RequestRecord,
} from "./state";
import { applyTemplate, TEMPLATE_ERROR } from "./template";
import { loadGemma } from "./gemma-tokens";
import { detokenize, promptTokens, tokenize } from "./tokenizer";

export type { DoubleOptions, DoubleStats, RequestRecord } from "./state";
export { DOUBLE_MODEL } from "./state";

export interface DoubleHandle {
  /** Base URL, e.g. http://127.0.0.1:41234 (Ollama mode: the same; clients add /v1). */
  url: string;
  port: number;
  close(): Promise<void>;
  /** Server-wide fault spec (see faults.ts); null clears. */
  setFault(spec: string | null): void;
  /** Server-wide model profile (see model-profile.ts), e.g. "small;seed=3"; null: a well-behaved model. */
  setProfile(spec: string | null): void;
  /** Enter the loading phase (503 everywhere) for `ms`. */
  setLoading(ms: number): void;
  /** Every request that takes a slot from now on waits there before it answers (nothing sent), so the
   * slots stay busy until `release()`. */
  hold(): void;
  /** The held requests go on, and none is held any more. */
  release(): void;
  /** Replies under way write nothing more, their ends included, until `resume()` (the client may leave meanwhile). */
  pause(): void;
  resume(): void;
  /** Generation speed from now on, replies under way included (tokens/s per slot, 0 = instant); `reset()` goes
   * back to the speed the server started with. */
  setGenTps(tps: number): void;
  stats(): DoubleStats;
  reset(): void;
  /** "request", "slot", "first-token", "abort", "done" — each with the request's RequestRecord. */
  events: EventEmitter;
}

/** Routes that need no API key (transcripts h4, h5; OPTIONS h10). */
const PUBLIC_ROUTES = new Set(["/health", "/v1/health", "/models", "/v1/models"]);
const CHAT_ROUTES = new Set(["/v1/chat/completions", "/chat/completions"]);

function headerFaults(req: IncomingMessage): FaultSpec[] {
  const h = req.headers["x-gloss-fault"];
  return parseFaults(Array.isArray(h) ? h.join(",") : h);
}

/** A request's own model profile (`X-Gloss-Profile: small;seed=3`), if it names one. */
function headerProfile(req: IncomingMessage): ModelProfile | undefined {
  const h = req.headers["x-gloss-profile"];
  return parseProfile(Array.isArray(h) ? h[0] : h);
}

/** llama-server accepts `Authorization: Bearer <key>`, a bare `Authorization: <key>`, or `X-Api-Key` (h3, h7, h8, h12). */
function keyAccepted(req: IncomingMessage, key: string): boolean {
  const auth = req.headers.authorization;
  const xkey = req.headers["x-api-key"];
  return auth === `Bearer ${key}` || auth === key || xkey === key;
}

function parseBody(req: IncomingMessage, res: ServerResponse, text: string): ChatRequestBody | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === "object" && !Array.isArray(value)) return value as ChatRequestBody;
    handlerError(req, res, 400, "request body must be a JSON object", "invalid_request_error");
  } catch {
    handlerError(req, res, 500, parseErrorMessage(text), "server_error");
  }
  return undefined;
}

function newRecord(state: DoubleState, req: IncomingMessage, path: string, faults: FaultSpec[]): RequestRecord {
  state.stats.chatRequests++;
  for (const f of faults) state.stats.faultsApplied[f.name] = (state.stats.faultsApplied[f.name] ?? 0) + 1;
  const record: RequestRecord = {
    id: state.stats.chatRequests,
    method: req.method ?? "",
    path,
    faults: faults.map((f) => f.key),
    aborted: false,
    startedAt: Date.now(),
  };
  state.stats.log.push(record);
  if (state.stats.log.length > 500) state.stats.log.shift();
  state.events.emit("request", record);
  return record;
}

/** Faults that act before any routing: they make the server look broken, down or locked. */
function httpFault(state: DoubleState, req: IncomingMessage, res: ServerResponse, faults: FaultSpec[]): boolean {
  const has = (n: string): boolean => faults.some((f) => f.name === n);
  if (has("reset")) {
    req.socket.destroy();
    return true;
  }
  if (has("origin-403")) {
    sendGo(res, 403, "", "text/plain");
    return true;
  }
  if (has("loading")) {
    state.loadingUntil = state.now() + state.opts.loadingFaultMs;
    middlewareError(req, res, 503, "Loading model", "unavailable_error");
    return true;
  }
  if (has("unauthorized")) {
    middlewareError(req, res, 401, "Invalid API Key", "authentication_error");
    return true;
  }
  if (has("rate-limit")) {
    const error = { message: "Rate limit reached for requests", type: "requests", code: "rate_limit_exceeded" };
    sendGo(res, 429, JSON.stringify({ error }), "application/json", [["Retry-After", "1"]]);
    return true;
  }
  if (has("quota")) {
    const message = "You exceeded your current quota, please check your plan and billing details.";
    const error = { message, type: "insufficient_quota", code: "insufficient_quota" };
    sendGo(res, 429, JSON.stringify({ error }), "application/json");
    return true;
  }
  return false;
}

async function handleLlama(state: DoubleState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  const method = req.method ?? "GET";
  if (method === "OPTIONS") return preflight(req, res);
  if (state.now() < state.loadingUntil) return middlewareError(req, res, 503, "Loading model", "unavailable_error");
  if (state.opts.apiKey && !PUBLIC_ROUTES.has(path) && !keyAccepted(req, state.opts.apiKey)) {
    return middlewareError(req, res, 401, "Invalid API Key", "authentication_error");
  }
  if (method === "GET") {
    switch (path) {
      case "/health":
      case "/v1/health":
        return sendJson(req, res, 200, { status: "ok" });
      case "/props":
        return sendJson(req, res, 200, props(state));
      case "/models":
      case "/v1/models":
        return sendJson(req, res, 200, models(state));
      case "/slots":
        return sendJson(req, res, 200, slots(state));
      case "/metrics":
        return handlerError(
          req,
          res,
          501,
          "This server does not support metrics endpoint. Start it with `--metrics`",
          "not_supported_error",
        );
      default:
        return notFound(req, res);
    }
  }
  if (method !== "POST") return notFound(req, res);
  const text = await readBody(req);
  if (CHAT_ROUTES.has(path)) {
    const faults = state.counter.take([...state.serverFaults, ...headerFaults(req)]);
    const record = newRecord(state, req, path, faults);
    if (httpFault(state, req, res, faults)) {
      record.aborted = false;
      record.endedAt = Date.now();
      state.events.emit("done", record);
      return;
    }
    const body = parseBody(req, res, text);
    const checked = body && validateChatBody(req, res, body);
    if (!body || !checked) {
      record.endedAt = Date.now();
      state.events.emit("done", record);
      return;
    }
    const profile = headerProfile(req);
    return runChatJob({
      state,
      req,
      res,
      body,
      ...checked,
      faults,
      ...(profile ? { profile } : {}),
      record,
      flavor: "llama-server",
      model: state.opts.model,
    });
  }
  const body = parseBody(req, res, text);
  if (!body) return;
  const b = body as Record<string, unknown>;
  switch (path) {
    case "/tokenize": {
      const toks = tokenize(String(b.content ?? ""), b.add_special === true);
      return sendJson(req, res, 200, { tokens: b.with_pieces === true ? toks : toks.map((t) => t.id) });
    }
    case "/detokenize":
      return sendJson(req, res, 200, {
        content: detokenize(Array.isArray(b.tokens) ? b.tokens.map((t: unknown) => Number(t)) : []),
      });
    case "/apply-template": {
      const checked = validateChatBody(req, res, b as ChatRequestBody);
      if (checked) sendJson(req, res, 200, { prompt: checked.prompt });
      return;
    }
    case "/v1/chat/completions/input_tokens": {
      const msgs = Array.isArray(b.messages) ? (b.messages as { role: string; content: string }[]) : [];
      const prompt = applyTemplate(msgs);
      if (prompt === undefined) return handlerError(req, res, 400, TEMPLATE_ERROR, "invalid_request_error");
      return sendJson(req, res, 200, { input_tokens: promptTokens(prompt) + 1, object: "response.input_tokens" });
    }
    default:
      return notFound(req, res);
  }
}

/** Ollama (as of 0.x): default allowed origins are localhost-ish; extension origins need OLLAMA_ORIGINS. */
function ollamaOriginAllowed(state: DoubleState, originHeader: string | undefined): boolean {
  if (!originHeader) return true;
  const defaults = [
    "http://localhost",
    "https://localhost",
    "http://localhost:*",
    "https://localhost:*",
    "http://127.0.0.1",
    "https://127.0.0.1",
    "http://127.0.0.1:*",
    "https://127.0.0.1:*",
    "http://0.0.0.0",
    "http://0.0.0.0:*",
    "app://*",
    "file://*",
    "tauri://*",
    "vscode-webview://*",
  ];
  return [...defaults, ...state.opts.ollamaOrigins].some((pattern) => {
    if (pattern === "*") return true;
    const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    return re.test(originHeader);
  });
}

function ollamaError(res: ServerResponse, status: number, message: string, type = "api_error"): void {
  sendOllamaJson(res, status, { error: { message, type, param: null, code: null } });
}

/** A model as Ollama's /api/tags and /api/ps list it. */
function ollamaEntry(name: string): Record<string, unknown> {
  return {
    name,
    model: name,
    size: 1629518495,
    digest: "8ccf136fdd5298f3ffe2d69862750ea7fb56555fa4d5b18c04e3fa4d82ee09d7",
    details: {
      parent_model: "",
      format: "gguf",
      family: "gemma2",
      families: ["gemma2"],
      parameter_size: "2.6B",
      quantization_level: "Q4_0",
    },
  };
}

function sendOllamaList(res: ServerResponse, models: unknown[], cors: [string, string][]): void {
  sendGo(res, 200, JSON.stringify({ models }), "application/json; charset=utf-8", cors);
}

async function handleOllama(state: DoubleState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  const method = req.method ?? "GET";
  const originHeader = req.headers.origin;
  // Ollama's CORS middleware answers a disallowed origin with an empty 403, preflight or not.
  if (!ollamaOriginAllowed(state, originHeader)) return sendGo(res, 403, "", "text/plain");
  const cors: [string, string][] = originHeader
    ? [
        ["Access-Control-Allow-Origin", originHeader],
        ["Vary", "Origin"],
      ]
    : [];
  if (method === "OPTIONS") {
    return sendGo(res, 204, "", "text/plain", [
      ...cors,
      ["Access-Control-Allow-Methods", "GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS"],
      ["Access-Control-Allow-Headers", "Authorization,Content-Type,User-Agent,Accept,X-Requested-With"],
    ]);
  }
  // Ollama never answers 503 while it loads a model (the request waits); its loading phase here is its full queue,
  // which turns generation requests away (OLLAMA_MAX_QUEUE), in the words of its OpenAI layer.
  if (state.now() < state.loadingUntil && method === "POST") {
    return ollamaError(res, 503, "server busy, please try again.  maximum pending requests exceeded");
  }
  const name = state.opts.model;
  if (method === "GET" || method === "HEAD") {
    switch (path) {
      case "/":
        return sendGo(res, 200, "Ollama is running", "text/plain; charset=utf-8", cors);
      case "/api/version":
        return sendGo(res, 200, JSON.stringify({ version: "0.12.3" }), "application/json; charset=utf-8", cors);
      case "/api/tags":
        return sendOllamaList(
          res,
          [{ ...ollamaEntry(name), modified_at: new Date(state.startedAt).toISOString() }],
          cors,
        );
      case "/api/ps":
        // The loaded model and the context it runs with (Ollama 0.6 and later; -c here, like OLLAMA_CONTEXT_LENGTH).
        return sendOllamaList(
          res,
          [
            {
              ...ollamaEntry(name),
              expires_at: new Date(state.startedAt + 5 * 60_000).toISOString(),
              size_vram: 1629518495,
              context_length: state.opts.ctx,
            },
          ],
          cors,
        );
      case "/v1/models":
        return sendGo(
          res,
          200,
          JSON.stringify({
            object: "list",
            data: [{ id: name, object: "model", created: Math.floor(state.startedAt / 1000), owned_by: "library" }],
          }),
          "application/json; charset=utf-8",
          cors,
        );
      default:
        return sendGo(res, 404, "404 page not found", "text/plain", cors);
    }
  }
  if (method !== "POST" || path !== "/v1/chat/completions") {
    return sendGo(res, 404, "404 page not found", "text/plain", cors);
  }
  const text = await readBody(req);
  const faults = state.counter.take([...state.serverFaults, ...headerFaults(req)]);
  const record = newRecord(state, req, path, faults);
  const done = (): void => {
    record.endedAt = Date.now();
    state.events.emit("done", record);
  };
  if (httpFault(state, req, res, faults)) return done();
  let body: ChatRequestBody;
  try {
    body = JSON.parse(text) as ChatRequestBody;
  } catch (err) {
    ollamaError(res, 400, `invalid character: ${String(err)}`, "invalid_request_error");
    return done();
  }
  if (typeof body.model !== "string" || !body.model) {
    ollamaError(res, 400, "model is required", "invalid_request_error");
    return done();
  }
  // Ollama resolves a name before it looks it up: case aside, and "gemma3" is "gemma3:latest".
  const resolved = (m: string): string => (/:[^/]*$/.test(m) ? m : `${m}:latest`).toLowerCase();
  if (resolved(body.model) !== resolved(name)) {
    ollamaError(res, 404, `model "${body.model}" not found, try pulling it first`, "not_found_error");
    return done();
  }
  const messages = (Array.isArray(body.messages) ? body.messages : []).map(
    (m: { role?: unknown; content?: unknown }) => ({
      role: String(m.role ?? "user"),
      content: typeof m.content === "string" ? m.content : "",
    }),
  );
  // Ollama's Gemma-2 template folds a system message in too; no alternation errors here.
  const prompt = messages.map((m) => `<start_of_turn>${m.role}\n${m.content}<end_of_turn>\n`).join("");
  const profile = headerProfile(req);
  return runChatJob({
    state,
    req,
    res,
    body,
    messages,
    prompt,
    faults,
    ...(profile ? { profile } : {}),
    record,
    flavor: "ollama",
    model: name,
  });
}

export async function startDouble(options: DoubleOptions = {}): Promise<DoubleHandle> {
  const mode = options.mode ?? "llama-server";
  const now = options.clock ?? Date.now;
  const state: DoubleState = {
    opts: {
      port: options.port ?? 0,
      host: options.host ?? "127.0.0.1",
      mode,
      slots: options.slots ?? 2,
      ctx: options.ctx ?? 4096,
      apiKey: options.apiKey,
      loadingMs: options.loadingMs ?? 0,
      loadingFaultMs: options.loadingFaultMs ?? 300,
      promptTps: options.promptTps ?? 0,
      genTps: options.genTps ?? 0,
      parallelEfficiency: Math.min(1, Math.max(0, options.parallelEfficiency ?? 0.5)),
      tokenizer: options.tokenizer ?? "approx",
      sharedCompute: options.sharedCompute ?? false,
      model: options.model ?? (mode === "ollama" ? OLLAMA_MODEL : DOUBLE_MODEL),
      ollamaOrigins: options.ollamaOrigins ?? [],
      verbose: options.verbose ?? false,
    },
    pool: new SlotPool(options.slots ?? 2),
    phrases: loadPhrases(options.phrasesFile),
    serverFaults: parseFaults(options.fault),
    counter: new FaultCounter(),
    profile: parseProfile(options.profile),
    profileAttempts: new Map(),
    now,
    loadingUntil: options.loadingMs ? now() + options.loadingMs : 0,
    stats: emptyStats(),
    events: new EventEmitter(),
    taskSeq: 0,
    startedAt: Date.now(),
    promptUntil: 0,
    promptMsTotal: 0,
  };
  if (state.opts.tokenizer === "gemma") loadGemma();
  state.events.setMaxListeners(0);
  const startGenTps = state.opts.genTps;

  const server = createServer((req, res) => {
    state.stats.requests++;
    const path = (req.url ?? "").split("?")[0] ?? "";
    const handler = path.startsWith("/__double/")
      ? handleControl(state, req, res)
      : mode === "ollama"
        ? handleOllama(state, req, res)
        : handleLlama(state, req, res);
    handler.catch((err: unknown) => {
      if (!res.headersSent) handlerError(req, res, 500, String(err), "server_error");
      else res.destroy();
    });
  });
  // Like the real server: idle keep-alive connections close after 5 s.
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(state.opts.port, state.opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = state.opts.host.includes(":") ? `[${state.opts.host}]` : state.opts.host;
  return {
    url: `http://${host}:${port}`,
    port,
    events: state.events,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    setFault: (spec) => setFault(state, spec),
    setProfile: (spec) => setProfile(state, spec),
    setLoading: (ms) => {
      state.loadingUntil = state.now() + ms;
    },
    hold: () => setHold(state, true),
    release: () => setHold(state, false),
    pause: () => setPause(state, true),
    resume: () => setPause(state, false),
    setGenTps: (tps) => {
      state.opts.genTps = tps;
    },
    stats: () => state.stats,
    reset: () => {
      resetState(state);
      state.opts.genTps = startGenTps;
    },
  };
}
