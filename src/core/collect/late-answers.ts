// Replies judged by the page's language because the comment they answer was not there yet (its text loaded after
// them, a comment put in further up) or is in a language the reader reads: kept, so that once a comment tells its
// language the replies to it among them can be judged again. Only around that comment is looked (its own elements and
// the siblings after it, up to the next item: where reply-parent.ts finds the replies to it), once per comment, so a
// growing thread stays linear in length. Where a site puts in or takes out a comment among a thread's elements, the
// replies kept there are handed back with the comment they answer now (moved()).

import type { ReplyParents } from "./reply-parent";
import type { Unit } from "../units";
import { holds, isMatch, nextElementOf, queryAllIn } from "../dom";

/** Waiting items kept before the first look for those taken off the page. */
const PRUNE_FIRST = 64;

export class LateAnswers {
  /** The items' selector (ReplyParents's). */
  readonly #items: string;
  readonly #replyParents: ReplyParents;
  /** The units judged by the page's language, by the item they sit in (items taken off the page are let go, #prune). */
  readonly #waiting = new Map<Element, Set<Unit>>();
  /** The count of waiting items at which those taken off the page are next let go: twice what was left the last time. */
  #pruneAt = PRUNE_FIRST;

  constructor(items: string, replyParents: ReplyParents) {
    this.#items = items;
    this.#replyParents = replyParents;
  }

  /** The unit, in `item`, was judged by the page's language: the item it answers was not found or too short to tell. */
  wait(item: Element, unit: Unit): void {
    const units = this.#waiting.get(item) ?? new Set<Unit>();
    units.add(unit);
    this.#waiting.set(item, units);
    if (this.#waiting.size >= this.#pruneAt) this.#prune();
  }

  /** Let go of the items taken off the page (a re-rendered thread's, an infinite list's that scrolled away). */
  #prune(): void {
    for (const item of this.#waiting.keys()) if (!item.isConnected) this.#waiting.delete(item);
    this.#pruneAt = Math.max(PRUNE_FIRST, this.#waiting.size * 2);
  }

  /** The unit, in `item`, was judged by a comment it answers in a language the reader does not read: it waits no more. */
  forget(item: Element, unit: Unit): void {
    const units = this.#waiting.get(item);
    units?.delete(unit);
    if (units?.size === 0) this.#waiting.delete(item);
  }

  /** The waiting units in items that answer `answered`, no longer waiting; those in other replies wait on. */
  take(answered: Element): Unit[] {
    if (!this.#waiting.size) return [];
    const taken: Unit[] = [];
    for (const item of this.#itemsAround(answered)) {
      const units = this.#waiting.get(item);
      if (!units || this.#replyParents.of(item) !== answered) continue;
      this.#waiting.delete(item);
      taken.push(...units);
    }
    return taken;
  }

  /**
   * The waiting units in items inside `parents` (where items were put in or taken out), by the item each answers now
   * where that item `tells` its language; no longer waiting. The others wait on: the comment they answer tells later.
   */
  moved(parents: Set<Element>, tells: (answered: Element) => boolean): Map<Element, Unit[]> {
    this.#prune();
    const moved = new Map<Element, Unit[]>();
    const changed = [...parents];
    for (const [item, units] of this.#waiting) {
      if (!changed.some((parent) => holds(parent, item))) continue;
      const answered = this.#replyParents.of(item);
      if (!answered || !tells(answered)) continue;
      this.#waiting.delete(item);
      moved.set(answered, [...(moved.get(answered) ?? []), ...units]);
    }
    return moved;
  }

  /** The items inside `answered` and in the siblings after it, up to the next item. */
  *#itemsAround(answered: Element): Iterable<Element> {
    // Read by the DOM's own members: the comment or a sibling after it may be a form naming its controls after them.
    yield* queryAllIn(answered, this.#items);
    for (let el = nextElementOf(answered); el && !isMatch(el, this.#items); el = nextElementOf(el)) {
      yield* queryAllIn(el, this.#items);
    }
  }
}
