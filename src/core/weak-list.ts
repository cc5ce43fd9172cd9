// An ordered list that does not keep its items alive: what the engine remembers about the page (its units, what it
// wrote) must not outlive the nodes the page drops. Items the garbage collector took are skipped and, from time to
// time, swept out, so the list stays as long as what is alive (a ticker that adds and drops content forever).

/** Sweep once the list has grown by this factor since the last sweep (amortised O(1) per add). */
const GROWTH = 2;
const MIN_SWEEP = 256;

export class WeakList<T extends object> {
  #refs: WeakRef<T>[] = [];
  #sweepAt = MIN_SWEEP;
  /** Items that are still alive but no longer wanted: swept out too. */
  readonly #gone: (item: T) => boolean;

  constructor(gone: (item: T) => boolean = () => false) {
    this.#gone = gone;
  }

  add(item: T): void {
    this.#refs.push(new WeakRef(item));
    if (this.#refs.length >= this.#sweepAt) this.sweep();
  }

  /** Live items, oldest first. */
  *values(): IterableIterator<T> {
    for (const ref of this.#refs) {
      const item = ref.deref();
      if (item) yield item;
    }
  }

  /** Live items, newest first. */
  *newestFirst(): IterableIterator<T> {
    for (let i = this.#refs.length - 1; i >= 0; i--) {
      const item = (this.#refs[i] as WeakRef<T>).deref();
      if (item) yield item;
    }
  }

  /** Drop the items the collector took and those no longer wanted. */
  sweep(): void {
    this.#refs = this.#refs.filter((ref) => {
      const item = ref.deref();
      return item !== undefined && !this.#gone(item);
    });
    this.#sweepAt = Math.max(MIN_SWEEP, this.#refs.length * GROWTH);
  }

  clear(): void {
    this.#refs = [];
    this.#sweepAt = MIN_SWEEP;
  }
}
