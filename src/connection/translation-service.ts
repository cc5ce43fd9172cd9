// The translator in front of the server: one LLM client per server configuration (in the extension's background it
// serves every tab, so its request limiter spans them all), with the translation cache in front. Cache hits are
// yielded first; only misses reach the server; only replies that passed validation are stored, and a reply the
// page engine later rejects is evicted. The extension and the userscript each give it their own cache and storage.
//
// Cache keys need the server's model, which only a probe tells. What a probe learned is kept in storage
// (`ServerFacts`), so a page seen before is served from the cache at once, with no request at all, even while the
// server is down. The probe that refreshes the facts runs in the background when the server is asked anyway (a
// batch with misses) and the last one is older than a minute: a server restarted with another model is found out by
// the next passage the cache lacks, and the batches after it are asked of it (a batch served whole from the cache
// sends nothing, not even that check). Nothing waits for a probe before the first request: on first contact the batch goes straight
// to the server and its replies are stored once the probe names the model (so are replies that came before a probe
// in this life confirmed the stored model: the server may have been restarted with another).
import { keysFor, lookUpThenAsk } from "./cache-first";
import { llmConfigFrom, writingConfigFrom } from "./llm-config";
import type { LlmConfig, ProbeResult, Transport } from "../llm";
import type { Settings } from "../shared/settings";
import type { Segment, SegmentResult, TranslateOptions } from "../shared/translator";
import type { TranslationRules } from "../shared/translation-rules";
import { createEngine, type Engine, type ServerStatus } from "./server-engine";
import type { TranslationCache } from "./translation-cache";

/** What a probe learned about a server configuration. */
export interface ServerFacts {
  model: string;
  contextSize?: number;
  /** The context is Gloss's guess (ProbeResult.contextAssumed): used for batches, not shown as the server's. */
  contextAssumed?: true;
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
  /** What the server said about itself (its limits, the model it runs); `wait` waits for a probe when nothing is known
   * yet (else: what is known). */
  capacity(settings: Settings, wait?: boolean): Promise<{ contextSize?: number; slots?: number; model?: string }>;
  /** Asks the server of `settings` about itself now, keeping what it said as a page's probe would: "Test connection"
   * and the model check learn through the engine, so the facts stored and those it holds agree. */
  probe(settings: Settings): Promise<ProbeResult>;
  onStatus(listener: (status: ServerStatus) => void): () => void;
  cacheSize(): Promise<number>;
  clearCache(): Promise<void>;
}

export function createTranslationService(
  factsStore: ServerFactsStore,
  cache: TranslationCache,
  /** How requests reach the server (the userscript's goes through the manager); fetch by default. */
  transport?: Transport,
): TranslationService {
  const engines = new Map<string, Engine>();
  const statusListeners = new Set<(status: ServerStatus) => void>();

  function engineFor(config: LlmConfig): Engine {
    const key = JSON.stringify(config);
    let engine = engines.get(key);
    if (engine) return engine;
    engine = createEngine(config, factsStore, transport, (status) =>
      statusListeners.forEach((listener) => listener(status)),
    );
    // Settings change rarely; keep the last few engines so in-flight work on an old one finishes normally.
    if (engines.size >= 4) engines.delete(engines.keys().next().value!);
    engines.set(key, engine);
    return engine;
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
        yield* lookUpThenAsk(cache, engine, batch, opts, context, leave);
      } finally {
        leave();
      }
    },
    async forget(settings, segment, scope, context) {
      const keys = await keysFor(cache, engineFor(llmConfigFrom(settings)), [segment], scope, context);
      if (keys?.[0]) await cache.delete(keys[0]).catch(() => undefined);
    },
    async capacity(settings, wait = false) {
      const engine = engineFor(llmConfigFrom(settings));
      const facts = await (wait ? engine.facts() : engine.known()).catch(() => undefined);
      return {
        ...(facts?.contextSize ? { contextSize: facts.contextSize } : {}),
        ...(facts?.slots ? { slots: facts.slots } : {}),
        ...(facts?.model ? { model: facts.model } : {}),
      };
    },
    probe: (settings) => engineFor(llmConfigFrom(settings)).ask(),
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    cacheSize: () => cache.count(),
    clearCache: () => cache.clear(),
  };
}
