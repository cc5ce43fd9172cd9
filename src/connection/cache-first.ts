// A batch through the translation cache: hits first, then one request for the misses, whose replies are kept under
// the server's model once a probe confirmed it a short while ago (the ones from before, as soon as one does). Hits
// send nothing, not even that check: a page seen before comes back with no request at all (README), and a model
// changed meanwhile is found by the next batch with misses, after which the keys name the new model.
import { PROMPT_VERSION } from "../llm";
import type { Segment, SegmentResult, TranslateOptions } from "../shared/translator";
import { rulesKey, type TranslationRules } from "../shared/translation-rules";
import type { Engine } from "./server-engine";
import type { TranslationCache } from "./translation-cache";
import type { RequestContext, ServerFacts } from "./translation-service";

/** What a key depends on besides the text: the language, the user's glossary and instructions for it, and for a
 * look-up the sentence it came from (its context). */
export interface KeyScope {
  targetLang: string;
  rules?: TranslationRules;
  lookup?: boolean;
  context?: string;
}

/** What the cache look-up found out: the key of each segment of the batch, under the model the facts named. */
interface Keyed {
  keyById: Map<string, string>;
  model: string | undefined;
}

function keysWith(
  cache: TranslationCache,
  facts: ServerFacts,
  engine: Engine,
  segments: Segment[],
  scope: KeyScope,
  site: string,
) {
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

/** The cache keys of `segments`, once the server's facts are known (a probe if need be); none for a private window. */
export async function keysFor(
  cache: TranslationCache,
  engine: Engine,
  segments: Segment[],
  scope: KeyScope,
  context: RequestContext,
) {
  if (context.incognito) return undefined; // nothing from a private window is written to disk or read back
  const facts = await engine.facts().catch(() => undefined);
  return facts ? keysWith(cache, facts, engine, segments, scope, context.site) : undefined;
}

/** Replies from before a probe in this life named the server's model, stored once it has. */
async function storeLater(
  cache: TranslationCache,
  engine: Engine,
  replies: Array<[Segment, string]>,
  scope: KeyScope,
  context: RequestContext,
): Promise<void> {
  const facts = await engine.confirmed();
  if (!facts || !replies.length) return;
  const keys = await keysWith(
    cache,
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
export async function* lookUpThenAsk(
  cache: TranslationCache,
  engine: Engine,
  batch: Segment[],
  opts: TranslateOptions,
  context: RequestContext,
  answered: () => void,
): AsyncGenerator<SegmentResult> {
  const known = context.incognito ? undefined : await engine.known().catch(() => undefined);
  const keys = known ? await keysWith(cache, known, engine, batch, opts, context.site) : undefined;
  const keyById = new Map(keys ? batch.map((segment, i) => [segment.id, keys[i]!]) : []);
  const hits = keys ? await cache.getMany(keys).catch(() => new Map<string, string>()) : new Map<string, string>();
  const misses: Segment[] = [];
  for (const segment of batch) {
    const hit = hits.get(keyById.get(segment.id) ?? "");
    if (hit !== undefined) yield { id: segment.id, html: hit };
    else misses.push(segment);
  }
  if (!misses.length || opts.signal.aborted) return;
  yield* askForMisses(cache, engine, misses, opts, context, { keyById, model: known?.model }, answered);
}

/** One request for the misses: each reply handed on, and kept now when its key's model is the confirmed one. */
async function* askForMisses(
  cache: TranslationCache,
  engine: Engine,
  misses: Segment[],
  opts: TranslateOptions,
  context: RequestContext,
  keyed: Keyed,
  answered: () => void,
): AsyncGenerator<SegmentResult> {
  const byId = new Map(misses.map((segment) => [segment.id, segment]));
  const unkeyed: Array<[Segment, string]> = [];
  // What waits for this request (a probe of the server) goes once its first reply was handed on, or when it
  // ended, or after PROBE_YIELD_MS (requestsFirst): beside it, the probe's round trips would hold its words back.
  let finished = false;
  try {
    for await (const result of engine.llm(misses, opts)) {
      const key = keyed.keyById.get(result.id);
      // A reply that missed glossary terms is used, not kept: the next visit may get them right.
      const keep = "html" in result && !result.unmet;
      // Keyed now only under the model the server was found to run: the stored facts may name the model it ran
      // before it was restarted with another, and that model's key must not hold this one's translations.
      if (key && keep && engine.confirmedModel() === keyed.model)
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
      const stored = storeLater(cache, engine, unkeyed, opts, context).catch(() => undefined);
      if (finished) await stored;
    }
  }
}
