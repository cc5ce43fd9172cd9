// Gathers writes for a moment and hands them on together (one storage transaction for many, one port message for a
// burst of translated passages), each add settling with the batch it went in.

export interface WriteBatches<T> {
  /** Adds an item to the batch being gathered (opening one, written `waitMs` later); settles once it was written. */
  add(item: T): Promise<void>;
  /**
   * Starts writing the batch being gathered now, if any: `write` is called before this returns, so whatever the
   * caller does next comes after it. Settles once that batch was written.
   */
  flush(): Promise<void>;
}

interface Batch<T> {
  items: T[];
  timer: ReturnType<typeof setTimeout>;
  written: Promise<void>;
  settle(writing: Promise<void>): void;
}

export function createWriteBatches<T>(write: (items: T[]) => Promise<void>, waitMs: number): WriteBatches<T> {
  let gathering: Batch<T> | undefined;

  function open(): Batch<T> {
    let settle!: (writing: Promise<void>) => void;
    const written = new Promise<void>((resolve, reject) => (settle = (writing) => writing.then(resolve, reject)));
    // The timer's write fails into the adds' promises; its own copy is not waited for.
    const timer = setTimeout(() => void flush().catch(() => undefined), waitMs);
    return { items: [], timer, written, settle };
  }

  function flush(): Promise<void> {
    const batch = gathering;
    if (!batch) return Promise.resolve();
    gathering = undefined;
    clearTimeout(batch.timer);
    let writing: Promise<void>;
    try {
      writing = write(batch.items);
    } catch (error) {
      writing = Promise.reject(error);
    }
    batch.settle(writing);
    return batch.written;
  }

  return {
    add(item) {
      gathering ??= open();
      gathering.items.push(item);
      return gathering.written;
    },
    flush,
  };
}
