// Write a checked translation into the live page the way Firefox does: reuse the page's own nodes. Each placeholder
// maps back to its original element, which is moved into place (href, listeners and framework state survive);
// translated text goes into the original Text nodes, in order. Inline elements may come back reordered.

import { documentOf, hasNonSpace, isElement, isText } from "../dom";
import type { EncodedUnit, Placeholder } from "../markup/encode";
import { type ContentSnapshot, restoreContent, takeSnapshot } from "../restore/snapshot";

export interface MergeHooks {
  /** Called for every text written, so the caller can recognise its own output later. */
  onText?(node: Text, data: string): void;
}

/** Child indexes from `ancestor` down to `node`. */
function pathFrom(ancestor: Node, node: Node): number[] {
  const path: number[] = [];
  for (let n: Node = node; n !== ancestor && n.parentNode; n = n.parentNode) {
    let i = 0;
    for (let s = n.previousSibling; s; s = s.previousSibling) i++;
    path.unshift(i);
  }
  return path;
}

function follow(root: Node, path: number[]): Node {
  let n: Node = root;
  for (const i of path) n = n.childNodes[i] ?? n;
  return n;
}

/**
 * Replace the unit's range with the translated fragment, reusing live nodes. Returns the snapshot that restores the
 * original. The fragment must come from decodeUnit for this same unit.
 */
export function mergeUnit(unit: EncodedUnit, fragment: DocumentFragment, hooks: MergeHooks = {}): ContentSnapshot {
  const snapshot = takeSnapshot(unit);
  const doc = documentOf(unit.parent);
  const isPlaceholder = new Set<Element>();
  for (const p of unit.placeholders.values()) isPlaceholder.add(p.el);

  // Where each text-less opaque placeholder was, in case the reply leaves it out (an image or <br> is not lost).
  const origin = new Map<string, { parent: Node; next: Node | null }>();
  for (const p of unit.placeholders.values()) {
    if (p.opaque && !p.hasText && p.el.parentNode)
      origin.set(p.name, { parent: p.el.parentNode, next: p.el.nextSibling });
  }
  // Inline placeholders' content areas (and the unit's own), to know whether a level was rewritten.
  const rewritten = new Set<Node>();
  // Each content area ends before its first trailing edge node; edges never move, so this is taken up front.
  const edgeAfter = new Map<string, Node | null>();
  for (const p of unit.placeholders.values()) {
    const last = p.nodes[p.nodes.length - 1];
    edgeAfter.set(p.name, p.trail > 0 && last ? last.nextSibling : null);
  }

  // The live element goes to its first use that has text (or its first use); other uses get clones.
  const primary = new Map<string, Element>();
  const firstUse = new Map<string, Element>();
  for (const t of translatedElements(fragment, unit)) {
    const name = t.localName;
    if (!firstUse.has(name)) firstUse.set(name, t);
    if (!primary.has(name) && hasNonSpace(t.textContent ?? "")) primary.set(name, t);
  }
  for (const [name, t] of firstUse) if (!primary.has(name)) primary.set(name, t);
  const used = new Set<string>();

  const level = (parent: Node, range: Node[], anchor: Node | null, translated: Node[], core: boolean): void => {
    rewritten.add(parent);
    const texts = range.filter(isText);
    // Comments and invisible elements (framework markers, scripts) are not sent; they stay next to the node that
    // followed them.
    const sticky = range
      .filter((n) => !isText(n) && !(isElement(n) && isPlaceholder.has(n)))
      .map((node) => ({ node, next: node.nextSibling }));
    for (const n of range) if (n.parentNode === parent) parent.removeChild(n);
    if (anchor && anchor.parentNode !== parent) anchor = null;

    const insert = (node: Node): void => {
      parent.insertBefore(node, anchor);
      if (core) snapshot.inserted.push(node);
    };

    for (const t of translated) {
      if (isText(t)) {
        const node = texts.shift() ?? doc.createTextNode("");
        if (node.data !== t.data) node.data = t.data;
        hooks.onText?.(node, t.data);
        insert(node);
        continue;
      }
      if (!isElement(t)) continue;
      const p = unit.placeholders.get(t.localName);
      if (!p) continue;
      const empty = !hasNonSpace(t.textContent ?? "");
      let live: Element;
      let clone = false;
      if (primary.get(p.name) === t && !used.has(p.name)) {
        live = p.el;
        used.add(p.name);
      } else {
        // A repeated placeholder without text is the model echoing it; one that had text is a real duplicate.
        if (empty && p.hasText) continue;
        live = p.el.cloneNode(true) as Element;
        clone = true;
      }
      if (live.contains(parent)) {
        live = live.cloneNode(true) as Element;
        clone = true;
      }
      insert(live);
      // Opaque content is never touched; an element that comes back empty but had text keeps its text.
      if (p.opaque || (empty && p.hasText)) continue;
      if (!clone) {
        level(p.target, p.nodes, edgeAfter.get(p.name) ?? null, Array.from(t.childNodes), false);
      } else {
        // The clone has the same shape: find its content area by position (edges are never moved).
        const target = follow(live, pathFrom(p.el, p.target));
        const children = Array.from(target.childNodes);
        const range = children.slice(p.lead, children.length - p.trail);
        level(target, range, children[children.length - p.trail] ?? null, Array.from(t.childNodes), false);
      }
    }

    for (const s of sticky) {
      const ref = s.next && s.next.parentNode === parent ? s.next : anchor;
      parent.insertBefore(s.node, ref);
      if (core) snapshot.inserted.push(s.node);
    }
  };

  const last = unit.nodes[unit.nodes.length - 1];
  const anchor = last ? last.nextSibling : null;
  try {
    level(unit.parent, [...unit.nodes], anchor, Array.from(fragment.childNodes), true);
  } catch (error) {
    // Never leave a unit half-written: put it back as it was.
    restoreContent(snapshot);
    throw error;
  }

  for (const [name, o] of origin) {
    if (used.has(name)) continue;
    const p = unit.placeholders.get(name) as Placeholder;
    if (!rewritten.has(o.parent)) continue;
    const ref = o.next && o.next.parentNode === o.parent ? o.next : o.parent === unit.parent ? anchor : null;
    o.parent.insertBefore(p.el, ref && ref.parentNode === o.parent ? ref : null);
    if (o.parent === unit.parent) snapshot.inserted.push(p.el);
  }
  return snapshot;
}

/** Placeholder elements of the reply in document order, not descending into opaque ones. */
function translatedElements(fragment: DocumentFragment, unit: EncodedUnit): Element[] {
  const out: Element[] = [];
  const walk = (parent: Node): void => {
    for (let c = parent.firstChild; c; c = c.nextSibling) {
      if (!isElement(c)) continue;
      out.push(c);
      if (!unit.placeholders.get(c.localName)?.opaque) walk(c);
    }
  };
  walk(fragment);
  return out;
}
