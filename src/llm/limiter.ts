// Bounds requests in flight for one translator (shared by every tab). FIFO, so the page that asked first is
// served first, except that hidden pages (background tabs) wait while a shown page has requests waiting: the tab the
// reader looks at is not queued behind tabs opened for later. A waiter whose signal aborts leaves the queue at once
// and never takes a slot.

export class AbortedWhileQueued extends Error {
  constructor() {
    super("aborted while queued");
    this.name = "AbortError";
  }
}

interface Waiter {
  grant: (release: () => void) => void;
  reject: (err: Error) => void;
}

export class Limiter {
  private running = 0;
  /** Waiters of shown pages, then of hidden ones. */
  private readonly waiters: Waiter[] = [];
  private readonly hiddenWaiters: Waiter[] = [];

  constructor(private limit: number) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiters.length + this.hiddenWaiters.length;
  }

  get max(): number {
    return this.limit;
  }

  /** Changes the bound (e.g. once the server's slot count is known); waiters start if room appeared. */
  setLimit(limit: number): void {
    this.limit = Math.max(1, Math.floor(limit));
    this.pump();
  }

  /**
   * Resolves with a release function once a slot is free; `onQueued` fires if it has to wait. A `hidden` page's
   * request waits for every shown page's request queued before the slot frees.
   */
  acquire(signal?: AbortSignal, onQueued?: () => void, hidden = false): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new AbortedWhileQueued());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
        reject,
      };
      const queue = hidden ? this.hiddenWaiters : this.waiters;
      const onAbort = (): void => {
        const i = queue.indexOf(waiter);
        if (i >= 0) queue.splice(i, 1);
        reject(new AbortedWhileQueued());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      queue.push(waiter);
      if (this.running >= this.limit) onQueued?.();
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.limit && this.queued > 0) {
      const waiter = (this.waiters.shift() ?? this.hiddenWaiters.shift()) as Waiter;
      this.running++;
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        this.running--;
        this.pump();
      });
    }
  }
}
