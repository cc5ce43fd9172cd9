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
  type CacheKeyParts,
  type CacheLimits,
  type TranslationCache,
} from "../connection/translation-cache";
import { oneAtATime } from "../shared/one-at-a-time";

export const USERSCRIPT_CACHE_LIMITS: CacheLimits = { maxEntries: 4_000, maxBytes: 1_500_000 };

const INDEX_KEY = "cache-index";
const SHARD_PREFIX = "cache:";
/**
 * Failed writes in a row before the reader is told: one failure can be a passing hiccup of the manager's storage.
 * Until then a failed write is tried again by itself, later each time (on a page done translating nothing else would
 * write before the page is left); after that, with the next change.
 */
export const FAILED_WRITES_TOLD = 3;
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

/** What the manager's storage holds, and this page's new translations it does not (their writes failed or are due). */
export interface SavedTally {
  saved: number;
  unsaved: number;
}

export interface GmTranslationCache extends TranslationCache {
  /** Writes what changed now (it is also written a moment after the last change, and when the page is hidden). */
  flush(): Promise<void>;
  /** The translations stored, and this page's not stored yet. */
  tally(): Promise<SavedTally>;
}

/** One page's cache: its site's shard as read, and what changed since the last write. */
interface CacheState {
  gm: GmValues;
  limits: CacheLimits;
  now: () => number;
  /** The page's site, asked for at first use: the userscript reads it from the public-suffix list only when needed. */
  siteHere: () => string;
  shard: () => Promise<Shard>;
  /** Changes since the last write: entries added, entries used (their last use only), entries removed. */
  changed: Set<string>;
  touched: Set<string>;
  removed: Set<string>;
}

const shardKey = (state: CacheState) => SHARD_PREFIX + state.siteHere();

async function keyOf(parts: CacheKeyParts): Promise<string> {
  const text = keyText(parts);
  return hex(hash53(text, 1)) + hex(hash53(text, 2));
}

/** The entries of `keys` this site has; those not used for a while are marked used now. */
async function findEntries(state: CacheState, keys: readonly string[]): Promise<Map<string, string>> {
  const mine = await state.shard();
  const found = new Map<string, string>();
  const stamp = state.now();
  for (const key of keys) {
    const entry = mine.get(key);
    if (!entry) continue;
    found.set(key, entry.html);
    if (stamp - entry.usedAt > TOUCH_AFTER_MS) {
      entry.usedAt = stamp;
      state.touched.add(key);
    }
  }
  return found;
}

function totalOf(index: Index): { entries: number; bytes: number } {
  return Object.values(index).reduce(
    (sum, info) => ({ entries: sum.entries + info.entries, bytes: sum.bytes + info.bytes }),
    { entries: 0, bytes: 0 },
  );
}

/** Sites other than this one, least recently used first, dropped until the whole is within the limits. */
async function dropOtherSites(state: CacheState, index: Index): Promise<void> {
  const within = () =>
    totalOf(index).entries <= state.limits.maxEntries && totalOf(index).bytes <= state.limits.maxBytes;
  if (within()) return;
  const others = Object.entries(index)
    .filter(([name]) => name !== state.siteHere())
    .sort(([, a], [, b]) => a.usedAt - b.usedAt);
  for (const [name] of others) {
    if (within()) break;
    delete index[name];
    await state.gm.deleteValue(SHARD_PREFIX + name).catch(() => undefined);
  }
}

/** What changed since the last write, as one write takes it over. */
interface Pending {
  changed: Set<string>;
  touched: Set<string>;
  removed: Set<string>;
}

/** The state's changes, taken over by a write: what changes meanwhile is the next write's. */
function takePending(state: CacheState): Pending {
  const pending = { changed: new Set(state.changed), touched: new Set(state.touched), removed: new Set(state.removed) };
  state.changed.clear();
  state.touched.clear();
  state.removed.clear();
  return pending;
}

/**
 * A write that failed gives its changes back for the next one (the page's copy still holds them), under any made
 * meanwhile: an entry deleted since stays deleted, one put again since stays put.
 */
function givePendingBack(state: CacheState, pending: Pending): void {
  for (const key of pending.changed) if (!state.removed.has(key)) state.changed.add(key);
  for (const key of pending.touched) if (!state.removed.has(key)) state.touched.add(key);
  for (const key of pending.removed) if (!state.changed.has(key)) state.removed.add(key);
}

/**
 * This page's shard becomes what is stored now with this page's changes on top: another tab of the site may have
 * added entries meanwhile, or cleared them (the settings) or dropped them (the limits), and what this page read
 * before that must not come back. Unreadable, this page's copy stands in for it.
 */
async function mergeStored(state: CacheState, mine: Shard): Promise<Pending> {
  const stored = await state.gm.getValue<unknown>(shardKey(state), undefined).then(readShard, () => undefined);
  const pending = takePending(state);
  if (stored) {
    for (const key of pending.touched) {
      const [own, kept] = [mine.get(key), stored.get(key)];
      if (own && kept && own.usedAt > kept.usedAt) kept.usedAt = own.usedAt;
    }
    for (const key of pending.changed) {
      const own = mine.get(key);
      if (own) stored.set(key, own);
    }
    mine.clear();
    for (const [key, entry] of stored) mine.set(key, entry);
  }
  for (const key of pending.removed) mine.delete(key);
  return pending;
}

async function write(state: CacheState): Promise<void> {
  const { changed, touched, removed } = state;
  if (!changed.size && !touched.size && !removed.size) return;
  const mine = await state.shard();
  const pending = await mergeStored(state, mine);
  try {
    await writeMerged(state, mine);
  } catch (error) {
    givePendingBack(state, pending);
    throw error;
  }
}

/** Stores this site's merged shard and the index, within the limits. */
async function writeMerged(state: CacheState, mine: Shard): Promise<void> {
  const { gm } = state;
  // Unreadable, the index is not written over with this site alone: the other sites' values would be left out of it,
  // never counted or dropped again. The write fails and is tried again (what changed is kept for it).
  const index = readIndex(await gm.getValue<unknown>(INDEX_KEY, undefined));
  index[state.siteHere()] = { entries: mine.size, bytes: shardBytes(mine), usedAt: state.now() };
  await dropOtherSites(state, index);
  // Still too much: this site alone is over the limits.
  const dropped = evictions(
    [...mine].map(([key, e]) => ({ key, usedAt: e.usedAt, bytes: entryBytes(key, e.html) })),
    state.limits,
  );
  for (const key of dropped) mine.delete(key);
  if (dropped.length) index[state.siteHere()] = { entries: mine.size, bytes: shardBytes(mine), usedAt: state.now() };
  if (mine.size) await gm.setValue(shardKey(state), writeShard(mine));
  else {
    delete index[state.siteHere()];
    await gm.deleteValue(shardKey(state));
  }
  await gm.setValue(INDEX_KEY, JSON.stringify({ v: 1, sites: index }));
}

/** Counted in storage, not in this page's copy: with writes failing, that copy holds translations never stored. */
async function tallyAll(state: CacheState): Promise<SavedTally> {
  const index = readIndex(await state.gm.getValue<unknown>(INDEX_KEY, undefined));
  const stored = readShard(await state.gm.getValue<unknown>(shardKey(state), undefined));
  const others = Object.entries(index).filter(([name]) => name !== state.siteHere());
  const saved = others.reduce((sum, [, info]) => sum + info.entries, stored.size);
  const unsaved = [...state.changed].filter((key) => !stored.has(key)).length;
  return { saved, unsaved };
}

/** Every site's saved translations gone, this page's unwritten ones with them. */
async function clearAll(state: CacheState): Promise<void> {
  const { gm } = state;
  state.changed.clear();
  state.touched.clear();
  state.removed.clear();
  (await state.shard()).clear();
  const stored = await gm.listValues().catch(() => []);
  const index = readIndex(await gm.getValue<unknown>(INDEX_KEY, undefined));
  const shards = new Set([
    ...stored.filter((key) => key.startsWith(SHARD_PREFIX)),
    ...Object.keys(index).map((name) => SHARD_PREFIX + name),
  ]);
  for (const key of shards) await gm.deleteValue(key);
  await gm.deleteValue(INDEX_KEY);
}

function cacheState(
  gm: GmValues,
  site: string | (() => string),
  options: { limits?: Partial<CacheLimits>; now?: () => number },
): CacheState {
  let siteKey: string | undefined;
  let loaded: Promise<Shard> | undefined;
  const state: CacheState = {
    gm,
    limits: { ...USERSCRIPT_CACHE_LIMITS, ...options.limits },
    now: options.now ?? Date.now,
    siteHere: () => (siteKey ??= typeof site === "string" ? site : site()),
    shard: () => (loaded ??= gm.getValue<unknown>(shardKey(state), undefined).then(readShard, () => new Map())),
    changed: new Set(),
    touched: new Set(),
    removed: new Set(),
  };
  return state;
}

export interface GmCacheOptions {
  limits?: Partial<CacheLimits>;
  now?: () => number;
  flushDelayMs?: number;
  /** Writes keep failing (FAILED_WRITES_TOLD in a row): told once, and again only after one has succeeded. */
  onWritesFailing?(error: unknown): void;
}

export function openGmTranslationCache(
  gm: GmValues,
  site: string | (() => string),
  options: GmCacheOptions = {},
): GmTranslationCache {
  const state = cacheState(gm, site, options);
  const flushDelayMs = options.flushDelayMs ?? 1000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // One write or clear at a time: a clear after a write under way, which would otherwise store what it read before
  // the clear over it; a second flush after the first, writing what changed since.
  const inTurn = oneAtATime();
  let failedWrites = 0;

  function scheduleFlush(delayMs = flushDelayMs): void {
    clearTimeout(timer);
    timer = setTimeout(() => void api.flush(), delayMs);
  }

  const api: GmTranslationCache = {
    keyOf,
    async getMany(keys) {
      const found = await findEntries(state, keys);
      if (state.touched.size) scheduleFlush();
      return found;
    },
    async put(key, html) {
      (await state.shard()).set(key, { html, usedAt: state.now() });
      state.changed.add(key);
      state.removed.delete(key);
      scheduleFlush();
    },
    async delete(key) {
      (await state.shard()).delete(key);
      state.changed.delete(key);
      state.touched.delete(key);
      state.removed.add(key);
      scheduleFlush();
    },
    count: () => tallyAll(state).then((t) => t.saved),
    tally: () => tallyAll(state),
    clear() {
      clearTimeout(timer);
      return inTurn(() => clearAll(state));
    },
    flush() {
      clearTimeout(timer);
      return inTurn(() => write(state)).then(
        () => void (failedWrites = 0),
        (error: unknown) => {
          console.warn("Gloss: could not save translations", error);
          failedWrites++;
          if (failedWrites < FAILED_WRITES_TOLD) scheduleFlush(flushDelayMs * 2 ** failedWrites);
          else if (failedWrites === FAILED_WRITES_TOLD) options.onWritesFailing?.(error);
        },
      );
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
  tally: async () => ({ saved: 0, unsaved: 0 }),
  clear: async () => undefined,
  flush: async () => undefined,
};
