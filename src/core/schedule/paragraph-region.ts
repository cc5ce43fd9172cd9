// The main content of a page without landmarks or an adapter: where its paragraphs are. Not the one block holding
// the most paragraph text: on a forum thread that is one post, and the other posts were sent with the page's chrome;
// on an article cut into sections, one section. The blocks that together hold most of the paragraph text, and the
// smallest element around them; and where that is one of several alike elements holding paragraphs (a post among the
// thread's posts), their parent.

import {
  closestOf,
  parentElementOf,
  tagOf,
  holds,
  documentOf,
  queryAll,
  htmlOf,
  attrOf,
  isElement,
  firstChildOf,
  nextOf,
  queryIn,
} from "../dom";
/** The share of the page's paragraph text the region must hold: the article's body, not its footer's line. */
const MOST = 2 / 3;
/** Alike elements side by side that make a list of posts (not a page's two columns). */
const REPEATS = 3;

/** The element around the page's paragraphs outside `chrome`, or null when it has none. */
export function paragraphRegion(doc: Document, chrome: string): Element | null {
  const blocks = paragraphBlocks(doc, chrome);
  let total = 0;
  for (const n of blocks.values()) total += n;
  const largest = [...blocks].sort((a, b) => b[1] - a[1]);
  let region: Element | null = null;
  let held = 0;
  for (const [block, n] of largest) {
    region = region ? around(region, block) : block;
    held += n;
    if (held >= total * MOST) break;
  }
  return region && repeatedParent(region);
}

/** Each element holding paragraphs outside `chrome`, with their text's length. */
function paragraphBlocks(doc: Document, chrome: string): Map<Element, number> {
  const score = new Map<Element, number>();
  for (const p of Array.from(queryAll(doc, "p"))) {
    const parent = parentElementOf(p);
    const length = p.textContent?.length ?? 0;
    if (!parent || !length || closestOf(p, chrome)) continue;
    score.set(parent, (score.get(parent) ?? 0) + length);
  }
  return score;
}

/** The smallest element holding both. */
function around(a: Element, b: Element): Element {
  for (let n: Element | null = a; n; n = parentElementOf(n)) if (holds(n, b)) return n;
  return htmlOf(documentOf(a));
}

/**
 * The parent of the nearest element at or above `region` that stands among alike siblings with paragraphs (same
 * tag and class: a thread's posts, a blog's entries); `region` itself where there is none below <body>.
 */
function repeatedParent(region: Element): Element {
  for (let el = region, parent = parentElementOf(el); parent; el = parent, parent = parentElementOf(el)) {
    if (tagOf(parent) === "body" || tagOf(parent) === "html") break;
    // The attribute, not className: a post that is a form may have a control of that name (and an SVG's is no text).
    const kind = attrOf(el, "class");
    if (!kind) continue;
    let alike = 0;
    for (let c = firstChildOf(parent); c; c = nextOf(c)) {
      if (isElement(c) && tagOf(c) === tagOf(el) && attrOf(c, "class") === kind && queryIn(c, "p")) alike++;
    }
    if (alike >= REPEATS) return parent;
  }
  return region;
}
