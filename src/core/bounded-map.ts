// A map that forgets its oldest entries beyond a number of entries or of characters: what a session remembers by
// text (translations by source HTML, the words Gloss wrote) must stay bounded on a page that runs forever. Reading
// an entry makes it the newest.

/** The session's translations by source HTML, as the request and reply code see them. */
export interface TranslationCache {
  get(html: string): string | undefined;
  set(html: string, translation: string): unknown;
}

export class BoundedMap<V> {
  readonly #entries = new Map<string, V>();
  readonly #maxEntries: number;
  readonly #maxChars: number;
  readonly #size: (key: string, value: V) => number;
  #chars = 0;

  constructor(maxEntries: number, maxChars: number, size: (key: string, value: V) => number = (key) => key.length) {
    this.#maxEntries = maxEntries;
    this.#maxChars = maxChars;
    this.#size = size;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  set(key: string, value: V): this {
    this.delete(key);
    this.#entries.set(key, value);
    this.#chars += this.#size(key, value);
    while (this.#entries.size > this.#maxEntries || (this.#chars > this.#maxChars && this.#entries.size > 1)) {
      const oldest = this.#entries.keys().next().value as string;
      this.delete(oldest);
    }
    return this;
  }

  delete(key: string): boolean {
    const value = this.#entries.get(key);
    if (value === undefined) return false;
    this.#chars -= this.#size(key, value);
    return this.#entries.delete(key);
  }
}
