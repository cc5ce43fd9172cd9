// A run of loose text in a block (a forum post's lines before its quote, a Hacker News comment's first paragraph)
// has no element of its own to take `dir`: translated into Arabic, it would be laid out in the page's left-to-right
// paragraph, its end punctuation, numbers and Latin words on the wrong sides. Each of its lines is wrapped in bidi
// isolate marks instead (RLI or LRI … PDI), written into its first and last translated Text nodes: no element is
// added or moved, so the page's scripts find their nodes where they left them; restore puts each node's own text
// back, so the marks go with the translation. Per line: a `<br>` ends a bidi paragraph, which ends an isolate.
// Not for a part of a paragraph too long for one request (see collect's `part`): its lines share the paragraph with
// the other parts', which one isolate each would order against the translation's direction.

import { hasNonSpace, isElement, isText, tagOf } from "../dom";
import type { TextDirection } from "../../shared/lang-direction";
import type { EncodedUnit } from "../markup/encode";

const OPEN: Record<TextDirection, string> = { rtl: "\u2067", ltr: "\u2066" };
const CLOSE = "\u2069";

/** The translated Text nodes with more than space of each line (lines end at a break), in document order. */
function lines(roots: Iterable<Node>, isBreak: (el: Element) => boolean, counts: (t: Text) => boolean): Text[][] {
  const out: Text[][] = [[]];
  const stack = Array.from(roots).reverse();
  while (stack.length) {
    const n = stack.pop() as Node;
    if (isText(n)) {
      if (counts(n)) (out[out.length - 1] as Text[]).push(n);
    } else if (isElement(n) && isBreak(n)) {
      out.push([]);
    } else {
      for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
    }
  }
  return out.filter((line) => line.length > 0);
}

/** Each line's first text opens the isolate after its leading space, its last closes it before its trailing space. */
function isolate(line: Text[], dir: TextDirection, get: (t: Text) => string, set: (t: Text, v: string) => void): void {
  const first = line[0] as Text;
  const last = line[line.length - 1] as Text;
  const head = get(first);
  const lead = /^\s*/.exec(head)?.[0] ?? "";
  set(first, lead + OPEN[dir] + head.slice(lead.length));
  const tail = get(last);
  const trail = /\s*$/.exec(tail)?.[0] ?? "";
  set(last, tail.slice(0, tail.length - trail.length) + CLOSE + trail);
}

/** A copy of the checked fragment whose lines are isolated to run `dir`. */
export function isolateFragment(fragment: DocumentFragment, unit: EncodedUnit, dir: TextDirection): DocumentFragment {
  const copy = fragment.cloneNode(true) as DocumentFragment;
  const isBreak = (el: Element): boolean => {
    const p = unit.placeholders.get(tagOf(el));
    return !!p && tagOf(p.el) === "br";
  };
  for (const line of lines(copy.childNodes, isBreak, (t) => hasNonSpace(t.data))) {
    isolate(
      line,
      dir,
      (t) => t.data,
      (t, v) => (t.data = v),
    );
  }
  return copy;
}

/** The plain-text translation of the unit's Text nodes (a copy), its lines isolated to run `dir`. */
export function isolateTexts(texts: Map<Text, string>, unit: EncodedUnit, dir: TextDirection): Map<Text, string> {
  const out = new Map(texts);
  const counts = (t: Text): boolean => hasNonSpace(out.get(t) ?? "");
  for (const line of lines(unit.nodes, (el) => tagOf(el) === "br", counts)) {
    isolate(
      line,
      dir,
      (t) => out.get(t) as string,
      (t, v) => out.set(t, v),
    );
  }
  return out;
}
