import { IDBFactory, IDBIndex, IDBObjectStore } from "fake-indexeddb";
import { openTranslationCache } from "../../src/background/translation-cache";
import { entryBytes } from "../../src/connection/translation-cache";

const DB_NAME = "gloss-translations";
const STORE = "translations";

/** A database as version 1 of Gloss left it: entries stored before sizes were kept have no `bytes`. */
async function versionOneStore(entries: { key: string; html: string; usedAt: number; sized: boolean }[]) {
  const indexedDB = new IDBFactory();
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () =>
      open.result.createObjectStore(STORE, { keyPath: "key" }).createIndex("usedAt", "usedAt");
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const tx = db.transaction(STORE, "readwrite");
  for (const { sized, ...entry } of entries) {
    tx.objectStore(STORE).put(sized ? { ...entry, bytes: entryBytes(entry.key, entry.html) } : entry);
  }
  await new Promise((resolve) => (tx.oncomplete = resolve));
  db.close();
  return indexedDB;
}

type Method = "openCursor" | "openKeyCursor" | "get" | "getAll";

/** Calls from now on of these methods of the translations' store and its indexes. */
function countCalls(methods: Method[]): { readonly count: number; restore(): void } {
  const storeOf = (target: IDBObjectStore | IDBIndex) => ("objectStore" in target ? target.objectStore : target);
  const spies = methods.flatMap((method) => [
    jest.spyOn(IDBObjectStore.prototype, method),
    jest.spyOn(IDBIndex.prototype, method),
  ]);
  return {
    get count() {
      const contexts = spies.flatMap((spy) => spy.mock.contexts as (IDBObjectStore | IDBIndex)[]);
      return contexts.filter((target) => storeOf(target).name === STORE).length;
    },
    restore: () => spies.forEach((spy) => spy.mockRestore()),
  };
}

/** Translations read from now on: value cursors, gets and getAlls (an index's keys are not translations). */
const countValueReads = () => countCalls(["openCursor", "get", "getAll"]);
/** Cursors of any kind opened from now on (what a worker start would read the store through). */
const countCursors = () => countCalls(["openCursor", "openKeyCursor"]);

const html = (i: number) => `Übersetzung ${i} mit <a1>Verweis</a1>`;
const keys = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `k${from + i}`);

/** A cache of 50 entries at most, holding 50, whose writes go at once. */
async function fullCache() {
  let clock = 0;
  const cache = openTranslationCache({
    indexedDB: new IDBFactory(),
    limits: { maxEntries: 50 },
    now: () => ++clock,
    batchMs: 0,
  });
  for (const key of keys(0, 50)) await cache.put(key, "v");
  return cache;
}

describe("translation cache pruning", () => {
  it("an older version's store upgrades with every translation kept, and pruning then drops the least recently used without reading a translation", async () => {
    // Every third entry without a size, among the oldest too.
    const indexedDB = await versionOneStore(
      Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, html: html(i), usedAt: i + 1, sized: i % 3 !== 0 })),
    );
    let clock = 1000;
    const cache = openTranslationCache({ indexedDB, limits: { maxEntries: 30 }, now: () => ++clock, batchMs: 0 });
    expect(await cache.count()).toBe(30);
    const reads = countValueReads();
    try {
      await cache.put("k30", html(30)); // 31 entries: pruned down to 28
      expect(reads.count).toBe(0);
    } finally {
      reads.restore();
    }
    expect(await cache.count()).toBe(28);
    const found = await cache.getMany(keys(0, 31));
    expect([...found.keys()].sort()).toEqual(keys(3, 31).sort()); // k0 (no size), k1 and k2 went
    expect(found.get("k3")).toBe(html(3));
  });

  it("a worker start within the limits writes without reading the store", async () => {
    const indexedDB = new IDBFactory();
    let clock = 0;
    const limits = { maxEntries: 100 };
    const first = openTranslationCache({ indexedDB, limits, now: () => ++clock });
    await Promise.all(keys(0, 90).map((key, i) => first.put(key, html(i))));
    // The worker stopped; the next one writes a page's passages.
    const next = openTranslationCache({ indexedDB, limits, now: () => ++clock });
    await next.count(); // the store open
    const cursors = countCursors();
    try {
      await Promise.all(keys(90, 95).map((key, i) => next.put(key, html(90 + i))));
      expect(cursors.count).toBe(0);
    } finally {
      cursors.restore();
    }
    expect(await next.count()).toBe(95);
  });

  it("keeps to its limits from one worker life to the next, reading no translation", async () => {
    const indexedDB = new IDBFactory();
    let clock = 0;
    const limits = { maxEntries: 200, maxBytes: 200 * 60 };
    await openTranslationCache({ indexedDB }).count(); // the store made
    const reads = countValueReads();
    try {
      for (let life = 0; life < 8; life++) {
        const cache = openTranslationCache({ indexedDB, limits, now: () => ++clock });
        await Promise.all(keys(life * 50, life * 50 + 50).map((key) => cache.put(key, "ü".repeat(25)))); // 55 bytes
      }
      expect(reads.count).toBe(0);
    } finally {
      reads.restore();
    }
    const cache = openTranslationCache({ indexedDB, limits });
    const count = await cache.count();
    expect(count).toBeLessThanOrEqual(200);
    expect(count * 55).toBeLessThanOrEqual(limits.maxBytes);
    const found = await cache.getMany(keys(0, 400));
    expect(found.has("k399")).toBe(true);
    expect(found.has("k0")).toBe(false);
  });

  it("after a clear, writing up to the limits reads nothing either", async () => {
    const cache = await fullCache();
    await cache.clear();
    const cursors = countCursors();
    try {
      for (const key of keys(50, 100)) await cache.put(key, "v");
      expect(cursors.count).toBe(0); // the cleared entries no longer count towards the limits
    } finally {
      cursors.restore();
    }
    expect(await cache.count()).toBe(50);
  });

  it("a clear while a pruning counts the entries leaves the cache to its limits afterwards", async () => {
    const cache = await fullCache();
    // "Clear saved translations" pressed just as the pruning the 51st entry starts has read the entries' sizes.
    const original = IDBIndex.prototype.openKeyCursor;
    let cleared: Promise<void> | undefined;
    const spy = jest.spyOn(IDBIndex.prototype, "openKeyCursor").mockImplementationOnce(function (
      this: IDBIndex,
      ...args: Parameters<IDBIndex["openKeyCursor"]>
    ) {
      cleared = cache.clear();
      return original.apply(this, args);
    });
    try {
      await cache.put("k50", "v");
      await cleared;
    } finally {
      spy.mockRestore();
    }
    expect(await cache.count()).toBe(0);
    // One entry past the limit is pruned (totals left below zero would let it stay).
    for (const key of keys(100, 151)) await cache.put(key, "v");
    expect(await cache.count()).toBeLessThanOrEqual(50);
  });

  it("an upgrade that fails loses nothing, and the next worker start upgrades", async () => {
    const indexedDB = await versionOneStore(
      Array.from({ length: 5 }, (_, i) => ({ key: `k${i}`, html: html(i), usedAt: i + 1, sized: i % 2 === 0 })),
    );
    const failing = jest.spyOn(IDBObjectStore.prototype, "createIndex").mockImplementation(() => {
      throw new Error("disk full");
    });
    try {
      // The service translates without the cache when it fails.
      await expect(openTranslationCache({ indexedDB }).getMany(["k0"])).rejects.toBeTruthy();
    } finally {
      failing.mockRestore();
    }
    const cache = openTranslationCache({ indexedDB });
    const found = await cache.getMany(keys(0, 5));
    expect(Object.fromEntries(found)).toEqual(Object.fromEntries(keys(0, 5).map((key, i) => [key, html(i)])));
  });
});
