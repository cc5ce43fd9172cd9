// A push-based async iterable: producers `push` values and `end` (or `fail`); one consumer `for await`s them.
// Used to turn callback streams (a runtime.Port, GM.xmlHttpRequest progress events) into async iterables.
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private rejectWaiting: ((error: unknown) => void) | undefined;
  private ended = false;
  private error: unknown;

  /** `onCancel` runs when the consumer stops early (breaks out of its loop), so the producer can stop too. */
  constructor(private readonly onCancel?: () => void) {}

  push(item: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.rejectWaiting = undefined;
      resolve({ value: item, done: false });
    } else this.items.push(item);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = this.rejectWaiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  fail(error: unknown): void {
    if (this.ended) return;
    this.error = error;
    this.ended = true;
    if (this.rejectWaiting) {
      const reject = this.rejectWaiting;
      this.waiting = this.rejectWaiting = undefined;
      reject(error);
    }
  }

  get isEnded(): boolean {
    return this.ended;
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false });
        if (this.ended) {
          return this.error !== undefined
            ? Promise.reject(this.error)
            : Promise.resolve({ value: undefined, done: true });
        }
        return new Promise((resolve, reject) => {
          this.waiting = resolve;
          this.rejectWaiting = reject;
        });
      },
      return: () => {
        if (!this.ended) this.onCancel?.();
        this.ended = true;
        this.items.length = 0;
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}

/** Runs producers concurrently and yields their items as they come; rethrows the first failure at the end. */
export async function* mergeAsync<T>(sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  if (sources.length === 0) return;
  const queue = new AsyncQueue<T>();
  let pending = sources.length;
  let failure: unknown;
  for (const source of sources) {
    void (async () => {
      try {
        for await (const item of source) queue.push(item);
      } catch (error) {
        failure ??= error;
      } finally {
        if (--pending === 0) queue.end();
      }
    })();
  }
  yield* queue;
  if (failure) throw failure;
}
