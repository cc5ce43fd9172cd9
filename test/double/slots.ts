// llama-server's slots: a fixed number of parallel sequences, each with its own prompt cache. Requests beyond
// the slots wait FIFO and get no response at all (not even headers) until a slot frees (transcript j2).

export interface SlotTask {
  idTask: number;
  nPrompt: number;
  nPromptProcessed: number;
  nCache: number;
  maxTokens: number;
  stream: boolean;
  temperature: number;
  nDecoded: number;
  nRemain: number;
  hasNextToken: boolean;
}

export interface Slot {
  id: number;
  busy: boolean;
  /** The last prompt this slot evaluated: what its KV cache holds. */
  cached: string;
  lastUsed: number;
  task?: SlotTask;
}

interface Waiter {
  prompt: string;
  resolve(slot: Slot): void;
}

const lcp = (a: string, b: string): number => {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
};

export class SlotPool {
  readonly slots: Slot[];
  private readonly waiters: Waiter[] = [];
  private clock = 0;

  constructor(count: number) {
    this.slots = Array.from({ length: Math.max(1, count) }, (_, id) => ({ id, busy: false, cached: "", lastUsed: -1 }));
  }

  get busy(): number {
    return this.slots.filter((s) => s.busy).length;
  }

  get queued(): number {
    return this.waiters.length;
  }

  /** Resolves with a slot for this prompt; `cancel` removes a waiter that never got one. */
  acquire(prompt: string): { slot: Promise<Slot>; cancel(): void } {
    let waiter: Waiter | undefined;
    const slot = new Promise<Slot>((resolve) => {
      waiter = { prompt, resolve };
      this.waiters.push(waiter);
    });
    this.pump();
    return {
      slot,
      cancel: () => {
        const i = waiter ? this.waiters.indexOf(waiter) : -1;
        if (i >= 0) this.waiters.splice(i, 1);
      },
    };
  }

  /** Frees a slot; its cache now holds `cached` (prompt + generated text). */
  release(slot: Slot, cached: string): void {
    slot.busy = false;
    slot.cached = cached;
    slot.lastUsed = ++this.clock;
    this.pump();
  }

  /** Characters of `prompt` already in the slot's cache. */
  cachedChars(slot: Slot, prompt: string): number {
    return lcp(slot.cached, prompt);
  }

  reset(): void {
    for (const s of this.slots) {
      s.cached = "";
      s.lastUsed = -1;
      s.task = undefined;
    }
  }

  private pump(): void {
    while (this.waiters.length > 0) {
      const free = this.slots.filter((s) => !s.busy);
      if (free.length === 0) return;
      const waiter = this.waiters.shift() as Waiter;
      // Like the server: the slot whose cache shares the longest prefix (similarity > 0.1), else the LRU one.
      let best: Slot | undefined;
      let bestSim = 0.1;
      for (const s of free) {
        const sim = waiter.prompt.length ? lcp(s.cached, waiter.prompt) / waiter.prompt.length : 0;
        if (sim > bestSim) {
          best = s;
          bestSim = sim;
        }
      }
      best ??= free.reduce((a, b) => (b.lastUsed < a.lastUsed ? b : a));
      best.busy = true;
      waiter.resolve(best);
    }
  }
}
