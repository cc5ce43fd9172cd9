// Put a container's children into an order computed by a restore or planned by a write (write/draft.ts), moving only
// the nodes that must move (restore/minimal-moves.ts): a frame, a medium or a custom element already in a right place
// is never detached, so it does not reload, stop, or run the page's callbacks again; nor is the link holding the
// keyboard focus.

import { focusedIn, holdsPinned, isElement, parentOf, removeFrom, holds, putBefore } from "../dom";
import { eachStep } from "./each-step";
import { itemsInPlace, placeAround } from "./minimal-moves";

/**
 * Take out of `parent` each of `nodes` still in it that `keep` does not hold. Done for every container of a restore
 * or a write before anything is put back: a translation may have nested elements the other way round, and putting an
 * element into its own descendant would throw.
 */
export function takeOut(parent: Node, nodes: readonly Node[], keep: ReadonlySet<Node>): void {
  // A node the page guards (its removeChild throws) stays, and the rest of the container is still put in order
  // around it, as when a node cannot be put back (see insert).
  eachStep(nodes, (n) => {
    if (parentOf(n) === parent && !keep.has(n)) removeFrom(parent, n);
  });
}

/**
 * Make `target` the children of `parent` just before `end` (null: at the end). `current` is the run of `parent`'s
 * children where they belong, holding target nodes only (takeOut has removed the rest). Nodes of that run already in
 * target order stay, pinned ones (see holdsPinned) and the one holding the focus first; the others are moved around them.
 */
export function arrange(parent: Node, current: readonly Node[], target: readonly Node[], end: Node | null): void {
  const here = current.filter((n) => parentOf(n) === parent);
  // Heavier than all other nodes together: every pinned node stays whenever their order allows it. So does the one
  // holding the keyboard focus (a link the reader tabbed to): a node taken out loses the focus to the page's body.
  const heavy = here.length + 1;
  const focused = focusedIn(parent);
  const weight = (n: Node): number =>
    isElement(n) && (holdsPinned(n) || (focused !== null && holds(n, focused))) ? heavy : 1;
  const stay = itemsInPlace(here, target, weight);
  placeAround(target, stay, end && parentOf(end) === parent ? end : null, (n, before) => insert(parent, n, before));
}

/** Insert unless it would put a node inside itself (possible only when the page nested things the other way). */
function insert(parent: Node, node: Node, ref: Node | null): boolean {
  if (holds(node, parent)) return false;
  try {
    putBefore(parent, node, ref);
  } catch {
    // A node the page made impossible to put back (e.g. it became an ancestor): it stays where the page put it.
  }
  return node.parentNode === parent;
}
