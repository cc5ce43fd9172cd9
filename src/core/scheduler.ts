// The queue of segments waiting for the translator, in priority order: visible first, then near the viewport, then
// the rest, each in the order it was found. Batches are cut by size (compact HTML characters) and segment count.
// Told how many requests can run at once (the server's slots), the queue also cuts batches to an even share of
// the work left: the model writes a batch one token at a time, so the viewport split over two slots is done in half
// the time of one big batch holding it all, and at the end of a page no slot sits idle while another finishes a big
// batch alone (bench/page.ts, old Reddit on a two-slot CPU server: first screen 27.7 s → 13.9 s, page 50.9 → 48.6 s).

export const PRIORITY_VISIBLE = 0;
export const PRIORITY_NEAR = 1;
export const PRIORITY_REST = 2;
export type Priority = typeof PRIORITY_VISIBLE | typeof PRIORITY_NEAR | typeof PRIORITY_REST;

export interface QueuedJob {
  html: string;
  priority: Priority;
  /** Sent in a batch of its own (a retry after a rejected reply). */
  solo?: boolean;
}

export interface BatchLimits {
  maxChars: number;
  maxSegments: number;
}

/** Below this, a request costs more in overhead than it saves in waiting. */
export const MIN_SPREAD_CHARS = 200;

export class JobQueue<J extends QueuedJob> {
  // One insertion-ordered set per priority: O(1) add/remove/move, and order within a priority is kept.
  readonly #buckets: [Set<J>, Set<J>, Set<J>] = [new Set(), new Set(), new Set()];
  /** Characters queued per priority, for spreading work over the free requests. */
  readonly #chars: [number, number, number] = [0, 0, 0];

  get size(): number {
    return this.#buckets[0].size + this.#buckets[1].size + this.#buckets[2].size;
  }

  has(job: J): boolean {
    return this.#buckets[job.priority].has(job);
  }

  add(job: J): void {
    const bucket = this.#buckets[job.priority];
    if (!bucket.has(job)) this.#chars[job.priority] += job.html.length;
    bucket.add(job);
  }

  /** Put a retried job at the front of its priority. */
  addFirst(job: J): void {
    const bucket = this.#buckets[job.priority];
    if (!bucket.has(job)) this.#chars[job.priority] += job.html.length;
    const rest = [...bucket].filter((j) => j !== job);
    bucket.clear();
    bucket.add(job);
    for (const j of rest) bucket.add(j);
  }

  remove(job: J): boolean {
    const removed = this.#buckets[job.priority].delete(job);
    if (removed) this.#chars[job.priority] -= job.html.length;
    return removed;
  }

  setPriority(job: J, priority: Priority): void {
    if (job.priority === priority) return;
    const queued = this.remove(job);
    job.priority = priority;
    if (queued) this.add(job);
  }

  clear(): J[] {
    const all = [...this.#buckets[0], ...this.#buckets[1], ...this.#buckets[2]];
    for (const b of this.#buckets) b.clear();
    this.#chars.fill(0);
    return all;
  }

  /**
   * Take the next batch: highest priority first, up to the limits (a single oversized job goes alone).
   * With `spread`, the batch is also cut to an even share: visible work is split over the requests that can start
   * now (the screen fills in as fast as the free slots allow) and never padded with work below it; the rest is
   * split over all the slots, so batches shrink as the page runs out.
   */
  takeBatch(limits: BatchLimits, spread?: { free: number; slots: number }): J[] {
    let maxChars = limits.maxChars;
    let lastPriority = this.#buckets.length - 1;
    if (spread) {
      const first = this.#buckets.findIndex((b) => b.size > 0);
      const visibleFirst = first === PRIORITY_VISIBLE;
      const pending = visibleFirst ? this.#chars[PRIORITY_VISIBLE] : this.#chars.reduce((a, b) => a + b, 0);
      const share = Math.max(1, visibleFirst ? spread.free : spread.slots);
      maxChars = Math.min(maxChars, Math.max(MIN_SPREAD_CHARS, Math.ceil(pending / share)));
      if (visibleFirst) lastPriority = PRIORITY_VISIBLE;
    }
    const batch: J[] = [];
    let chars = 0;
    for (let priority = 0; priority <= lastPriority; priority++) {
      const bucket = this.#buckets[priority as Priority];
      for (const job of bucket) {
        if (job.solo) {
          if (batch.length) continue;
          this.remove(job);
          return [job];
        }
        if (batch.length && chars + job.html.length > maxChars) return batch;
        this.remove(job);
        batch.push(job);
        chars += job.html.length;
        if (batch.length >= limits.maxSegments) return batch;
      }
    }
    return batch;
  }
}
