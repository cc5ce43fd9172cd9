// Where to collect again after the page changed: for each change the nearest block-level container (inline content
// joins its block's unit), and each element whose translatable attributes changed. They are collected in one go
// after each batch of records, each region once, a region inside another with the outer one. A change to inline
// content beside blocks (a status line directly in the body, a shadow root's text beside its blocks) has only its run
// of inline siblings collected again: the block around it may be the whole page.

import { type CollectHooks, collectAttributes, collectRun, collectUnits } from "../collect/collect";
import { runBounds } from "../collect/run-bounds";
import { isInlineDisplay, StyleCache } from "../collect/display";
import {
  type Container,
  composedContains,
  composedParent,
  isConnected,
  isElement,
  isShadowRoot,
  parentOf,
} from "../dom";
import { contextAt, type Rules } from "../collect/rules";
import type { Session } from "../session";
import type { UnitIntake } from "../collect/unit-intake";

export interface RegionDeps {
  root: Element;
  win: Window & typeof globalThis;
  rules: Rules;
  getShadowRoot(el: Element): ShadowRoot | null;
  isIgnored(node: Node): boolean;
  /** Takes out the page's copies of Gloss's bilingual copies in the node (write/copied-marks.ts). */
  takeCopies(node: Node): void;
  session(): Session | null;
  intake: Pick<UnitIntake, "hooks" | "register" | "addAttributes">;
  pump(): void;
}

export class PendingRegions {
  readonly #deps: RegionDeps;
  readonly #regions = new Set<Container>();
  /** Changed children of a block (or shadow root) whose run of inline content is collected again, with their parent. */
  readonly #runs = new Map<ChildNode, Container>();
  readonly #attributes = new Set<Element>();

  constructor(deps: RegionDeps) {
    this.#deps = deps;
  }

  get pending(): boolean {
    return this.#regions.size > 0 || this.#runs.size > 0 || this.#attributes.size > 0;
  }

  /** Collect again around a changed node. */
  add(node: Node): void {
    const { root, rules, isIgnored } = this.#deps;
    const styles = new StyleCache(this.#deps.win);
    // Before the walk: such a copy would split what it follows into runs, and show Gloss's words twice.
    this.#deps.takeCopies(node);
    // Changes inside excluded or given-up parts (live counters, timestamps, editors) cost no walk at all.
    for (let a: Node | null = node; a; a = composedParent(a)) {
      if (isIgnored(a)) return;
      if (a === root) break;
    }
    if (!contextAt(rules, node, (el) => styles.get(el), composedParent)) return;
    let n: Node | null = node;
    /** The node on the way up just below `n`. */
    let below: Node | null = null;
    while (n && !isShadowRoot(n)) {
      if (isElement(n)) {
        if (n === root || !isInlineDisplay(styles.get(n).display) || this.#deps.getShadowRoot(n)) break;
        // An inline element that holds blocks (a feed's items in wrappers the page gives no display) is a block to
        // what is around it: collecting its parent would walk the whole feed for each item added.
        if (holdsBlock(n, styles)) break;
      }
      below = n;
      n = parentOf(n);
    }
    if (!n || !(isElement(n) || isShadowRoot(n)) || isIgnored(n)) return;
    if (below) this.#runs.set(below as ChildNode, n);
    else this.#regions.add(n);
  }

  /** Collect the element's translatable attributes again. */
  addAttributes(el: Element): void {
    this.#attributes.add(el);
  }

  clear(): void {
    this.#regions.clear();
    this.#runs.clear();
    this.#attributes.clear();
  }

  process(): void {
    const session = this.#deps.session();
    if (!session || session.stopped || !this.pending) return;
    const { root, intake } = this.#deps;
    const regions = [...this.#regions];
    this.#regions.clear();
    const attrEls = [...this.#attributes];
    this.#attributes.clear();
    const set = new Set<Node>(regions);
    const hooks = intake.hooks(new StyleCache(this.#deps.win));
    const runs = this.#takeRuns(hooks, regions, set);
    // Nodes inside another queued region are walked with it.
    const inRegion = (from: Node | null): boolean => {
      for (let p = from; p; p = composedParent(p)) if (set.has(p)) return true;
      return false;
    };
    for (const region of regions) {
      if (!composedContains(root, region) || inRegion(composedParent(region))) continue;
      intake.register(collectUnits(region, hooks));
    }
    for (const { parent, first, end } of runs) {
      if (!composedContains(root, parent) || inRegion(parent)) continue;
      intake.register(collectRun(parent, first, end, hooks));
    }
    for (const el of attrEls) {
      if (!composedContains(root, el)) continue;
      intake.addAttributes(collectAttributes(el, hooks));
    }
    this.#deps.pump();
  }

  /**
   * The runs queued, each once; a run that is all its parent holds (the parent may be one unit) makes the parent a
   * region, added to `regions` and `set`.
   */
  #takeRuns(hooks: CollectHooks, regions: Container[], set: Set<Node>): PendingRun[] {
    const runs: PendingRun[] = [];
    const firsts = new Set<Node>();
    for (const [child, parent] of this.#runs) {
      // Moved or taken out since: its new place was recorded on its own, and nothing is left to collect here.
      // By the DOM's own getters: the child may be a form that names a control parentNode.
      if (parentOf(child) !== parent || !isConnected(parent)) continue;
      // A host's light children make no unit of the host (collect.ts, #boundaryWalks): all of them are a run there,
      // and its shadow tree is not walked again.
      const bounds =
        runBounds(child, hooks) ??
        (this.#deps.getShadowRoot(parent as Element) && { first: parent.firstChild as ChildNode, end: null });
      if (!bounds) {
        if (!set.has(parent)) regions.push(parent);
        set.add(parent);
      } else if (!firsts.has(bounds.first)) {
        firsts.add(bounds.first);
        runs.push({ parent, ...bounds });
      }
    }
    this.#runs.clear();
    return runs;
  }
}

/** A run of inline content to collect again, between two children of `parent` laid out as blocks. */
interface PendingRun {
  parent: Container;
  first: ChildNode;
  end: ChildNode | null;
}

/** Some child element is laid out as a block: collect treats the element as a block too (its own runs). */
function holdsBlock(el: Element, styles: StyleCache): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    if (!isInlineDisplay(styles.get(c).display)) return true;
  }
  return false;
}
