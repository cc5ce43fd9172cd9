// The translation cache's IndexedDB database: its stores, and the upgrade from each older version of it.
//
// Version 2 lets pruning learn what it needs without reading a single translation: an index keyed by [usedAt, bytes]
// (read with a key cursor, it gives each entry's last use and size and nothing else), and the store's totals kept
// beside it, so a write learns whether the store went over its limits from one small record. Version 1 had only a
// usedAt index, and pruning read every entry's value (up to 64 MB) on each worker start that wrote.
import { entryBytes } from "../connection/translation-cache";

export const DB_NAME = "gloss-translations";
export const DB_VERSION = 2;
export const STORE = "translations";
/** Index of [usedAt, bytes]: oldest first, and each entry's size in its key. */
export const USE_INDEX = "usedAt-bytes";
export const TOTALS_STORE = "totals";
export const TOTALS_KEY = "all";

export interface Entry {
  key: string;
  html: string;
  usedAt: number;
  /** UTF-8 bytes of key and html; version 1 stored some entries without it. */
  bytes: number;
}

/**
 * Entries and bytes in the store, or more: a write adds its entries even when one replaces an entry, and a single
 * delete does not subtract (it would have to read the entry). Counting high only makes pruning look sooner, and
 * pruning counts them afresh.
 */
export interface Totals {
  entries: number;
  bytes: number;
}

/** The stored totals, or undefined when missing or not what Gloss wrote (pruning then counts them afresh). */
export function readTotals(value: unknown): Totals | undefined {
  const totals = value as Partial<Totals> | undefined;
  return typeof totals?.entries === "number" && typeof totals.bytes === "number"
    ? { entries: totals.entries, bytes: totals.bytes }
    : undefined;
}

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error("transaction aborted"));
  });
}

/**
 * Gives every entry a size and a numeric last use (so the index holds it: an entry missing either would never be
 * pruned) and writes the totals. Reads every value once, in the upgrade, as version 1's pruning did on every start.
 */
function sizeEntries(store: IDBObjectStore, totals: IDBObjectStore): void {
  const sum: Totals = { entries: 0, bytes: 0 };
  const cursorReq = store.openCursor();
  cursorReq.onsuccess = () => {
    const cursor = cursorReq.result;
    if (!cursor) {
      totals.put(sum, TOTALS_KEY);
      return;
    }
    const entry = cursor.value as Partial<Entry> & { key: string };
    const html = typeof entry.html === "string" ? entry.html : "";
    const sized = {
      ...entry,
      usedAt: typeof entry.usedAt === "number" ? entry.usedAt : 0,
      bytes: typeof entry.bytes === "number" ? entry.bytes : entryBytes(entry.key, html),
    };
    if (sized.usedAt !== entry.usedAt || sized.bytes !== entry.bytes) cursor.update(sized);
    sum.entries++;
    sum.bytes += sized.bytes;
    cursor.continue();
  };
}

/** Brings a database of `oldVersion` (0: none yet) to DB_VERSION, within the upgrade's transaction. */
function upgrade(db: IDBDatabase, tx: IDBTransaction, oldVersion: number): void {
  const store = oldVersion < 1 ? db.createObjectStore(STORE, { keyPath: "key" }) : tx.objectStore(STORE);
  if (oldVersion < 2) {
    // Version 1's index: the new one orders by last use as well, and each index costs every write.
    if (store.indexNames.contains("usedAt")) store.deleteIndex("usedAt");
    store.createIndex(USE_INDEX, ["usedAt", "bytes"]);
    sizeEntries(store, db.createObjectStore(TOTALS_STORE));
  }
}

/**
 * Opens the database, upgrading an older one. A failed upgrade leaves the old version as it was (IndexedDB undoes
 * the whole upgrade) and rejects: the cache's callers then translate without it.
 */
export function openCacheDb(idb: IDBFactory): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = idb.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = (event) => upgrade(open.result, open.transaction!, event.oldVersion);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}
