// Pruning the translation cache: the least recently used entries past its limits dropped, its totals counted afresh.
import {
  done,
  readTotals,
  request,
  STORE,
  TOTALS_KEY,
  TOTALS_STORE,
  USE_INDEX,
  type Totals,
} from "./translation-cache-db";
import { evictions, type CacheLimits, type EntryInfo } from "../connection/translation-cache";

/** The cache's database, opened once and shared by its transactions. */
export type CacheDb = () => Promise<IDBDatabase>;

/** Every entry's key, last use and size, read from the index's keys by a cursor. */
function readEntryInfo(tx: IDBTransaction): Promise<EntryInfo[]> {
  return new Promise<EntryInfo[]>((resolve, reject) => {
    const found: EntryInfo[] = [];
    const cursorReq = tx.objectStore(STORE).index(USE_INDEX).openKeyCursor();
    cursorReq.onerror = () => reject(cursorReq.error);
    cursorReq.onsuccess = () => {
      const cursor = cursorReq.result;
      if (!cursor) return resolve(found);
      const [usedAt, bytes] = cursor.key as [number, number];
      found.push({ key: cursor.primaryKey as string, usedAt, bytes });
      cursor.continue();
    };
  });
}

/**
 * Every entry's key, last use and size, from the index's keys alone (no translation is read), with the totals as
 * they were then. Read-only: a read-write transaction would hold the page's next cache look-up until it was done.
 */
async function readSizes(db: CacheDb): Promise<{ sizes: EntryInfo[]; kept: Totals | undefined }> {
  const tx = (await db()).transaction([STORE, TOTALS_STORE], "readonly");
  const kept = request(tx.objectStore(TOTALS_STORE).get(TOTALS_KEY)).then(readTotals);
  const sizes = readEntryInfo(tx);
  return { sizes: await sizes, kept: await kept };
}

/** The entries and bytes of what stays. */
function countKept(sizes: EntryInfo[], dropped: Set<string>): Totals {
  const counted: Totals = { entries: 0, bytes: 0 };
  for (const entry of sizes) {
    if (dropped.has(entry.key)) continue;
    counted.entries++;
    counted.bytes += entry.bytes;
  }
  return counted;
}

/** Limits that hold `share` of what is stored now (less than `limits` when the disk filled up before them). */
function shareOf(sizes: EntryInfo[], limits: CacheLimits, share: number): CacheLimits {
  const bytes = sizes.reduce((sum, entry) => sum + entry.bytes, 0);
  return {
    maxEntries: Math.min(limits.maxEntries, Math.floor(sizes.length * share)),
    maxBytes: Math.min(limits.maxBytes, Math.floor(bytes * share)),
  };
}

/**
 * Drops the least recently used entries past the limits (or past `share` of what is stored, to make room on a full
 * disk), and writes the totals counted afresh, plus what writes made since the count added to them.
 */
export async function prune(db: CacheDb, limits: CacheLimits, share = 1): Promise<void> {
  const { sizes, kept } = await readSizes(db);
  const dropped = new Set(evictions(sizes, share < 1 ? shareOf(sizes, limits, share) : limits));
  const counted = countKept(sizes, dropped);
  const tx = (await db()).transaction([STORE, TOTALS_STORE], "readwrite");
  for (const key of dropped) tx.objectStore(STORE).delete(key);
  const totals = tx.objectStore(TOTALS_STORE);
  const read = totals.get(TOTALS_KEY);
  read.onsuccess = () => {
    const current = readTotals(read.result);
    const added =
      current && kept
        ? { entries: current.entries - kept.entries, bytes: current.bytes - kept.bytes }
        : { entries: 0, bytes: 0 };
    totals.put({ entries: counted.entries + added.entries, bytes: counted.bytes + added.bytes }, TOTALS_KEY);
  };
  await done(tx);
}
