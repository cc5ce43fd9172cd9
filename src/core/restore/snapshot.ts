// What "Show original" needs to put the page back exactly: the same node objects in the same order, every text and
// attribute as it was. Taken just before a unit is first written, so it always describes the page's own state; once
// the write is done it also records what Gloss left there, so that a later undo can tell the page's own changes
// from Gloss's (restore/undo-write.ts).

import type { Container } from "../dom";
import type { EncodedUnit } from "../markup/encode";
import { unmarkLang, type LangMark } from "../write/own-lang";

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
  /** An `<option>` that received an explicit value attribute so its submitted value stays the same. */
  addedOptionValue?: Element;
  /** The unit's root, marked with the language of the translation (write/own-lang.ts). */
  lang?: LangMark;
}

export interface AttributeSnapshot {
  el: Element;
  name: string;
  value: string;
  /** The value Gloss wrote. */
  written?: string;
}

export function takeSnapshot(unit: EncodedUnit): ContentSnapshot {
  const first = unit.nodes[0] ?? null;
  const last = unit.nodes[unit.nodes.length - 1] ?? null;
  const containers: ContentSnapshot["containers"] = [];
  for (const p of unit.placeholders.values()) {
    if (!p.opaque) containers.push({ el: p.target, children: Array.from(p.target.childNodes) });
  }
  return {
    parent: unit.parent,
    nodes: [...unit.nodes],
    before: first?.previousSibling ?? null,
    after: last?.nextSibling ?? null,
    containers,
    texts: unit.texts.map((node) => ({ node, data: node.data })),
    inserted: [],
  };
}

/** After a complete write: what merge left in the range, in each container and in each Text node. */
export function recordWritten(s: ContentSnapshot): void {
  const written: Node[] = [];
  if (s.nodes.length) {
    const stop = s.after?.parentNode === s.parent ? s.after : null;
    let n: Node | null = s.before?.parentNode === s.parent ? s.before.nextSibling : s.parent.firstChild;
    for (; n && n !== stop; n = n.nextSibling) written.push(n);
  }
  s.written = written;
  for (const c of s.containers) c.written = Array.from(c.el.childNodes);
  for (const t of s.texts) t.written = t.node.data;
}

/** Put a unit back exactly as it was, whatever is there now. Safe to call on a partially written unit; once the
 * page may have changed a written unit, use undoWrite (restore/undo-write.ts), which keeps the page's changes. */
export function restoreContent(s: ContentSnapshot): void {
  // Detach everything first: translation may have nested elements the other way round, and appending an element
  // into its own descendant would throw.
  for (const c of s.containers) while (c.el.firstChild) c.el.removeChild(c.el.firstChild);
  for (const n of s.inserted) if (n.parentNode === s.parent) s.parent.removeChild(n);
  for (const n of s.nodes) n.parentNode?.removeChild(n);

  let ref: Node | null = null;
  if (s.after?.parentNode === s.parent) ref = s.after;
  else if (s.before?.parentNode === s.parent) ref = s.before.nextSibling;
  for (const n of s.nodes) s.parent.insertBefore(n, ref);
  for (const c of s.containers) for (const child of c.children) c.el.appendChild(child);
  for (const t of s.texts) if (t.node.data !== t.data) t.node.data = t.data;
  if (s.addedOptionValue) s.addedOptionValue.removeAttribute("value");
  if (s.lang) unmarkLang(s.lang);
}

/** Put an attribute back, unless the page has set its own value since Gloss wrote (the page's value stays). */
export function restoreAttribute(s: AttributeSnapshot): void {
  const now = s.el.getAttribute(s.name);
  if (s.written !== undefined && now !== s.written) return;
  if (now !== s.value) s.el.setAttribute(s.name, s.value);
}
