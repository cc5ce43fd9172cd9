// The language of the post, comment or message a unit sits in: a thread mixes languages by comment, so a short line
// ("Thanks, that helped!") is judged by the rest of its own comment before the page's language. Each item's text is
// detected once, in the background like any unit's, and only where the rest of it has enough letters to tell.

import { countLetters } from "../lang";
import { SHORT_TEXT_LETTERS } from "./already-in-target";
import { quotedUnit } from "./quotes";
import { type Unit, unitText } from "../units";

/** Where no site adapter names its items: a post, comment or list entry that holds more than the unit. */
const GENERIC_ITEMS = "article, [role=article], li";
/** Characters of an item's text sent to the detector. */
const ITEM_SAMPLE_CHARS = 1200;

export class ItemLanguage {
  /** The site's items (SiteRules.items, compiled), or null for the generic ones. */
  readonly #items: string | null;
  readonly #ask: (text: string) => Promise<string | undefined>;
  /** The units found in each item (a unit counts in each generic item around it: the nearest may hold only it). */
  readonly #members = new WeakMap<Element, Set<Unit>>();
  readonly #detections = new WeakMap<Element, Promise<string | undefined>>();
  /** Short units found before enough of their item to tell: handed back by note() once it does. */
  readonly #waiting = new WeakMap<Element, Set<Unit>>();

  constructor(items: string | null, ask: (text: string) => Promise<string | undefined>) {
    this.#items = items;
    this.#ask = ask;
  }

  /**
   * Count a unit in the items around it; the short units that waited for more of those items and can now be told by
   * them. A quoted passage is someone else's words: it neither counts nor is judged.
   */
  note(unit: Unit): Unit[] {
    if (unit.kind !== "content" || quotedUnit(unit)) return [];
    const ready = new Set<Unit>();
    for (const item of this.#itemsAround(unit)) {
      const members = this.#members.get(item) ?? new Set<Unit>();
      members.add(unit);
      this.#members.set(item, members);
      for (const waiting of this.#waiting.get(item) ?? []) if (this.itemOf(waiting)) ready.add(waiting);
    }
    for (const waiting of ready)
      for (const item of this.#itemsAround(waiting)) this.#waiting.get(item)?.delete(waiting);
    return [...ready];
  }

  /** Whether an item around the unit tells its language; if none does yet, the unit waits for more of them. */
  tells(unit: Unit): boolean {
    if (this.itemOf(unit)) return true;
    if (unit.kind !== "content" || quotedUnit(unit)) return false;
    for (const item of this.#itemsAround(unit)) {
      const waiting = this.#waiting.get(item) ?? new Set<Unit>();
      waiting.add(unit);
      this.#waiting.set(item, waiting);
    }
    return false;
  }

  /** The nearest item whose other units have enough letters to tell its language; null when there is none. */
  itemOf(unit: Unit): Element | null {
    if (unit.kind !== "content" || quotedUnit(unit)) return null;
    for (const item of this.#itemsAround(unit)) if (this.#othersTell(item, unit)) return item;
    return null;
  }

  /** Whether the item's units besides `unit` have SHORT_TEXT_LETTERS letters (counted only that far: a long
   * article with many short lines is not read through for each). */
  #othersTell(item: Element, unit: Unit): boolean {
    let letters = 0;
    for (const other of this.#live(item)) {
      if (other !== unit) letters += countLetters(unitText(other), SHORT_TEXT_LETTERS - letters);
      if (letters >= SHORT_TEXT_LETTERS) return true;
    }
    return false;
  }

  /** The language detected on the item's text (its units' together), asked once per item. */
  languageOf(item: Element): Promise<string | undefined> {
    let detection = this.#detections.get(item);
    if (!detection) {
      const text = [...this.#live(item)].map(unitText).join("\n").slice(0, ITEM_SAMPLE_CHARS);
      detection = this.#ask(text);
      this.#detections.set(item, detection);
    }
    return detection;
  }

  /** The site's item around the unit, or the generic ones from the nearest out. */
  #itemsAround(unit: Unit): Element[] {
    if (this.#items !== null) {
      const item = unit.anchor.closest(this.#items);
      return item ? [item] : [];
    }
    const items: Element[] = [];
    for (let el = unit.anchor.closest(GENERIC_ITEMS); el; el = el.parentElement?.closest(GENERIC_ITEMS) ?? null) {
      items.push(el);
    }
    return items;
  }

  /** The item's units still on the page (a restored page's units are retired and found again). */
  *#live(item: Element): Iterable<Unit> {
    const members = this.#members.get(item);
    if (!members) return;
    for (const unit of members) {
      if (unit.state === "retired") members.delete(unit);
      else yield unit;
    }
  }
}
