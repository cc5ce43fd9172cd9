// Translations seen before, in IndexedDB in the extension's origin (pages cannot read it). A key covers everything
// that changes the output — server and model, target language, prompt version, the user's glossary and instructions
// and the compact source — and the site the page belongs to (see connection/translation-cache.ts). (Not the page's
// context: it only steers word choice, and keying on it would stop a site's navigation and sidebars being shared
// between its pages.) The store is bounded in entries and bytes: past either limit, the least recently used entries
// go.
//
// Writes are gathered for WRITE_BATCH_MS and go in one transaction: a page's passages arrive a few at a time, and a
// transaction for each (304 on a long thread) was most of what the cache cost the worker and the browser's storage.
// Anything that reads, deletes or clears sends what is gathered first, so it sees every write made before it.
import { createWriteBatches } from "./write-batches";
import {
  entryBytes,
  evictions,
  keyText,
  type CacheKeyParts,
  type CacheLimits,
  type EntryInfo,
  type TranslationCache,
} from "../connection/translation-cache";

export type { CacheKeyParts, TranslationCache } from "../connection/translation-cache";

interface Entry {
  key: string;
  html: string;
  usedAt: number;
  /** Entries stored before sizes were kept have none; their size is computed when needed. */
  bytes?: number;
}

const DB_NAME = "gloss-translations";
const STORE = "translations";

export const EXTENSION_CACHE_LIMITS: CacheLimits = { maxEntries: 20_000, maxBytes: 64 * 1024 * 1024 };

/**
 * How long a write waits for others to share its transaction. Short: a worker stopped (an update, the browser
 * closing) loses what waits, and the reader saw those passages translated.
 */
export const WRITE_BATCH_MS = 200;

/** SHA-256 of a text, in hex (the background always has crypto.subtle). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** SHA-256 of the key's parts. */
export const cacheKey = (parts: CacheKeyParts): Promise<string> => sha256Hex(keyText(parts));

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("transaction aborted"));
  });
}

export function openTranslationCache(
  options: { limits?: Partial<CacheLimits>; indexedDB?: IDBFactory; now?: () => number; batchMs?: number } = {},
): TranslationCache {
  const limits: CacheLimits = { ...EXTENSION_CACHE_LIMITS, ...options.limits };
  const idb = options.indexedDB ?? globalThis.indexedDB;
  const now = options.now ?? Date.now;
  const batchMs = options.batchMs ?? WRITE_BATCH_MS;
  let dbPromise: Promise<IDBDatabase> | undefined;
  const pruneEvery = Math.max(1, Math.ceil(limits.maxEntries / 100));
  // The first write of each life prunes: a service worker lives for a page or two and counted from zero each time,
  // so a count reached only after many writes was never reached and the store grew past its limits.
  let writesSincePrune = pruneEvery - 1;

  function db(): Promise<IDBDatabase> {
    dbPromise ??= new Promise((resolve, reject) => {
      const open = idb.open(DB_NAME, 1);
      open.onupgradeneeded = () => {
        const store = open.result.createObjectStore(STORE, { keyPath: "key" });
        store.createIndex("usedAt", "usedAt");
      };
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    return dbPromise;
  }

  async function prune(): Promise<void> {
    // Sizes read in a read-only transaction: a read-write one would hold the page's next cache look-up until the
    // whole store was read.
    const store = (await db()).transaction(STORE, "readonly").objectStore(STORE);
    const sizes = await new Promise<EntryInfo[]>((resolve, reject) => {
      const found: EntryInfo[] = [];
      const cursorReq = store.openCursor();
      cursorReq.onerror = () => reject(cursorReq.error);
      cursorReq.onsuccess = () => {
        const cursor = cursorReq.result;
        if (!cursor) return resolve(found);
        const entry = cursor.value as Entry;
        found.push({ key: entry.key, usedAt: entry.usedAt, bytes: entry.bytes ?? entryBytes(entry.key, entry.html) });
        cursor.continue();
      };
    });
    const dropped = evictions(sizes, limits);
    if (!dropped.length) return;
    const tx = (await db()).transaction(STORE, "readwrite");
    for (const key of dropped) tx.objectStore(STORE).delete(key);
    await done(tx);
  }

  /** Marks entries as used now, so the least recently used go first (as they are then: one may have changed). */
  async function touch(keys: string[]): Promise<void> {
    const tx = (await db()).transaction(STORE, "readwrite");
    const store = tx.objectStore(STORE);
    const stamp = now();
    for (const key of keys) {
      const read = store.get(key);
      read.onsuccess = () => {
        const entry = read.result as Entry | undefined;
        if (entry) store.put({ ...entry, usedAt: stamp });
      };
    }
    await done(tx);
  }

  /** Writes one transaction of gathered entries, then prunes when enough were written since the last time. */
  async function write(entries: Entry[]): Promise<void> {
    const tx = (await db()).transaction(STORE, "readwrite");
    const store = tx.objectStore(STORE);
    for (const entry of entries) store.put(entry);
    await done(tx);
    writesSincePrune += entries.length;
    if (writesSincePrune >= pruneEvery) {
      writesSincePrune = 0;
      await prune();
    }
  }

  const batches = createWriteBatches(write, batchMs);

  /** The store, once gathered writes have gone ahead (their transaction is made first, so IndexedDB orders them). */
  function dbAfterWrites(): Promise<IDBDatabase> {
    void batches.flush().catch(() => undefined);
    return db();
  }

  return {
    keyOf: cacheKey,
    async getMany(keys) {
      const found = new Map<string, string>();
      if (!keys.length) return found;
      // Read-only, and answered as soon as the reads are: a page's request waits for this lookup, and a read-write
      // transaction would hold it until its commit.
      const store = (await dbAfterWrites()).transaction(STORE, "readonly").objectStore(STORE);
      await Promise.all(
        keys.map(async (key) => {
          const entry = (await request(store.get(key))) as Entry | undefined;
          if (entry) found.set(key, entry.html);
        }),
      );
      if (found.size) void touch([...found.keys()]).catch(() => undefined);
      return found;
    },
    put: (key, html) => batches.add({ key, html, usedAt: now(), bytes: entryBytes(key, html) }),
    async delete(key) {
      const tx = (await dbAfterWrites()).transaction(STORE, "readwrite");
      tx.objectStore(STORE).delete(key);
      await done(tx);
    },
    async count() {
      const tx = (await dbAfterWrites()).transaction(STORE, "readonly");
      return request(tx.objectStore(STORE).count());
    },
    async clear() {
      const tx = (await dbAfterWrites()).transaction(STORE, "readwrite");
      tx.objectStore(STORE).clear();
      await done(tx);
    },
  };
}
