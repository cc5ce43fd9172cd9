// Undo a written translation while keeping whatever the page changed since: the page's version wins. The result is
// what the same page would show had Gloss never translated it, as far as the page's changes can be told apart
// from Gloss's write. Used when the page changes a translated unit (the unit is then collected and translated
// afresh) and by "Show original".
//
// Rules (node identity is the truth; compare Firefox's translations-document, which tracks nodes, not positions):
// - Gloss knows three states of every place it wrote: the original (the snapshot), what it wrote (recorded when the
//   write completed) and what is there now. Whatever differs between "written" and "now" is the page's doing.
// - Structure, per container (the unit's range in its parent, and each inline element whose content merge rewrote):
//   the nodes Gloss wrote that are still there in the order it wrote them are kept; a node the page removed or moved
//   away stays away (not a Text node Gloss left empty that the page dropped from a container it kept, as
//   normalize() does: it held the page's words); a node the page put there stays, placed before the kept node that
//   follows it (or at the start when none precedes it, at the end when none follows: append and prepend mean the
//   same before and after a translation that reordered the words). Everything else goes back to its original place.
//   Nodes Gloss made itself (clones, extra Text nodes) go.
// - Text, per Text node: unchanged since the write → its original words. Changed by the page → the page's words;
//   an append (or prepend) to Gloss's words is applied to the original words instead, so the page's addition is
//   kept without keeping Gloss's translation. Words Gloss produced that the page copied back count as unchanged, and
//   so do Gloss's words the page split over the node and new nodes after it (a highlighter, its <mark> too): the
//   original words are split over them the same way; and so do Gloss's words of Text nodes the page joined into
//   it (normalize() once the element between them is gone): the original words are joined the same way.
// - The range is found by its written nodes, not by its neighbours (a neighbour may be another unit's node, which
//   that unit's write moved); what the page put just before or after the range is outside it and is left alone.
// - Only the nodes that must move are moved (restore/place-nodes.ts): a node already in the right order relative to
//   the nodes kept in place stays, and a frame, a medium or a custom element (dom.ts isPinned) is kept in place
//   whenever the order allows, so putting the original back does not reload it or run the page's code again.

import { hasNonSpace, isText, childNodesOf } from "../dom";
import type { ContentSnapshot } from "./snapshot";
import { restoreContent, unmarkContent, unpinOptionValue } from "./snapshot";
import { eachStep } from "./each-step";
import { itemsInPlace } from "./minimal-moves";
import { arrange, takeOut } from "./place-nodes";

/** Nodes a page put into a container, and where: before a kept node (null: at the end), or at the start. */
interface Added {
  nodes: Node[];
  before: Node | null;
  atStart: boolean;
}

/** How the page changed one container since Gloss wrote it. */
interface ContainerChange {
  /** Written nodes still there in written order. */
  kept: Set<Node>;
  /** Written nodes the page took out (removed, or moved elsewhere). */
  removed: Node[];
  added: Added[];
  /** The container's children now (top range: the span of the written nodes). */
  current: Node[];
}

/**
 * Undo the write described by `s`, keeping the page's changes. `ours(text)` says whether a text is Gloss's own
 * output (a page that copies a translation back is not making a change of its own).
 */
export function undoWrite(s: ContentSnapshot, ours: (text: string) => boolean = () => false): void {
  if (!s.written) {
    restoreContent(s);
    return;
  }
  // Texts first, while the pieces the page split off Gloss's words (see splitOff) are still right after them.
  const own = new Set([...s.written, ...s.containers.flatMap((c) => c.written ?? [])]);
  eachStep(s.texts, (t) => {
    const now = t.node.data;
    const pieces = splitOff(t.node, t.written, own) ?? [];
    const next =
      t.written === undefined || now === t.written || pieces[0] || ours(now)
        ? t.data
        : (joinedInto(t, s.texts) ?? pageText(t.data, t.written, now));
    splitLike([t.node, ...pieces], next);
  });

  const span = currentSpan(s, s.written);
  const top = changeOf(s.written, span.nodes);
  const inner = s.containers.map((c) => changeOf(c.written ?? c.children, childNodesOf(c.el)));

  // A Text node Gloss left empty (the reply had its words in another one) that the page dropped from a container it
  // kept: normalize() drops an empty Text node, and it held the page's words. It goes back, with them.
  const emptied = new Set(s.texts.filter((t) => t.written === "" && t.data).map((t) => t.node as Node));
  const removed = new Set<Node>();
  const placed = new Set<Node>();
  for (const change of [top, ...inner]) {
    for (const n of change.removed) if (!(change.kept.size && !n.parentNode && emptied.has(n))) removed.add(n);
    for (const a of change.added) for (const n of a.nodes) placed.add(n);
  }
  const keep = (n: Node): boolean => !removed.has(n) && !placed.has(n);
  const topNodes = withAdded(s.nodes.filter(keep), top);
  const innerNodes = s.containers.map((c, i) => withAdded(c.children.filter(keep), inner[i] as ContainerChange));

  // Out first, whatever does not stay in its container (see takeOut); then each container is put in order.
  s.containers.forEach((c, i) => takeOut(c.el, childNodesOf(c.el), new Set(innerNodes[i])));
  takeOut(s.parent, span.nodes, new Set(topNodes));
  arrange(s.parent, span.nodes, topNodes, span.ref);
  s.containers.forEach((c, i) => arrange(c.el, childNodesOf(c.el), innerNodes[i] as Node[], null));

  unpinOptionValue(s);
  unmarkContent(s);
}

/**
 * The nodes the page split off a Text node Gloss wrote (splitText: a highlighter, a search marking its hits): the
 * page's, right after it, holding the rest of Gloss's words and nothing else. The node and the pieces then get the
 * original words split at the same places, as though the page had split the original.
 */
function splitOff(node: Text, written = "", own: Set<Node>): Node[] | undefined {
  let now = node.data;
  const pieces: Node[] = [];
  for (let n = node.nextSibling; n && now !== written && written.startsWith(now) && !own.has(n); n = n.nextSibling) {
    now += n.textContent;
    pieces.push(n);
  }
  return pieces.length && now === written ? pieces : undefined;
}

/** `words` in place of Gloss's, split over `nodes` as the page split Gloss's (see splitOff). */
function splitLike(nodes: Node[], words: string): void {
  // Each piece as many as it holds of Gloss's (a <mark> keeps its hit, not an empty box), the last one the rest.
  let rest = words;
  nodes.forEach((n, i) => {
    const part = i < nodes.length - 1 ? rest.slice(0, n.textContent?.length) : rest;
    rest = rest.slice(part.length);
    // A Text node's `data`, as every text undo sets it (a page that guards its texts patches that setter).
    if (n.textContent === part) return;
    if (isText(n)) n.data = part;
    else n.textContent = part;
  });
}

type TextWrite = ContentSnapshot["texts"][number];

/**
 * The original words of the Text nodes the page's normalize() joined into `t` (the element between them taken out:
 * a highlighter's mark), after its own: `t` holds Gloss's words of each in order, and the others left the page. Else
 * undefined: read as an append, the second node's translated words would stay on Show original.
 */
function joinedInto(t: TextWrite, texts: TextWrite[]): string | undefined {
  if (!t.written || !t.node.data.startsWith(t.written)) return undefined;
  let rest = t.node.data.slice(t.written.length);
  let words = t.data;
  for (const u of texts.slice(texts.indexOf(t) + 1)) {
    if (!u.written || u.node.parentNode || !rest.startsWith(u.written)) continue;
    rest = rest.slice(u.written.length);
    words += u.data;
  }
  return rest || words === t.data ? undefined : words;
}

/** The page's new text for a node whose original was `original` and into which Gloss wrote `written`. */
function pageText(original: string, written: string, now: string): string {
  if (hasNonSpace(written)) {
    if (now.startsWith(written)) return original + now.slice(written.length);
    if (now.endsWith(written)) return now.slice(0, now.length - written.length) + original;
  }
  return now;
}

/**
 * The range as it is now: from the first to the last written node still in the parent, and the node after it.
 * When the page took every written node out, the range is empty and sits where its neighbours say.
 */
function currentSpan(s: ContentSnapshot, written: Node[]): { nodes: Node[]; ref: Node | null } {
  const parent = s.parent;
  const mine = new Set(written.filter((n) => n.parentNode === parent));
  if (!mine.size) {
    if (s.after?.parentNode === parent) return { nodes: [], ref: s.after };
    if (s.before?.parentNode === parent) return { nodes: [], ref: s.before.nextSibling };
    return { nodes: [], ref: null };
  }
  // Walk out from one written node to the range's ends (the neighbours, when the page left them in place).
  const some = mine.values().next().value as Node;
  let first = some;
  for (let n: Node | null = some.previousSibling; n && n !== s.before; n = n.previousSibling)
    if (mine.has(n)) first = n;
  let last = some;
  for (let n: Node | null = some.nextSibling; n && n !== s.after; n = n.nextSibling) if (mine.has(n)) last = n;
  const nodes: Node[] = [];
  for (let n: Node | null = first; n; n = n.nextSibling) {
    nodes.push(n);
    if (n === last) break;
  }
  return { nodes, ref: last.nextSibling };
}

/** Compare what Gloss wrote into a container with what is there now. */
function changeOf(written: Node[], current: Node[]): ContainerChange {
  // The longest run of nodes still in the order Gloss wrote them: those the page left where Gloss wrote them.
  const kept = itemsInPlace(current, written, () => 1);
  const removed = written.filter((n) => !kept.has(n));
  const added: Added[] = [];
  let group: Node[] = [];
  let seenKept = false;
  for (const n of current) {
    if (kept.has(n)) {
      if (group.length) added.push({ nodes: group, before: n, atStart: !seenKept });
      group = [];
      seenKept = true;
    } else {
      group.push(n);
    }
  }
  if (group.length) added.push({ nodes: group, before: null, atStart: false });
  return { kept, removed, added, current };
}

/** The original order with the page's additions placed (see the rules above). */
function withAdded(nodes: Node[], change: ContainerChange): Node[] {
  const out = [...nodes];
  for (const a of change.added) {
    if (a.atStart) {
      out.unshift(...a.nodes);
      continue;
    }
    // Before the kept node that follows them; if that one is not part of the original here (Gloss made it, or the
    // translation moved it in), before the next kept node that is.
    let at = -1;
    if (a.before) {
      for (let i = change.current.indexOf(a.before); i < change.current.length && at < 0; i++) {
        const n = change.current[i] as Node;
        if (change.kept.has(n)) at = out.indexOf(n);
      }
    }
    if (at >= 0) out.splice(at, 0, ...a.nodes);
    else out.push(...a.nodes);
  }
  return out;
}
