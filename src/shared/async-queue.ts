// A push-based async iterable: producers `push` values and `end` (or `fail`); one consumer `for await`s them.
// Used to turn callback streams (a runtime.Port, GM.xmlHttpRequest progress events) into async iterables.
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private waiter: { resolve(result: IteratorResult<T>): void; reject(error: unknown): void } | undefined;
  private ended = false;
  private error: unknown;

  /** `onCancel` runs when the consumer stops early (breaks out of its loop), so the producer can stop too. */
  constructor(private readonly onCancel?: () => void) {}

  push(item: T): void {
    if (this.ended) return;
    const waiter = this.takeWaiter();
    if (waiter) waiter.resolve({ value: item, done: false });
    else this.items.push(item);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.takeWaiter()?.resolve({ value: undefined, done: true });
  }

  fail(error: unknown): void {
    if (this.ended) return;
    this.error = error;
    this.ended = true;
    this.takeWaiter()?.reject(error);
  }

  private takeWaiter(): typeof this.waiter {
    const waiter = this.waiter;
    this.waiter = undefined;
    return waiter;
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
          this.waiter = { resolve, reject };
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
