// The userscript's translation cache, in the manager's storage: IndexedDB would be the page's own, where page
// scripts can read it. Managers hand all of a script's stored values to every page it runs on and rewrite a whole
// value on each change (Tampermonkey refuses to start a script whose storage grew too large; Violentmonkey takes
// ~100 ms to change a 700 KB value), so this cache is small, split by site, and written once after a burst of work:
// one value per site (`cache:<site>`) with that site's entries, and an index (`cache-index`) with each site's size
// and last use, over which the bounds are kept. When full, the least recently used other sites go first, then this
// site's least recently used entries. Keys and limits follow the extension's cache (connection/translation-cache.ts).
import {
  entryBytes,
  evictions,
  keyText,
  type CacheLimits,
  type TranslationCache,
} from "../connection/translation-cache";

export const USERSCRIPT_CACHE_LIMITS: CacheLimits = { maxEntries: 4_000, maxBytes: 1_500_000 };

const INDEX_KEY = "cache-index";
const SHARD_PREFIX = "cache:";
/** A hit refreshes an entry's last use only if older than this, so a revisit alone rarely rewrites the site. */
const TOUCH_AFTER_MS = 60 * 60 * 1000;

/** The manager's storage, as much of it as the cache uses. */
export interface GmValues {
  getValue<T>(key: string, fallback: T): Promise<T>;
  setValue(key: string, value: unknown): Promise<void>;
  deleteValue(key: string): Promise<void>;
  listValues(): Promise<string[]>;
}

type Shard = Map<string, { html: string; usedAt: number }>;
interface SiteInfo {
  entries: number;
  bytes: number;
  usedAt: number;
}
type Index = Record<string, SiteInfo>;

/**
 * Two 53-bit hashes of the key's text with different seeds (the cyrb53 mix): 28 hex digits, so two of a few
 * thousand entries never share one. crypto.subtle, which the extension uses, is missing on http pages.
 */
function hash53(text: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

const hex = (n: number) => n.toString(16).padStart(14, "0");

function parseJson(raw: unknown): unknown {
  if (typeof raw !== "string") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** A stored shard, or an empty one when it is missing or not what Gloss wrote. */
function readShard(raw: unknown): Shard {
  const shard: Shard = new Map();
  const value = parseJson(raw) as { entries?: unknown } | undefined;
  if (!value?.entries || typeof value.entries !== "object") return shard;
  for (const [key, entry] of Object.entries(value.entries as Record<string, unknown>)) {
    if (Array.isArray(entry) && typeof entry[0] === "string" && typeof entry[1] === "number") {
      shard.set(key, { html: entry[0], usedAt: entry[1] });
    }
  }
  return shard;
}

const writeShard = (shard: Shard) =>
  JSON.stringify({ v: 1, entries: Object.fromEntries([...shard].map(([key, e]) => [key, [e.html, e.usedAt]])) });

function readIndex(raw: unknown): Index {
  const value = parseJson(raw) as { sites?: unknown } | undefined;
  const index: Index = {};
  if (!value?.sites || typeof value.sites !== "object") return index;
  for (const [site, info] of Object.entries(value.sites as Record<string, Partial<SiteInfo>>)) {
    if ([info?.entries, info?.bytes, info?.usedAt].every((n) => typeof n === "number")) index[site] = info as SiteInfo;
  }
  return index;
}

const shardBytes = (shard: Shard) => [...shard].reduce((sum, [key, e]) => sum + entryBytes(key, e.html), 0);

export interface GmTranslationCache extends TranslationCache {
  /** Writes what changed now (it is also written a moment after the last change, and when the page is hidden). */
  flush(): Promise<void>;
}

export function openGmTranslationCache(
  gm: GmValues,
  site: string | (() => string),
  options: { limits?: Partial<CacheLimits>; now?: () => number; flushDelayMs?: number } = {},
): GmTranslationCache {
  const limits: CacheLimits = { ...USERSCRIPT_CACHE_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  const flushDelayMs = options.flushDelayMs ?? 1000;
  // Asked for at first use: the userscript reads the page's site from the public-suffix list only when needed.
  let siteKey: string | undefined;
  const siteHere = () => (siteKey ??= typeof site === "string" ? site : site());
  const shardKey = () => SHARD_PREFIX + siteHere();
  let loaded: Promise<Shard> | undefined;
  /** Changes since the last write: entries added, entries used (their last use only), entries removed. */
  const changed = new Set<string>();
  const touched = new Set<string>();
  const removed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const shard = () => (loaded ??= gm.getValue<unknown>(shardKey(), undefined).then(readShard, () => new Map()));

  function scheduleFlush(): void {
    clearTimeout(timer);
    timer = setTimeout(() => void api.flush(), flushDelayMs);
  }

  /** Sites other than this one, least recently used first, dropped until the whole is within the limits. */
  async function dropOtherSites(index: Index): Promise<void> {
    const total = () =>
      Object.values(index).reduce(
        (sum, info) => ({ entries: sum.entries + info.entries, bytes: sum.bytes + info.bytes }),
        {
          entries: 0,
          bytes: 0,
        },
      );
    const within = () => total().entries <= limits.maxEntries && total().bytes <= limits.maxBytes;
    if (within()) return;
    const others = Object.entries(index)
      .filter(([name]) => name !== siteHere())
      .sort(([, a], [, b]) => a.usedAt - b.usedAt);
    for (const [name] of others) {
      if (within()) break;
      delete index[name];
      await gm.deleteValue(SHARD_PREFIX + name).catch(() => undefined);
    }
  }

  async function write(): Promise<void> {
    if (!changed.size && !touched.size && !removed.size) return;
    const mine = await shard();
    // What is stored now is the base, with this page's changes on top: another tab of the site may have added
    // entries meanwhile, or cleared them (the settings) or dropped them (the limits), and what this page read before
    // that must not come back. Unreadable, this page's copy stands in for it.
    const stored = await gm.getValue<unknown>(shardKey(), undefined).then(readShard, () => undefined);
    if (stored) {
      for (const key of touched) {
        const [own, kept] = [mine.get(key), stored.get(key)];
        if (own && kept && own.usedAt > kept.usedAt) kept.usedAt = own.usedAt;
      }
      for (const key of changed) {
        const own = mine.get(key);
        if (own) stored.set(key, own);
      }
      mine.clear();
      for (const [key, entry] of stored) mine.set(key, entry);
    }
    for (const key of removed) mine.delete(key);
    changed.clear();
    touched.clear();
    removed.clear();
    const index = readIndex(await gm.getValue<unknown>(INDEX_KEY, undefined).catch(() => undefined));
    index[siteHere()] = { entries: mine.size, bytes: shardBytes(mine), usedAt: now() };
    await dropOtherSites(index);
    // Still too much: this site alone is over the limits.
    const dropped = evictions(
      [...mine].map(([key, e]) => ({ key, usedAt: e.usedAt, bytes: entryBytes(key, e.html) })),
      limits,
    );
    for (const key of dropped) mine.delete(key);
    if (dropped.length) index[siteHere()] = { entries: mine.size, bytes: shardBytes(mine), usedAt: now() };
    if (mine.size) await gm.setValue(shardKey(), writeShard(mine));
    else {
      delete index[siteHere()];
      await gm.deleteValue(shardKey());
    }
    await gm.setValue(INDEX_KEY, JSON.stringify({ v: 1, sites: index }));
  }

  const api: GmTranslationCache = {
    async keyOf(parts) {
      const text = keyText(parts);
      return hex(hash53(text, 1)) + hex(hash53(text, 2));
    },
    async getMany(keys) {
      const mine = await shard();
      const found = new Map<string, string>();
      const stamp = now();
      for (const key of keys) {
        const entry = mine.get(key);
        if (!entry) continue;
        found.set(key, entry.html);
        if (stamp - entry.usedAt > TOUCH_AFTER_MS) {
          entry.usedAt = stamp;
          touched.add(key);
        }
      }
      if (touched.size) scheduleFlush();
      return found;
    },
    async put(key, html) {
      (await shard()).set(key, { html, usedAt: now() });
      changed.add(key);
      removed.delete(key);
      scheduleFlush();
    },
    async delete(key) {
      (await shard()).delete(key);
      changed.delete(key);
      touched.delete(key);
      removed.add(key);
      scheduleFlush();
    },
    async count() {
      const index = readIndex(await gm.getValue<unknown>(INDEX_KEY, undefined));
      const others = Object.entries(index).filter(([name]) => name !== siteHere());
      return others.reduce((sum, [, info]) => sum + info.entries, (await shard()).size);
    },
    async clear() {
      clearTimeout(timer);
      changed.clear();
      touched.clear();
      removed.clear();
      (await shard()).clear();
      const stored = await gm.listValues().catch(() => []);
      const index = readIndex(await gm.getValue<unknown>(INDEX_KEY, undefined));
      const shards = new Set([
        ...stored.filter((key) => key.startsWith(SHARD_PREFIX)),
        ...Object.keys(index).map((name) => SHARD_PREFIX + name),
      ]);
      for (const key of shards) await gm.deleteValue(key);
      await gm.deleteValue(INDEX_KEY);
    },
    flush() {
      clearTimeout(timer);
      // One write at a time: a second flush waits for the first and then writes what changed since.
      writing = writing
        .then(write)
        .catch((error: unknown) => console.warn("Gloss: could not save translations", error));
      return writing;
    },
  };
  return api;
}

/**
 * No saved translations, for Gloss in the page's world (see page-world.ts): the index names every site translated,
 * and whatever Gloss reads there the page could read too. Translations then last as long as the page.
 */
export const NO_SAVED_TRANSLATIONS: GmTranslationCache = {
  keyOf: async () => "",
  getMany: async () => new Map(),
  put: async () => undefined,
  delete: async () => undefined,
  count: async () => 0,
  clear: async () => undefined,
  flush: async () => undefined,
};
