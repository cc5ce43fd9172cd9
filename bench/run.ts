// Benchmark (not a test): scheduling strategies for the LLM translator against the llama-server double with
// simulated speeds. `npm run bench`. Compares one request at a time vs up to `slots` in flight, batch sizes, and
// what a constant instructions-first prompt buys through llama-server's prompt cache. Then the "small model" run
// (bench/small-model.ts): a long page through a model that slips the way small ones do.
import { existsSync, readFileSync } from "node:fs";
import { createLlmTranslator, type Transport } from "../src/llm";
import type { Segment } from "../src/shared/translator";
import { startDouble } from "../test/double/server";
import { runSmallModelBench } from "./small-model";

const SLOTS = 4;
// Scaled-up CPU-class speeds (a 2B Q4 model on a laptop CPU does ~100-300 prompt tok/s and ~15-30 gen tok/s per
// slot); faster here so the whole run stays under half a minute. Ratios are what matter.
const PROMPT_TPS = 1500;
const GEN_TPS = 300;
const PARALLEL_EFFICIENCY = 0.6;

function loadSegments(): Segment[] {
  const file = "test/fixtures/phrases.de-en.json";
  const texts: string[] = [];
  if (existsSync(file)) {
    const phrases = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
    for (const de of Object.keys(phrases)) if (de.split(/\s+/).length >= 4) texts.push(de);
  }
  const generated = [
    "Die Regierung hat heute neue Regeln für den Verkehr in der Stadt beschlossen.",
    "Viele Menschen lesen jeden Morgen die Nachrichten auf ihrem Telefon.",
    "Das Wetter wird morgen in der ganzen Region sonnig und warm.",
    "Im Kommentar schreibt er, dass er seit Jahren in Berlin wohnt.",
  ];
  for (let i = 0; texts.length < 40; i++) texts.push(generated[i % generated.length] as string);
  return texts.slice(0, 48).map((t, i) => {
    const html = t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    // Every third segment carries a link placeholder, like real pages.
    const words = html.split(" ");
    if (i % 3 === 0 && words.length > 3) words.splice(1, 2, `<a1>${words[1]} ${words[2]}</a1>`);
    return { id: `seg${i}`, html: words.join(" ") };
  });
}

interface Strategy {
  name: string;
  batchSize: number;
  maxConcurrent: number;
  /** Puts a per-request nonce before the instructions, as a prompt with variable content first would. */
  variablePrefix?: boolean;
}

const STRATEGIES: Strategy[] = [
  { name: "1 in flight, batch 8", batchSize: 8, maxConcurrent: 1 },
  { name: `${SLOTS} in flight, batch 8`, batchSize: 8, maxConcurrent: SLOTS },
  { name: `${SLOTS} in flight, batch 2`, batchSize: 2, maxConcurrent: SLOTS },
  { name: `${SLOTS} in flight, batch 16`, batchSize: 16, maxConcurrent: SLOTS },
  {
    name: `${SLOTS} in flight, batch 8, variable prefix (no cache)`,
    batchSize: 8,
    maxConcurrent: SLOTS,
    variablePrefix: true,
  },
];

function nonceTransport(): Transport {
  let n = 0;
  return (url, init) => {
    if (!url.endsWith("/chat/completions") || typeof init.body !== "string") return fetch(url, init);
    const body = JSON.parse(init.body) as { messages: { content: string }[] };
    const first = body.messages[0];
    if (first) first.content = `Request ${++n} at ${Date.now()}.\n${first.content}`;
    return fetch(url, { ...init, body: JSON.stringify(body) });
  };
}

async function run(strategy: Strategy, segments: Segment[]) {
  const double = await startDouble({
    slots: SLOTS,
    ctx: 8192,
    promptTps: PROMPT_TPS,
    genTps: GEN_TPS,
    parallelEfficiency: PARALLEL_EFFICIENCY,
  });
  try {
    const translator = createLlmTranslator(
      { preset: "llama-server", baseUrl: double.url, maxConcurrent: strategy.maxConcurrent },
      strategy.variablePrefix ? nonceTransport() : undefined,
    );
    const batches: Segment[][] = [];
    for (let i = 0; i < segments.length; i += strategy.batchSize)
      batches.push(segments.slice(i, i + strategy.batchSize));
    const t0 = performance.now();
    let first: number | undefined;
    let ok = 0;
    let failed = 0;
    await Promise.all(
      batches.map(async (batch) => {
        const signal = new AbortController().signal; // one per job, as the page engine does
        for await (const r of translator(batch, { targetLang: "en", sourceLang: "de", signal })) {
          first ??= performance.now() - t0;
          if ("error" in r) failed++;
          else ok++;
        }
      }),
    );
    const total = performance.now() - t0;
    const s = double.stats();
    return {
      strategy: strategy.name,
      "first segment (s)": ((first ?? 0) / 1000).toFixed(2),
      "total (s)": (total / 1000).toFixed(2),
      requests: s.chatRequests,
      "prompt tok": s.promptTokens,
      "cached tok": s.cachedTokens,
      "generated tok": s.completionTokens,
      "ok/failed": `${ok}/${failed}`,
    };
  } finally {
    await double.close();
  }
}

async function main(): Promise<void> {
  const segments = loadSegments();
  console.log(
    `gloss benchmark — llama-server double (no model): ${segments.length} segments, ${SLOTS} slots, ` +
      `prompt ${PROMPT_TPS} tok/s, generation ${GEN_TPS} tok/s per slot, parallel efficiency ${PARALLEL_EFFICIENCY}`,
  );
  const rows = [];
  for (const strategy of STRATEGIES) rows.push(await run(strategy, segments));
  console.table(rows);
  await runSmallModelBench();
}

void main();
