// Which observed anchors lie in a closed `<details>` (collect/folded.ts), and which of them its opening shows: the
// reader (or find-in-page) opened it to read what it holds, so that text is wanted now, not after the rest of the page.

import { foldedBy } from "../collect/folded";
import { hasAttr } from "../dom";

export class Folds {
  /**
   * Each closed `<details>` watched, with the anchors it hides and the node that tells whether each still is (weak:
   * one the page removes goes with what it hid).
   */
  #byDetails = new WeakMap<Element, Map<Element, Node>>();
  readonly #folded = new WeakSet<Element>();
  readonly #opened: (anchors: Element[]) => void;
  readonly #listening = new AbortController();

  constructor(opened: (anchors: Element[]) => void) {
    this.#opened = opened;
  }

  has(anchor: Element): boolean {
    return this.#folded.has(anchor);
  }

  /** `anchor` is hidden by the closed `details` (`probe`: the unit's first node, which says where it lies). */
  add(anchor: Element, details: Element, probe: Node): void {
    this.#folded.add(anchor);
    let hidden = this.#byDetails.get(details);
    if (!hidden) {
      hidden = new Map();
      this.#byDetails.set(details, hidden);
      // `toggle` does not bubble, and a page could stop it on the way down: listened for on the element itself.
      details.addEventListener("toggle", () => this.#toggled(details), { signal: this.#listening.signal });
    }
    hidden.set(anchor, probe);
  }

  #toggled(details: Element): void {
    const hidden = this.#byDetails.get(details);
    if (!hidden || !hasAttr(details, "open")) return;
    this.#byDetails.delete(details);
    const shown: Element[] = [];
    for (const [anchor, probe] of hidden) {
      // A closed `<details>` around this one (or inside it) may hide it still.
      const still = foldedBy(probe);
      if (still) this.add(anchor, still, probe);
      else {
        this.#folded.delete(anchor);
        shown.push(anchor);
      }
    }
    if (shown.length) this.#opened(shown);
  }

  disconnect(): void {
    this.#listening.abort();
    this.#byDetails = new WeakMap();
  }
}
