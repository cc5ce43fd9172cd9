// The translator every tab shares: one LLM client per server configuration (so its request limiter spans all tabs),
// with the translation cache in front. Cache hits are yielded first; only misses reach the server; only replies
// that passed validation are stored, and a reply the page engine later rejects is evicted.
import { createLlmTranslator, probeServer, PROMPT_VERSION } from "../llm";
import type { Settings } from "../shared/settings";
import type { Segment, SegmentResult, TranslateOptions, Translator } from "../shared/translator";
import type { TabState } from "../shared/messages";
import { llmConfigFrom } from "../connection/llm-config";
import { cacheKey, openTranslationCache, type TranslationCache } from "./translation-cache";

type ServerStatus = NonNullable<TabState["serverStatus"]>;

interface Engine {
  llm: Translator;
  /** Server + model, for cache keys; undefined while the server has not answered a probe. */
  identity(): Promise<{ server: string; model: string } | undefined>;
  /** The server's context size and slots, when known, so tabs can size their batches. */
  capacity(): Promise<{ contextSize?: number; slots?: number }>;
}

export interface TranslationService {
  translate(settings: Settings, batch: Segment[], opts: TranslateOptions): AsyncIterable<SegmentResult>;
  /** Forget a cached reply the page engine rejected. */
  forget(settings: Settings, segment: Segment, targetLang: string): Promise<void>;
  capacity(settings: Settings): Promise<{ contextSize?: number; slots?: number }>;
  onStatus(listener: (status: ServerStatus) => void): () => void;
  cacheSize(): Promise<number>;
  clearCache(): Promise<void>;
}

export function createTranslationService(cache: TranslationCache = openTranslationCache()): TranslationService {
  const engines = new Map<string, Engine>();
  const statusListeners = new Set<(status: ServerStatus) => void>();

  function engineFor(settings: Settings): Engine {
    const config = llmConfigFrom(settings);
    const id = JSON.stringify(config);
    let engine = engines.get(id);
    if (engine) return engine;
    let probe: Promise<Awaited<ReturnType<typeof probeServer>>> | undefined;
    const probeOnce = () => {
      probe ??= probeServer(config).then((result) => {
        if (!result.ok) probe = undefined; // try again next time; the server may come up
        return result;
      });
      return probe;
    };
    engine = {
      llm: createLlmTranslator(config, undefined, {
        onStatus: (status) => statusListeners.forEach((listener) => listener(status)),
      }),
      async identity() {
        const result = await probeOnce();
        if (!result.ok) return undefined;
        return { server: config.baseUrl, model: result.model ?? config.model ?? "" };
      },
      async capacity() {
        const result = await probeOnce();
        return { contextSize: result.contextSize ?? undefined, slots: result.slots ?? undefined };
      },
    };
    // Settings change rarely; keep the last few engines so in-flight work on an old one finishes normally.
    if (engines.size >= 4) engines.delete(engines.keys().next().value!);
    engines.set(id, engine);
    return engine;
  }

  async function keysFor(settings: Settings, engine: Engine, segments: Segment[], targetLang: string) {
    const identity = await engine.identity().catch(() => undefined);
    if (!identity) return undefined;
    return Promise.all(
      segments.map((segment) =>
        cacheKey({ ...identity, targetLang, promptVersion: PROMPT_VERSION, html: segment.html }),
      ),
    );
  }

  return {
    async *translate(settings, batch, opts) {
      const engine = engineFor(settings);
      const keys = await keysFor(settings, engine, batch, opts.targetLang);
      const keyById = new Map(keys ? batch.map((segment, i) => [segment.id, keys[i]!]) : []);
      const hits = keys ? await cache.getMany(keys).catch(() => new Map<string, string>()) : new Map<string, string>();
      const misses: Segment[] = [];
      for (const segment of batch) {
        const hit = hits.get(keyById.get(segment.id) ?? "");
        if (hit !== undefined) yield { id: segment.id, html: hit };
        else misses.push(segment);
      }
      if (!misses.length || opts.signal.aborted) return;
      for await (const result of engine.llm(misses, opts)) {
        const key = keyById.get(result.id);
        if (key && "html" in result) void cache.put(key, result.html).catch(() => undefined);
        yield result;
      }
    },
    async forget(settings, segment, targetLang) {
      const keys = await keysFor(settings, engineFor(settings), [segment], targetLang);
      if (keys?.[0]) await cache.delete(keys[0]).catch(() => undefined);
    },
    capacity(settings) {
      return engineFor(settings)
        .capacity()
        .catch(() => ({}));
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    cacheSize: () => cache.count(),
    clearCache: () => cache.clear(),
  };
}
