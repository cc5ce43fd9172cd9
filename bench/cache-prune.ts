// Micro-benchmark (not a test): what the extension's translation cache costs a service worker's start when the
// cache is full (20,000 entries of ~3 KB), in fake-indexeddb under Node (not a browser's IndexedDB): the first write
// of a new worker life while the store is within its limits, and a write that takes it over them (pruning, with the
// least recently used ~1,000 entries dropped). Medians of the rounds. Copy this file into another checkout's bench/
// to measure that one. Run: `node scripts/run-ts.mjs bench/cache-prune.ts [--rounds N]`.
import { performance } from "node:perf_hooks";
import { IDBFactory } from "fake-indexeddb";
import { openTranslationCache } from "../src/background/translation-cache";

const ENTRIES = 20_000;
const HTML = "Übersetzter Absatz mit <a1>Verweis</a1>. ".repeat(70); // ~3 KB in UTF-8
const i = process.argv.indexOf("--rounds");
const ROUNDS = i > 0 ? Number(process.argv[i + 1]) || 5 : 5;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const key = (n: number) => n.toString(16).padStart(64, "0"); // as long as the SHA-256 keys

/** A store of ENTRIES entries, written as a worker would (in gathered transactions). */
async function fullStore(): Promise<IDBFactory> {
  const indexedDB = new IDBFactory();
  let clock = 0;
  const cache = openTranslationCache({ indexedDB, now: () => ++clock });
  for (let start = 0; start < ENTRIES; start += 1000) {
    await Promise.all(Array.from({ length: 1000 }, (_, n) => cache.put(key(start + n), HTML)));
  }
  return indexedDB;
}

/** Milliseconds of one write by a new worker life (a fresh handle on the store), with these limits. */
async function firstWrite(indexedDB: IDBFactory, maxEntries: number, n: number): Promise<number> {
  const cache = openTranslationCache({ indexedDB, limits: { maxEntries }, now: () => 1e12 + n, batchMs: 0 });
  await cache.count(); // the store open: not what is measured
  const started = performance.now();
  await cache.put(key(ENTRIES + n), HTML);
  return performance.now() - started;
}

async function main(): Promise<void> {
  const within: number[] = [];
  const over: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const indexedDB = await fullStore();
    within.push(await firstWrite(indexedDB, ENTRIES + 10, 2 * round));
    over.push(await firstWrite(indexedDB, ENTRIES, 2 * round + 1));
  }
  console.log(
    `fake-indexeddb, ${ENTRIES} entries of ~${new TextEncoder().encode(HTML).length} bytes, ${ROUNDS} rounds`,
  );
  console.log(`first write of a worker life, within the limits: ${median(within).toFixed(1)} ms (median)`);
  console.log(`first write of a worker life, over the limits (prunes): ${median(over).toFixed(1)} ms (median)`);
}

void main();
