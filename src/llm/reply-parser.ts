// Streaming reply → segments. Each segment is handed on the moment its closing marker (or, leniently, the next
// opening marker) arrives, so the page fills in while the model is still writing. Text outside markers is
// chatter and is dropped. Given the segments' sources, a marker-like footnote the model decoded inside a segment
// stays that segment's text (see PageTextMarkers).
// A marked reply that begins with prose may be reasoning whose `<think>` the chat template wrote (think-filter.ts),
// quoting the markers as it goes: what it yields is held until its `</think>` drops it or the reply ends. A short
// lead-in before the first marker ("Here is the translation:", a code fence) is chatter, and nothing is held.
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

/** The longest lead-in before the first marker that is read as chatter ("Sure! Here is the translation into English:"). */
const CHATTER_LEAD = 120;

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
  /** The reply numbered its segments from 0 (see scan): none of its numbers says which segment a text is. */
  private fromZero = false;
  /** Whether a marked reply began with a marker ("reply"), with prose that may be reasoning ("holding", see above),
   * or has shown nothing but white space yet. */
  private lead: "unknown" | "holding" | "reply";
  /** What the reply yielded while holding, in order. */
  private heldBack: (() => void)[] = [];
  private cutWhileHolding = 0;

  constructor(
    private readonly count: number,
    private readonly onSegment: (segment: ParsedSegment) => void,
    private readonly options: ParserOptions = {},
  ) {
    this.pageText = options.sources ? new PageTextMarkers(options.sources) : undefined;
    this.lead = options.marked === false ? "reply" : "unknown";
  }

  /** Characters of the reply so far: not its reasoning, which the server's max_tokens bounds (and client.ts's
   * byte limit, for a server that ignores it). */
  get length(): number {
    return this.lead === "holding" ? 0 : this.total;
  }

  /** Characters of reasoning the model wrote into the reply in think blocks (or before the close of one the template
   * opened), and of a reply cut while it may still have been reasoning: its retry needs room for that too. */
  get thoughtChars(): number {
    return this.think.thoughtChars + this.cutWhileHolding;
  }

  /** The segment being written (its number and characters so far), if one is open. */
  get writing(): { n: number; chars: number } | undefined {
    return this.open && this.lead !== "holding" ? { n: this.open.n, chars: this.open.chars } : undefined;
  }

  /**
   * Each delta is scanned once, with the few characters before it that may begin a marker: only complete markers
   * match, so a marker split across deltas is found with the next one. Text is kept as the pieces it came in and
   * never re-joined while it streams (joining a growing string at every token would cost the reply's length squared).
   */
  push(text: string): void {
    const reply = this.think.push(text);
    if (this.think.restarted) this.restart();
    if (this.lead === "unknown") {
      const first = /\S/.exec(reply)?.[0];
      if (first === "[" || first === "［") this.settle();
      else if (first) this.lead = "holding";
    }
    this.total += reply.length;
    this.scan(reply);
  }

  /** What came before was reasoning: nothing of it is the reply, and nothing it yielded is handed on. */
  private restart(): void {
    this.total = 0;
    this.carry = "";
    this.open = undefined;
    this.whole = [];
    this.seen.clear();
    this.summary.unknown = [];
    this.summary.duplicates = [];
    this.markersSeen = false;
    this.fromZero = false;
    this.heldBack = [];
    this.lead = this.options.marked === false ? "reply" : "unknown";
  }

  /** The marked reply is under way: nothing before was reasoning, and a `</think>` later is no reason to restart. */
  private settle(): void {
    this.lead = "reply";
    this.think.settle();
  }

  /** Hands on what the reply yields, or keeps it while the reply may still turn out to be reasoning. */
  private yieldOrHold(hand: () => void): void {
    if (this.lead === "holding") this.heldBack.push(hand);
    else hand();
  }

  /** The first marker came after prose: a short lead-in that ends the line or with a colon (or a code fence, or no
   * words at all) is chatter, not reasoning, and the reply streams from here. */
  private chatterBefore(marker: number, scan: string, consumed: number): boolean {
    const before = this.whole.join("") + scan.slice(consumed, marker);
    const lead = before.trim();
    if (lead.length > CHATTER_LEAD) return false;
    return /[:：]$/.test(lead) || /^(`{3,}|~{3,})[\w-]*$/.test(lead) || !/\p{L}/u.test(lead) || /\n\s*$/.test(before);
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
      if (this.lead === "holding" && !this.markersSeen && this.chatterBefore(hit.index, scan, consumed)) {
        this.settle();
      }
      this.append(scan.slice(consumed, hit.index));
      consumed = hit.end;
      // A reply that opens with [0] counts from 0: its [1] holds the second segment's text. Taken at its number, each
      // segment would show its neighbour's translation; unknown, each is missing and asked again alone.
      if (!this.markersSeen && !hit.close && hit.n === 0) this.fromZero = true;
      this.markersSeen = true;
      this.whole = [];
      if (!hit.close) {
        if (this.open) this.emit(this.open.n, this.open.pieces.join(""));
        const n = this.fromZero ? 0 : hit.n;
        this.open = { n, pieces: [], chars: 0 };
        this.yieldOrHold(() => this.options.onOpen?.(n));
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
    if (this.lead === "holding") {
      // Never closed: a reply after all, with chatter before it. Unless it was cut, when it may be reasoning cut short:
      // what it yielded is dropped, and its segments are asked again.
      const held = this.heldBack;
      this.heldBack = [];
      this.lead = "reply";
      if (complete) for (const hand of held) hand();
      else this.cutWhileHolding = this.total;
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
    this.yieldOrHold(() => this.onSegment({ n, raw }));
  }
}
