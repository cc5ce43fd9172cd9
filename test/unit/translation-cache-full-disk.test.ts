// The disk nearly full: the browser refuses the cache's writes (QuotaExceededError) long before the cache's own
// limits are reached. New translations must still be kept, by making room among the least recently used.
import { IDBFactory, IDBObjectStore } from "fake-indexeddb";
import { openTranslationCache } from "../../src/background/translation-cache";

const STORE = "translations";
const keys = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `k${from + i}`);

/**
 * A disk that refuses writes of translations while `full`, as a browser past its quota does: the transaction aborts
 * with a QuotaExceededError. A deletion frees room when `freedByDelete`.
 */
function fullDisk(freedByDelete: boolean) {
  const put = IDBObjectStore.prototype.put;
  const remove = IDBObjectStore.prototype.delete;
  const disk = { full: false, writes: 0 };
  const puts = jest.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (
    this: IDBObjectStore,
    ...args: Parameters<IDBObjectStore["put"]>
  ) {
    const request = put.apply(this, args);
    if (this.name === STORE && (args[0] as { usedAt?: number }).usedAt !== undefined) disk.writes++;
    if (this.name === STORE && disk.full)
      (this.transaction as unknown as { _abort(name: string): void })._abort("QuotaExceededError");
    return request;
  });
  const deletes = jest.spyOn(IDBObjectStore.prototype, "delete").mockImplementation(function (
    this: IDBObjectStore,
    ...args: Parameters<IDBObjectStore["delete"]>
  ) {
    if (this.name === STORE && freedByDelete) disk.full = false;
    return remove.apply(this, args);
  });
  return Object.assign(disk, { restore: () => (puts.mockRestore(), deletes.mockRestore()) });
}

async function cacheOf40() {
  let clock = 0;
  const now = () => ++clock;
  const cache = openTranslationCache({ indexedDB: new IDBFactory(), now: () => now(), batchMs: 0 });
  for (const key of keys(0, 40)) await cache.put(key, `Übersetzung ${key}`);
  return { cache, skip: (ms: number) => (clock += ms) };
}

describe("translation cache on a full disk", () => {
  it("makes room from the least recently used entries and keeps the new translation", async () => {
    const { cache } = await cacheOf40();
    const disk = fullDisk(true);
    try {
      disk.full = true;
      await cache.put("k40", "Neue Übersetzung");
    } finally {
      disk.restore();
    }
    const found = await cache.getMany(["k0", "k39", "k40"]);
    expect(found.get("k40")).toBe("Neue Übersetzung");
    expect(found.has("k0")).toBe(false); // the oldest went
    expect(found.has("k39")).toBe(true); // most stay
    expect(await cache.count()).toBeGreaterThanOrEqual(25);
  });

  it("where no room can be made, translations are still served and writes are not tried again at once", async () => {
    const { cache, skip } = await cacheOf40();
    const disk = fullDisk(false);
    try {
      disk.full = true;
      await cache.put("k40", "v").catch(() => undefined);
      const tried = disk.writes;
      // The page goes on: its next passages are not each written, pruned for and written again.
      for (const key of keys(41, 46)) await cache.put(key, "v").catch(() => undefined);
      expect(disk.writes).toBe(tried);
      expect((await cache.getMany(["k39"])).has("k39")).toBe(true);
      // A while later the disk has room again: writes are tried again.
      disk.full = false;
      skip(60 * 60_000);
      await cache.put("k50", "Später");
    } finally {
      disk.restore();
    }
    expect((await cache.getMany(["k50"])).get("k50")).toBe("Später");
  });

  it("after Clear saved translations, the next translation is kept at once", async () => {
    const { cache } = await cacheOf40();
    const disk = fullDisk(false);
    try {
      disk.full = true;
      await cache.put("k40", "v").catch(() => undefined);
      disk.full = false; // the reader freed the disk
      await cache.clear();
      await cache.put("k41", "Danach");
    } finally {
      disk.restore();
    }
    expect((await cache.getMany(["k41"])).get("k41")).toBe("Danach");
  });
});
