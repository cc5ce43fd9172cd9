// Which of a shadow host's light children the reader sees: only those a slot of its shadow root takes, in a slot that
// is itself shown. The rest (GitHub's date fallback text under a root that draws the date itself, a slot the component
// keeps hidden) is never drawn: sent, it costs requests and the model reads it out of context.
//
// Leaving out text the reader sees is the harm to avoid, so no single reading decides it. Where a userscript shares the
// page's world, the page may patch the slot APIs: a node is taken for never drawn only when the slots' names (named
// roots), the slots' `assignedNodes` and the node's own `assignedSlot` all say so, and any of them that throws counts
// every light child as drawn. A lie can make Gloss send hidden text, once like any text, never hide what shows.

import {
  composedParent,
  isElement,
  isShadowRoot,
  isText,
  parentOf,
  tagOf,
  attrOf,
  rootOf,
  queryIn,
  childNodesOf,
} from "../dom";

type RootOf = (el: Element) => ShadowRoot | null;

/** A host's light children a root shows, each with the slot it shows it in. */
export type Shown = ReadonlyMap<Node, Element>;

/** One root's slots, read once per walk. */
interface Slots {
  host: Element;
  all: Element[];
  /** Where each light child goes by its `slot` name (the first slot of that name); null for a manual root. */
  byName: Map<Node, Element> | null;
  /** The slots names give nodes to; null for a manual root. */
  filled: ReadonlySet<Element> | null;
}

/**
 * Tells, for the shadow roots this platform can see (open ones, and closed ones where the edge opens them), which of
 * their hosts' light children they show. One per walk: the page may re-slot or show a slot between walks.
 */
export class SlotSight {
  readonly #rootOf: RootOf;
  /** Whether an element of a shadow tree is not displayed (collect's own rule for hidden elements). */
  readonly #hidden: (el: Element) => boolean;
  readonly #hosts = new Map<ShadowRoot, Element>();
  readonly #slots = new Map<ShadowRoot, Slots | null>();
  /** Per root, what it shows; null where all its host's children count as shown (its slots could not be read). */
  readonly #shown = new Map<ShadowRoot, Shown | null>();

  constructor(rootOf: RootOf, hidden: (el: Element) => boolean) {
    this.#rootOf = rootOf;
    this.#hidden = hidden;
  }

  /**
   * The light children of `host` that its `root` shows, or null when all of them count as shown (its slots could not
   * be read). A root without shown slots shows none.
   */
  shownBy(host: Element, root: ShadowRoot): Shown | null {
    if (this.#shown.has(root)) return this.#shown.get(root) ?? null;
    this.#hosts.set(root, host);
    // Set first: a slot's own check below climbs through this root's tree, never back into it.
    this.#shown.set(root, null);
    let shown: Shown | null;
    try {
      shown = this.#read(root);
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
   * A slot that has nodes assigned to it draws them, not what it holds (its fallback). Its fallback is left out only
   * when its name and `assignedNodes` both give it nodes: a lie shows the fallback, never hides it.
   */
  fallbackHidden(el: Element): boolean {
    if (tagOf(el) !== "slot") return false;
    const root = el.getRootNode();
    if (!isShadowRoot(root)) return false;
    const slots = this.#slotsOf(root);
    if (!slots) return false;
    try {
      if (slots.filled && !slots.filled.has(el)) return false;
      return (el as HTMLSlotElement).assignedNodes().length > 0;
    } catch {
      return false;
    }
  }

  /** The host's light children that some reading puts into a shown slot of `root`. */
  #read(root: ShadowRoot): Map<Node, Element> | null {
    const slots = this.#slotsOf(root);
    if (!slots) return null;
    const shownSlots = new Set(slots.all.filter((slot) => this.#slotShown(slot, root)));
    const shown = new Map<Node, Element>();
    for (const slot of shownSlots) for (const node of (slot as HTMLSlotElement).assignedNodes()) shown.set(node, slot);
    for (const node of childNodesOf(slots.host)) {
      const named = slots.byName?.get(node);
      if (named && shownSlots.has(named)) shown.set(node, named);
      if (!isElement(node) && !isText(node)) continue;
      // The node's own word: null for a closed root's slots. A slot outside this root says the readings disagree.
      const own = node.assignedSlot;
      if (own && (own.getRootNode() !== root || shownSlots.has(own))) shown.set(node, own);
    }
    return shown;
  }

  /** The root's slots and where names send its host's children; null where they could not be read. */
  #slotsOf(root: ShadowRoot): Slots | null {
    if (this.#slots.has(root)) return this.#slots.get(root) ?? null;
    let slots: Slots | null;
    try {
      const host = this.#hosts.get(root) ?? root.host;
      const all = Array.from(root.querySelectorAll("slot"));
      const manual = (root as { slotAssignment?: string }).slotAssignment === "manual";
      const byName = manual ? null : assignByName(host, all);
      slots = { host, all, byName, filled: byName && new Set(byName.values()) };
    } catch {
      slots = null;
    }
    this.#slots.set(root, slots);
    return slots;
  }

  /**
   * A slot of `root` draws what is assigned to it unless it or an element around it is not displayed, or it lies in
   * a part the root does not draw: another component's light child that component does not slot, or the fallback
   * of a slot that has nodes of its own.
   */
  #slotShown(slot: Element, root: ShadowRoot): boolean {
    for (let n: Node | null = slot; n && n !== root; n = parentOf(n)) {
      if ((isElement(n) && this.#hidden(n)) || !this.#drawn(n)) return false;
    }
    return true;
  }

  /**
   * Whether `node`'s parent draws it: not when the parent is a host whose root this platform sees and no slot of it
   * shows the node, nor when the parent is a slot drawing its assigned nodes instead. A shadow root is drawn.
   */
  #drawn(node: Node): boolean {
    const parent = node.parentNode;
    if (!isElement(parent)) return true;
    if (this.fallbackHidden(parent)) return false;
    const root = this.#seenRoot(parent);
    const shown = root ? this.shownBy(parent, root) : null;
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

/**
 * Named slot assignment, as the DOM does it: an element goes to the first slot (in tree order) named as its `slot`
 * attribute, text and an element without one to the first slot without a name.
 */
function assignByName(host: Element, slots: readonly Element[]): Map<Node, Element> {
  const first = new Map<string, Element>();
  for (const slot of slots) {
    const name = attrOf(slot, "name") ?? "";
    if (!first.has(name)) first.set(name, slot);
  }
  const byName = new Map<Node, Element>();
  for (const node of childNodesOf(host)) {
    const name = isElement(node) ? (attrOf(node, "slot") ?? "") : isText(node) ? "" : null;
    const slot = name === null ? undefined : first.get(name);
    if (slot) byName.set(node, slot);
  }
  return byName;
}

/**
 * The host whose light children `el`, an element of a shadow tree, may show: it is or holds a slot. When `el` is
 * shown after being hidden, that host is collected again (its children were skipped as never drawn).
 */
export function slotHostOf(el: Element): Element | null {
  const root = rootOf(el);
  if (!isShadowRoot(root) || (tagOf(el) !== "slot" && !queryIn(el, "slot"))) return null;
  return root.host;
}
