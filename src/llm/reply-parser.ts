// Streaming reply → segments. Each segment is handed on the moment its closing marker (or, leniently, the next
// opening marker) arrives, so the page fills in while the model is still writing. Text outside markers is
// chatter and is dropped. Given the segments' sources, a marker-like footnote the model decoded inside a segment
// stays that segment's text (see PageTextMarkers).
import { findMarkers, MAX_MARKER_LENGTH, PageTextMarkers } from "./markers";
import { ThinkFilter } from "./think-filter";

export interface ParsedSegment {
  /** 1-based marker number. */
  n: number;
  raw: string;
}

export interface ParserSummary {
  /** Markers numbered outside 1..count. */
  unknown: number[];
  /** Numbers that came back more than once with different text (first one was kept). */
  duplicates: number[];
  /** The segment still open when the reply stopped (only reported, never emitted, when the reply was cut). */
  unfinished?: number;
}

export interface ParserOptions {
  /** The segments' sources (compact HTML as sent), to tell a decoded footnote `[1]` from a marker. */
  sources?: readonly string[];
  /** False when the prompt asked for the translation alone (no markers). Default true. */
  marked?: boolean;
  /** A segment's opening marker arrived. */
  onOpen?(n: number): void;
}

export class ReplyParser {
  private readonly pageText: PageTextMarkers | undefined;
  /** Reasoning is not the reply: no marker inside it counts (see think-filter.ts). */
  private readonly think = new ThinkFilter();
  /** Characters of the reply received so far, reasoning in think blocks not counted. */
  private total = 0;
  /** The end of what arrived that may still start a marker: scanned again with the next delta. */
  private carry = "";
  /** The open segment's text so far, in the pieces it arrived in (joined once, when it ends). */
  private open: { n: number; pieces: string[]; chars: number } | undefined;
  /** The whole reply, while no marker was seen (a one-segment reply without markers is taken whole). */
  private whole: string[] = [];
  private readonly seen = new Map<number, string>();
  private readonly summary: ParserSummary = { unknown: [], duplicates: [] };
  private markersSeen = false;

  constructor(
    private readonly count: number,
    private readonly onSegment: (segment: ParsedSegment) => void,
    private readonly options: ParserOptions = {},
  ) {
    this.pageText = options.sources ? new PageTextMarkers(options.sources) : undefined;
  }

  /** Characters of the reply so far: not its reasoning, which the server's max_tokens bounds (and client.ts's
   * byte limit, for a server that ignores it). */
  get length(): number {
    return this.total;
  }

  /** Characters of reasoning the model wrote into the reply in think blocks. */
  get thoughtChars(): number {
    return this.think.thoughtChars;
  }

  /** The segment being written (its number and characters so far), if one is open. */
  get writing(): { n: number; chars: number } | undefined {
    return this.open ? { n: this.open.n, chars: this.open.chars } : undefined;
  }

  /**
   * Each delta is scanned once, with the few characters before it that may begin a marker: only complete markers
   * match, so a marker split across deltas is found with the next one. Text is kept as the pieces it came in and
   * never re-joined while it streams (joining a growing string at every token would cost the reply's length squared).
   */
  push(text: string): void {
    const reply = this.think.push(text);
    this.total += reply.length;
    this.scan(reply);
  }

  /** `final`: nothing more will arrive, so a marker at the very end is complete. */
  private scan(text: string, final = false): void {
    const scan = this.carry + text;
    let consumed = 0;
    let deferred = scan.length;
    for (const hit of findMarkers(scan)) {
      // `[[2]` at the end of what arrived may be `[[2]]` with its last bracket in the next delta: read as a marker
      // now, that bracket would be the segment's first character.
      if (!final && hit.end === scan.length && scan.startsWith("[[", hit.index) && scan[hit.end - 2] !== "]") {
        deferred = hit.index;
        break;
      }
      // Inside a segment (or a reply without markers), the segment's own footnote is text, not a marker: kept with
      // the text around it (and consumed, so it is not scanned, and taken, again with the next delta).
      const inside = this.open?.n ?? (this.options.marked === false && !this.markersSeen ? 1 : undefined);
      if (!hit.close && inside !== undefined && this.pageText?.take(inside, hit.n)) {
        this.append(scan.slice(consumed, hit.end));
        consumed = hit.end;
        continue;
      }
      this.append(scan.slice(consumed, hit.index));
      consumed = hit.end;
      this.markersSeen = true;
      this.whole = [];
      if (!hit.close) {
        if (this.open) this.emit(this.open.n, this.open.pieces.join(""));
        this.open = { n: hit.n, pieces: [], chars: 0 };
        this.options.onOpen?.(hit.n);
      } else if (this.open) {
        // A close with the wrong number still ends the open segment: small models miscount.
        this.emit(this.open.n, this.open.pieces.join(""));
        this.open = undefined;
      }
    }
    const keep = Math.min(deferred, Math.max(consumed, scan.length - MAX_MARKER_LENGTH));
    this.append(scan.slice(consumed, keep));
    this.carry = scan.slice(keep);
  }

  private append(text: string): void {
    if (!text) return;
    if (this.open) {
      this.open.pieces.push(text);
      this.open.chars += text.length;
    } else if (!this.markersSeen) {
      this.whole.push(text);
    }
  }

  /**
   * The reply is over. `complete` is false when it was cut (token limit, lost connection): an open segment is
   * then unfinished rather than emitted. A one-segment reply with no markers at all is taken whole (even when blank).
   */
  end(complete: boolean): ParserSummary {
    this.scan(this.think.end(), true);
    this.append(this.carry);
    this.carry = "";
    if (this.open) {
      if (complete) this.emit(this.open.n, this.open.pieces.join(""));
      else this.summary.unfinished = this.open.n;
      this.open = undefined;
    } else if (!this.markersSeen && this.count === 1 && complete) {
      // Even blank: that is an "empty" reply, not a "missing" one.
      this.emit(1, this.whole.join(""));
    }
    return this.summary;
  }

  private emit(n: number, raw: string): void {
    if (!Number.isInteger(n) || n < 1 || n > this.count) {
      this.summary.unknown.push(n);
      return;
    }
    const before = this.seen.get(n);
    if (before !== undefined) {
      if (before.trim() !== raw.trim()) this.summary.duplicates.push(n);
      return;
    }
    this.seen.set(n, raw);
    this.onSegment({ n, raw });
  }
}
