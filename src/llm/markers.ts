// Segment markers: the one place that defines how segments are delimited in prompts and replies. The real
// translator and the llama-server test double both use it.
//
// Format: `[[#1]]…[[/#1]]`. Why this and not `<s1>…</s1>` or `%%`:
// - Placeholders are HTML-like tags (`<a1>`, `<x3>`), so a tag-shaped marker would be one typo away from a
//   placeholder, and the page engine's sanitizer would treat it as one.
// - A bare separator (`%%`, `---`) cannot be told apart from page text (FIELD-NOTES 7) and carries no id,
//   so a dropped or reordered segment shifts every later one.
// - ASCII brackets and digits are cheap, single tokens for Gemma/Llama tokenizers and small models copy them
//   reliably; the `#` keeps them distinct from wiki links and footnote refs like `[[1]]`.
// Page text can never contain `[[` after `escapeMarkers` (the first `[` of every `[[` becomes `&#91;`, which
// the page engine's HTML decoder turns back into `[`), so page text cannot forge or close a marker.

export const openMarker = (n: number): string => `[[#${n}]]`;
export const closeMarker = (n: number): string => `[[/#${n}]]`;

/** Matches an opening or closing marker, tolerating spaces a model might insert (`[[ #2 ]]`, `[[/ #2]]`). */
export const MARKER_RE = /\[\[\s*(\/?)\s*#\s*(\d{1,4})\s*\]\]/g;

/** The longest a marker can be, so a streaming parser knows how much tail may still become one. */
export const MAX_MARKER_LENGTH = 24;

/** Makes compact HTML safe to place between markers: no `[[` survives. */
export function escapeMarkers(html: string): string {
  return html.replace(/\[(?=\[)/g, "&#91;");
}

/** Wraps segments for a prompt, numbered from 1 in order. */
export function wrapSegments(htmls: readonly string[]): string {
  return htmls.map((h, i) => `${openMarker(i + 1)}${escapeMarkers(h)}${closeMarker(i + 1)}`).join("\n");
}

export interface MarkerHit {
  close: boolean;
  n: number;
  index: number;
  end: number;
}

/** All markers in a text, in order. */
export function findMarkers(text: string): MarkerHit[] {
  const hits: MarkerHit[] = [];
  for (const m of text.matchAll(MARKER_RE)) {
    hits.push({ close: m[1] === "/", n: Number(m[2]), index: m.index, end: m.index + m[0].length });
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
    } else if (open && open.n === hit.n) {
      out.push({ n: open.n, content: text.slice(open.end, hit.index), closed: true });
      open = undefined;
    }
  }
  if (open) out.push({ n: open.n, content: text.slice(open.end), closed: false });
  return out;
}
