// A unit whose source the page keeps changing (a live counter, a ticker, a clock) would be translated over and over:
// after a few changes of translated content within a window, its place is left alone for the rest of the session,
// and changes inside it cost no walk at all.

const CHURN_LIMIT = 4;
const CHURN_WINDOW_MS = 30_000;

export class ChurnGuard {
  #changes = new WeakMap<Node, number[]>();
  #ignored = new WeakSet<Node>();

  /** Count a change of translated content at `key`; true once it changed more often than the limit allows. */
  tooOften(key: Node): boolean {
    const now = Date.now();
    const times = (this.#changes.get(key) ?? []).filter((t) => now - t < CHURN_WINDOW_MS);
    times.push(now);
    this.#changes.set(key, times);
    return times.length > CHURN_LIMIT;
  }

  ignore(node: Node): void {
    this.#ignored.add(node);
  }

  isIgnored(node: Node): boolean {
    return this.#ignored.has(node);
  }

  clear(): void {
    this.#changes = new WeakMap();
    this.#ignored = new WeakSet();
  }
}
