// Translations seen before, in IndexedDB in the extension's origin (pages cannot read it). A key covers everything
// that changes the output — server and model, target language, prompt version, the user's glossary and instructions
// and the compact source — and the site the page belongs to. (Not the page's context: it only steers word choice,
// and keying on it would stop a site's navigation and sidebars being shared between its pages.)
// The store is bounded: past `maxEntries`, the least recently used entries go.

export interface CacheKeyParts {
  server: string;
  model: string;
  /** The page's site: a page cannot learn, by timing, what was translated on other sites. */
  site: string;
  targetLang: string;
  promptVersion: string | number;
  /** The user's glossary and instructions for this language and site (`rulesKey`); absent when there are none. */
  rules?: string;
  html: string;
}

interface Entry {
  key: string;
  html: string;
  usedAt: number;
}

const DB_NAME = "gloss-translations";
const STORE = "translations";

export interface TranslationCache {
  getMany(keys: string[]): Promise<Map<string, string>>;
  put(key: string, html: string): Promise<void>;
  delete(key: string): Promise<void>;
  count(): Promise<number>;
  clear(): Promise<void>;
}

export async function cacheKey(parts: CacheKeyParts): Promise<string> {
  // Rules only when there are any, so what was cached without them keeps its key.
  const version = parts.rules ? `${parts.promptVersion}\u0001${parts.rules}` : String(parts.promptVersion);
  const text = [parts.server, parts.model, parts.site, parts.targetLang, version, parts.html].join("\u0000");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

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
  options: { maxEntries?: number; indexedDB?: IDBFactory; now?: () => number } = {},
): TranslationCache {
  const maxEntries = options.maxEntries ?? 20_000;
  const idb = options.indexedDB ?? globalThis.indexedDB;
  const now = options.now ?? Date.now;
  let dbPromise: Promise<IDBDatabase> | undefined;
  let writesSincePrune = 0;

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
    const tx = (await db()).transaction(STORE, "readwrite");
    const store = tx.objectStore(STORE);
    let excess = (await request(store.count())) - maxEntries;
    if (excess > 0) {
      // Drop a little more than needed so pruning does not run on every write at the limit.
      excess += Math.ceil(maxEntries / 20);
      await new Promise<void>((resolve, reject) => {
        const cursorReq = store.index("usedAt").openCursor();
        cursorReq.onerror = () => reject(cursorReq.error);
        cursorReq.onsuccess = () => {
          const cursor = cursorReq.result;
          if (!cursor || excess <= 0) return resolve();
          cursor.delete();
          excess--;
          cursor.continue();
        };
      });
    }
    await done(tx);
  }

  return {
    async getMany(keys) {
      const found = new Map<string, string>();
      if (!keys.length) return found;
      const tx = (await db()).transaction(STORE, "readwrite");
      const store = tx.objectStore(STORE);
      const stamp = now();
      await Promise.all(
        keys.map(async (key) => {
          const entry = (await request(store.get(key))) as Entry | undefined;
          if (!entry) return;
          found.set(key, entry.html);
          store.put({ ...entry, usedAt: stamp });
        }),
      );
      await done(tx);
      return found;
    },
    async put(key, html) {
      const tx = (await db()).transaction(STORE, "readwrite");
      tx.objectStore(STORE).put({ key, html, usedAt: now() } satisfies Entry);
      await done(tx);
      if (++writesSincePrune >= Math.max(1, Math.ceil(maxEntries / 100))) {
        writesSincePrune = 0;
        await prune();
      }
    },
    async delete(key) {
      const tx = (await db()).transaction(STORE, "readwrite");
      tx.objectStore(STORE).delete(key);
      await done(tx);
    },
    async count() {
      const tx = (await db()).transaction(STORE, "readonly");
      return request(tx.objectStore(STORE).count());
    },
    async clear() {
      const tx = (await db()).transaction(STORE, "readwrite");
      tx.objectStore(STORE).clear();
      await done(tx);
    },
  };
}
