// An element whose content became all translation in several writes says its language, and runs the translation's
// way, as one translated in one write does (own-lang.ts): a paragraph too long for one request, cut into runs, and a
// forum post whose loose lines (text beside its quotes and lists, no element of their own) and blocks are all
// translated. Without it, Arabic there stayed aligned at the left, its lines without `lang`, read in the page's voice.
// Only where nothing else is left in it: a `dir` on an element that also holds the page's own text (a code block, a
// part left original) would turn that text too. No element is added: the mark goes on the page's element, as on a
// paragraph translated whole, and undoing any of the units in it takes the mark off again.

import type { DirectionRead } from "../collect/collect";
import { isCopySnapshot } from "../display/bilingual";
import { hasLetter, isDefinedCustomElement, isElement, isText, parentOf } from "../dom";
import type { ContentSnapshot } from "../restore/snapshot";
import type { ContentUnit } from "../units";
import { isMarked, markLang } from "./own-lang";

/** Nodes looked at per element: a page-wide container with loose text is not worth a walk. */
const MAX_NODES = 2000;

/**
 * What the last walk of an element found: the units in it still to be translated, and whether the page's own text
 * was there too. A write of one of its units then costs a look-up, not a walk: on a long thread with loose lines, a
 * walk per write grew with every post already translated.
 */
interface Walked {
  /** Every unit the walk met. */
  units: Set<ContentUnit>;
  /** Those not yet shown whole: the element is walked again (to be sure) once none is left. */
  waiting: Set<ContentUnit>;
  /** Text of the page's own with letters: only a unit new to the element (that text, collected) is worth a walk. */
  pageText: boolean;
}

/** The walk found more than MAX_NODES: the element is not looked at again. */
const TOO_BIG = "too big";

export class WholeMarks {
  readonly #claimOf: (node: Node) => ContentUnit | undefined;
  /** Elements that hold a run, with their style as collection read it. */
  readonly #holders = new WeakMap<Element, DirectionRead>();
  /** Each unit written in place with the whole of its text translated, and that write's snapshot. */
  readonly #whole = new WeakMap<ContentUnit, ContentSnapshot>();
  readonly #walked = new WeakMap<Element, Walked | typeof TOO_BIG>();
  #any = false;

  constructor(claimOf: (node: Node) => ContentUnit | undefined) {
    this.#claimOf = claimOf;
  }

  /**
   * `unit` was just written in place (`complete`: every text of it translated): mark each element around it that now
   * holds only translation.
   */
  written(unit: ContentUnit, complete: boolean, lang: string): void {
    const { spec, snapshot } = unit;
    if (!snapshot) return;
    if (complete) this.#whole.set(unit, snapshot);
    if (!spec.root && spec.anchorRead) {
      this.#holders.set(spec.anchor, spec.anchorRead);
      this.#any = true;
    }
    if (!this.#any || !complete) return;
    for (let n = spec.root ? parentOf(spec.root) : spec.anchor; n && isElement(n); n = parentOf(n)) {
      const read = this.#holders.get(n);
      // A page's custom element is not marked: its attributes are its own interface (a callback would run).
      if (!read || isMarked(n) || isDefinedCustomElement(n)) continue;
      const units = this.#translated(n, unit);
      if (!units) return;
      const mark = markLang(n, lang, read);
      for (const u of units) ((u.snapshot as ContentSnapshot).outer ??= []).push(mark);
    }
  }

  /**
   * The units whose translation is all `el` holds (what has letters), or null when something else is there. Walks
   * `el` only where its last walk says it may be so now that `unit` is written.
   */
  #translated(el: Element, unit: ContentUnit): Set<ContentUnit> | null {
    const last = this.#walked.get(el);
    if (last === TOO_BIG) return null;
    if (last?.units.has(unit)) {
      last.waiting.delete(unit);
      // Units written while an element inside was not yet whole (this one was not looked at then), in page order.
      for (const u of last.waiting) {
        if (!this.#shownWhole(u)) break;
        last.waiting.delete(u);
      }
      if (last.waiting.size || last.pageText) return null;
    }
    const walk = this.#walk(el);
    this.#walked.set(el, walk);
    return walk !== TOO_BIG && !walk.waiting.size && !walk.pageText ? walk.units : null;
  }

  #walk(el: Element): Walked | typeof TOO_BIG {
    const found: Walked = { units: new Set(), waiting: new Set(), pageText: false };
    const stack: Node[] = [];
    for (let c = el.lastChild; c; c = c.previousSibling) stack.push(c);
    for (let seen = 0; stack.length; seen++) {
      if (seen > MAX_NODES) return TOO_BIG;
      const n = stack.pop() as Node;
      const unit = this.#claimOf(n);
      if (unit) {
        found.units.add(unit);
        if (!this.#shownWhole(unit)) found.waiting.add(unit);
      } else if (isText(n)) {
        if (hasLetter(n.data)) found.pageText = true;
      } else if (isElement(n)) {
        for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
      }
    }
    return found;
  }

  /** Shown in place (not as a bilingual copy), all of it translated, and not undone since. */
  #shownWhole(unit: ContentUnit): boolean {
    const snapshot = unit.snapshot;
    return (
      !!snapshot &&
      this.#whole.get(unit) === snapshot &&
      !isCopySnapshot(snapshot) &&
      (unit.state === "applied" || unit.state === "sending")
    );
  }
}
