// Streaming reply → segments. Each segment is handed on the moment its closing marker (or, leniently, the next
// opening marker) arrives, so the page fills in while the model is still writing. Text outside markers is
// chatter and is dropped. Given the segments' sources, a marker-like footnote the model decoded inside a segment
// stays that segment's text (see PageTextMarkers).
import { findMarkers, PageTextMarkers } from "./markers";

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
  private buffer = "";
  private scanFrom = 0;
  private open: { n: number; start: number } | undefined;
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

  push(text: string): void {
    this.buffer += text;
    // Only complete markers match; a marker split across deltas is found on a later push.
    const base = this.scanFrom;
    for (const hit of findMarkers(this.buffer.slice(base))) {
      const index = base + hit.index;
      const end = base + hit.end;
      this.scanFrom = end;
      // Inside a segment (or a reply without markers), the segment's own footnote is text, not a marker.
      const inside = this.open?.n ?? (this.options.marked === false && !this.markersSeen ? 1 : undefined);
      if (!hit.close && inside !== undefined && this.pageText?.take(inside, hit.n)) continue;
      this.markersSeen = true;
      if (!hit.close) {
        if (this.open) this.emit(this.open.n, this.buffer.slice(this.open.start, index));
        this.open = { n: hit.n, start: end };
        this.options.onOpen?.(hit.n);
      } else if (this.open) {
        // A close with the wrong number still ends the open segment: small models miscount.
        this.emit(this.open.n, this.buffer.slice(this.open.start, index));
        this.open = undefined;
      }
    }
  }

  /**
   * The reply is over. `complete` is false when it was cut (token limit, lost connection): an open segment is
   * then unfinished rather than emitted. A one-segment reply with no markers at all is taken whole (even when blank).
   */
  end(complete: boolean): ParserSummary {
    if (this.open) {
      if (complete) this.emit(this.open.n, this.buffer.slice(this.open.start));
      else this.summary.unfinished = this.open.n;
      this.open = undefined;
    } else if (!this.markersSeen && this.count === 1 && complete) {
      // Even blank: that is an "empty" reply, not a "missing" one.
      this.emit(1, this.buffer);
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
