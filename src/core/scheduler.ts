// The queue of segments waiting for the translator, in priority order: visible first, then near the viewport, then
// the rest, each in the order it was found. Batches are cut by size (compact HTML characters) and segment count.

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

export class JobQueue<J extends QueuedJob> {
  // One insertion-ordered set per priority: O(1) add/remove/move, and order within a priority is kept.
  readonly #buckets: [Set<J>, Set<J>, Set<J>] = [new Set(), new Set(), new Set()];

  get size(): number {
    return this.#buckets[0].size + this.#buckets[1].size + this.#buckets[2].size;
  }

  has(job: J): boolean {
    return this.#buckets[job.priority].has(job);
  }

  add(job: J): void {
    this.#buckets[job.priority].add(job);
  }

  /** Put a retried job at the front of its priority. */
  addFirst(job: J): void {
    const bucket = this.#buckets[job.priority];
    const rest = [...bucket];
    bucket.clear();
    bucket.add(job);
    for (const j of rest) bucket.add(j);
  }

  remove(job: J): boolean {
    return this.#buckets[job.priority].delete(job);
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
    return all;
  }

  /** Take the next batch: highest priority first, up to the limits (a single oversized job goes alone). */
  takeBatch(limits: BatchLimits): J[] {
    const batch: J[] = [];
    let chars = 0;
    for (const bucket of this.#buckets) {
      for (const job of bucket) {
        if (job.solo) {
          if (batch.length) continue;
          bucket.delete(job);
          return [job];
        }
        if (batch.length && chars + job.html.length > limits.maxChars) return batch;
        bucket.delete(job);
        batch.push(job);
        chars += job.html.length;
        if (batch.length >= limits.maxSegments) return batch;
      }
    }
    return batch;
  }
}
