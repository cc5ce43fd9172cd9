// Which of a shadow host's light children the reader sees: only those a slot of its shadow root takes, in a slot that
// is itself shown. The rest (GitHub's date fallback text under a root that draws the date itself) is never drawn:
// sent, it costs requests and the model reads it out of context.

import { composedParent, isElement, isShadowRoot, tagOf } from "../dom";

type RootOf = (el: Element) => ShadowRoot | null;

/**
 * Tells, for the shadow roots this platform can see (open ones, and closed ones where the edge opens them), which of
 * their hosts' light children they show. Read from the slots' side (`assignedNodes`), not the children's
 * (`assignedSlot` is null for a closed root's slots): it follows name, default and manual assignment alike. One per
 * walk: the page may re-slot between walks.
 */
export class SlotSight {
  readonly #rootOf: RootOf;
  /** Per root, what it shows; null where its slots could not be read (a page's patched prototype threw). */
  readonly #shown = new Map<ShadowRoot, ReadonlySet<Node> | null>();

  constructor(rootOf: RootOf) {
    this.#rootOf = rootOf;
  }

  /**
   * The light children of `root`'s host that it shows, or null when all of them count as shown (its slots could not
   * be read: today's walk, which takes them all). A root without slots shows none.
   */
  shownBy(root: ShadowRoot): ReadonlySet<Node> | null {
    if (this.#shown.has(root)) return this.#shown.get(root) ?? null;
    // Set first: a slot's own check below climbs through this root's tree, never back into it.
    this.#shown.set(root, null);
    let shown: Set<Node> | null = new Set();
    try {
      for (const slot of Array.from(root.querySelectorAll("slot"))) {
        if (!this.#slotShown(slot, root)) continue;
        for (const node of slot.assignedNodes()) shown.add(node);
      }
    } catch {
      shown = null;
    }
    this.#shown.set(root, shown);
    return shown;
  }

  /** Whether `node` and every node above it (through shadow roots) is drawn, as far as slots decide. */
  pathShown(node: Node): boolean {
    for (let n: Node | null = node; n; n = composedParent(n)) if (!this.#drawn(n)) return false;
    return true;
  }

  /**
   * A slot of `root` draws what is assigned to it unless it lies in a part the root does not draw: another
   * component's light child that component does not slot, or the fallback of a slot that has nodes of its own.
   */
  #slotShown(slot: Element, root: ShadowRoot): boolean {
    for (let n: Node | null = slot; n && n !== root; n = n.parentNode) if (!this.#drawn(n)) return false;
    return true;
  }

  /**
   * Whether `node`'s parent draws it: not when the parent is a host whose root this platform sees and no slot of it
   * shows the node, nor when the parent is a slot drawing its assigned nodes instead. A shadow root is drawn.
   */
  #drawn(node: Node): boolean {
    const parent = node.parentNode;
    if (!isElement(parent)) return true;
    if (fallbackHidden(parent)) return false;
    const root = this.#seenRoot(parent);
    const shown = root ? this.shownBy(root) : null;
    return !shown || shown.has(node);
  }

  #seenRoot(el: Element): ShadowRoot | null {
    try {
      return this.#rootOf(el);
    } catch {
      return null;
    }
  }
}

/** A slot that has nodes assigned to it draws them, not what it holds (its fallback). */
export function fallbackHidden(el: Element): boolean {
  if (tagOf(el) !== "slot" || !isShadowRoot(el.getRootNode())) return false;
  try {
    return (el as HTMLSlotElement).assignedNodes().length > 0;
  } catch {
    return false;
  }
}
