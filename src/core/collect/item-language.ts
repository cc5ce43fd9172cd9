// The language of the post, comment or message a unit sits in: a thread mixes languages by comment, so a short line
// ("Thanks, that helped!") is judged by the rest of its own comment before the page's language. Each item's text is
// detected once (again when it changes), in the background like any unit's, and only where the rest of it has enough
// letters to tell.

import { countLetters } from "../lang";
import { SHORT_TEXT_LETTERS } from "./already-in-target";
import { outsideQuotes, type Quotes } from "./quotes";
import { withoutAddresses } from "./bare-address";
import { LateAnswers } from "./late-answers";
import { ReplyParents } from "./reply-parent";
import type { Unit } from "../units";
import { closestOf } from "../dom";

/**
 * Where no site adapter names its items: the nearest post, comment or list entry. Only the nearest: the one around it
 * is a thread, a menu or a page (a reply in a comment's `li`, a comment's `article` in its post's, a submenu's entry),
 * whose language says nothing of a one-line reply's.
 */
const GENERIC_ITEMS = "article, [role=article], li";
/** Characters of an item's text sent to the detector. */
const ITEM_SAMPLE_CHARS = 1200;

export class ItemLanguage {
  /** The site's items (SiteRules.items, compiled), or null for the generic ones. */
  readonly #items: string | null;
  /** Quoted blocks: someone else's words, in no item; and quoted elements, not in their unit's own words. */
  readonly #quotes: Quotes;
  readonly #ask: (text: string) => Promise<string | undefined>;
  /** The units found in each item. */
  readonly #members = new WeakMap<Element, Set<Unit>>();
  /** Each item's detection, with the text it was told from: an item whose text changed (a recycled row, an edit in
   * place, a thread's "load more" refilling a comment) is detected again. */
  readonly #detections = new WeakMap<Element, { text: string; language: Promise<string | undefined> }>();
  /** Short units found before enough of their item to tell: handed back by note() once it does. */
  readonly #waiting = new WeakMap<Element, Set<Unit>>();
  readonly #replyParents: ReplyParents;
  /** Items whose units have told their language: each is looked around once for replies judged before it told. */
  readonly #told = new WeakSet<Element>();
  readonly #lateAnswers: LateAnswers;

  constructor(
    items: string | null,
    quotes: Quotes,
    ask: (text: string) => Promise<string | undefined>,
    /** Replies judged by the page's language whose item now answers `answered`, a comment put in or left above them. */
    moved: (answered: Element, replies: Unit[]) => void = () => {},
  ) {
    this.#items = items;
    this.#quotes = quotes;
    this.#ask = ask;
    this.#replyParents = new ReplyParents(items ?? GENERIC_ITEMS, (parents) => {
      const tells = (answered: Element): boolean => this.#othersTell(answered, null);
      for (const [answered, replies] of this.#lateAnswers.moved(parents, tells)) moved(answered, replies);
    });
    this.#lateAnswers = new LateAnswers(items ?? GENERIC_ITEMS, this.#replyParents);
  }

  /**
   * Count a unit in its item: the short units that waited for more of that item and can now be told by it, and the
   * item where this unit is the one that makes it tell its language (once). A quoted passage is someone else's
   * words: it neither counts nor is judged.
   */
  note(unit: Unit): { ready: Unit[]; told: Element | null } {
    const item = this.#itemAround(unit);
    if (!item) return { ready: [], told: null };
    const members = this.#members.get(item) ?? new Set<Unit>();
    members.add(unit);
    this.#members.set(item, members);
    const waiting = this.#waiting.get(item);
    const ready = [...(waiting ?? [])].filter((w) => this.itemOf(w));
    for (const w of ready) waiting?.delete(w);
    const told = !this.#told.has(item) && this.#othersTell(item, null);
    if (told) this.#told.add(item);
    return { ready, told: told ? item : null };
  }

  /** The short units judged by the page's language (awaitAnswered) whose items answer `item`, no longer kept. */
  answersTo(item: Element): Unit[] {
    return this.#lateAnswers.take(item);
  }

  /** Whether the unit's item tells its language; if it does not yet, the unit waits for more of it. */
  tells(unit: Unit): boolean {
    if (this.itemOf(unit)) return true;
    const item = this.#itemAround(unit);
    if (!item) return false;
    const waiting = this.#waiting.get(item) ?? new Set<Unit>();
    waiting.add(unit);
    this.#waiting.set(item, waiting);
    return false;
  }

  /** The unit's item where its other units have enough letters to tell its language; null when they have not. */
  itemOf(unit: Unit): Element | null {
    const item = this.#itemAround(unit);
    return item && this.#othersTell(item, unit) ? item : null;
  }

  /**
   * The item that the unit's own item answers (reply-parent.ts), where its units have enough letters to tell its
   * language; null where the unit has no item, its thread does not nest, or the item answered is too short.
   */
  answeredItemOf(unit: Unit): Element | null {
    const item = this.#itemAround(unit);
    const answered = item && this.#replyParents.of(item);
    return answered && this.#othersTell(answered, unit) ? answered : null;
  }

  /** The unit is judged by the page's language, as the item it answers is not there, does not tell yet or is in a
   * language the reader reads: kept, for answersTo() once an item tells, or for `moved` once another is above it. */
  awaitAnswered(unit: Unit): void {
    const item = this.#itemAround(unit);
    if (item) this.#lateAnswers.wait(item, unit);
  }

  /** The unit is judged by the item it answers after all (awaitAnswered undone). */
  answeredTells(unit: Unit): void {
    const item = this.#itemAround(unit);
    if (item) this.#lateAnswers.forget(item, unit);
  }

  /** Whether the item's units besides `unit` have SHORT_TEXT_LETTERS letters of their own words (counted only that
   * far: a long article with many short lines is not read through for each); `unit` null: all of its units. */
  #othersTell(item: Element, unit: Unit | null): boolean {
    let letters = 0;
    for (const other of this.#live(item)) {
      if (other !== unit) letters += countLetters(this.#ownWords(other), SHORT_TEXT_LETTERS - letters);
      if (letters >= SHORT_TEXT_LETTERS) return true;
    }
    return false;
  }

  /** The language detected on the item's text (its units' together), asked once per item and text. */
  languageOf(item: Element): Promise<string | undefined> {
    const text = this.#sample(item);
    const known = this.#detections.get(item);
    if (known?.text === text) return known.language;
    const language = this.#ask(text);
    this.#detections.set(item, { text, language });
    return language;
  }

  /** The item's first ITEM_SAMPLE_CHARS of its units' own words: read that far only, as it is read for every short
   * unit of the item (a README's hundreds of list lines). */
  #sample(item: Element): string {
    let text = "";
    for (const unit of this.#live(item)) {
      text += (text ? "\n" : "") + this.#ownWords(unit);
      if (text.length >= ITEM_SAMPLE_CHARS) break;
    }
    return text.slice(0, ITEM_SAMPLE_CHARS);
  }

  /**
   * The unit's text without what it quotes ("…", „…“, a linked page's title in it) and the addresses it shows: a German
   * comment quoting an English sentence, or showing the address of an English article, is German.
   */
  #ownWords(unit: Unit): string {
    const text = withoutAddresses(this.#quotes.ownText(unit));
    return outsideQuotes(text) ?? text;
  }

  /** The site's item around the unit, or the nearest generic one. A quoted passage is someone else's: it has none. */
  #itemAround(unit: Unit): Element | null {
    if (unit.kind !== "content" || this.#quotes.holds(unit)) return null;
    return closestOf(unit.anchor, this.#items ?? GENERIC_ITEMS);
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
