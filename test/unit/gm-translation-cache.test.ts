// The userscript's translation cache in the manager's storage: per site, bounded in entries and bytes, written once
// after a burst of work, sharing the storage with other tabs; and with the translation service, a page seen before
// costs no request at all.
import { createServerFactsStore } from "../../src/connection/server-facts";
import { createTranslationService } from "../../src/connection/translation-service";
import { entryBytes, type CacheKeyParts } from "../../src/connection/translation-cache";
import { readSettings } from "../../src/shared/settings";
import type { Segment, SegmentResult } from "../../src/shared/translator";
import { openGmTranslationCache } from "../../src/userscript/gm-translation-cache";
import { userscriptFactsStorage } from "../../src/userscript/server-facts-storage";
import { startDouble, type DoubleHandle } from "../double/server";
import { memoryGmValues } from "../helpers/gm-values";
import { holdTimers } from "../helpers/held-timers";

const parts: CacheKeyParts = {
  server: "http://127.0.0.1:8080",
  model: "gemma-2-2b-it",
  site: "reddit.com",
  targetLang: "en",
  promptVersion: 1,
  html: "Hallo <a1>Welt</a1>",
};

describe("keys", () => {
  it("cover everything that changes the output, without crypto.subtle (missing on http pages)", async () => {
    const cache = openGmTranslationCache(memoryGmValues(), "reddit.com");
    const base = await cache.keyOf(parts);
    expect(base).toMatch(/^[0-9a-f]{28}$/);
    expect(await cache.keyOf({ ...parts })).toBe(base);
    for (const change of [
      { model: "other" },
      { site: "example.com" },
      { targetLang: "fr" },
      { promptVersion: 2 },
      { server: "http://x" },
      { html: "Hallo Welt" },
    ]) {
      expect(await cache.keyOf({ ...parts, ...change })).not.toBe(base);
    }
  });
});

describe("the userscript's translation cache", () => {
  it("asks for the page's site only when it is first used, once, and keeps that site's value apart", async () => {
    const gm = memoryGmValues();
    const asked: string[] = [];
    const cache = openGmTranslationCache(gm, () => {
      asked.push("reddit.com");
      return "reddit.com";
    });
    // Opening it on every page load costs no look-up in the public-suffix list.
    expect(asked).toEqual([]);
    await cache.put("k1", "Hello");
    await cache.flush();
    expect(await cache.count()).toBe(1);
    expect(asked).toEqual(["reddit.com"]);
    expect([...gm.values.keys()].sort()).toEqual(["cache-index", "cache:reddit.com"]);
    expect((await openGmTranslationCache(gm, "reddit.com").getMany(["k1"])).get("k1")).toBe("Hello");
  });

  it("keeps translations across page loads, one stored value per site", async () => {
    const gm = memoryGmValues();
    const first = openGmTranslationCache(gm, "reddit.com");
    await first.put("k1", "Hello <a1>world</a1>");
    await first.put("k2", "Good morning");
    await first.flush();
    expect([...gm.values.keys()].sort()).toEqual(["cache-index", "cache:reddit.com"]);

    const reloaded = openGmTranslationCache(gm, "reddit.com");
    expect(Object.fromEntries(await reloaded.getMany(["k1", "k2", "k3"]))).toEqual({
      k1: "Hello <a1>world</a1>",
      k2: "Good morning",
    });
    // Another site reads its own value only.
    expect((await openGmTranslationCache(gm, "spiegel.de").getMany(["k1"])).size).toBe(0);

    await reloaded.delete("k1");
    await reloaded.flush();
    expect((await openGmTranslationCache(gm, "reddit.com").getMany(["k1", "k2"])).size).toBe(1);
  });

  it("writes once after a burst of translations, not once per translation", async () => {
    // The write's delay on a clock of the test's own: on the wall clock a loaded machine could leave 20 ms between two
    // translations of the burst, and a write would come in the middle of it.
    holdTimers();
    try {
      const gm = memoryGmValues();
      const cache = openGmTranslationCache(gm, "reddit.com", { flushDelayMs: 20 });
      for (let i = 0; i < 50; i++) await cache.put(`k${i}`, `v${i}`);
      expect(gm.writes.get("cache:reddit.com")).toBeUndefined();
      await jest.advanceTimersByTimeAsync(20);
      expect(gm.writes.get("cache:reddit.com")).toBe(1);
      await cache.flush();
      expect(gm.writes.get("cache:reddit.com")).toBe(1);
      // Reading what is there changes nothing (a hit within the hour is not worth a rewrite).
      await cache.getMany(["k1", "k2"]);
      await cache.flush();
      expect(gm.writes.get("cache:reddit.com")).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it("keeps what a failed write did not save, tries again by itself, and says so once writes keep failing", async () => {
    holdTimers();
    const gm = memoryGmValues();
    const setValue = gm.setValue;
    let refusing = true;
    const tries: string[] = [];
    gm.setValue = async (key, value) => {
      tries.push(key);
      if (refusing) throw new Error("QuotaExceededError");
      return setValue(key, value);
    };
    const told: unknown[] = [];
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const cache = openGmTranslationCache(gm, "reddit.com", {
        flushDelayMs: 20,
        onWritesFailing: (error) => told.push(error),
      });
      await cache.put("k1", "Hello");
      await cache.put("k2", "Good morning");
      await jest.advanceTimersByTimeAsync(20);
      expect(tries).toHaveLength(1);
      // A passing hiccup is not worth a notification: tried again a while later, with nothing new to write.
      expect(told).toEqual([]);
      await jest.advanceTimersByTimeAsync(40);
      expect(tries).toHaveLength(2);
      expect(told).toEqual([]);
      await jest.advanceTimersByTimeAsync(80);
      expect(tries).toHaveLength(3);
      expect(told).toHaveLength(1);
      // Told once; no more tries of its own until something changes.
      await jest.advanceTimersByTimeAsync(10_000);
      expect(tries).toHaveLength(3);
      await cache.flush();
      expect(told).toHaveLength(1);
      refusing = false;
      await cache.put("k3", "Bye");
      await jest.advanceTimersByTimeAsync(20);
      const reloaded = openGmTranslationCache(gm, "reddit.com");
      expect(Object.fromEntries(await reloaded.getMany(["k1", "k2", "k3"]))).toEqual({
        k1: "Hello",
        k2: "Good morning",
        k3: "Bye",
      });
    } finally {
      warn.mockRestore();
      jest.useRealTimers();
    }
  });

  it("counts what the manager stored, and apart from it what this page could not store", async () => {
    const gm = memoryGmValues();
    const cache = openGmTranslationCache(gm, "reddit.com");
    await cache.put("k1", "Hello");
    await cache.flush();
    const setValue = gm.setValue;
    gm.setValue = async () => Promise.reject(new Error("QuotaExceededError"));
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await cache.put("k2", "Good morning");
      await cache.put("k1", "Hello again");
      await cache.flush();
      // k2 is only in this page's copy: not saved, whatever the page shows of it.
      expect(await cache.count()).toBe(1);
      expect(await cache.tally()).toEqual({ saved: 1, unsaved: 1 });
      gm.setValue = setValue;
      await cache.flush();
      expect(await cache.tally()).toEqual({ saved: 2, unsaved: 0 });
    } finally {
      warn.mockRestore();
    }
  });

  it("an index it cannot read is not written over with this site alone: the other sites stay counted", async () => {
    const gm = memoryGmValues();
    const other = openGmTranslationCache(gm, "spiegel.de");
    await other.put("s1", "The weather");
    await other.flush();
    const getValue = gm.getValue;
    let unreadable = true;
    gm.getValue = async <T>(key: string, fallback: T) => {
      if (key === "cache-index" && unreadable) throw new Error("storage busy");
      return getValue(key, fallback);
    };
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      const cache = openGmTranslationCache(gm, "reddit.com");
      await cache.put("r1", "Hello");
      await cache.flush();
      unreadable = false;
      await cache.flush();
      expect(await cache.count()).toBe(2);
      expect(Object.fromEntries(await openGmTranslationCache(gm, "reddit.com").getMany(["r1"]))).toEqual({
        r1: "Hello",
      });
    } finally {
      warn.mockRestore();
    }
  });

  it("a failed write gives back its changes under those made meanwhile", async () => {
    const gm = memoryGmValues();
    const cache = openGmTranslationCache(gm, "reddit.com");
    await cache.put("k1", "Hello");
    await cache.put("k2", "Bye");
    await cache.flush();
    const setValue = gm.setValue;
    let release: () => void = () => undefined;
    gm.setValue = () => new Promise((_resolve, reject) => (release = () => reject(new Error("refused"))));
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await cache.put("k3", "Morning");
      await cache.delete("k2");
      const failing = cache.flush();
      // Meanwhile the reader's page drops k3 (rejected by the page engine) and puts k2 back.
      await new Promise((resolve) => setTimeout(resolve, 0));
      await cache.delete("k3");
      await cache.put("k2", "Bye again");
      release();
      await failing;
      gm.setValue = setValue;
      await cache.flush();
      const reloaded = openGmTranslationCache(gm, "reddit.com");
      expect(Object.fromEntries(await reloaded.getMany(["k1", "k2", "k3"]))).toEqual({ k1: "Hello", k2: "Bye again" });
    } finally {
      warn.mockRestore();
    }
  });

  it("keeps what another tab of the site saved meanwhile", async () => {
    const gm = memoryGmValues();
    const tabA = openGmTranslationCache(gm, "reddit.com");
    const tabB = openGmTranslationCache(gm, "reddit.com");
    await tabA.getMany(["x"]); // both have read the (empty) site value
    await tabB.getMany(["x"]);
    await tabA.put("a", "from A");
    await tabA.flush();
    await tabB.put("b", "from B");
    await tabB.flush();
    const found = await openGmTranslationCache(gm, "reddit.com").getMany(["a", "b"]);
    expect(Object.fromEntries(found)).toEqual({ a: "from A", b: "from B" });
  });

  it("stays within its entry limit: the least recently used site goes first, then this site's oldest entries", async () => {
    let clock = 0;
    const gm = memoryGmValues();
    const limits = { maxEntries: 100, maxBytes: 1_000_000 };
    const open = (site: string) => openGmTranslationCache(gm, site, { limits, now: () => (clock += 1000) });
    for (const site of ["old.example", "spiegel.de"]) {
      const cache = open(site);
      for (let i = 0; i < 40; i++) await cache.put(`${site}-${i}`, "x".repeat(20));
      await cache.flush();
    }
    const reddit = open("reddit.com");
    for (let i = 0; i < 40; i++) await reddit.put(`r${i}`, "x".repeat(20));
    await reddit.flush();
    // 120 entries: the least recently used site is dropped whole.
    expect(gm.values.has("cache:old.example")).toBe(false);
    expect(gm.values.has("cache:spiegel.de")).toBe(true);
    expect(await reddit.count()).toBe(80);

    // One site alone over the limit: its least recently used entries go.
    for (let i = 40; i < 130; i++) await reddit.put(`r${i}`, "x".repeat(20));
    await reddit.flush();
    expect(gm.values.has("cache:spiegel.de")).toBe(false);
    expect(await reddit.count()).toBeLessThanOrEqual(100);
    const found = await open("reddit.com").getMany(["r0", "r129"]);
    expect(found.has("r129")).toBe(true);
    expect(found.has("r0")).toBe(false);
  });

  it("stays within its byte limit", async () => {
    const gm = memoryGmValues();
    const cache = openGmTranslationCache(gm, "reddit.com", { limits: { maxEntries: 1000, maxBytes: 10_000 } });
    for (let i = 0; i < 40; i++) await cache.put(`k${i}`, "ü".repeat(200)); // 400 bytes each in UTF-8
    await cache.flush();
    const kept = await openGmTranslationCache(gm, "reddit.com").getMany(Array.from({ length: 40 }, (_, i) => `k${i}`));
    const bytes = [...kept].reduce((sum, [key, html]) => sum + entryBytes(key, html), 0);
    expect(bytes).toBeLessThanOrEqual(10_000);
    expect(kept.size).toBeGreaterThan(0);
    expect(kept.has("k39")).toBe(true);
  });

  it("clears every site", async () => {
    const gm = memoryGmValues({ settings: "{}" });
    for (const site of ["reddit.com", "spiegel.de"]) {
      const cache = openGmTranslationCache(gm, site);
      await cache.put("k", "v");
      await cache.flush();
    }
    await openGmTranslationCache(gm, "reddit.com").clear();
    expect([...gm.values.keys()]).toEqual(["settings"]);
  });

  it("a save under way as the reader clears this tab's saved translations does not bring them back", async () => {
    const gm = memoryGmValues();
    // The manager answers slowly: the save is between reading what is stored and writing it when Clear is pressed.
    const setValue = gm.setValue;
    let slow: (() => void) | undefined;
    gm.setValue = async (key, value) => {
      if (key.startsWith("cache:")) await new Promise<void>((resolve) => (slow = resolve));
      await setValue(key, value);
    };
    const cache = openGmTranslationCache(gm, "reddit.com");
    await cache.put("k", "saved before the clear");
    const saving = cache.flush();
    while (!slow) await new Promise((resolve) => setTimeout(resolve, 0));
    const clearing = cache.clear();
    slow();
    await Promise.all([saving, clearing]);
    expect([...gm.values.keys()]).toEqual([]);
    expect(await openGmTranslationCache(gm, "reddit.com").count()).toBe(0);
  });

  it("does not bring back what was cleared in another tab when a page open before it saves", async () => {
    const gm = memoryGmValues();
    let clock = 0;
    const now = () => clock;
    const earlier = openGmTranslationCache(gm, "reddit.com", { now });
    await earlier.put("old1", "first visit");
    await earlier.put("old2", "first visit");
    await earlier.flush();
    // A day later a tab open on the site has read its saved translations (marking them used); the reader clears
    // them in another tab's settings.
    clock += 24 * 60 * 60 * 1000;
    const open = openGmTranslationCache(gm, "reddit.com", { now });
    expect((await open.getMany(["old1", "old2"])).size).toBe(2);
    await openGmTranslationCache(gm, "spiegel.de").clear();
    // The open tab translates something new and saves it.
    await open.put("new", "after clearing");
    await open.flush();
    const later = openGmTranslationCache(gm, "reddit.com");
    expect(Object.fromEntries(await later.getMany(["old1", "old2", "new"]))).toEqual({ new: "after clearing" });
    expect(await later.count()).toBe(1);
  });
});

describe("with the translation service", () => {
  let double: DoubleHandle;
  beforeAll(async () => {
    double = await startDouble({ port: 0 });
  });
  afterAll(() => double.close());

  const segments: Segment[] = [
    { id: "a", html: "Danke für die ehrliche Antwort!" },
    { id: "b", html: "Laut der <a1>offiziellen Statistik</a1> waren es 64 %." },
  ];

  /** One page load: a fresh service over the same manager storage. */
  async function visit(gm: ReturnType<typeof memoryGmValues>, incognito = false): Promise<SegmentResult[]> {
    const cache = openGmTranslationCache(gm, "reddit.com");
    const facts = createServerFactsStore(userscriptFactsStorage(gm, false));
    const service = createTranslationService(facts, cache);
    const results: SegmentResult[] = [];
    const opts = { targetLang: "en", signal: new AbortController().signal };
    const settings = readSettings({ baseUrl: double.url }).settings;
    for await (const r of service.translate(settings, segments, opts, { site: "reddit.com", incognito })) {
      results.push(r);
    }
    await cache.flush();
    return results;
  }

  it("a second visit to a page sends no request at all, not even a probe", async () => {
    const gm = memoryGmValues();
    const first = await visit(gm);
    expect(first.every((r) => "html" in r)).toBe(true);
    const requests = double.stats().requests;
    expect(await visit(gm)).toEqual(first);
    expect(double.stats().requests).toBe(requests);
  });

  it("keeps nothing from a private window", async () => {
    const gm = memoryGmValues();
    await visit(gm, true);
    expect([...gm.values.keys()].filter((key) => key.startsWith("cache"))).toEqual([]);
  });
});
