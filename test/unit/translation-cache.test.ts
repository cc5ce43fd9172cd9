import { IDBDatabase, IDBFactory } from "fake-indexeddb";
import { cacheKey, openTranslationCache, WRITE_BATCH_MS } from "../../src/background/translation-cache";

const parts = {
  server: "http://127.0.0.1:8080",
  model: "gemma-2-2b-it",
  site: "reddit.com",
  targetLang: "en",
  promptVersion: 3,
};

describe("translation cache", () => {
  it("keys on everything that changes the output", async () => {
    const base = await cacheKey({ ...parts, html: "Hallo <a1>Welt</a1>" });
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(await cacheKey({ ...parts, html: "Hallo <a1>Welt</a1>" })).toBe(base);
    for (const change of [
      { model: "other" },
      { site: "example.com" },
      { targetLang: "fr" },
      { promptVersion: 4 },
      { server: "http://x" },
      { html: "Hallo" },
      { context: 'Selected from the sentence: "Hallo Welt, wie geht es?"' },
    ]) {
      expect(await cacheKey({ ...parts, html: "Hallo <a1>Welt</a1>", ...change })).not.toBe(base);
    }
  });

  it("stores, finds and forgets translations", async () => {
    const cache = openTranslationCache({ indexedDB: new IDBFactory() });
    await cache.put("k1", "Hello <a1>world</a1>");
    await cache.put("k2", "Good morning");
    const found = await cache.getMany(["k1", "k2", "missing"]);
    expect(Object.fromEntries(found)).toEqual({ k1: "Hello <a1>world</a1>", k2: "Good morning" });
    await cache.delete("k1");
    expect((await cache.getMany(["k1"])).size).toBe(0);
  });

  it("stays bounded, dropping the least recently used entries", async () => {
    let clock = 0;
    const cache = openTranslationCache({
      indexedDB: new IDBFactory(),
      limits: { maxEntries: 100 },
      now: () => ++clock,
      batchMs: 0, // each write awaited alone: no batch to wait for
    });
    for (let i = 0; i < 100; i++) await cache.put(`k${i}`, `v${i}`);
    await cache.getMany(["k0"]); // used recently: survives
    for (let i = 100; i < 130; i++) await cache.put(`k${i}`, `v${i}`);
    expect(await cache.count()).toBeLessThanOrEqual(100);
    const found = await cache.getMany(["k0", "k1", "k129"]);
    expect(found.has("k0")).toBe(true);
    expect(found.has("k129")).toBe(true);
    expect(found.has("k1")).toBe(false);
  });

  it("stays within its byte limit too", async () => {
    let clock = 0;
    const cache = openTranslationCache({
      indexedDB: new IDBFactory(),
      limits: { maxEntries: 100, maxBytes: 20_000 },
      now: () => ++clock,
      batchMs: 0,
    });
    for (let i = 0; i < 100; i++) await cache.put(`k${i}`, "ü".repeat(200)); // ~400 bytes each: 40 KB in all
    expect(await cache.count()).toBeLessThanOrEqual(50);
    expect((await cache.getMany(["k99"])).has("k99")).toBe(true);
  });
});

describe("translation cache over many service worker lives", () => {
  it("stays bounded when each life writes fewer entries than a pruning round", async () => {
    // The worker stops after a page or two: each life opens the store afresh and writes a few passages.
    const indexedDB = new IDBFactory();
    const limits = { maxEntries: 1000, maxBytes: 20_000 }; // a pruning round: every 10 writes
    let clock = 0;
    for (let life = 0; life < 40; life++) {
      const cache = openTranslationCache({ indexedDB, limits, now: () => ++clock, batchMs: 0 });
      for (let i = 0; i < 5; i++) await cache.put(`k${life}-${i}`, "ü".repeat(200)); // ~400 bytes each
    }
    const cache = openTranslationCache({ indexedDB, limits });
    expect(await cache.count()).toBeLessThanOrEqual(55); // 20 KB of ~400-byte entries, and the last life's writes
    expect((await cache.getMany(["k39-4"])).has("k39-4")).toBe(true);
  });
});

describe("translation cache writes", () => {
  /** Read-write transactions opened on the store from now on. */
  function countWrites(): { readonly count: number; restore(): void } {
    const spy = jest.spyOn(IDBDatabase.prototype, "transaction");
    return {
      get count() {
        return spy.mock.calls.filter(([, mode]) => mode === "readwrite").length;
      },
      restore: () => spy.mockRestore(),
    };
  }

  it("a reply's passages, written as they come, share one transaction", async () => {
    const cache = openTranslationCache({ indexedDB: new IDBFactory() });
    await cache.count(); // the store open
    const writes = countWrites();
    try {
      // As the service writes them: one after another, no one waiting for the last.
      await Promise.all(Array.from({ length: 30 }, (_, i) => cache.put(`k${i}`, `v${i}`)));
      expect(writes.count).toBe(1);
    } finally {
      writes.restore();
    }
    expect(await cache.count()).toBe(30);
  });

  it("what reads, forgets or clears right after a write sees it", async () => {
    const cache = openTranslationCache({ indexedDB: new IDBFactory() });
    void cache.put("k1", "Hello");
    expect(Object.fromEntries(await cache.getMany(["k1"]))).toEqual({ k1: "Hello" });
    void cache.put("k2", "World");
    expect(await cache.count()).toBe(2);
    void cache.put("k3", "Again");
    await cache.delete("k3");
    expect((await cache.getMany(["k3"])).size).toBe(0);
    void cache.put("k4", "Gone");
    await cache.clear();
    expect(await cache.count()).toBe(0);
  });

  it("writes what it gathered by itself, soon, with nothing else asked", async () => {
    const indexedDB = new IDBFactory();
    const cache = openTranslationCache({ indexedDB });
    const started = performance.now();
    await cache.put("k1", "Hello");
    expect(performance.now() - started).toBeLessThan(WRITE_BATCH_MS + 1_000);
    // Another life of the worker (a fresh handle on the same store) finds it.
    expect((await openTranslationCache({ indexedDB }).getMany(["k1"])).get("k1")).toBe("Hello");
  });

  it("a store that failed to open (a full disk for a moment) is opened again at its next use, not left unused", async () => {
    const indexedDB = new IDBFactory();
    const open = jest.spyOn(indexedDB, "open").mockImplementationOnce(() => {
      throw new DOMException("Internal error opening backing store for indexedDB.open.", "UnknownError");
    });
    const cache = openTranslationCache({ indexedDB, batchMs: 0 });
    await expect(cache.getMany(["k1"])).rejects.toBeTruthy();
    open.mockRestore();
    // The worker is still the same: what it translates next is kept, and found.
    await cache.put("k1", "Hello");
    expect((await cache.getMany(["k1"])).get("k1")).toBe("Hello");
  });
});
