// Translations seen before, in IndexedDB in the extension's origin (pages cannot read it). A key covers everything
// that changes the output — server and model, target language, prompt version, the user's glossary and instructions
// and the compact source — and the site the page belongs to (see connection/translation-cache.ts). (Not the page's
// context: it only steers word choice, and keying on it would stop a site's navigation and sidebars being shared
// between its pages.) The store is bounded in entries and bytes: past either limit, the least recently used entries
// go. Each write learns from the store's kept totals whether it went over them, so a worker start reads nothing
// more; only then does pruning read the entries' last uses and sizes, from an index's keys, never the translations
// (see translation-cache-db.ts and translation-cache-prune.ts).
//
// Writes are gathered for WRITE_BATCH_MS and go in one transaction: a page's passages arrive a few at a time, and a
// transaction for each (304 on a long thread) was most of what the cache cost the worker and the browser's storage.
// Anything that reads, deletes or clears sends what is gathered first, so it sees every write made before it.
import { createWriteBatches } from "./write-batches";
import {
  done,
  openCacheDb,
  readTotals,
  request,
  STORE,
  TOTALS_KEY,
  TOTALS_STORE,
  type Entry,
  type Totals,
} from "./translation-cache-db";
import { oneAtATime } from "../shared/one-at-a-time";
import { prune, type CacheDb } from "./translation-cache-prune";
import {
  entryBytes,
  keyText,
  type CacheKeyParts,
  type CacheLimits,
  type TranslationCache,
} from "../connection/translation-cache";

export type { CacheKeyParts, TranslationCache } from "../connection/translation-cache";

export const EXTENSION_CACHE_LIMITS: CacheLimits = { maxEntries: 20_000, maxBytes: 64 * 1024 * 1024 };

/**
 * How long a write waits for others to share its transaction. Short: a worker stopped (an update, the browser
 * closing) loses what waits, and the reader saw those passages translated.
 */
export const WRITE_BATCH_MS = 200;

/**
 * A full disk: what the least recently used entries give up to make room for a write the browser refused (its
 * quota for the extension reached before the cache's own limits), and how long writes are left out when even that
 * did not make room (each would fail the same way; the pages are translated all the same).
 */
const FULL_DISK_SHARE = 0.75;
const FULL_DISK_PAUSE_MS = 10 * 60_000;

/** SHA-256 of a text, in hex (the background always has crypto.subtle). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** SHA-256 of the key's parts. */
export const cacheKey = (parts: CacheKeyParts): Promise<string> => sha256Hex(keyText(parts));

/** What the cache's transactions share. */
interface CacheState {
  db: CacheDb;
  limits: CacheLimits;
  now(): number;
  /** The pruning under way, if any. */
  pruning?: Promise<void> | undefined;
  /** The room being made on a full disk, if any: writes refused at once share it. */
  makingRoom?: Promise<void> | undefined;
  /** Until when writes are left out: the disk was full even after room was made. */
  fullUntil: number;
  /**
   * Runs a pruning or a clear once those before it are done: a clear between a pruning's count and its write of the
   * totals left them below zero, and the cache then grew past its limits until the next pruning.
   */
  inTurn: <T>(job: () => Promise<T>) => Promise<T>;
}

/** One pruning at a time: a second would count the entries the first is dropping. */
function pruneOnce(state: CacheState): Promise<void> {
  state.pruning ??= state.inTurn(() => prune(state.db, state.limits)).finally(() => (state.pruning = undefined));
  return state.pruning;
}

/** Empties the store and zeroes its totals. */
async function clearAll(db: IDBDatabase): Promise<void> {
  const tx = db.transaction([STORE, TOTALS_STORE], "readwrite");
  tx.objectStore(STORE).clear();
  tx.objectStore(TOTALS_STORE).put({ entries: 0, bytes: 0 } satisfies Totals, TOTALS_KEY);
  await done(tx);
}

/** Marks entries as used now, so the least recently used go first (as they are then: one may have changed). */
async function touch(state: CacheState, keys: string[]): Promise<void> {
  const tx = (await state.db()).transaction(STORE, "readwrite");
  const store = tx.objectStore(STORE);
  const stamp = state.now();
  for (const key of keys) {
    const read = store.get(key);
    read.onsuccess = () => {
      const entry = read.result as Entry | undefined;
      if (entry) store.put({ ...entry, usedAt: stamp });
    };
  }
  await done(tx);
}

const refusedForSpace = (error: unknown): boolean => (error as Error | null)?.name === "QuotaExceededError";

/**
 * Writes gathered entries. A write the disk refused (no pruning had run: the cache was within its limits) makes room
 * among the least recently used entries and is tried once more; refused again, writes are left out for a while.
 */
async function write(state: CacheState, entries: Entry[]): Promise<void> {
  if (state.now() < state.fullUntil) return;
  try {
    await writeOnce(state, entries);
  } catch (error) {
    if (!refusedForSpace(error)) throw error;
    state.makingRoom ??= state
      .inTurn(() => prune(state.db, state.limits, FULL_DISK_SHARE))
      .finally(() => (state.makingRoom = undefined));
    await state.makingRoom.catch(() => undefined);
    await writeOnce(state, entries).catch((again: unknown) => {
      if (refusedForSpace(again)) state.fullUntil = state.now() + FULL_DISK_PAUSE_MS;
      throw again;
    });
  }
}

/** Writes one transaction of gathered entries, adding them to the totals; prunes once those are over the limits. */
async function writeOnce(state: CacheState, entries: Entry[]): Promise<void> {
  const tx = (await state.db()).transaction([STORE, TOTALS_STORE], "readwrite");
  const store = tx.objectStore(STORE);
  const totals = tx.objectStore(TOTALS_STORE);
  let after: Totals | undefined;
  const read = totals.get(TOTALS_KEY);
  read.onsuccess = () => {
    const before = readTotals(read.result);
    if (!before) return; // unknown: pruning counts them afresh
    after = entries.reduce((sum, e) => ({ entries: sum.entries + 1, bytes: sum.bytes + e.bytes }), before);
    totals.put(after, TOTALS_KEY);
  };
  for (const entry of entries) store.put(entry);
  await done(tx);
  const { maxEntries, maxBytes } = state.limits;
  if (!after || after.entries > maxEntries || after.bytes > maxBytes) await pruneOnce(state);
}

/** The translations found for `keys`, marked as used now. */
async function getMany(state: CacheState, db: IDBDatabase, keys: string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  // Read-only, and answered as soon as the reads are: a page's request waits for this lookup, and a read-write
  // transaction would hold it until its commit.
  const store = db.transaction(STORE, "readonly").objectStore(STORE);
  await Promise.all(
    keys.map(async (key) => {
      const entry = (await request(store.get(key))) as Entry | undefined;
      if (entry) found.set(key, entry.html);
    }),
  );
  if (found.size) void touch(state, [...found.keys()]).catch(() => undefined);
  return found;
}

export function openTranslationCache(
  options: { limits?: Partial<CacheLimits>; indexedDB?: IDBFactory; now?: () => number; batchMs?: number } = {},
): TranslationCache {
  const idb = options.indexedDB ?? globalThis.indexedDB;
  let dbPromise: Promise<IDBDatabase> | undefined;
  const state: CacheState = {
    // A failed open is not kept: a passing failure (a full disk, a store locked a moment) would leave the cache
    // unused, nothing saved or found, for as long as the worker lives. The next use tries again.
    db: () =>
      (dbPromise ??= openCacheDb(idb).catch((error: unknown) => {
        dbPromise = undefined;
        throw error;
      })),
    limits: { ...EXTENSION_CACHE_LIMITS, ...options.limits },
    now: options.now ?? Date.now,
    inTurn: oneAtATime(),
    fullUntil: 0,
  };
  const batches = createWriteBatches((entries: Entry[]) => write(state, entries), options.batchMs ?? WRITE_BATCH_MS);

  /** The store, once gathered writes have gone ahead (their transaction is made first, so IndexedDB orders them). */
  function dbAfterWrites(): Promise<IDBDatabase> {
    void batches.flush().catch(() => undefined);
    return state.db();
  }

  return {
    keyOf: cacheKey,
    async getMany(keys) {
      if (!keys.length) return new Map<string, string>();
      return getMany(state, await dbAfterWrites(), keys);
    },
    put: (key, html) => batches.add({ key, html, usedAt: state.now(), bytes: entryBytes(key, html) }),
    async delete(key) {
      const tx = (await dbAfterWrites()).transaction(STORE, "readwrite");
      tx.objectStore(STORE).delete(key);
      await done(tx);
    },
    async count() {
      const tx = (await dbAfterWrites()).transaction(STORE, "readonly");
      return request(tx.objectStore(STORE).count());
    },
    clear() {
      // Writes gathered before the clear go ahead now (and are cleared), whatever it waits for.
      void batches.flush().catch(() => undefined);
      state.fullUntil = 0; // the room it makes is for new translations
      return state.inTurn(async () => clearAll(await state.db()));
    },
  };
}
