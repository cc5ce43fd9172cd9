// The requests in flight of several page engines at once (a page and the frames it shows): the tab asks the server
// for no more at once than one engine would, and a free slot goes to the passage in view whichever document holds it.

/** An engine's request dispatcher, as the pool sees it. */
export interface PoolMember {
  /** Where its next job stands in queue order (lower goes first), when it could send one now; else undefined. */
  next(): number | undefined;
  /** Send what it may now. */
  pump(): void;
}

export class RequestPool {
  readonly #members = new Set<PoolMember>();
  /** Members whose first request goes alone (firstAlone): nobody else sends until its first reply. */
  readonly #alone = new Set<PoolMember>();
  /** Members that were held back for another member's better job: woken when a slot frees or that job leaves. */
  readonly #waiting = new Set<PoolMember>();
  /** Members whose session has had its first reply: then the tab's first words are in, and no first goes alone. */
  readonly #replied = new Set<PoolMember>();
  /** Requests in flight by member, for its current session. */
  readonly #inFlight = new Map<PoolMember, number>();
  #waking = false;

  get inFlight(): number {
    let n = 0;
    for (const count of this.#inFlight.values()) n += count;
    return n;
  }

  /**
   * The member's new session starts. Requests of its session before (stopped, aborted) no longer count, as for leave:
   * one that winds down after this (a reply waiting for its language) is not released, and would hold a slot for ever;
   * nor does its first request hold the others back any more.
   */
  join(member: PoolMember): void {
    this.#members.add(member);
    this.#replied.delete(member);
    this.#inFlight.delete(member);
    if (this.#alone.delete(member)) this.#wake();
  }

  /**
   * The member's session is over (restored): it holds nobody back any more, and its requests, aborted, no longer
   * count (a new run does not wait for the old one's to wind down, as it would not without frames).
   */
  leave(member: PoolMember): void {
    this.#members.delete(member);
    this.#waiting.delete(member);
    this.#replied.delete(member);
    const freed = this.#inFlight.delete(member);
    if (this.#alone.delete(member) || freed) this.#wake();
  }

  /**
   * Whether `member` may send a request now, with `window` requests at once for the tab (the same limits for every
   * member). A member whose next job comes after another's is held back, and that other one is asked to send.
   */
  mayTake(member: PoolMember, window: number): boolean {
    for (const holder of this.#alone) if (holder !== member) return this.#wait(member);
    if (this.inFlight >= window) return this.#wait(member);
    const mine = member.next();
    if (mine === undefined) return true;
    for (const other of this.#members) {
      const theirs = other === member ? undefined : other.next();
      if (theirs !== undefined && theirs < mine) {
        this.#waiting.add(member);
        // After this pump has stepped back: the other one sends first, then wakes this one (taken).
        queueMicrotask(() => other.pump());
        return false;
      }
    }
    this.#waiting.delete(member);
    return true;
  }

  /** The member's pump is over: unless it was held back itself, it has no better job left, and those it held back
   * may go (only a member that went on can free others: held-back ones waking each other would never end). */
  pumped(member: PoolMember): void {
    if (!this.#waiting.has(member)) this.#wake();
  }

  #wait(member: PoolMember): false {
    this.#waiting.add(member);
    return false;
  }

  taken(member: PoolMember): void {
    this.#inFlight.set(member, (this.#inFlight.get(member) ?? 0) + 1);
    // Room may be left for a member held back for this one's better job.
    this.#wake();
  }

  /** One of the member's requests of its current session ended. */
  released(member: PoolMember): void {
    const count = this.#inFlight.get(member);
    if (count === undefined) return;
    if (count > 1) this.#inFlight.set(member, count - 1);
    else this.#inFlight.delete(member);
    this.#wake();
  }

  /**
   * Whether the member's first request goes alone until its first reply (see unhold): only the tab's first. Once a
   * document's words are in, a frame's first request holding every other document back would only leave slots idle
   * (one frame after another, each up to the engine's wait, on a page of framed posts).
   */
  hold(member: PoolMember): boolean {
    if (this.#replied.size) return false;
    this.#alone.add(member);
    return true;
  }

  /** The member's first reply came (or its first request ended without one). */
  unhold(member: PoolMember): void {
    this.#replied.add(member);
    if (this.#alone.delete(member)) this.#wake();
  }

  /** Once, after the current task's work: the members held back try again, the best placed first. */
  #wake(): void {
    if (this.#waking || !this.#waiting.size) return;
    this.#waking = true;
    queueMicrotask(() => {
      this.#waking = false;
      const waiting = [...this.#waiting];
      this.#waiting.clear();
      const place = (m: PoolMember): number => m.next() ?? Number.POSITIVE_INFINITY;
      for (const member of waiting.sort((a, b) => place(a) - place(b))) member.pump();
    });
  }
}
