// Small first, then large. The first request to each slot carries one unit (the server client asks for a lone
// short unit in one line, without the instructions), so its prompt is short and its words come back soon; each round of requests after that may carry twice as much, up to
// the batch limit that fits the slot's context. (Like TCP's slow start: the cost of a small request is its share of
// prompt overhead, which only matters once the queue is deep.)

/** The first request's budget in compact-HTML characters: a post title, or a short paragraph. */
export const FIRST_BATCH_CHARS = 160;

/** After this long (ms) with nothing out or queued, start small again (an infinite scroll's next page): far above the
 * gaps in a run (8 ms collection slices), below a reader's pace. */
export const QUIET_RESTART_MS = 1000;

export class SlowStart {
  #sent = 0;
  #replied = false;
  #quietSince: number | undefined;

  /** A new session: start small again. */
  reset(): void {
    this.#sent = 0;
    this.#replied = false;
  }

  quiet(now: number): void {
    this.#quietSince = now;
  }

  resume(now: number): void {
    if (this.#quietSince !== undefined && now - this.#quietSince >= QUIET_RESTART_MS) this.#sent = 0;
    this.#quietSince = undefined;
  }

  /** The first request is out and nothing has come back yet. */
  get awaitingFirstReply(): boolean {
    return this.#sent > 0 && !this.#replied;
  }

  replied(): void {
    this.#replied = true;
  }

  /** Characters the next request may carry with `slots` requests at once. */
  budget(slots: number): number {
    const round = Math.floor(this.#sent / Math.max(1, slots));
    return FIRST_BATCH_CHARS * 2 ** Math.min(round, 16);
  }

  /** Units the next request may carry: one in the first round (one request per slot), else `max`. */
  segments(slots: number, max: number): number {
    return this.#sent < Math.max(1, slots) ? 1 : max;
  }

  sent(): void {
    this.#sent++;
  }
}
