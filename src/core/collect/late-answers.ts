// Replies judged by the page's language because the comment they answer was not there yet (its text loaded after
// them, a comment put in further up): kept, so that once that comment tells its language the replies to it among them
// can be judged again. Only around that comment is looked (its own elements and the siblings after it, up to the next
// item: where reply-parent.ts finds the replies to it), once per comment, so a growing thread stays linear in length.

import type { ReplyParents } from "./reply-parent";
import type { Unit } from "../units";

export class LateAnswers {
  /** The items' selector (ReplyParents's). */
  readonly #items: string;
  readonly #replyParents: ReplyParents;
  /** The units judged by the page's language, by the item they sit in. */
  readonly #waiting = new WeakMap<Element, Set<Unit>>();
  /** Whether any unit waits at all: a page where none does is never looked over. */
  #any = false;

  constructor(items: string, replyParents: ReplyParents) {
    this.#items = items;
    this.#replyParents = replyParents;
  }

  /** The unit, in `item`, was judged by the page's language: the item it answers was not found or too short to tell. */
  wait(item: Element, unit: Unit): void {
    const units = this.#waiting.get(item) ?? new Set<Unit>();
    units.add(unit);
    this.#waiting.set(item, units);
    this.#any = true;
  }

  /** The waiting units in items that answer `answered`, no longer waiting; those in other replies wait on. */
  take(answered: Element): Unit[] {
    if (!this.#any) return [];
    const taken: Unit[] = [];
    for (const item of this.#itemsAround(answered)) {
      const units = this.#waiting.get(item);
      if (!units || this.#replyParents.of(item) !== answered) continue;
      this.#waiting.delete(item);
      taken.push(...units);
    }
    return taken;
  }

  /** The items inside `answered` and in the siblings after it, up to the next item. */
  *#itemsAround(answered: Element): Iterable<Element> {
    yield* answered.querySelectorAll(this.#items);
    for (let el = answered.nextElementSibling; el && !el.matches(this.#items); el = el.nextElementSibling) {
      yield* el.querySelectorAll(this.#items);
    }
  }
}
