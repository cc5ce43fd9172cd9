// A push-to-pull bridge: callbacks (stream parsing, concurrent retries) push values; an async generator pulls them.

export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private wake: (() => void) | undefined;
  private closed = false;

  push(item: T): void {
    this.items.push(item);
    this.notify();
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.items.length > 0) {
        yield this.items.shift() as T;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/** Runs producers concurrently and yields their items as they come. */
export async function* mergeAsync<T>(sources: AsyncIterable<T>[]): AsyncGenerator<T> {
  const queue = new AsyncQueue<T>();
  let pending = sources.length;
  if (pending === 0) return;
  let failure: unknown;
  for (const source of sources) {
    void (async () => {
      try {
        for await (const item of source) queue.push(item);
      } catch (err) {
        failure ??= err;
      } finally {
        if (--pending === 0) queue.close();
      }
    })();
  }
  yield* queue;
  if (failure) throw failure;
}
