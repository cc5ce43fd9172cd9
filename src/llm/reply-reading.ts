// One request's reply as it streams: each segment judged, a good one handed on at once (a segment alone: at the
// end), the others noted with what was wrong, and a reply that runs past its bound stopped.
import type { RepairRule } from "../shared/markup-repair";
import type { BadReplyReason, Segment, SegmentResult, TranslateOptions } from "../shared/translator";
import type { ChatEnd } from "./client";
import { withGlossary } from "./glossary-check";
import { stripMarkerDressing } from "./marker-dressing";
import { escapeMarkers } from "./markers";
import { type ParserSummary, ReplyParser } from "./reply-parser";
import { SegmentOrder } from "./segment-order";
import { checkReply } from "./validate";
import { fromWire } from "./wire-names";

/**
 * The most a segment's reply may run to, in characters: above any translation validate.ts would accept (up to 10×
 * for a short text, 8× from a dense script), so only a runaway reply (a model babbling, a server ignoring
 * max_tokens) reaches it. Reading stops there and the request is aborted: the background never holds or parses more.
 */
export const segmentBound = (html: string): number => html.length * 10 + 240;
/** Room for chatter around the segments ("Here is the translation:") before the whole reply counts as runaway. */
const CHATTER_BOUND = 2000;

export interface Failed {
  seg: Segment;
  /** A bad reply (reason) or a request-level error. */
  reason?: BadReplyReason;
  detail?: string;
  /** A reply good but for the glossary: used as it is when the retry does no better. */
  usable?: { html: string; unmet: string[] };
}

export interface ReadingOptions {
  segs: readonly Segment[];
  opts: TranslateOptions;
  /** The request asked with the one-line prompt: no markers in the reply. */
  oneLine: boolean;
  wireOf(seg: Segment): string;
  /** Segment numbers handed on, and those that failed: one attempt's, over every request it sends. */
  yielded: Set<number>;
  failed: Map<number, Failed>;
  /** A good segment of several, judged. */
  onGood(result: SegmentResult): void;
  onRepair?(repairs: readonly RepairRule[]): void;
}

export class ReplyReading {
  /** Characters the whole reply may run to. */
  readonly maxChars: number;
  private readonly bounds: number[];
  private readonly order: SegmentOrder;
  private readonly parser: ReplyParser;
  private runaway: number | undefined;
  private singleResult: SegmentResult | undefined;
  private complete = false;
  private summary: ParserSummary | undefined;

  constructor(private readonly r: ReadingOptions) {
    const { segs, oneLine } = r;
    // Segments are judged in reply order, each once the next one opens: a segment beside one that never came
    // back may hold its text (segment-order.ts).
    const sources = segs.map((s) => escapeMarkers(r.wireOf(s)));
    this.order = new SegmentOrder(sources, (n, raw, merged) => this.judge(n, raw, merged));
    this.parser = new ReplyParser(segs.length, ({ n, raw }) => this.order.push(n, raw), {
      sources,
      marked: !oneLine,
      onOpen: (n) => this.order.opened(n),
    });
    this.bounds = segs.map((seg) => segmentBound(seg.html));
    this.maxChars = this.bounds.reduce((a, b) => a + b, CHATTER_BOUND);
  }

  /** A content delta; false once the reply ran past its bound (the open segment's, or the whole reply's). */
  push(text: string): boolean {
    const { parser, bounds, maxChars } = this;
    parser.push(text);
    // A one-line reply (no markers asked for) is segment 1's text as a whole.
    const open = parser.writing ?? (this.r.oneLine ? { n: 1, chars: parser.length } : undefined);
    if (open && open.chars > (bounds[open.n - 1] ?? maxChars)) this.runaway = open.n;
    else if (parser.length > maxChars) this.runaway = open?.n ?? 0;
    return this.runaway === undefined;
  }

  /** The request ended: the last segments are judged. */
  end(end: ChatEnd): void {
    // A reply the token limit or the API's content filter cut is not whole, even where it looks it.
    this.complete = end.type === "ok" && end.finishReason !== "length" && end.finishReason !== "content_filter";
    this.summary = this.parser.end(this.complete);
    // Reasoning the server left in the reply (`<think>`) counts as reasoning streamed apart does; the larger of
    // the two, for a server that sends the same reasoning both ways (a JSON reply with deepseek-legacy).
    if (end.type === "ok" && this.parser.thoughtChars) {
      end.stats.reasoningChars = Math.max(end.stats.reasoningChars ?? 0, this.parser.thoughtChars);
    }
    this.order.end(this.complete);
  }

  /**
   * After the request, what is left: the segment that ran away, a segment alone given twice and (from a whole
   * reply) those whose marker never came back fail; the others are unanswered. `single`: a segment alone's good
   * result, to hand on now.
   */
  settle(end: ChatEnd): { single?: SegmentResult; unanswered: Segment[] } {
    const { segs, yielded, failed } = this.r;
    const { runaway } = this;
    const ranAway = segs[(runaway ?? 0) - 1];
    if (end.type === "runaway" && ranAway && !yielded.has(runaway as number)) {
      const detail = `the reply ran past ${this.bounds[(runaway as number) - 1]} characters without closing the segment`;
      failed.set(runaway as number, { seg: ranAway, reason: "length-ratio", detail });
    }
    if (segs.length === 1 && this.summary?.duplicates.includes(1)) {
      failed.set(1, { seg: segs[0] as Segment, reason: "duplicate", detail: "two different translations" });
      yielded.delete(1);
      this.singleResult = undefined;
    }
    const unanswered: Segment[] = [];
    segs.forEach((seg, i) => {
      const n = i + 1;
      if (yielded.has(n) || failed.has(n)) return;
      if (end.type === "ok" && this.complete) {
        failed.set(n, { seg, reason: "missing", detail: "marker never came back" });
      } else unanswered.push(seg);
    });
    return { single: this.singleResult, unanswered };
  }

  /** Segment `n`'s reply, as segment-order.ts releases it. */
  private judge(n: number, raw: string, merged: boolean): void {
    const { segs, opts, failed } = this.r;
    const seg = segs[n - 1] as Segment;
    if (merged) {
      failed.set(n, { seg, reason: "merged", detail: "a neighbouring segment's marker never came back" });
      return;
    }
    const reply = fromWire(this.r.oneLine ? raw : stripMarkerDressing(raw, seg.html), seg.html);
    const verdict = withGlossary(checkReply(seg.html, reply, opts), seg.html, opts.rules);
    if (!verdict.ok) {
      const usable = "unmet" in verdict ? { usable: { html: verdict.html, unmet: verdict.unmet } } : {};
      failed.set(n, { seg, reason: verdict.reason, detail: verdict.detail, ...usable });
      return;
    }
    if (verdict.repairs?.length) this.r.onRepair?.(verdict.repairs);
    const result = { id: seg.id, html: verdict.html };
    // Alone, wait for the end: a second, different copy makes the reply ambiguous ("duplicate").
    if (segs.length === 1) this.singleResult = result;
    else this.r.onGood(result);
    this.r.yielded.add(n);
  }
}
