// What "Show original" needs to put the page back exactly: the same node objects in the same order, every text and
// attribute as it was. Taken just before a unit is first written, so it always describes the page's own state; once
// the write is done it also records what Gloss left there, so that a later undo can tell the page's own changes
// from Gloss's (restore/undo-write.ts).

import type { Container } from "../dom";
import type { EncodedUnit } from "../markup/encode";
import { eachStep } from "./each-step";
import { arrange, takeOut } from "./place-nodes";
import { unmarkLang, type LangMark } from "../write/own-lang";
import { attrOf, nextOf, parentOf, prevOf, childNodesOf, setAttr } from "../dom";

export interface ContentSnapshot {
  parent: Container;
  /** The original nodes of the replaced range, in order. */
  nodes: Node[];
  /** Neighbours of the range, to find its place again. */
  before: Node | null;
  after: Node | null;
  /** Each inline placeholder element with its original children (merge reorders and replaces them), and the
   * children merge left there. */
  containers: Array<{ el: Element; children: Node[]; written?: Node[] }>;
  /** Each Text node with its original data, and the data merge wrote. */
  texts: Array<{ node: Text; data: string; written?: string }>;
  /** Nodes merge put directly into `parent` (reused, cloned or new): removed again on restore. */
  inserted: Node[];
  /** The range as merge left it, in order; undefined until the write is complete. */
  written?: Node[];
  /** An `<option>` that received an explicit value attribute so its submitted value stays the same, and that value. */
  addedOptionValue?: { el: Element; value: string };
  /** The unit's root, marked with the language of the translation (write/own-lang.ts). */
  lang?: LangMark;
  /**
   * Elements around the unit that hold nothing but translation, this unit's among it, marked so (write/whole-marks.ts):
   * undoing any of their units takes the mark off.
   */
  outer?: LangMark[];
}

export interface AttributeSnapshot {
  el: Element;
  name: string;
  value: string;
  /** The value Gloss wrote. */
  written?: string;
  /** The target language Gloss marked the element with (an image whose alt it translated). */
  lang?: LangMark;
}

export function takeSnapshot(unit: EncodedUnit): ContentSnapshot {
  const first = unit.nodes[0] ?? null;
  const last = unit.nodes[unit.nodes.length - 1] ?? null;
  const containers: ContentSnapshot["containers"] = [];
  for (const p of unit.placeholders.values()) {
    if (!p.opaque) containers.push({ el: p.target, children: childNodesOf(p.target) });
  }
  return {
    parent: unit.parent,
    nodes: [...unit.nodes],
    before: first ? prevOf(first) : null,
    after: last ? nextOf(last) : null,
    containers,
    texts: unit.texts.map((node) => ({ node, data: node.data })),
    inserted: [],
  };
}

/** After a complete write: what merge left in the range, in each container and in each Text node. */
export function recordWritten(s: ContentSnapshot): void {
  const written: Node[] = [];
  if (s.nodes.length) {
    // The neighbours may be a page's forms, whose controls can stand for their parent and siblings: read the tree.
    const stop = s.after && parentOf(s.after) === s.parent ? s.after : null;
    let n: Node | null = s.before && parentOf(s.before) === s.parent ? nextOf(s.before) : s.parent.firstChild;
    for (; n && n !== stop; n = nextOf(n)) written.push(n);
  }
  s.written = written;
  for (const c of s.containers) c.written = childNodesOf(c.el);
  for (const t of s.texts) t.written = t.node.data;
}

/** Put a unit back exactly as it was, whatever is there now. Safe to call on a partially written unit; once the
 * page may have changed a written unit, use undoWrite (restore/undo-write.ts), which keeps the page's changes. */
export function restoreContent(s: ContentSnapshot): void {
  const { parent } = s;
  const own = new Set(s.nodes);
  // Out first, whatever does not stay in its container (see takeOut); then each container is put in order, moving
  // only what must move (see arrange).
  for (const c of s.containers) takeOut(c.el, childNodesOf(c.el), new Set(c.children));
  takeOut(parent, s.inserted, own);
  // The range goes back before its next neighbour, else after its previous one, else at the end; the original nodes
  // already there stay where they are when their order allows.
  const run: Node[] = [];
  let end: Node | null;
  const { before, after } = s;
  if (before && parentOf(before) === parent && !(after && parentOf(after) === parent)) {
    for (end = nextOf(before); end && own.has(end); end = nextOf(end)) run.push(end);
  } else {
    end = after && parentOf(after) === parent ? after : null;
    for (let n = end ? prevOf(end) : parent.lastChild; n && own.has(n); n = prevOf(n)) run.push(n);
    run.reverse();
  }
  arrange(parent, run, s.nodes, end);
  for (const c of s.containers) arrange(c.el, childNodesOf(c.el), c.children, null);
  eachStep(s.texts, (t) => {
    if (t.node.data !== t.data) t.node.data = t.data;
  });
  unpinOptionValue(s);
  unmarkContent(s);
}

/** Take the language marks of a content write off: its root's, and those of elements around it. */
export function unmarkContent(s: ContentSnapshot): void {
  if (s.lang) unmarkLang(s.lang);
  for (const mark of s.outer ?? []) unmarkLang(mark);
}

/** Take off the value Gloss pinned on an option, unless the page set its own since (the page's value stays). */
export function unpinOptionValue(s: ContentSnapshot): void {
  const pin = s.addedOptionValue;
  if (pin && attrOf(pin.el, "value") === pin.value) pin.el.removeAttribute("value");
}

/** Put an attribute back, unless the page has set its own value since Gloss wrote (the page's value stays). */
export function restoreAttribute(s: AttributeSnapshot): void {
  if (s.lang) unmarkLang(s.lang);
  const now = attrOf(s.el, s.name);
  if (s.written !== undefined && now !== s.written) return;
  if (now !== s.value) setAttr(s.el, s.name, s.value);
}
