// One server configuration's translator and what is known of its server: facts from storage or from a probe (which
// waits for the requests on their way), and whether a probe confirmed them a short while ago.
import { configIdOf } from "./llm-config";
import {
  createLlmTranslator,
  probeServer,
  type LlmConfig,
  type LlmTranslator,
  type ProbeResult,
  type Transport,
} from "../llm";
import type { TabState } from "../shared/messages";
import type { Translator } from "../shared/translator";
import { requestsFirst, type RequestsFirst } from "./requests-first";
import type { ServerFacts, ServerFactsStore } from "./translation-service";

export type ServerStatus = NonNullable<TabState["serverStatus"]>;

export interface Engine {
  llm: Translator;
  /** The server's address, the server part of cache keys. */
  address: string;
  /** Known facts at once when there are any, else after a probe; undefined when the server has never answered. */
  facts(): Promise<ServerFacts | undefined>;
  /** A batch is on its way to the server: probes wait until it was sent (or ended); call the result then. */
  onTheWay(): () => void;
  /** Known facts (memory or storage), without a probe. */
  known(): Promise<ServerFacts | undefined>;
  /** The model a probe found a short while ago (CHECK_MS), if one did (stored facts may name the one before). */
  confirmedModel(): string | undefined;
  /** The facts a probe found a short while ago, asking again if need be; undefined if none answered. */
  confirmed(): Promise<ServerFacts | undefined>;
  /** A probe now (or the one under way), learnt like any other, and its answer as the server gave it (its error too):
   * for "Test connection" and the model check, which show it. */
  ask(): Promise<ProbeResult>;
}

/** The longest a probe waits for a batch on its way to the server (up to its first reply) to go first. */
const PROBE_YIELD_MS = 300;

/**
 * How long a probe's answer stands for the model the server runs: the reader may restart it with another at any
 * time. A request that goes out after it asks again (a page served whole from the cache sends nothing, not even this).
 */
const CHECK_MS = 60_000;

/** How long one read of the stored facts answers for (nothing stored yet is read again after it). */
const STORED_FACTS_MS = 2_000;

/** A probe's answer, and the facts kept from it (none when no server answered). */
interface Asked {
  result: ProbeResult;
  facts: ServerFacts | undefined;
}

/** What an engine knows of its server and is doing about it, between its callers. */
interface EngineState {
  readonly config: LlmConfig;
  readonly id: string;
  readonly factsStore: ServerFactsStore;
  readonly transport: Transport | undefined;
  readonly order: RequestsFirst;
  probing?: Promise<Asked>;
  /** When a probe last answered. */
  confirmedAt?: number;
  /** Facts in memory once read or probed: every batch asks, and storage need not be read each time. */
  known?: ServerFacts;
  /** The context the server named when it refused a request as too long (servers without /props tell it no other
   * way): kept in the facts, so the pages' batches are made to fit it, until a probe finds the server changed. */
  refusedContext?: number;
  /** What the last probe in this life found the server to be (its model, the context it names): another answer is
   * another server at the address (restarted with more context, or another model), whose context is learnt anew. */
  said?: string;
  /** A probe found no server at the address (unreachable, or its model loading): the one found next was started
   * again, and may have more context than a refusal of the one before named, though it says the same. */
  lost?: boolean;
  /** A probe found no server (down, or its model loading): the next asks once a request was answered, not as each
   * one is sent meanwhile (a page's passages would cost a probe each while the model loads). */
  unanswered?: boolean;
  /** The translator, told what each probe found. */
  llm?: LlmTranslator;
  reading?: { at: number; facts: Promise<ServerFacts | undefined> };
}

export function createEngine(
  config: LlmConfig,
  factsStore: ServerFactsStore,
  transport: Transport | undefined,
  onStatus: (status: ServerStatus) => void,
): Engine {
  const state: EngineState = {
    config,
    id: configIdOf(config),
    factsStore,
    transport,
    order: requestsFirst(PROBE_YIELD_MS),
  };
  const llm = (state.llm = createLlmTranslator(config, transport, {
    onStatus: (status) => {
      if (status === "generating") answered(state);
      onStatus(status);
    },
    onRequestSent: () => {
      // The model behind the address may have changed since the facts were stored or last checked: check, now
      // that a request is out (the probe itself waits for its turn: after the first replies).
      if (!fresh(state) && !state.unanswered) void probe(state);
    },
    onContextSize: (tokens) => void keepContext(state, tokens),
    onServerGone: () => lost(state),
  }));
  return {
    address: config.baseUrl,
    llm,
    onTheWay: () => state.order.onTheWay(),
    async facts() {
      state.known ??= await stored(state);
      return state.known ?? probe(state);
    },
    async known() {
      state.known ??= await stored(state);
      // No probe from here: whoever needs the facts asks facts() next (a probe that failed before that call would
      // otherwise be made twice), and stored facts are refreshed once a request went to the server anyway.
      return state.known;
    },
    confirmedModel: () => (fresh(state) ? state.known?.model : undefined),
    async confirmed() {
      // Usually the probe started as the request went out (onRequestSent); a reply that came after its answer went
      // stale asks again (the request is out: the probe does not stand before it).
      if (!fresh(state)) await probe(state).catch(() => undefined);
      return fresh(state) ? state.known : undefined;
    },
    ask: () => ask(state).then(({ result }) => result),
  };
}

/** A probe answered a short while ago. */
const fresh = (state: EngineState): boolean => Date.now() - (state.confirmedAt ?? -Infinity) < CHECK_MS;

/** Asks the server about itself once its turn came (one probe at a time), and keeps what it said: the one place
 * facts are learnt, so what is stored is what the engine holds (a refusal's context included). */
function ask(state: EngineState): Promise<Asked> {
  state.probing ??= state.order
    .turn()
    .then(() => probeServer(state.config, state.transport))
    .then(async (result) => ({ result, facts: await learn(state, result) }));
  return state.probing;
}

/** The facts a probe finds. */
const probe = (state: EngineState): Promise<ServerFacts | undefined> => ask(state).then(({ facts }) => facts);

/** The smaller of two context sizes, either unknown. */
const smaller = (a: number | undefined, b: number | undefined): number | undefined =>
  a && b ? Math.min(a, b) : (a ?? b);

/** Keeps the context a refusal named, in memory and (where facts are known) in storage. */
async function keepContext(state: EngineState, tokens: number): Promise<void> {
  state.refusedContext = smaller(state.refusedContext, tokens);
  const read = await stored(state);
  // What is known now: a probe may have answered meanwhile, and one that found another server dropped the refusal.
  const known = (state.known ??= read);
  const contextSize = smaller(known?.contextSize, state.refusedContext);
  if (!known || known.contextSize === contextSize) return;
  state.known = { ...known, contextSize: contextSize! };
  await state.factsStore.set(state.id, state.known).catch(() => undefined);
}

/** No server answered at the address: the next found is learnt anew, and asked about itself at the next request
 * (restarted within CHECK_MS, it would otherwise be taken for the one before). */
function lost(state: EngineState): void {
  state.lost = true;
  state.confirmedAt = undefined;
}

/** A request was answered ("generating": its reply began): a server a probe found missing is back, and asked now. */
function answered(state: EngineState): void {
  if (!state.unanswered) return;
  state.unanswered = false;
  void probe(state);
}

/** Keeps what a probe found, in memory and in storage. */
async function learn(state: EngineState, result: ProbeResult): Promise<ServerFacts | undefined> {
  state.probing = undefined;
  if (!result.ok) {
    if (result.error?.kind === "unreachable" || result.error?.kind === "loading") {
      lost(state);
      state.unanswered = true;
    }
    return undefined;
  }
  state.unanswered = false;
  state.confirmedAt = Date.now();
  const said = JSON.stringify([result.model, result.contextSize]);
  const first = state.said === undefined;
  const changed = state.lost || (!first && state.said !== said);
  state.said = said;
  state.lost = false;
  const model = result.model ?? state.config.model ?? "";
  // A refusal named the context of the server that made it; this one may have more.
  if (changed) state.refusedContext = undefined;
  else if (first && !result.contextSize)
    state.refusedContext = smaller(state.refusedContext, await refusedBefore(state, model));
  const contextSize = smaller(result.contextSize ?? undefined, state.refusedContext);
  state.llm?.serverFound(contextSize, changed);
  const facts: ServerFacts = (state.known = {
    model,
    ...(contextSize ? { contextSize } : {}),
    ...(contextSize === result.contextSize && result.contextAssumed ? { contextAssumed: true as const } : {}),
    ...(result.slots ? { slots: result.slots } : {}),
  });
  await state.factsStore.set(state.id, facts).catch(() => undefined);
  return facts;
}

/** The context the stored facts name for `model`, where the first probe of this life found that model and no
 * context: a refusal in a life before named it (the server tells it no other way), and the server has not been found
 * gone since, so it is the same one. A guessed context is not carried over: the probe would have guessed again. */
async function refusedBefore(state: EngineState, model: string): Promise<number | undefined> {
  const before = state.known ?? (await stored(state));
  return before?.model === model && !before.contextAssumed ? before.contextSize : undefined;
}

/** The stored facts. One storage read serves the callers of a moment: a page's start asks for the facts (its
 * limits), and its first batch asks again right after (its cache keys); a second read would stand between the press
 * and the request. */
function stored(state: EngineState): Promise<ServerFacts | undefined> {
  if (!state.reading || Date.now() - state.reading.at > STORED_FACTS_MS)
    state.reading = { at: Date.now(), facts: state.factsStore.get(state.id).catch(() => undefined) };
  return state.reading.facts;
}
