// A plan of moves among the page's nodes, made before any of them moves. It answers the DOM's own questions (parent,
// siblings, contains, a deep copy) and takes the DOM's own changes (insertBefore, removeChild) on lists, so code
// written step by step against the DOM reaches, on the draft, the structure it would have left in the page. apply()
// then makes the page so, moving only the nodes that must move (restore/place-nodes.ts): a link that holds the
// keyboard focus, the nodes of a selection, a custom element the page defines later stay attached when they are
// already in a right place. Text is not part of the plan: a Text node's data is changed in place, as on the page.

import { parentOf, childNodesOf } from "../dom";
import { arrange, takeOut } from "../restore/place-nodes";

/** The planned children of a container whose children the draft changed: all of them, or a run of them. */
interface Kids {
  nodes: Node[];
  /** The children of the run when the draft first changed them (the page still has them). */
  initial: Node[];
  /** The page's nodes around the run, which never move (null at either end of the container: all its children). */
  start: Node | null;
  end: Node | null;
}

export class MoveDraft {
  readonly #kids = new Map<Node, Kids>();
  /** Each node the draft moved: its planned parent (null: taken out). */
  readonly #up = new Map<Node, Node | null>();

  /**
   * Plan only a run of `parent`'s children (consecutive, in order; `end` is the node after them or null): the rest
   * of `parent` is never touched. A container not given this way is planned as a whole, from its first change.
   */
  window(parent: Node, nodes: readonly Node[], end: Node | null): void {
    const first = nodes[0];
    const start = first ? first.previousSibling : end ? end.previousSibling : parent.lastChild;
    this.#kids.set(parent, { nodes: [...nodes], initial: [...nodes], start, end });
  }

  parentOf(node: Node): Node | null {
    return this.#up.has(node) ? (this.#up.get(node) as Node | null) : parentOf(node);
  }

  nextSibling(node: Node): Node | null {
    const parent = this.parentOf(node);
    const k = parent ? this.#kids.get(parent) : undefined;
    if (!k) return node.nextSibling;
    const i = k.nodes.indexOf(node);
    if (i >= 0) return k.nodes[i + 1] ?? k.end;
    // A node around a run.
    return node === k.start ? (k.nodes[0] ?? k.end) : node.nextSibling;
  }

  previousSibling(node: Node): Node | null {
    const parent = this.parentOf(node);
    const k = parent ? this.#kids.get(parent) : undefined;
    if (!k) return node.previousSibling;
    const i = k.nodes.indexOf(node);
    if (i >= 0) return i > 0 ? (k.nodes[i - 1] as Node) : k.start;
    return node === k.end ? (k.nodes[k.nodes.length - 1] ?? k.start) : node.previousSibling;
  }

  /** `inner` is `outer` or lies inside it (Node.contains). */
  contains(outer: Node, inner: Node): boolean {
    for (let n: Node | null = inner; n; n = this.parentOf(n)) if (n === outer) return true;
    return false;
  }

  /** Node.removeChild, for a node whose planned parent is `parent`. */
  remove(node: Node): void {
    const parent = this.parentOf(node);
    if (!parent) return;
    const list = this.#list(parent).nodes;
    const i = list.indexOf(node);
    if (i < 0) throw new Error("Gloss: a planned move reaches outside the nodes it may change.");
    list.splice(i, 1);
    this.#up.set(node, null);
  }

  /** Node.insertBefore, with its errors: a node cannot go into itself, nor before a node of another parent. */
  insertBefore(parent: Node, node: Node, ref: Node | null): void {
    if (this.contains(node, parent)) throw new Error("Gloss: a planned move puts a node inside itself.");
    const k = this.#list(parent);
    if (ref !== null && ref !== k.end && !k.nodes.includes(ref)) {
      throw new Error("Gloss: a planned move refers to a node outside the nodes it may change.");
    }
    // The run's end stands for the container's end only when the run has all the container's children after it.
    if (ref === null && k.end !== null) throw new Error("Gloss: a planned move goes past the nodes it may change.");
    if (ref === node) ref = this.nextSibling(node);
    this.remove(node);
    const at = ref === null || ref === k.end ? k.nodes.length : k.nodes.indexOf(ref);
    k.nodes.splice(at, 0, node);
    this.#up.set(node, parent);
  }

  /** Node.cloneNode(true) of the node as planned: a new node, never part of the page until it is put there. */
  clone(node: Node): Node {
    // Nodes with a planned change below them are copied one level at a time; the rest by the DOM at once.
    const changed = new Set<Node>();
    for (const c of this.#kids.keys()) {
      for (let n: Node | null = c; n && !changed.has(n); n = this.parentOf(n)) changed.add(n);
    }
    if (!changed.has(node)) return node.cloneNode(true);
    const top = node.cloneNode(false);
    const stack: Array<[Node, Node]> = [[node, top]];
    for (let pair = stack.pop(); pair; pair = stack.pop()) {
      const [from, to] = pair;
      const k = this.#kids.get(from);
      if (k && (k.start || k.end)) throw new Error("Gloss: a planned copy takes in nodes it may not change.");
      for (const child of k ? k.nodes : childNodesOf(from)) {
        const copy = child.cloneNode(!changed.has(child));
        to.appendChild(copy);
        if (changed.has(child)) stack.push([child, copy]);
      }
    }
    return top;
  }

  /** Make the page as planned. Every node that leaves a container is taken out before any is put back (a plan may
   * nest elements the other way round); in each container, the nodes already in planned order stay. */
  apply(): void {
    for (const [parent, k] of this.#kids) takeOut(parent, k.initial, new Set(k.nodes));
    for (const [parent, k] of this.#kids) arrange(parent, k.initial, k.nodes, k.end);
  }

  #list(parent: Node): Kids {
    let k = this.#kids.get(parent);
    if (!k) {
      const nodes = childNodesOf(parent);
      k = { nodes, initial: [...nodes], start: null, end: null };
      this.#kids.set(parent, k);
    }
    return k;
  }
}
