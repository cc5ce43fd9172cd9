// The session's units and the page nodes they claim. Every lookup from a page node to its unit goes through here (a
// mutation on translated content, a collect walk skipping what is already taken), and so does every state change:
// the counters stay exact, and an anchor is watched for visibility only while one of its units waits to be sent.
// Nothing here keeps a unit alive: a unit lives as long as the page's nodes it claims (WeakMaps keyed by them) or a
// request for it is queued or in flight, so the units of content the page dropped go with their nodes.

import type { AttributeUnitSpec, ContentUnitSpec } from "./collect/collect";
import { answerUp } from "./answer-up";
import { composedParent, isElement } from "./dom";
import { encodeValue } from "./markup/attribute-value";
import { WeakList } from "./weak-list";
import type { AttributeUnit, ContentUnit, Counters, Job, Unit, UnitState } from "./units";

/** A node's unit; "passive" when the node lies in a part of a unit that is never sent (code, hidden). */
export type FindResult = Unit | "passive" | null;

/** Whose anchor is watched for visibility (its priority): waiting to be sent, or on its way. */
const waitsToBeSent = (state: UnitState): boolean => state === "queued" || state === "sending";

/** Told when an anchor's units stop waiting to be sent (`idle`), and when one of them waits again (`busy`). */
export interface AnchorWatch {
  idle(anchor: Element): void;
  busy(unit: Unit): void;
}

export class UnitRegistry {
  readonly #root: Element;
  readonly #counters: Counters;
  readonly #anchors: AnchorWatch;
  /** Not reset by clear(): ids stay unique for the page's lifetime. */
  #nextId = 1;
  readonly #units = new WeakList<Unit>((unit) => unit.state === "retired");
  #claims = new WeakMap<Node, ContentUnit>();
  #passive = new WeakSet<Element>();
  #attrUnits = new WeakMap<Element, Map<string, AttributeUnit>>();
  #byAnchor = new WeakMap<Element, Set<Unit>>();
  /** Elements skipped as not displayed: the page may reveal them later. */
  #hidden = new WeakSet<Element>();
  /** The same, to look through when an element above them changes its class or style. */
  readonly #hiddenList = new WeakList<Element>((el) => !this.#hidden.has(el));

  constructor(root: Element, counters: Counters, anchors: AnchorWatch) {
    this.#root = root;
    this.#counters = counters;
    this.#anchors = anchors;
  }

  /** The live units, in the order they were found. */
  *all(): IterableIterator<Unit> {
    for (const unit of this.#units.values()) if (unit.state !== "retired") yield unit;
  }

  unitsAt(anchor: Element): ReadonlySet<Unit> | undefined {
    return this.#byAnchor.get(anchor);
  }

  /** What every new unit starts with: a fresh id, queued, no request or attempt yet. */
  #fresh(anchor: Element) {
    return {
      id: `u${this.#nextId++}`,
      state: "queued" as const,
      anchor,
      request: 0,
      attempts: 0,
      detected: false,
      jobs: new Set<Job>(),
    };
  }

  addContent(spec: ContentUnitSpec): ContentUnit {
    const unit: ContentUnit = {
      kind: "content",
      ...this.#fresh(spec.anchor),
      spec,
      encoded: spec.encoded,
      sourceTexts: spec.encoded.texts.map((t) => t.data),
    };
    // An element unit is claimed by its root; a run (no root) by each of its nodes.
    if (spec.root) this.#claims.set(spec.root, unit);
    else for (const n of spec.nodes) this.#claims.set(n, unit);
    for (const el of spec.encoded.passive) this.#passive.add(el);
    this.#add(unit);
    return unit;
  }

  addAttribute(spec: AttributeUnitSpec): AttributeUnit {
    const plain = encodeValue(spec.name, spec.value);
    const unit: AttributeUnit = {
      kind: "attribute",
      ...this.#fresh(spec.anchor),
      el: spec.el,
      name: spec.name,
      value: spec.value,
      ...plain,
      ...(spec.from ? { from: spec.from } : {}),
    };
    let byName = this.#attrUnits.get(spec.el);
    if (!byName) this.#attrUnits.set(spec.el, (byName = new Map()));
    byName.set(spec.name, unit);
    this.#add(unit);
    return unit;
  }

  #add(unit: Unit): void {
    this.#units.add(unit);
    this.#counters.change(null, unit.state);
    let set = this.#byAnchor.get(unit.anchor);
    if (!set) this.#byAnchor.set(unit.anchor, (set = new Set()));
    set.add(unit);
  }

  /**
   * A unit done with (translated, failed, skipped, parked) lets go of its anchor's watch, and one sent again (Translate
   * page retrying what failed, a skipped unit judged again) takes it up again.
   */
  setState(unit: Unit, state: UnitState): void {
    const before = unit.state;
    if (before === state) return;
    this.#counters.change(before, state, unit);
    unit.state = state;
    if (!waitsToBeSent(state)) this.#releaseAnchor(unit.anchor);
    else if (!waitsToBeSent(before) && before !== "retired") this.#anchors.busy(unit);
  }

  #releaseAnchor(anchor: Element): void {
    const units = this.#byAnchor.get(anchor);
    if (units) for (const u of units) if (waitsToBeSent(u.state)) return;
    this.#anchors.idle(anchor);
  }

  /** A retired unit lets go of its nodes, so the page's new content there can be collected afresh. */
  forget(unit: Unit): void {
    this.#byAnchor.get(unit.anchor)?.delete(unit);
    if (unit.kind === "content") {
      for (const n of [unit.spec.root, ...unit.spec.nodes, ...(unit.snapshot?.inserted ?? [])]) {
        if (n && this.#claims.get(n) === unit) this.#claims.delete(n);
      }
    } else {
      this.#attrUnits.get(unit.el)?.delete(unit.name);
    }
  }

  /** A node merge put into a run belongs to it: a change to it is a change to the run. */
  claim(node: Node, unit: ContentUnit): void {
    this.#claims.set(node, unit);
  }

  claimOf(node: Node): ContentUnit | undefined {
    return this.#claims.get(node);
  }

  isClaimed(node: Node): boolean {
    return this.#claims.has(node);
  }

  attributeUnit(el: Element, name: string): AttributeUnit | undefined {
    return this.#attrUnits.get(el)?.get(name);
  }

  hasAttributeUnit(el: Element, name: string): boolean {
    return this.#attrUnits.get(el)?.has(name) ?? false;
  }

  /** The unit a node belongs to, walking up through shadow roots as far as the root. */
  find(node: Node): FindResult {
    for (let n: Node | null = node; n; n = composedParent(n)) {
      const claimed = this.#claims.get(n);
      const unit = claimed && claimed.state !== "retired" ? claimed : undefined;
      if (unit && unit.spec.root === n) return unit;
      // A run's opaque node (e.g. a live timestamp) is part of the run but never part of its text.
      if (isElement(n) && this.#passive.has(n)) return "passive";
      if (unit) return unit;
      if (n === this.#root) break;
    }
    return null;
  }

  markHidden(el: Element): void {
    if (this.#hidden.has(el)) return;
    this.#hidden.add(el);
    this.#hiddenList.add(el);
  }

  /**
   * The hidden elements that are one of `changed` or lie below one (through shadow roots): a class or style change
   * may reveal them, also one on an element above them (old Reddit's "[+]" changes the comment's class, and its CSS
   * shows the body and the replies).
   */
  hiddenAt(changed: ReadonlySet<Element>): Set<Element> {
    // Runs on every batch that changes a class or style somewhere (a page's animations do, many times a second): each
    // ancestor is looked at once per batch, not once per hidden element below it.
    const below = new Map<Node, boolean>();
    const isChanged = (n: Node): true | undefined => (isElement(n) && changed.has(n)) || undefined;
    const isBelow = (el: Element): boolean => answerUp(el, below, isChanged, this.#root);
    const found = new Set<Element>();
    for (const el of this.#hiddenList.values()) if (this.#hidden.has(el) && isBelow(el)) found.add(el);
    return found;
  }

  unhide(el: Element): void {
    this.#hidden.delete(el);
  }

  /** Forget every unit and node (restore()). */
  clear(): void {
    this.#units.clear();
    this.#claims = new WeakMap();
    this.#passive = new WeakSet();
    this.#attrUnits = new WeakMap();
    this.#byAnchor = new WeakMap();
    this.#hidden = new WeakSet();
    this.#hiddenList.clear();
  }
}
