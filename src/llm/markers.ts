// Segment markers: the one place that defines how segments are delimited in prompts and replies. The real
// translator and the llama-server test double both use it.
//
// Format: `[1]…[2]…[3]…[/]`: each segment opens with its number, the next one's opening ends it, and one close ends
// the last. The model writes every marker back, so markers are output tokens, and output tokens are what a page
// costs (about 16× a prompt token on a CPU). Measured with Gemma's tokenizer: the earlier `[[#1]]…[[/#1]]` + newline
// cost 10 tokens a segment; `[1]…[/]` pairs cost 4 between neighbours (`[/][2]` is `[/`, `][`, `2`, `]`); an opening
// alone costs 3 (`[`, `2`, `]`). A close between neighbours told the page nothing the next opening does not: a
// segment is held until the next one opens anyway (segment-order.ts) and ends there a token sooner. The number
// opens a segment so that a dropped or reordered one cannot shift the others; the last close keeps chatter after
// the last segment out. A model that still writes a close after each segment (or a numbered one: small models
// miscount) is read the same: the parser ends the open segment at any close.
// Why not `<s1>…</s1>` or `%%`:
// - Placeholders are HTML-like tags (`<a1>`, `<x3>`), so a tag-shaped marker would be one typo away from a
//   placeholder, and the page engine's sanitizer would treat it as one.
// - A bare separator (`%%`, `---`) cannot be told apart from page text (FIELD-NOTES 7) and carries no id.
// Page text can never hold a marker after `escapeMarkers`: a `[` that would start one (`[12]`, `[/`) becomes
// `&#91;`, which the page engine's HTML decoder turns back into `[`, so page text cannot forge or close a marker.
// Small models write markers back with small deviations, all read as markers: spaces (`[ 2 ]`), a numbered close
// (`[/2]`), a backslash (`[\]`), doubled brackets (`[[2]]`), full-width brackets and digits (`［２］`, common when
// writing Chinese or Japanese), the target's own digits (`[٢]` in Arabic, `[۲]` in Persian, `[२]` in Hindi) and bidi
// marks beside the number (`[\u200f2]`, written around text that runs right to left). And a model may decode
// `&#91;1]` (a footnote "[1]" in the page) back to `[1]`: an opening marker that matches an escaped one in the open
// segment's own source is that page text (see PageTextMarkers).

export const openMarker = (n: number): string => `[${n}]`;
export const CLOSE_MARKER = "[/]";

/**
 * The marked layout, in prompts and in the replies the test double writes (the model copies the layout): each
 * segment opens with its number, the last one alone is closed.
 */
export function markedLayout(segs: readonly { n: number; html: string }[]): string {
  const body = segs.map((s) => `${openMarker(s.n)}${s.html}`).join("");
  return segs.length ? `${body}${CLOSE_MARKER}` : "";
}

/** Space inside a marker: white space, and the bidi marks a model writes around text that runs right to left. */
const GAP = String.raw`[\s\u200e\u200f\u061c]*`;
/** A digit of a marker's number: ASCII, or the same digit in a script a target writes its numbers in. */
const DIGIT = String.raw`[0-9\u0660-\u0669\u06f0-\u06f9\u0966-\u096f\u09e6-\u09ef\u0e50-\u0e59\uff10-\uff19]`;
/** The zero of each digit range in DIGIT but ASCII. */
const ZEROS = [0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0xff10];

/** A marker's number from its digits, in whichever script they were written. */
function numberOf(digits: string): number {
  let n = 0;
  for (const ch of digits) {
    const code = ch.codePointAt(0) ?? 0;
    const zero = ZEROS.find((z) => code >= z && code <= z + 9) ?? 0x30;
    n = n * 10 + (code - zero);
  }
  return n;
}

/**
 * Matches an opening (`[2]`) or closing (`[/]`, also `[/2]`) marker, with the deviations small models write: spaces,
 * a backslash for the slash, doubled or full-width brackets.
 */
export const MARKER_RE = new RegExp(
  String.raw`(?:\[\[|\[|［)${GAP}(?:([/\\／])${GAP}(${DIGIT}{0,4})|(${DIGIT}{1,4}))${GAP}(?:\]\]|\]|］)`,
  "gu",
);

/** The longest a marker can be, so a streaming parser knows how much tail may still become one. */
export const MAX_MARKER_LENGTH = 16;

/** A bracket that could begin a marker (what escapeMarkers escapes). */
const MARKER_START_RE = new RegExp(String.raw`[[［](?=${GAP}(?:[/\\／]|${DIGIT}{1,4}${GAP}[\]］]))`, "gu");

/** Makes compact HTML safe to place between markers: no bracket that could begin a marker survives. */
export function escapeMarkers(html: string): string {
  return html.replace(MARKER_START_RE, (bracket) => (bracket === "[" ? "&#91;" : "&#65339;"));
}

/** Wraps segments for a prompt, numbered from 1 in order. */
export function wrapSegments(htmls: readonly string[]): string {
  return markedLayout(htmls.map((h, i) => ({ n: i + 1, html: escapeMarkers(h) })));
}

export interface MarkerHit {
  close: boolean;
  /** The segment number (0 for a close without one). */
  n: number;
  index: number;
  end: number;
}

/** All markers in a text, in order. */
export function findMarkers(text: string): MarkerHit[] {
  const hits: MarkerHit[] = [];
  for (const m of text.matchAll(MARKER_RE)) {
    const close = m[1] !== undefined;
    // A close's number, when a model writes one, is only informative: 0 when there is none.
    const n = numberOf((close ? m[2] : m[3]) ?? "");
    hits.push({ close, n, index: m.index, end: m.index + m[0].length });
  }
  return hits;
}

/**
 * Parses a complete marked text into `n → content` (first occurrence wins), in order of appearance.
 * A segment left open is closed by the next opening marker or the end of the text.
 */
export function parseMarked(text: string): { n: number; content: string; closed: boolean }[] {
  const out: { n: number; content: string; closed: boolean }[] = [];
  let open: MarkerHit | undefined;
  for (const hit of findMarkers(text)) {
    if (!hit.close) {
      if (open) out.push({ n: open.n, content: text.slice(open.end, hit.index), closed: false });
      open = hit;
    } else if (open) {
      out.push({ n: open.n, content: text.slice(open.end, hit.index), closed: true });
      open = undefined;
    }
  }
  if (open) out.push({ n: open.n, content: text.slice(open.end), closed: false });
  return out;
}

/** A marker-like bracket in page text, as escapeMarkers left it. */
const PAGE_TEXT_MARKER_RE = new RegExp(String.raw`(?:&#91;|&#x5b;|&#65339;)${GAP}(${DIGIT}{1,4})${GAP}[\]］]`, "giu");

/**
 * Footnotes and other marker-like page text (`[1]` escaped as `&#91;1]`) in each segment's source. A model that
 * decodes the escape writes `[1]` back inside that segment: an opening marker there is then page text, as often as
 * the source holds it escaped. Anything else stays a marker: text is never moved between segments on a guess (a
 * segment that swallowed its neighbour is caught by the reply's segment order, see segment-order.ts).
 */
export class PageTextMarkers {
  readonly #left: Array<Map<number, number>>;

  constructor(sources: readonly string[]) {
    this.#left = sources.map((source) => {
      const counts = new Map<number, number>();
      for (const m of source.matchAll(PAGE_TEXT_MARKER_RE)) {
        const n = numberOf(m[1] ?? "");
        counts.set(n, (counts.get(n) ?? 0) + 1);
      }
      return counts;
    });
  }

  /** Whether an opening marker numbered `k` inside segment `n` (1-based) is that segment's page text; uses it up. */
  take(n: number, k: number): boolean {
    const counts = this.#left[n - 1];
    const left = counts?.get(k) ?? 0;
    if (left <= 0) return false;
    counts?.set(k, left - 1);
    return true;
  }
}
