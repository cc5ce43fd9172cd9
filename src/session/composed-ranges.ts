// The reader's selection inside web components' shadow roots. Chromium's getRangeAt reports a selection there at the
// component's host, not at the words, so a look-up there read no words and translated the component in place;
// getComposedRanges (Chrome 137+, Firefox 142+, Safari 17+) gives the words in the roots it is handed.

import { documentOf, newRange } from "../core/dom";

type RootOf = (element: Element) => ShadowRoot | null;
type Composing = Selection & { getComposedRanges?(options: { shadowRoots: ShadowRoot[] }): StaticRange[] };

/**
 * The selection's ranges in the shadow roots `rootOf` sees (open, or closed too); undefined when the browser cannot
 * say, the selection touches no root, or it crosses a root's edge (no Range spans two trees): getRangeAt's then.
 */
export function composedRanges(selection: Selection, rootOf: RootOf): Range[] | undefined {
  const composing = selection as Composing;
  const roots: ShadowRoot[] = [];
  try {
    let ranges: StaticRange[];
    // Each answer shows the host an end is in, one root further down each time: its root goes into the next ask.
    for (let depth = 0; ; depth++) {
      ranges = composing.getComposedRanges!({ shadowRoots: roots });
      const known = roots.length;
      for (const r of ranges) {
        addRoots(roots, r.startContainer, r.startOffset, rootOf);
        addRoots(roots, r.endContainer, r.endOffset, rootOf);
      }
      if (roots.length === known || depth > 8) break;
    }
    const live: Range[] = [];
    for (const r of roots.length ? ranges : []) {
      const range = newRange(documentOf(r.startContainer));
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      // Ends in two trees: the Range collapsed to its end.
      if (range.collapsed !== r.collapsed) return undefined;
      if (!r.collapsed) live.push(range);
    }
    return roots.length ? live : undefined;
  } catch {
    // No getComposedRanges, Safari 17's first form of it (the roots as arguments), or a page's element that throws
    return undefined;
  }
}

/** Adds the shadow roots of the elements either side of a boundary point (a host stands for what is inside it). */
function addRoots(roots: ShadowRoot[], node: Node, offset: number, rootOf: RootOf): void {
  for (const child of [node.childNodes[offset - 1], node.childNodes[offset]]) {
    const root = child?.nodeType === 1 && rootOf(child as Element);
    if (root && !roots.includes(root)) roots.push(root);
  }
}
