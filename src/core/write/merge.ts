// Write a checked translation into the live page the way Firefox does: reuse the page's own nodes. Each placeholder
// maps back to its original element, which is moved into place (href, listeners and framework state survive);
// translated text goes into the original Text nodes, in order. Inline elements may come back reordered.
// The new structure is planned on a draft first (draft.ts) and the page changed once, moving only the nodes that
// must move: in a translation that keeps the order of a paragraph's elements, none of them leaves the page, so a link
// the reader tabbed to keeps the keyboard focus, and a selection or a custom element not defined yet stays attached.

import { documentOf, hasNonSpace, isElement, isText } from "../dom";
import { placeholderElements } from "../markup/decode";
import type { EncodedUnit, Placeholder } from "../markup/encode";
import { type ContentSnapshot, recordWritten, restoreContent, takeSnapshot } from "../restore/snapshot";
import { MoveDraft } from "./draft";

export interface MergeHooks {
  /** Called for every text written, so the caller can recognise its own output later. */
  onText?(node: Text, data: string): void;
}

/** Child indexes from `ancestor` down to `node`, as planned. */
function pathFrom(draft: MoveDraft, ancestor: Node, node: Node): number[] {
  const path: number[] = [];
  for (let n: Node = node; n !== ancestor;) {
    const up = draft.parentOf(n);
    if (!up) break;
    let i = 0;
    for (let s = draft.previousSibling(n); s; s = draft.previousSibling(s)) i++;
    path.unshift(i);
    n = up;
  }
  return path;
}

function follow(root: Node, path: number[]): Node {
  let n: Node = root;
  for (const i of path) n = n.childNodes[i] ?? n;
  return n;
}

/**
 * What a page's form submits or the reader presses: a copy would send a second value under the field's name, and have
 * none of the page's handlers, so the reader would type into or press something the page ignores.
 */
const FIELDS = "input, select, textarea, button";

function holdsField(el: Element): boolean {
  return el.matches(FIELDS) || el.querySelector(FIELDS) !== null;
}

/** One level of the merge: a parent whose range is being rebuilt from the reply's children at that level. */
interface Level {
  parent: Node;
  anchor: Node | null;
  translated: Node[];
  index: number;
  /** The range's own Text nodes, reused in order. */
  texts: Text[];
  /** Comments and invisible elements of the range, put back next to the node that followed them. */
  sticky: Array<{ node: Node; next: Node | null }>;
  /** The unit's own range (nodes inserted here are recorded for restore). */
  core: boolean;
}

/**
 * Replace the unit's range with the translated fragment, reusing live nodes. Returns the snapshot that restores the
 * original. The fragment must come from decodeUnit for this same unit.
 *
 * The page's nodes never leave the page: a Text node the reply has no text for stays in its place, empty, and a
 * placeholder the reply leaves out goes back where it was. So every later change the page makes to any of them is
 * seen by the mutation observer (a node outside the document is not observed) and can be undone for "Show original"
 * without losing the page's own change (see restore/undo-write.ts).
 */
export function mergeUnit(unit: EncodedUnit, fragment: DocumentFragment, hooks: MergeHooks = {}): ContentSnapshot {
  const snapshot = takeSnapshot(unit);
  const doc = documentOf(unit.parent);
  const isPlaceholder = new Set<Element>();
  for (const p of unit.placeholders.values()) isPlaceholder.add(p.el);

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
  for (const t of placeholderElements(fragment, unit)) {
    const name = t.localName;
    if (!firstUse.has(name)) firstUse.set(name, t);
    if (!primary.has(name) && hasNonSpace(t.textContent ?? "")) primary.set(name, t);
  }
  for (const [name, t] of firstUse) if (!primary.has(name)) primary.set(name, t);
  const used = new Set<string>();

  // Where each placeholder a reply may leave out was, in case it does (an image, a <br> or a footnote mark is not
  // lost); and each one the reply has only where merge does not look (inside an element that comes back empty and
  // keeps its text, or inside an empty repeat), which decode counted as present. Not a required one the reply lacks
  // on purpose (a simplified translation's formatting: its text is in the runs).
  const origin = new Map<string, { parent: Node; next: Node | null }>();
  for (const p of unit.placeholders.values()) {
    if ((!p.required || firstUse.has(p.name)) && p.el.parentNode) {
      origin.set(p.name, { parent: p.el.parentNode, next: p.el.nextSibling });
    }
  }

  const last = unit.nodes[unit.nodes.length - 1];
  const anchor = last ? last.nextSibling : null;
  // Every move below is planned, in the order the page would see it, and made at the end (see draft.ts).
  const draft = new MoveDraft();
  draft.window(unit.parent, unit.nodes, anchor);

  const open = (parent: Node, range: Node[], anchor: Node | null, translated: Node[], core: boolean): Level => {
    rewritten.add(parent);
    const texts = range.filter(isText);
    // Comments and invisible elements (framework markers, scripts) are not sent; they stay next to the node that
    // followed them.
    const sticky = range
      .filter((n) => !isText(n) && !(isElement(n) && isPlaceholder.has(n)))
      .map((node) => ({ node, next: draft.nextSibling(node) }));
    for (const n of range) if (draft.parentOf(n) === parent) draft.remove(n);
    if (anchor && draft.parentOf(anchor) !== parent) anchor = null;
    return { parent, anchor, translated, index: 0, texts, sticky, core };
  };
  const insert = (level: Level, node: Node): void => {
    draft.insertBefore(level.parent, node, level.anchor);
    if (level.core) snapshot.inserted.push(node);
  };
  const write = (node: Text, data: string): void => {
    if (node.data !== data) node.data = data;
    hooks.onText?.(node, data);
  };
  const close = (level: Level): void => {
    // Texts the reply had no words for stay in the page, empty (see above).
    for (const node of level.texts) {
      write(node, "");
      insert(level, node);
    }
    for (const s of level.sticky) {
      const ref = s.next && draft.parentOf(s.next) === level.parent ? s.next : level.anchor;
      draft.insertBefore(level.parent, s.node, ref);
      if (level.core) snapshot.inserted.push(s.node);
    }
  };

  try {
    // Depth first with an explicit stack of levels (no recursion, whatever the nesting of page or reply).
    const stack: Level[] = [open(unit.parent, [...unit.nodes], anchor, Array.from(fragment.childNodes), true)];
    while (stack.length) {
      const level = stack[stack.length - 1] as Level;
      const t = level.translated[level.index++];
      if (!t) {
        close(level);
        stack.pop();
        continue;
      }
      if (isText(t)) {
        const node = level.texts.shift() ?? doc.createTextNode("");
        write(node, t.data);
        insert(level, node);
        continue;
      }
      if (!isElement(t)) continue;
      const p = unit.placeholders.get(t.localName);
      if (!p) continue;
      const empty = !hasNonSpace(t.textContent ?? "");
      let live: Element;
      let clone = false;
      const primaryUse = primary.get(p.name) === t && !used.has(p.name);
      // A repeated placeholder without text is the model echoing it; one that had text is a real duplicate.
      if (!primaryUse && empty && p.hasText) continue;
      if ((!primaryUse || draft.contains(p.el, level.parent)) && holdsField(p.el)) {
        // Never a copy of a field (see FIELDS): its words, if any, are written where the copy would have been.
        level.translated.splice(level.index, 0, ...Array.from(t.childNodes));
        continue;
      }
      if (primaryUse) {
        live = p.el;
        used.add(p.name);
      } else {
        live = draft.clone(p.el) as Element;
        clone = true;
      }
      if (draft.contains(live, level.parent)) {
        live = draft.clone(live) as Element;
        clone = true;
      }
      insert(level, live);
      // Opaque content is never touched; an element that comes back empty but had text keeps its text.
      if (p.opaque || (empty && p.hasText)) continue;
      if (!clone) {
        stack.push(open(p.target, p.nodes, edgeAfter.get(p.name) ?? null, Array.from(t.childNodes), false));
      } else {
        // The clone has the same shape: find its content area by position (edges are never moved).
        const target = follow(live, pathFrom(draft, p.el, p.target));
        const children = Array.from(target.childNodes);
        const range = children.slice(p.lead, children.length - p.trail);
        stack.push(open(target, range, children[children.length - p.trail] ?? null, Array.from(t.childNodes), false));
      }
    }

    for (const [name, o] of origin) {
      if (used.has(name)) continue;
      const p = unit.placeholders.get(name) as Placeholder;
      if (!rewritten.has(o.parent)) continue;
      const next = o.next && draft.parentOf(o.next) === o.parent ? o.next : o.parent === unit.parent ? anchor : null;
      draft.insertBefore(o.parent, p.el, next && draft.parentOf(next) === o.parent ? next : null);
      if (o.parent === unit.parent) snapshot.inserted.push(p.el);
    }
    draft.apply();
  } catch (error) {
    // Never leave a unit half-written: put it back as it was (until apply, only texts have changed).
    restoreContent(snapshot);
    throw error;
  }
  recordWritten(snapshot);
  return snapshot;
}

/** The plain-text fallback: new text into the unit's own Text nodes, structure untouched. */
export function mergeTexts(unit: EncodedUnit, texts: Map<Text, string>, hooks: MergeHooks = {}): ContentSnapshot {
  const snapshot = takeSnapshot(unit);
  // No structure changes: restoring containers/ranges would be a no-op; keep only the texts.
  snapshot.containers = [];
  snapshot.nodes = [];
  for (const [node, data] of texts) {
    if (node.data !== data) node.data = data;
    hooks.onText?.(node, data);
  }
  recordWritten(snapshot);
  return snapshot;
}
