// The translator in front of the server: one LLM client per server configuration (in the extension's background it
// serves every tab, so its request limiter spans them all), with the translation cache in front. Cache hits are
// yielded first; only misses reach the server; only replies that passed validation are stored, and a reply the
// page engine later rejects is evicted. The extension and the userscript each give it their own cache and storage.
//
// Cache keys need the server's model, which only a probe tells. What a probe learned is kept in storage
// (`ServerFacts`), so a page seen before is served from the cache at once, with no request at all, even while the
// server is down. The probe that refreshes the facts runs in the background when the server is asked anyway (a
// batch with misses). Nothing waits for a probe before the first request: on first contact the batch goes straight
// to the server and its replies are stored once the probe names the model (so are replies that came before a probe
// in this life confirmed the stored model: the server may have been restarted with another).
import { configIdOf, llmConfigFrom, writingConfigFrom } from "./llm-config";
import {
  createLlmTranslator,
  probeServer,
  PROMPT_VERSION,
  type LlmConfig,
  type ProbeResult,
  type Transport,
} from "../llm";
import type { TabState } from "../shared/messages";
import type { Settings } from "../shared/settings";
import type { Segment, SegmentResult, TranslateOptions, Translator } from "../shared/translator";
import { rulesKey, type TranslationRules } from "../shared/translation-rules";
import { requestsFirst } from "./requests-first";
import type { TranslationCache } from "./translation-cache";

type ServerStatus = NonNullable<TabState["serverStatus"]>;

/** What a probe learned about a server configuration. */
export interface ServerFacts {
  model: string;
  contextSize?: number;
  slots?: number;
}

export interface ServerFactsStore {
  get(configId: string): Promise<ServerFacts | undefined>;
  set(configId: string, facts: ServerFacts): Promise<void>;
}

/** Where a request comes from: the page's site partitions the cache; private windows bypass it. */
export interface RequestContext {
  site: string;
  incognito: boolean;
}

interface Engine {
  llm: Translator;
  /** The server's address, the server part of cache keys. */
  address: string;
  /** Known facts at once when there are any, else after a probe; undefined when the server has never answered. */
  facts(): Promise<ServerFacts | undefined>;
  /** A batch is on its way to the server: probes wait until it was sent (or ended); call the result then. */
  onTheWay(): () => void;
  /** Known facts (memory or storage), without a probe. */
  known(): Promise<ServerFacts | undefined>;
  /** The model a probe found in this life, if one has answered yet (stored facts may name the one before). */
  confirmedModel(): string | undefined;
  /** The facts a probe found in this life, once the probe on its way has answered; undefined if none did. */
  confirmed(): Promise<ServerFacts | undefined>;
}

export interface TranslationService {
  translate(
    settings: Settings,
    batch: Segment[],
    opts: TranslateOptions,
    context: RequestContext,
  ): AsyncIterable<SegmentResult>;
  /** Forget a cached reply the page engine rejected (translated into `scope.targetLang` under `scope.rules`). */
  forget(
    settings: Settings,
    segment: Segment,
    scope: { targetLang: string; rules?: TranslationRules },
    context: RequestContext,
  ): Promise<void>;
  /** What the server said about itself; `wait` waits for a probe when nothing is known yet (else: what is known). */
  capacity(settings: Settings, wait?: boolean): Promise<{ contextSize?: number; slots?: number }>;
  onStatus(listener: (status: ServerStatus) => void): () => void;
  cacheSize(): Promise<number>;
  clearCache(): Promise<void>;
}

/** The longest a probe waits for a batch on its way to the server (up to its first reply) to go first. */
const PROBE_YIELD_MS = 300;

/** How long one read of the stored facts answers for (nothing stored yet is read again after it). */
const STORED_FACTS_MS = 2_000;

export function createTranslationService(
  factsStore: ServerFactsStore,
  cache: TranslationCache,
  /** How requests reach the server (the userscript's goes through the manager); fetch by default. */
  transport?: Transport,
): TranslationService {
  const engines = new Map<string, Engine>();
  const statusListeners = new Set<(status: ServerStatus) => void>();

  function engineFor(config: LlmConfig): Engine {
    const id = configIdOf(config);
    const key = JSON.stringify(config);
    let engine = engines.get(key);
    if (engine) return engine;

    let probing: Promise<ServerFacts | undefined> | undefined;
    let refreshed = false;
    /** Facts in memory once read or probed: every batch asks, and storage need not be read each time. */
    let known: ServerFacts | undefined;
    const order = requestsFirst(PROBE_YIELD_MS);
    const probe = (): Promise<ServerFacts | undefined> => {
      probing ??= order
        .turn()
        .then(() => probeServer(config, transport))
        .then(async (result: ProbeResult) => {
          probing = undefined;
          if (!result.ok) return undefined;
          refreshed = true;
          const facts: ServerFacts = (known = {
            model: result.model ?? config.model ?? "",
            ...(result.contextSize ? { contextSize: result.contextSize } : {}),
            ...(result.slots ? { slots: result.slots } : {}),
          });
          await factsStore.set(id, facts).catch(() => undefined);
          return facts;
        });
      return probing;
    };
    // One storage read serves the callers of a moment: a page's start asks for the facts (its limits), and its first
    // batch asks again right after (its cache keys); a second read would stand between the press and the request.
    let reading: { at: number; facts: Promise<ServerFacts | undefined> } | undefined;
    const stored = (): Promise<ServerFacts | undefined> => {
      if (!reading || Date.now() - reading.at > STORED_FACTS_MS)
        reading = { at: Date.now(), facts: factsStore.get(id).catch(() => undefined) };
      return reading.facts;
    };
    engine = {
      address: config.baseUrl,
      llm: createLlmTranslator(config, transport, {
        onStatus: (status) => statusListeners.forEach((listener) => listener(status)),
        onRequestSent: () => {
          // The model behind the address may have changed since the facts were stored: check once, now that a
          // request is out (the probe itself waits for its turn: after the first replies).
          if (!refreshed) void probe();
        },
      }),
      onTheWay: () => order.onTheWay(),
      async facts() {
        known ??= await stored();
        return known ?? probe();
      },
      async known() {
        known ??= await stored();
        // No probe from here: whoever needs the facts asks facts() next (a probe that failed before that call would
        // otherwise be made twice), and stored facts are refreshed once a request went to the server anyway.
        return known;
      },
      confirmedModel: () => (refreshed ? known?.model : undefined),
      async confirmed() {
        // The probe started as the request went out (onRequestSent); none is started here.
        if (!refreshed && probing) await probing.catch(() => undefined);
        return refreshed ? known : undefined;
      },
    };
    // Settings change rarely; keep the last few engines so in-flight work on an old one finishes normally.
    if (engines.size >= 4) engines.delete(engines.keys().next().value!);
    engines.set(key, engine);
    return engine;
  }

  /** What a key depends on besides the text: the language, the user's glossary and instructions for it, and for a
   * look-up the sentence it came from (its context). */
  interface KeyScope {
    targetLang: string;
    rules?: TranslationRules;
    lookup?: boolean;
    context?: string;
  }

  function keysWith(facts: ServerFacts, engine: Engine, segments: Segment[], scope: KeyScope, site: string) {
    const rules = rulesKey(scope.rules);
    return Promise.all(
      segments.map((segment) =>
        cache.keyOf({
          server: engine.address,
          model: facts.model,
          site,
          targetLang: scope.targetLang,
          promptVersion: PROMPT_VERSION,
          ...(rules ? { rules } : {}),
          html: segment.html,
          ...(scope.lookup && scope.context ? { context: scope.context } : {}),
        }),
      ),
    );
  }

  async function keysFor(engine: Engine, segments: Segment[], scope: KeyScope, context: RequestContext) {
    if (context.incognito) return undefined; // nothing from a private window is written to disk or read back
    const facts = await engine.facts().catch(() => undefined);
    return facts ? keysWith(facts, engine, segments, scope, context.site) : undefined;
  }

  /** Replies from before a probe in this life named the server's model, stored once it has. */
  async function storeLater(
    engine: Engine,
    replies: Array<[Segment, string]>,
    scope: KeyScope,
    context: RequestContext,
  ): Promise<void> {
    const facts = await engine.confirmed();
    if (!facts || !replies.length) return;
    const keys = await keysWith(
      facts,
      engine,
      replies.map(([segment]) => segment),
      scope,
      context.site,
    );
    replies.forEach(([, html], i) => void cache.put(keys[i]!, html).catch(() => undefined));
  }

  /** Cache hits first, then one request for the misses (`answered` once its first reply was handed on: probes may go
   * then). */
  async function* lookUpThenAsk(
    engine: Engine,
    batch: Segment[],
    opts: TranslateOptions,
    context: RequestContext,
    answered: () => void,
  ): AsyncGenerator<SegmentResult> {
    const known = context.incognito ? undefined : await engine.known().catch(() => undefined);
    const keys = known ? await keysWith(known, engine, batch, opts, context.site) : undefined;
    const keyById = new Map(keys ? batch.map((segment, i) => [segment.id, keys[i]!]) : []);
    const hits = keys ? await cache.getMany(keys).catch(() => new Map<string, string>()) : new Map<string, string>();
    const misses: Segment[] = [];
    for (const segment of batch) {
      const hit = hits.get(keyById.get(segment.id) ?? "");
      if (hit !== undefined) yield { id: segment.id, html: hit };
      else misses.push(segment);
    }
    if (!misses.length || opts.signal.aborted) return;
    const byId = new Map(misses.map((segment) => [segment.id, segment]));
    const unkeyed: Array<[Segment, string]> = [];
    // What waits for this request (a probe of the server) goes once its first reply was handed on, or when it
    // ended, or after PROBE_YIELD_MS (requestsFirst): beside it, the probe's round trips would hold its words back.
    let finished = false;
    try {
      for await (const result of engine.llm(misses, opts)) {
        const key = keyById.get(result.id);
        // A reply that missed glossary terms is used, not kept: the next visit may get them right.
        const keep = "html" in result && !result.unmet;
        // Keyed now only under the model the server was found to run: the stored facts may name the model it ran
        // before it was restarted with another, and that model's key must not hold this one's translations.
        if (key && keep && engine.confirmedModel() === known?.model)
          void cache.put(key, result.html).catch(() => undefined);
        else if (!context.incognito && keep) unkeyed.push([byId.get(result.id)!, result.html]);
        yield result;
        answered();
      }
      finished = true;
    } finally {
      // The probe answered long before the model finished writing: this does not hold the slot back. A page that
      // stopped reading (left, kept in the back/forward cache) still had these written: they are kept all the same,
      // or its return would ask for them again.
      if (unkeyed.length) {
        const stored = storeLater(engine, unkeyed, opts, context).catch(() => undefined);
        if (finished) await stored;
      }
    }
  }

  return {
    async *translate(settings, batch, opts, context) {
      // What the user writes goes to the writing model and is never stored: it is theirs, and never asked twice.
      if (opts.writing) {
        yield* engineFor(writingConfigFrom(settings)).llm(batch, opts);
        return;
      }
      const engine = engineFor(llmConfigFrom(settings));
      const leave = engine.onTheWay();
      try {
        yield* lookUpThenAsk(engine, batch, opts, context, leave);
      } finally {
        leave();
      }
    },
    async forget(settings, segment, scope, context) {
      const keys = await keysFor(engineFor(llmConfigFrom(settings)), [segment], scope, context);
      if (keys?.[0]) await cache.delete(keys[0]).catch(() => undefined);
    },
    async capacity(settings, wait = false) {
      const engine = engineFor(llmConfigFrom(settings));
      const facts = await (wait ? engine.facts() : engine.known()).catch(() => undefined);
      return {
        ...(facts?.contextSize ? { contextSize: facts.contextSize } : {}),
        ...(facts?.slots ? { slots: facts.slots } : {}),
      };
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    cacheSize: () => cache.count(),
    clearCache: () => cache.clear(),
  };
}
