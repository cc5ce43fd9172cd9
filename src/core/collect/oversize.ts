// A unit too long for one request is split into runs of consecutive nodes, each of which fits: every unit fits a
// request and the queue keeps moving. Splits fall after a text that ends a sentence where one is near the middle,
// so a sentence is rarely cut in two. What no split can make small enough (a single long text), and a unit nested
// too deeply for an HTML parser to read back (browsers flatten markup nested more than a few hundred levels), is
// sent as plain text in parts instead (schedule/text-parts.ts).

import { isText } from "../dom";
import type { EncodedUnit } from "../markup/encode";
import { weightedLength } from "../schedule/weighted-length";

/** Placeholders nested deeper than this make a unit that is split (far below any parser's limit of ~512). */
export const MAX_PLACEHOLDER_DEPTH = 64;

/** A sentence's end, with its closing quotes or brackets (Japanese 「…。」 too). */
const SENTENCE_END = /[.!?…:;。！？]["'”’»)\]」』）]*\s*$/u;

/** Whether a unit must be split: too long for a request (weighed by script, as batches are), or too deep. */
export function oversized(encoded: EncodedUnit, maxChars: number): boolean {
  return weightedLength(encoded.html) > maxChars || encoded.depth > MAX_PLACEHOLDER_DEPTH;
}

/**
 * The unit itself when it fits, else runs of its nodes that do (in document order). `encode` encodes a run of
 * consecutive siblings (null when it holds nothing to translate). A run that cannot be split further (one node) is
 * returned as it is.
 */
export function splitOversized(
  encoded: EncodedUnit,
  maxChars: number,
  encode: (nodes: Node[]) => EncodedUnit | null,
): Array<{ nodes: Node[]; encoded: EncodedUnit }> {
  const out: Array<{ nodes: Node[]; encoded: EncodedUnit }> = [];
  // Halves, depth first, second half below the first on the stack: pieces come out in document order.
  const stack: Array<{ nodes: Node[]; encoded: EncodedUnit }> = [{ nodes: encoded.nodes, encoded }];
  while (stack.length) {
    const piece = stack.pop() as { nodes: Node[]; encoded: EncodedUnit };
    const core = piece.encoded.nodes;
    // Too deep: splitting at its nodes would encode the same depth again for each level (the depth squared), and
    // no run of it would be shallow enough anyway; it goes as plain text (schedule/text-parts.ts).
    if (!oversized(piece.encoded, maxChars) || core.length < 2 || piece.encoded.depth > MAX_PLACEHOLDER_DEPTH) {
      out.push(piece);
      continue;
    }
    const at = splitPoint(core);
    const halves = [core.slice(0, at), core.slice(at)];
    for (let i = halves.length - 1; i >= 0; i--) {
      const nodes = halves[i] as Node[];
      const e = encode(nodes);
      if (e) stack.push({ nodes, encoded: e });
    }
  }
  return out;
}

/** Where to cut `nodes` (1 … length − 1): after a sentence's end near the middle, else in the middle. */
function splitPoint(nodes: Node[]): number {
  const mid = Math.floor(nodes.length / 2);
  const reach = Math.max(1, Math.floor(nodes.length / 4));
  for (let d = 0; d <= reach; d++) {
    for (const i of [mid + d, mid - d]) {
      if (i < 1 || i >= nodes.length) continue;
      const before = nodes[i - 1];
      if (isText(before) && SENTENCE_END.test(before.data)) return i;
    }
  }
  return Math.min(Math.max(1, mid), nodes.length - 1);
}
