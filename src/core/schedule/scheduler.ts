// The queue of segments waiting for the translator, in priority order: visible first, then near the viewport, then
// the rest; within each, the page's main content before its chrome, each in the order it was found. Batches are cut
// by size (compact HTML characters, weighed by script: weighted-length.ts) and segment count.
// Told how many requests can run at once (the server's slots), the queue also cuts batches to an even share of
// the work left: the model writes a batch one token at a time, so the viewport split over two slots is done in half
// the time of one big batch holding it all, and at the end of a page no slot sits idle while another finishes a big
// batch alone (bench/page.ts, old Reddit on a two-slot CPU server: first screen 27.7 s → 13.9 s, page 50.9 → 48.6 s).

import { weightedLength } from "./weighted-length";

export const PRIORITY_VISIBLE = 0;
export const PRIORITY_NEAR = 1;
export const PRIORITY_REST = 2;
export type Priority = typeof PRIORITY_VISIBLE | typeof PRIORITY_NEAR | typeof PRIORITY_REST;

export interface QueuedJob {
  html: string;
  priority: Priority;
  /** Part of the page's main content (sent before chrome of the same priority). */
  main?: boolean;
  /** Sent after everything else (the rest of a unit too long for one request). */
  later?: boolean;
  /** Asked for by the reader (a passage, a hover, an opened `<details>`), or waited for by what they asked for: it
   * goes before everything else wherever its unit (or a repeat waiting for it) moves. */
  asked?: boolean;
}

export interface BatchLimits {
  maxChars: number;
  maxSegments: number;
}

/** Below this, a request costs more in overhead than it saves in waiting. */
export const MIN_SPREAD_CHARS = 200;

/** Queue order: what the reader asked for, then each priority's main content, then its chrome; last, what waits for
 * everything else. */
const BUCKETS = 7;
export type Place = Pick<QueuedJob, "priority" | "main" | "asked">;
/** A job's place in queue order, `later` aside. */
export const rankOf = (job: Place): number => (job.asked ? -1 : job.priority * 2 + (job.main ? 0 : 1));
const bucketOf = (job: QueuedJob): number => (job.asked ? 0 : job.later ? BUCKETS - 1 : rankOf(job));
const priorityOfBucket = (bucket: number): Priority => Math.min(PRIORITY_REST, Math.floor(bucket / 2)) as Priority;

export class JobQueue<J extends QueuedJob> {
  // One insertion-ordered set per bucket: O(1) add/remove/move, and order within a bucket is kept.
  readonly #buckets: Set<J>[] = Array.from({ length: BUCKETS }, () => new Set<J>());
  /** Characters queued per bucket, for spreading work over the free requests. */
  readonly #chars: number[] = new Array<number>(BUCKETS).fill(0);

  get size(): number {
    return this.#buckets.reduce((n, b) => n + b.size, 0);
  }

  /** The queue-order place of the job that goes next (comparable across queues), or undefined when empty. */
  get nextPlace(): number | undefined {
    const first = this.#buckets.findIndex((b) => b.size > 0);
    return first < 0 ? undefined : first;
  }

  has(job: J): boolean {
    return this.#bucket(job).has(job);
  }

  #bucket(job: J): Set<J> {
    return this.#buckets[bucketOf(job)] as Set<J>;
  }

  #count(job: J, chars: number): void {
    const b = bucketOf(job);
    this.#chars[b] = (this.#chars[b] ?? 0) + chars;
  }

  add(job: J): void {
    const bucket = this.#bucket(job);
    if (!bucket.has(job)) this.#count(job, weightedLength(job.html));
    bucket.add(job);
  }

  /** Put a retried job at the front of its bucket. */
  addFirst(job: J): void {
    const bucket = this.#bucket(job);
    if (!bucket.has(job)) this.#count(job, weightedLength(job.html));
    const rest = [...bucket].filter((j) => j !== job);
    bucket.clear();
    bucket.add(job);
    for (const j of rest) bucket.add(j);
  }

  remove(job: J): boolean {
    const removed = this.#bucket(job).delete(job);
    if (removed) this.#count(job, -weightedLength(job.html));
    return removed;
  }

  /** In the same bucket, the job keeps its turn (one the reader asked for stays first). */
  setPriority(job: J, priority: Priority, main = job.main, asked = job.asked): void {
    const moved = bucketOf({ ...job, priority, main, asked }) !== bucketOf(job) && this.remove(job);
    Object.assign(job, { priority, main, asked });
    if (moved) this.add(job);
  }

  clear(): J[] {
    const all = this.#buckets.flatMap((b) => [...b]);
    for (const b of this.#buckets) b.clear();
    this.#chars.fill(0);
    return all;
  }

  /**
   * Take the next batch: highest priority first, up to the limits (a single oversized job goes alone).
   * With `spread`, the batch is also cut to an even share of the work left over all the slots. Visible work is
   * never padded with work below it (nor the screen's main content with its chrome), and a slot that frees while
   * the others are busy takes one share rather than all of the screen left: the next slots to free take the rest,
   * so the screen is not left to one long batch (bench/page.ts, old Reddit on the CPU-like server: first screen
   * 24.5 s → 17.4 s). Below the viewport, batches shrink as the page runs out.
   */
  takeBatch(limits: BatchLimits, spread?: { slots: number }): J[] {
    let maxChars = limits.maxChars;
    const first = this.#buckets.findIndex((b) => b.size > 0);
    if (first < 0) return [];
    let last = BUCKETS - 1;
    if (spread) {
      const visibleFirst = priorityOfBucket(first) === PRIORITY_VISIBLE;
      const pending = visibleFirst ? (this.#chars[first] ?? 0) : this.#chars.reduce((a, b) => a + b, 0);
      maxChars = Math.min(maxChars, Math.max(MIN_SPREAD_CHARS, Math.ceil(pending / Math.max(1, spread.slots))));
      if (visibleFirst) last = first;
    }
    const batch: J[] = [];
    let chars = 0;
    for (let b = first; b <= last; b++) {
      for (const job of this.#buckets[b] as Set<J>) {
        const weight = weightedLength(job.html);
        if (batch.length && chars + weight > maxChars) return batch;
        this.remove(job);
        batch.push(job);
        chars += weight;
        if (batch.length >= limits.maxSegments) return batch;
      }
    }
    return batch;
  }
}
