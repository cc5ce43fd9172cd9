// Segment fidelity: text must never move between segments. A small model sometimes runs two segments together —
// it writes the next segment's translation inside this one and leaves that segment's markers out — so a reply whose
// numbering skips a segment may hold that segment's text in a neighbour. Each segment is held until the next one
// opens (a token or two later: markers sit side by side), and a segment beside a gap is only accepted when its
// length clearly says it holds its own text alone; otherwise it is reported as "merged" and retried, like the
// segment that went missing. Reordered segments are no gap.
import { isWide, textOf } from "./validate";

/** Below this share of the segment's own length, a swallowed neighbour cannot be told apart by length. */
const DISTINGUISHABLE_SHARE = 0.5;

const lengthOf = (html: string): number => textOf(html).replace(/\s+/g, " ").trim().length;

interface Held {
  n: number;
  raw: string;
  /** Segments beside it that have not opened (yet): it may hold their text. */
  gap: Set<number>;
}

export class SegmentOrder {
  readonly #sources: readonly string[];
  readonly #release: (n: number, raw: string, merged: boolean) => void;
  readonly #opened = new Set<number>();
  readonly #gapBefore = new Map<number, number[]>();
  /** Reply length ÷ source length of the segments released so far without suspicion. */
  readonly #ratios: number[] = [];
  #last = 0;
  #held: Held | undefined;
  /** Segments beside a gap, waiting for it to fill (reordered) or for the end of the reply. */
  #pending: Held[] = [];

  constructor(sources: readonly string[], release: (n: number, raw: string, merged: boolean) => void) {
    this.#sources = sources;
    this.#release = release;
  }

  /** A segment's opening marker arrived (unknown and repeated numbers are ignored). */
  opened(k: number): void {
    if (!Number.isInteger(k) || k < 1 || k > this.#sources.length || this.#opened.has(k)) return;
    const gap = this.#unopened(this.#last + 1, k - 1);
    this.#opened.add(k);
    this.#gapBefore.set(k, gap);
    for (const p of [...this.#pending]) {
      p.gap.delete(k);
      if (!p.gap.size) this.#settle(p, false);
    }
    const held = this.#held;
    this.#held = undefined;
    if (held) {
      if (held.n === this.#last) for (const m of gap) held.gap.add(m);
      this.#hold(held);
    }
    if (k > this.#last) this.#last = k;
  }

  /** A segment is complete: held until the next one opens or the reply ends. */
  push(n: number, raw: string): void {
    const held = this.#held;
    if (held) this.#hold(held);
    this.#held = { n, raw, gap: new Set((this.#gapBefore.get(n) ?? []).filter((m) => !this.#opened.has(m))) };
  }

  /** The reply is over; `complete` is false when it was cut (the segments after it are unfinished, not missing). */
  end(complete: boolean): void {
    const held = this.#held;
    this.#held = undefined;
    if (held) {
      if (complete && held.n === this.#last)
        for (const m of this.#unopened(held.n + 1, this.#sources.length)) held.gap.add(m);
      this.#hold(held);
    }
    const pending = this.#pending;
    this.#pending = [];
    for (const p of pending) this.#settle(p, true);
  }

  #unopened(from: number, to: number): number[] {
    const out: number[] = [];
    for (let m = from; m <= to; m++) if (!this.#opened.has(m)) out.push(m);
    return out;
  }

  /** Released at once beside no gap; else pending. */
  #hold(held: Held): void {
    for (const m of [...held.gap]) if (this.#opened.has(m)) held.gap.delete(m);
    if (held.gap.size) this.#pending.push(held);
    else this.#settle(held, false);
  }

  /** Releases a segment; `final` judges a gap still open by length. */
  #settle(held: Held, final: boolean): void {
    this.#pending = this.#pending.filter((p) => p !== held);
    const source = this.#sources[held.n - 1] ?? "";
    const own = lengthOf(source);
    const reply = lengthOf(held.raw);
    if (!final || !held.gap.size) {
      if (own > 0 && reply > 0) this.#ratios.push(reply / own);
      this.#release(held.n, held.raw, false);
      return;
    }
    const neighbours = [...held.gap].reduce((sum, m) => sum + lengthOf(this.#sources[m - 1] ?? ""), 0);
    this.#release(held.n, held.raw, this.#mayHold(source, held.raw, own, neighbours, reply));
  }
  /** Whether a reply of this length may hold the gap's text too: it fits "own + gap" as well as "own" alone. */
  #mayHold(source: string, raw: string, own: number, neighbours: number, reply: number): boolean {
    if (own === 0 || reply === 0) return true;
    if (neighbours < own * DISTINGUISHABLE_SHARE) return true;
    const ratio = this.#reference(source, raw);
    const alone = Math.abs(Math.log(reply / (ratio * own)));
    const merged = Math.abs(Math.log(reply / (ratio * (own + neighbours))));
    return merged <= alone;
  }

  /** The usual reply ÷ source length in this reply, or by script when no other segment tells. */
  #reference(source: string, raw: string): number {
    const sorted = [...this.#ratios].sort((a, b) => a - b);
    if (sorted.length) return sorted[Math.floor(sorted.length / 2)] as number;
    const from = isWide(textOf(source));
    const to = isWide(textOf(raw));
    return from && !to ? 2.5 : to && !from ? 0.4 : 1;
  }
}
