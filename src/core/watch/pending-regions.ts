// Where to collect again after the page changed: for each change the nearest block-level container (inline content
// joins its block's unit), and each element whose translatable attributes changed. They are collected in one go
// after each batch of records, each region once, a region inside another with the outer one.

import { collectAttributes, collectUnits } from "../collect/collect";
import { isInlineDisplay, StyleCache } from "../collect/display";
import { type Container, composedContains, composedParent, isElement, isShadowRoot } from "../dom";
import { contextAt, type Rules } from "../collect/rules";
import type { Session } from "../session";
import type { UnitIntake } from "../collect/unit-intake";

export interface RegionDeps {
  root: Element;
  win: Window & typeof globalThis;
  rules: Rules;
  getShadowRoot(el: Element): ShadowRoot | null;
  isIgnored(node: Node): boolean;
  session(): Session | null;
  intake: Pick<UnitIntake, "hooks" | "register" | "addAttributes">;
  pump(): void;
}

export class PendingRegions {
  readonly #deps: RegionDeps;
  readonly #regions = new Set<Container>();
  readonly #attributes = new Set<Element>();

  constructor(deps: RegionDeps) {
    this.#deps = deps;
  }

  get pending(): boolean {
    return this.#regions.size > 0 || this.#attributes.size > 0;
  }

  /** Collect again around a changed node. */
  add(node: Node): void {
    const { root, rules, isIgnored } = this.#deps;
    const styles = new StyleCache(this.#deps.win);
    // Changes inside excluded or given-up parts (live counters, timestamps, editors) cost no walk at all.
    for (let a: Node | null = node; a; a = composedParent(a)) {
      if (isIgnored(a)) return;
      if (a === root) break;
    }
    if (!contextAt(rules, node, (el) => styles.get(el), composedParent)) return;
    let n: Node | null = node;
    while (n) {
      if (isShadowRoot(n)) break;
      if (isElement(n)) {
        if (n === root || !isInlineDisplay(styles.get(n).display) || this.#deps.getShadowRoot(n)) break;
        // An inline element that holds blocks (a feed's items in wrappers the page gives no display) is a block to
        // what is around it: collecting its parent would walk the whole feed for each item added.
        if (holdsBlock(n, styles)) break;
      }
      n = n.parentNode;
    }
    if (n && (isElement(n) || isShadowRoot(n)) && !isIgnored(n)) this.#regions.add(n);
  }

  /** Collect the element's translatable attributes again. */
  addAttributes(el: Element): void {
    this.#attributes.add(el);
  }

  clear(): void {
    this.#regions.clear();
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
    for (const region of regions) {
      if (!region.isConnected || !composedContains(root, region)) continue;
      // Nodes inside another queued region are walked with it.
      let inside = false;
      for (let p = composedParent(region); p && !inside; p = composedParent(p)) inside = set.has(p);
      if (inside) continue;
      intake.register(collectUnits(region, hooks));
    }
    for (const el of attrEls) {
      if (!el.isConnected || !composedContains(root, el)) continue;
      intake.addAttributes(collectAttributes(el, hooks));
    }
    this.#deps.pump();
  }
}

/** Some child element is laid out as a block: collect treats the element as a block too (its own runs). */
function holdsBlock(el: Element, styles: StyleCache): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    if (!isInlineDisplay(styles.get(c).display)) return true;
  }
  return false;
}
