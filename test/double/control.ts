// Test-only control endpoints under /__double/ (not part of llama-server's API, never subject to --api-key):
//   GET    /__double/stats     counters and the request log (JSON)
//   POST   /__double/fault     set the server-wide fault: {"fault":"drop-segment;once"} or the spec as plain text
//   DELETE /__double/fault     clear it
//   POST   /__double/profile   set the server-wide model profile: {"profile":"small;seed=3"} or plain text
//   DELETE /__double/profile   back to a well-behaved model
//   POST   /__double/loading   enter the loading phase: {"ms":500}
//   POST   /__double/hold      hold every request that takes a slot before it generates (its slot stays busy)
//   DELETE /__double/hold      let the held requests go, and hold no more
//   POST   /__double/pause     replies under way write nothing more (their ends included) until resumed
//   DELETE /__double/pause     let them go on
//   POST   /__double/reset     clear faults, the model profile, the hold and pause, stats, once-counters and slot caches
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseFaults } from "./faults";
import { parseProfile } from "./model-profile";
import { origin, readBody } from "./http";
import { type DoubleState, emptyStats, type Gate } from "./state";

function reply(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Access-Control-Allow-Origin": origin(req) || "*",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(text);
}

export function setFault(state: DoubleState, spec: string | null): void {
  state.serverFaults = parseFaults(spec);
  state.counter.reset();
}

export function setProfile(state: DoubleState, spec: string | null): void {
  state.profile = parseProfile(spec);
  state.profileAttempts.clear();
}

/** A gate shut until `open()`. */
function gate(): Gate {
  let open = (): void => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** Holds requests in their slots (on) or lets them go (off); see DoubleState.hold. */
export function setHold(state: DoubleState, on: boolean): void {
  if (on) state.hold ??= gate();
  else {
    state.hold?.open();
    state.hold = undefined;
  }
}

/** Stops every reply under way before its next write (on), or lets them go on (off); see DoubleState.pause. */
export function setPause(state: DoubleState, on: boolean): void {
  if (on) state.pause ??= gate();
  else {
    state.pause?.open();
    state.pause = undefined;
  }
}

export function resetState(state: DoubleState): void {
  setHold(state, false);
  setPause(state, false);
  state.serverFaults = [];
  state.profile = undefined;
  state.profileAttempts.clear();
  state.counter.reset();
  state.stats = emptyStats();
  state.loadingUntil = 0;
  state.pool.reset();
}

export async function handleControl(state: DoubleState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "").split("?")[0];
  const body = req.method === "POST" ? await readBody(req) : "";
  try {
    if (path === "/__double/stats" && req.method === "GET") return reply(req, res, 200, state.stats);
    if (path === "/__double/fault" && req.method === "DELETE") {
      setFault(state, null);
      return reply(req, res, 200, { fault: null });
    }
    if (path === "/__double/fault" && req.method === "POST") {
      let spec = body.trim();
      if (spec.startsWith("{")) spec = String((JSON.parse(spec) as { fault?: unknown }).fault ?? "");
      setFault(state, spec || null);
      return reply(req, res, 200, { fault: spec || null });
    }
    if (path === "/__double/profile" && req.method === "DELETE") {
      setProfile(state, null);
      return reply(req, res, 200, { profile: null });
    }
    if (path === "/__double/profile" && req.method === "POST") {
      let spec = body.trim();
      if (spec.startsWith("{")) spec = String((JSON.parse(spec) as { profile?: unknown }).profile ?? "");
      setProfile(state, spec || null);
      return reply(req, res, 200, { profile: spec || null });
    }
    if (path === "/__double/loading" && req.method === "POST") {
      const ms = Number((JSON.parse(body || "{}") as { ms?: unknown }).ms ?? 1000);
      state.loadingUntil = state.now() + ms;
      return reply(req, res, 200, { loadingMs: ms });
    }
    if (path === "/__double/hold" && (req.method === "POST" || req.method === "DELETE")) {
      setHold(state, req.method === "POST");
      return reply(req, res, 200, { hold: req.method === "POST" });
    }
    if (path === "/__double/pause" && (req.method === "POST" || req.method === "DELETE")) {
      setPause(state, req.method === "POST");
      return reply(req, res, 200, { pause: req.method === "POST" });
    }
    if (path === "/__double/reset" && req.method === "POST") {
      resetState(state);
      return reply(req, res, 200, { reset: true });
    }
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "Access-Control-Allow-Origin": origin(req) || "*",
        "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": "*",
      });
      return void res.end();
    }
    return reply(req, res, 404, { error: `no control endpoint ${req.method} ${path}` });
  } catch (err) {
    return reply(req, res, 400, { error: String(err) });
  }
}
