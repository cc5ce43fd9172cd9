// Small first, then large. The first request to each slot carries one unit or a few short ones, so its prompt is
// short and its first segment streams back soon; each round of requests after that may carry twice as much, up to
// the batch limit that fits the slot's context. (Like TCP's slow start: the cost of a small request is its share of
// prompt overhead, which only matters once the queue is deep.)

/** The first request's budget in compact-HTML characters: a post title, or a short paragraph. */
export const FIRST_BATCH_CHARS = 160;

export class SlowStart {
  #sent = 0;

  /** A new session: start small again. */
  reset(): void {
    this.#sent = 0;
  }

  /** Characters the next request may carry with `slots` requests at once. */
  budget(slots: number): number {
    const round = Math.floor(this.#sent / Math.max(1, slots));
    return FIRST_BATCH_CHARS * 2 ** Math.min(round, 16);
  }

  sent(): void {
    this.#sent++;
  }
}
