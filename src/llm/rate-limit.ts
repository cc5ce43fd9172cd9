// A rate limit (429) met by any request of one translator: every request is held back for the pause it asked for.

/** Pauses after a 429 that does not say how long to wait. */
const FIRST_LIMITED_PAUSE_MS = 1_000;
const MAX_LIMITED_PAUSE_MS = 16_000;

export class RateLimit {
  /** Until when a rate limit (429) holds requests back, and the last pause it asked for (doubled without a header).
   * Waits here go by performance.now(): the wall clock can be set back an hour, and the wait would last that long. */
  private until = 0;
  private pause = FIRST_LIMITED_PAUSE_MS / 2;

  /** A pause longer than `loadingTimeoutMs` (the time Gloss waits for a server) holds nothing back. */
  constructor(private readonly loadingTimeoutMs: number) {}

  /** Whether requests are held back now. */
  get holding(): boolean {
    return performance.now() < this.until;
  }

  /** How long they still are. */
  get remainingMs(): number {
    return this.until - performance.now();
  }

  /** After a 429: the wait the server asked for, else one that doubles; every request is held back for it, unless
   * it outlasts the time Gloss waits for a server (a daily limit), which each request then reports at once. */
  holdBack(retryAfterMs: number | undefined): number {
    this.pause = retryAfterMs ?? Math.min(this.pause * 2, MAX_LIMITED_PAUSE_MS);
    if (this.pause <= this.loadingTimeoutMs) this.until = Math.max(this.until, performance.now() + this.pause);
    return this.pause;
  }

  /** A request was answered: the next 429 without a header starts from the first pause again. */
  reset(): void {
    this.pause = FIRST_LIMITED_PAUSE_MS / 2;
  }
}
