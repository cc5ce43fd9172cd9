// Write a checked translation into the live page the way Firefox does: reuse the page's own nodes. Each placeholder
// maps back to its original element, which is moved into place (href, listeners and framework state survive);
// translated text goes into the original Text nodes, in order. Inline elements may come back reordered.
// The new structure is planned on a draft first (draft.ts) and the page changed once, moving only the nodes that
// must move: in a translation that keeps the order of a paragraph's elements, none of them leaves the page, so a link
// the reader tabbed to keeps the keyboard focus, and a selection or a custom element not defined yet stays attached.

import { documentOf, hasNonSpace, isElement, isText, isMatch, newText, queryIn, tagOf, childNodesOf } from "../dom";
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
  for (const i of path) n = childNodesOf(n)[i] ?? n;
  return n;
}

/**
 * What a page's form submits or the reader presses: a copy would send a second value under the field's name, and have
 * none of the page's handlers, so the reader would type into or press something the page ignores.
 */
const FIELDS = "input, select, textarea, button";

function holdsField(el: Element): boolean {
  return isMatch(el, FIELDS) || queryIn(el, FIELDS) !== null;
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

/** What one merge knows and plans, shared by its steps. */
interface MergeRun {
  unit: EncodedUnit;
  snapshot: ContentSnapshot;
  doc: Document;
  hooks: MergeHooks;
  /** Every move is planned, in the order the page would see it, and made at the end (see draft.ts). */
  draft: MoveDraft;
  isPlaceholder: Set<Element>;
  /** Inline placeholders' content areas (and the unit's own), to know whether a level was rewritten. */
  rewritten: Set<Node>;
  /** Each content area ends before its first trailing edge node; edges never move, so this is taken up front. */
  edgeAfter: Map<string, Node | null>;
  /** The reply's element that gets each placeholder's live element; its other uses get clones. */
  primary: Map<string, Element>;
  used: Set<string>;
  /** The node after the unit's range. */
  anchor: Node | null;
}

/** The reply's uses of each placeholder: its first, and the one that gets the live element (its first with text). */
function planUses(unit: EncodedUnit, fragment: DocumentFragment) {
  const primary = new Map<string, Element>();
  const firstUse = new Map<string, Element>();
  for (const t of placeholderElements(fragment, unit)) {
    const name = tagOf(t);
    if (!firstUse.has(name)) firstUse.set(name, t);
    if (!primary.has(name) && hasNonSpace(t.textContent ?? "")) primary.set(name, t);
  }
  for (const [name, t] of firstUse) if (!primary.has(name)) primary.set(name, t);
  return { primary, firstUse };
}

/**
 * Where each placeholder a reply may leave out was, in case it does (an image, a <br> or a footnote mark is not
 * lost); and each one the reply has only where merge does not look (inside an element that comes back empty and
 * keeps its text, or inside an empty repeat), which decode counted as present. Not a required one the reply lacks
 * on purpose (a simplified translation's formatting: its text is in the runs).
 */
function placesOfLeftOut(unit: EncodedUnit, firstUse: Map<string, Element>) {
  const origin = new Map<string, { parent: Node; next: Node | null }>();
  for (const p of unit.placeholders.values()) {
    if ((!p.required || firstUse.has(p.name)) && p.el.parentNode) {
      origin.set(p.name, { parent: p.el.parentNode, next: p.el.nextSibling });
    }
  }
  return origin;
}

function startRun(unit: EncodedUnit, fragment: DocumentFragment, hooks: MergeHooks) {
  const isPlaceholder = new Set<Element>();
  const edgeAfter = new Map<string, Node | null>();
  for (const p of unit.placeholders.values()) {
    isPlaceholder.add(p.el);
    const last = p.nodes[p.nodes.length - 1];
    edgeAfter.set(p.name, p.trail > 0 && last ? last.nextSibling : null);
  }
  const { primary, firstUse } = planUses(unit, fragment);
  const last = unit.nodes[unit.nodes.length - 1];
  const run: MergeRun = {
    unit,
    snapshot: takeSnapshot(unit),
    doc: documentOf(unit.parent),
    hooks,
    draft: new MoveDraft(),
    isPlaceholder,
    rewritten: new Set(),
    edgeAfter,
    primary,
    used: new Set(),
    anchor: last ? last.nextSibling : null,
  };
  run.draft.window(unit.parent, unit.nodes, run.anchor);
  return { run, origin: placesOfLeftOut(unit, firstUse) };
}

function openLevel(
  run: MergeRun,
  parent: Node,
  range: Node[],
  anchor: Node | null,
  translated: Node[],
  core: boolean,
  copy = false,
) {
  const { draft } = run;
  run.rewritten.add(parent);
  const texts = range.filter(isText);
  // Comments and invisible elements (framework markers, scripts) are not sent; they stay next to the node that
  // followed them. Not in a copy of a placeholder's element: what the copy's content area holds besides them is
  // copies of placeholders the reply placed already, and telling them apart would cost more than the markers are
  // worth in a copy.
  const sticky = (copy ? [] : range)
    .filter((n) => !isText(n) && !(isElement(n) && run.isPlaceholder.has(n)))
    .map((node) => ({ node, next: draft.nextSibling(node) }));
  for (const n of range) if (draft.parentOf(n) === parent) draft.remove(n);
  if (anchor && draft.parentOf(anchor) !== parent) anchor = null;
  const level: Level = { parent, anchor, translated, index: 0, texts, sticky, core };
  return level;
}

function insert(run: MergeRun, level: Level, node: Node): void {
  run.draft.insertBefore(level.parent, node, level.anchor);
  if (level.core) run.snapshot.inserted.push(node);
}

function writeText(run: MergeRun, node: Text, data: string): void {
  if (node.data !== data) node.data = data;
  run.hooks.onText?.(node, data);
}

function closeLevel(run: MergeRun, level: Level): void {
  // Texts the reply had no words for stay in the page, empty (see mergeUnit).
  for (const node of level.texts) {
    writeText(run, node, "");
    insert(run, level, node);
  }
  for (const s of level.sticky) {
    const ref = s.next && run.draft.parentOf(s.next) === level.parent ? s.next : level.anchor;
    run.draft.insertBefore(level.parent, s.node, ref);
    if (level.core) run.snapshot.inserted.push(s.node);
  }
}

/** The live element for this use of a placeholder, or a clone of it; null when this use is not written. */
function elementFor(run: MergeRun, level: Level, p: Placeholder, t: Element) {
  const { draft } = run;
  const empty = !hasNonSpace(t.textContent ?? "");
  const primaryUse = run.primary.get(p.name) === t && !run.used.has(p.name);
  // A repeated placeholder without text is the model echoing it; one that had text is a real duplicate.
  if (!primaryUse && empty && p.hasText) return null;
  if ((!primaryUse || draft.contains(p.el, level.parent)) && holdsField(p.el)) {
    // Never a copy of a field (see FIELDS): its words, if any, are written where the copy would have been.
    level.translated.splice(level.index, 0, ...childNodesOf(t));
    return null;
  }
  let live = p.el;
  let clone = false;
  if (primaryUse) run.used.add(p.name);
  else {
    live = draft.clone(p.el) as Element;
    clone = true;
  }
  if (draft.contains(live, level.parent)) {
    live = draft.clone(live) as Element;
    clone = true;
  }
  return { live, clone, empty };
}

/** Puts a placeholder's element in place; returns the level of its content area when the reply's words go there. */
function placeElement(run: MergeRun, level: Level, t: Element): Level | null {
  const p = run.unit.placeholders.get(tagOf(t));
  if (!p) return null;
  const use = elementFor(run, level, p, t);
  if (!use) return null;
  insert(run, level, use.live);
  // Opaque content is never touched; words the model wrote into it ("<x1>picture</x1>") follow it instead of being
  // lost (only text: a placeholder in there was not counted by decode).
  if (p.opaque) level.translated.splice(level.index, 0, ...childNodesOf(t).filter(isText));
  // An element that comes back empty but had text keeps its text.
  if (p.opaque || (use.empty && p.hasText)) return null;
  const words = childNodesOf(t);
  if (!use.clone) return openLevel(run, p.target, p.nodes, run.edgeAfter.get(p.name) ?? null, words, false);
  // The clone has the same shape: find its content area by position (edges are never moved).
  const target = follow(use.live, pathFrom(run.draft, p.el, p.target));
  const children = childNodesOf(target);
  const range = children.slice(p.lead, children.length - p.trail);
  // Only the reply's words for this use go in: a copy of what the live element holds by now (a bold word or an image
  // the reply put in its first use) would show them twice.
  return openLevel(run, target, range, children[children.length - p.trail] ?? null, words, false, true);
}

/** Depth first with an explicit stack of levels (no recursion, whatever the nesting of page or reply). */
function rebuild(run: MergeRun, fragment: DocumentFragment): void {
  const { unit } = run;
  const stack: Level[] = [openLevel(run, unit.parent, [...unit.nodes], run.anchor, childNodesOf(fragment), true)];
  while (stack.length) {
    const level = stack[stack.length - 1] as Level;
    const t = level.translated[level.index++];
    if (!t) {
      closeLevel(run, level);
      stack.pop();
    } else if (isText(t)) {
      const node = level.texts.shift() ?? newText(run.doc, "");
      writeText(run, node, t.data);
      insert(run, level, node);
    } else if (isElement(t)) {
      const inner = placeElement(run, level, t);
      if (inner) stack.push(inner);
    }
  }
}

/** Each placeholder the reply left out goes back where it was, in a range that was rewritten. */
function putBackLeftOut(run: MergeRun, origin: Map<string, { parent: Node; next: Node | null }>): void {
  const { draft, unit } = run;
  for (const [name, o] of origin) {
    if (run.used.has(name)) continue;
    const p = unit.placeholders.get(name) as Placeholder;
    if (!run.rewritten.has(o.parent)) continue;
    const next = o.next && draft.parentOf(o.next) === o.parent ? o.next : o.parent === unit.parent ? run.anchor : null;
    draft.insertBefore(o.parent, p.el, next && draft.parentOf(next) === o.parent ? next : null);
    if (o.parent === unit.parent) run.snapshot.inserted.push(p.el);
  }
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
  const { run, origin } = startRun(unit, fragment, hooks);
  try {
    rebuild(run, fragment);
    putBackLeftOut(run, origin);
    run.draft.apply();
  } catch (error) {
    // Never leave a unit half-written: put it back as it was (until apply, only texts have changed).
    restoreContent(run.snapshot);
    throw error;
  }
  recordWritten(run.snapshot);
  return run.snapshot;
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
