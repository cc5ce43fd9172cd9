// What bench/cache-prune.ts measures, in whichever IndexedDB it is given (fake-indexeddb under Node, or Chromium's
// in a page): a full translation cache (ENTRIES entries of ~3 KB), then the first write of a new worker life while
// the store is within its limits, and one that takes it over them (pruning drops the least recently used ~1,000).
import { openTranslationCache } from "../src/background/translation-cache";

export const ENTRIES = 20_000;
export const HTML = "Übersetzter Absatz mit <a1>Verweis</a1>. ".repeat(70); // ~3 KB in UTF-8

export interface RoundTimes {
  /** Milliseconds of the first write of a worker life, the store within its limits. */
  within: number;
  /** Milliseconds of the first write of a worker life that takes the store over its limits (it prunes). */
  over: number;
}

const key = (n: number) => n.toString(16).padStart(64, "0"); // as long as the SHA-256 keys

/** Fills an empty store with ENTRIES entries, written as a worker would (in gathered transactions). */
async function fill(indexedDB: IDBFactory): Promise<void> {
  let clock = 0;
  const cache = openTranslationCache({ indexedDB, now: () => ++clock });
  for (let start = 0; start < ENTRIES; start += 1000) {
    await Promise.all(Array.from({ length: 1000 }, (_, n) => cache.put(key(start + n), HTML)));
  }
}

/** Milliseconds of one write by a new worker life (a fresh handle on the store), with these limits. */
async function firstWrite(indexedDB: IDBFactory, maxEntries: number, n: number): Promise<number> {
  const cache = openTranslationCache({ indexedDB, limits: { maxEntries }, now: () => 1e12 + n, batchMs: 0 });
  await cache.count(); // the store open: not what is measured
  const started = performance.now();
  await cache.put(key(ENTRIES + n), HTML);
  return performance.now() - started;
}

/** One round on an empty store. */
export async function round(indexedDB: IDBFactory): Promise<RoundTimes> {
  await fill(indexedDB);
  const within = await firstWrite(indexedDB, ENTRIES + 10, 0);
  const over = await firstWrite(indexedDB, ENTRIES, 1);
  return { within, over };
}
