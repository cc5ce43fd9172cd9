// Options, live state and statistics of one double instance.
import type { EventEmitter } from "node:events";
import type { FaultCounter, FaultSpec } from "./faults";
import type { ModelProfile } from "./model-profile";
import type { Phrases } from "./pseudo-translate";
import type { SlotPool } from "./slots";

export interface DoubleOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** "llama-server" (default) or an Ollama-like server (`/v1` base, `/api/tags`, empty 403 for extension origins). */
  mode?: "llama-server" | "ollama";
  /** Parallel slots (llama-server -np). Default 2. */
  slots?: number;
  /** Context per slot in tokens. Default 4096. */
  ctx?: number;
  /** Like llama-server --api-key. */
  apiKey?: string;
  /** Start in the loading phase (503 everywhere) for this long. Default 0. */
  loadingMs?: number;
  /** How long the `loading` fault's loading phase lasts. Default 300 ms. */
  loadingFaultMs?: number;
  /** The clock loading phases go by (milliseconds). Default Date.now; a test moves its own on instead of waiting. */
  clock?: () => number;
  /** Server-wide fault spec, e.g. "drop-segment;once". */
  fault?: string;
  /** Server-wide model profile, e.g. "small" or "small;seed=3" (see model-profile.ts). */
  profile?: string;
  /** Simulated prompt processing speed (tokens/s); 0 = instant. Default 0. */
  promptTps?: number;
  /** Simulated generation speed per slot (tokens/s); 0 = instant. Default 0. */
  genTps?: number;
  /**
   * How well parallel slots share the machine: per-slot speed with k busy slots is genTps / (1 + (k-1)·(1-e)).
   * 1 = perfect scaling (GPU batching), 0 = no gain at all (the transcripts' CPU run is close to 0). Default 0.5.
   */
  parallelEfficiency?: number;
  /**
   * How prompts are counted and replies streamed: "approx" (default; ~4 characters a prompt token, a cheap
   * stand-in for pieces) or "gemma" (Gemma's real tokenizer: what benchmarks use; a few seconds to load).
   */
  tokenizer?: "approx" | "gemma";
  /**
   * One machine evaluates every slot: while a prompt is processed (at promptTps, one at a time) no slot generates,
   * as on llama-server, where a prompt batch and the slots' next tokens share one decode. Default false (each
   * slot on its own).
   */
  sharedCompute?: boolean;
  /** Model id / alias reported everywhere. */
  model?: string;
  /** Ollama mode: origins allowed besides localhost ones (like OLLAMA_ORIGINS; `*` wildcards). */
  ollamaOrigins?: string[];
  /** Phrase table for the pseudo-translation. Default test/fixtures/phrases.de-en.json (optional). */
  phrasesFile?: string;
  /** Log one line per request to stderr. */
  verbose?: boolean;
}

export const DOUBLE_MODEL = "gloss-double (demo translator — no model)";
export const OLLAMA_MODEL = "gemma2:2b";

export interface RequestRecord {
  id: number;
  method: string;
  path: string;
  status?: number;
  stream?: boolean;
  faults: string[];
  promptTokens?: number;
  cachedTokens?: number;
  completionTokens?: number;
  /** Of the completion tokens, those of the translated text (without segment markers, tags and the whitespace
   * between them). */
  textTokens?: number;
  maxTokens?: number;
  /** Tokens a thinking model (the reasoning faults) spent reasoning before the reply. */
  reasoningTokens?: number;
  segments?: number;
  /** The chat messages as received (role and text). */
  messages?: Array<{ role: string; content: string }>;
  /** The `model` the request named, if any. */
  model?: string;
  /** Ollama only: the prompt was longer than the context, and the server dropped its start without a word (its
   * runner keeps the end: the instructions at the top are lost). */
  promptCut?: boolean;
  /** Characters the runaway or babble fault wrote before the client left (or it was done). */
  babbled?: number;
  slot?: number;
  aborted: boolean;
  startedAt: number;
  slotAt?: number;
  endedAt?: number;
}

export interface DoubleStats {
  requests: number;
  chatRequests: number;
  completed: number;
  aborted: number;
  inFlight: number;
  maxInFlight: number;
  queued: number;
  maxQueued: number;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
  textTokens: number;
  faultsApplied: Record<string, number>;
  /** Model-profile behaviours drawn, by name. */
  profileDrawn: Record<string, number>;
  /** The last 500 chat requests, oldest first. */
  log: RequestRecord[];
}

export const emptyStats = (): DoubleStats => ({
  requests: 0,
  chatRequests: 0,
  completed: 0,
  aborted: 0,
  inFlight: 0,
  maxInFlight: 0,
  queued: 0,
  maxQueued: 0,
  promptTokens: 0,
  cachedTokens: 0,
  completionTokens: 0,
  textTokens: 0,
  faultsApplied: {},
  profileDrawn: {},
  log: [],
});

/** What requests wait on while the test holds or pauses the server: `opened` resolves once it lets them go. */
export interface Gate {
  opened: Promise<void>;
  open(): void;
}

export interface DoubleState {
  opts: Required<Omit<DoubleOptions, "apiKey" | "fault" | "phrasesFile" | "profile" | "clock">> & { apiKey?: string };
  /** What the loading phase goes by (DoubleOptions.clock). */
  now: () => number;
  pool: SlotPool;
  phrases: Phrases;
  serverFaults: FaultSpec[];
  counter: FaultCounter;
  /** The server-wide model profile (a request's X-Gloss-Profile header overrides it). */
  profile?: ModelProfile;
  /** How often each segment source was answered under a profile: its next attempt draws afresh. */
  profileAttempts: Map<string, number>;
  /** The loading phase (503) lasts while now() is before this. */
  loadingUntil: number;
  /** While set (hold()), a request that takes a slot waits here before it answers: its slot stays busy until
   * release(). */
  hold?: Gate;
  /** While set (pause()), a reply under way writes nothing more, its end included, until resume(): what the
   * server has finished stays exactly what it had finished as it paused. */
  pause?: Gate;
  stats: DoubleStats;
  /** "request" (record), "slot" (record), "first-token" (record), "abort" (record), "done" (record). */
  events: EventEmitter;
  taskSeq: number;
  startedAt: number;
  /** sharedCompute: when the prompts queued so far will have been processed (performance.now() time). */
  promptUntil: number;
  /** sharedCompute: all prompt-processing time so far; a generating slot pauses for what was added since. */
  promptMsTotal: number;
}
