// Bounds requests in flight for one translator (shared by every tab). FIFO, so the page that asked first is
// served first, except that a reader's look-up (a selected word, waited for in a card) takes the next free slot ahead
// of every queued page batch, and hidden pages (background tabs) wait while a shown page has requests waiting: the
// tab the reader looks at is not queued behind tabs opened for later. A request's lane is read when a slot frees, not
// when it queued: a page's queued requests follow its tab as the reader leaves it or comes back, in the order they
// asked. A waiter whose signal aborts leaves the queue at once and never takes a slot. Running requests are never
// stopped for a waiter, however urgent: the server would throw away the work it did on them, and their text would be
// asked again.

export class AbortedWhileQueued extends Error {
  constructor() {
    super("aborted while queued");
    this.name = "AbortError";
  }
}

interface Waiter {
  lane: () => Lane;
  grant: (release: () => void) => void;
  reject: (err: Error) => void;
}

/** Which queue a request waits in: look-ups, then shown pages, then hidden ones. */
export type Lane = "lookup" | "shown" | "hidden";

/** The first waiter to serve: the first look-up, else the first of a shown page, else the first of all. */
function nextIndex(waiters: readonly Waiter[]): number {
  let shown = -1;
  for (const [i, waiter] of waiters.entries()) {
    const lane = waiter.lane();
    if (lane === "lookup") return i;
    if (lane === "shown" && shown < 0) shown = i;
  }
  return Math.max(shown, 0);
}

export class Limiter {
  private running = 0;
  /** Waiters in the order they asked; their lanes decide who goes first (nextIndex). */
  private readonly waiters: Waiter[] = [];

  constructor(private limit: number) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiters.length;
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
   * Resolves with a release function once a slot is free; `onQueued` fires if it has to wait. A look-up waits only
   * for the look-ups queued before it; a `hidden` page's request for every shown page's request queued before the
   * slot frees. A function `lane` is asked again each time a slot frees (the page's tab now).
   */
  acquire(signal?: AbortSignal, onQueued?: () => void, lane: Lane | (() => Lane) = "shown"): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(new AbortedWhileQueued());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        lane: typeof lane === "function" ? lane : () => lane,
        grant: (release) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
        reject,
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new AbortedWhileQueued());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
      if (this.running >= this.limit) onQueued?.();
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.limit && this.queued > 0) {
      const [waiter] = this.waiters.splice(nextIndex(this.waiters), 1) as [Waiter];
      this.running++;
      let released = false;
      waiter.grant(() => {
        if (released) return;
        released = true;
        this.running--;
        // The freed slot goes out in a task of its own: a page that leaves ends all its jobs in one loop, and the
        // browser runs an aborted request's reactions inside that loop, before the page's next queued job has been
        // ended, which then took the slot and reached the server only to be cancelled.
        setTimeout(() => this.pump(), 0);
      });
    }
  }
}
