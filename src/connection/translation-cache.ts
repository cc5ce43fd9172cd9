// Translations seen before, whatever holds them: what a key covers, and which entries go when the cache is full.
// The extension keeps them in IndexedDB in its own origin (background/translation-cache.ts); the userscript in the
// manager's storage (userscript/gm-translation-cache.ts), since IndexedDB there would be the page's own.

/** Everything that changes a translation, and the page's site. */
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
  /**
   * What the text was selected from, for a look-up (a word's translation depends on its sentence); absent for page
   * text, whose passages carry their own sense (the page's title would only split shared menus and footers per page).
   */
  context?: string;
}

export interface TranslationCache {
  /** The key for these parts (each store hashes them its own way). */
  keyOf(parts: CacheKeyParts): Promise<string>;
  getMany(keys: string[]): Promise<Map<string, string>>;
  put(key: string, html: string): Promise<void>;
  delete(key: string): Promise<void>;
  count(): Promise<number>;
  clear(): Promise<void>;
}

/** What the options page and the userscript's settings say about the saved translations. */
export function savedTranslationsText(entries: number): string {
  return entries === 0 ? "No translations saved." : `${entries} translated passage${entries === 1 ? "" : "s"} saved.`;
}

/** The text a key is a hash of. */
export function keyText(parts: CacheKeyParts): string {
  // Rules only when there are any, so what was cached without them keeps its key.
  const version = parts.rules ? `${parts.promptVersion}\u0001${parts.rules}` : String(parts.promptVersion);
  // Context only when there is some, likewise.
  const html = parts.context ? `${parts.html}\u0001${parts.context}` : parts.html;
  return [parts.server, parts.model, parts.site, parts.targetLang, version, html].join("\u0000");
}

export interface CacheLimits {
  maxEntries: number;
  /** UTF-8 bytes of keys and translations together. */
  maxBytes: number;
}

export interface EntryInfo {
  key: string;
  bytes: number;
  usedAt: number;
}

const encoder = new TextEncoder();

export function entryBytes(key: string, html: string): number {
  return encoder.encode(key).length + encoder.encode(html).length;
}

/**
 * Keys of the least recently used entries to drop so that what stays is within `limits`. Once over a limit, it
 * drops down to `slack` below it, so pruning does not run again at the very next write.
 */
export function evictions(entries: Iterable<EntryInfo>, limits: CacheLimits, slack = 0.05): string[] {
  const all = [...entries];
  let count = all.length;
  let bytes = all.reduce((sum, entry) => sum + entry.bytes, 0);
  if (count <= limits.maxEntries && bytes <= limits.maxBytes) return [];
  const entryGoal = Math.floor(limits.maxEntries * (1 - slack));
  const byteGoal = Math.floor(limits.maxBytes * (1 - slack));
  const dropped: string[] = [];
  for (const entry of all.sort((a, b) => a.usedAt - b.usedAt)) {
    if (count <= entryGoal && bytes <= byteGoal) break;
    dropped.push(entry.key);
    count--;
    bytes -= entry.bytes;
  }
  return dropped;
}
