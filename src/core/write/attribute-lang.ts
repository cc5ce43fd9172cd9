// One `lang` per element (WCAG 3.1.2): an element whose attribute Gloss translated (an alt, an aria-label, a title)
// says the target language when all it says is now in it: it has no text of its own (an image, an icon button), or
// its text was skipped as written in the target language itself. Text skipped only as a language the reader reads
// besides keeps the page's `lang`, and so does text Gloss left in the original: the text matters more than its
// tooltip. The text's verdict may come before or after the attribute's translation is written: whichever comes
// second sets the mark; and the mark goes again when the page changes that text (it is then found afresh) or puts
// text of a language only read besides in the element.

import { hasLetter, parentOf, tagOf, attrOf, langOf, walkIn } from "../dom";
import { isEditable } from "../collect/rules";
import type { FindResult } from "../unit-registry";
import type { AttributeUnit } from "../units";
import { isMarked, markLangOnly, unmarkLang } from "./own-lang";
import type { AttributeSnapshot } from "../restore/snapshot";

/** Units by the element they mark or wait to mark: a text's verdict looks only at the elements around it. */
type ByElement = WeakMap<Element, Map<AttributeUnit, AttributeSnapshot>>;

export class AttributeLang {
  readonly #find: (node: Node) => FindResult;
  readonly #targetLang: string;
  /** The write each unit waits with for its element's text to be found in the target language (see textSkipped). */
  readonly #waiting: ByElement = new WeakMap();
  /** The write each unit marked for its element's text being in the target language (see textChanged). */
  readonly #byText: ByElement = new WeakMap();
  /** The first text found not in the target language in each element looked at (see #textInTarget). */
  readonly #blockers = new WeakMap<Element, Text>();

  constructor(find: (node: Node) => FindResult, targetLang: string) {
    this.#find = find;
    this.#targetLang = targetLang;
  }

  /** The attribute's translation was just written (`snapshot`): mark its element, or wait for its text's verdict. */
  written(unit: AttributeUnit, snapshot: AttributeSnapshot): void {
    const { el } = unit;
    if (!this.#wanted(el)) return;
    if (!hasLetter(el.textContent ?? "")) {
      snapshot.lang = markLangOnly(el, this.#targetLang);
      return;
    }
    if (this.#textInTarget(el)) this.#markByText(unit, snapshot);
    else put(this.#waiting, unit, snapshot);
  }

  #markByText(unit: AttributeUnit, snapshot: AttributeSnapshot): void {
    snapshot.lang = markLangOnly(unit.el, this.#targetLang);
    take(this.#waiting, unit);
    put(this.#byText, unit, snapshot);
  }

  /**
   * A text (`node`, or the nodes under it) was skipped as written in the target language: the elements around it
   * waiting for theirs may say it now. Only those: a page of many titled links checks its few ancestors per skip.
   */
  textSkipped(node: Node): void {
    for (const [unit, snapshot] of around(this.#waiting, node)) {
      if (!shows(unit, snapshot) || !this.#wanted(unit.el)) take(this.#waiting, unit);
      else if (this.#textInTarget(unit.el)) this.#markByText(unit, snapshot);
    }
  }

  /**
   * A text (`node`, or the nodes under it) is no longer one skipped as in the target language: the page changed it,
   * or it was found in a language the reader reads besides. An element around it marked for its text says the
   * page's language again until its text is found in the target language too (or translated, which marks it anyway).
   */
  textChanged(node: Node): void {
    for (const [unit, snapshot] of around(this.#byText, node)) {
      const mark = snapshot.lang;
      if (!mark || !shows(unit, snapshot)) {
        take(this.#byText, unit);
        continue;
      }
      if (this.#textInTarget(unit.el)) continue;
      unmarkLang(mark);
      delete snapshot.lang;
      take(this.#byText, unit);
      put(this.#waiting, unit, snapshot);
    }
  }

  /** The element does not say the target language yet, and may: not a text field (see takesLang). */
  #wanted(el: Element): boolean {
    return takesLang(el) && !isMarked(el) && langOf(el) !== this.#targetLang;
  }

  /**
   * Every letter of the element's text lies in a unit skipped as written in the target language itself. The first
   * text found not to (the blocker) is kept: while it still blocks, the answer is no without a walk, and once it no
   * longer does the walk goes on after it, so texts skipped one by one through a big element (a thread under a
   * titled element) cost about one walk of it in all, not one each. A yes still takes a walk from the start (what
   * the page changed before the blocker counts too), which looks again only at texts not looked at in this call.
   */
  #textInTarget(el: Element): boolean {
    const looked = new Set<Text>();
    const blocker = this.#blockers.get(el);
    if (blocker && el.contains(blocker)) {
      if (this.#blocks(blocker, looked)) return false;
      const next = this.#firstBlocker(el, looked, blocker);
      if (next) {
        this.#blockers.set(el, next);
        return false;
      }
    }
    const first = this.#firstBlocker(el, looked);
    if (first) this.#blockers.set(el, first);
    else this.#blockers.delete(el);
    return !first;
  }

  /** The first text in `el` (after `after`, or from the start) that blocks (see #blocks). */
  #firstBlocker(el: Element, looked: Set<Text>, after?: Text): Text | undefined {
    const walker = walkIn(el, 4);
    if (after) walker.currentNode = after;
    for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
      if (!looked.has(t) && this.#blocks(t, looked)) return t;
    }
    return undefined;
  }

  /** The text has a letter outside a unit skipped as in the target language (one that does not is put in `looked`). */
  #blocks(t: Text, looked: Set<Text>): boolean {
    if (!hasLetter(t.data)) return false;
    const unit = this.#find(t);
    if (!unit || unit === "passive" || unit.kind !== "content" || unit.state !== "skipped") return true;
    if (!unit.targetItself) return true;
    looked.add(t);
    return false;
  }
}

function put(by: ByElement, unit: AttributeUnit, snapshot: AttributeSnapshot): void {
  const units = by.get(unit.el) ?? new Map<AttributeUnit, AttributeSnapshot>();
  units.set(unit, snapshot);
  by.set(unit.el, units);
}

function take(by: ByElement, unit: AttributeUnit): void {
  const units = by.get(unit.el);
  units?.delete(unit);
  if (units?.size === 0) by.delete(unit.el);
}

/** The units held for `node` and the elements it lies in (a copy: the caller moves them between maps). */
function around(by: ByElement, node: Node): [AttributeUnit, AttributeSnapshot][] {
  const found: [AttributeUnit, AttributeSnapshot][] = [];
  for (let n: Node | null = node; n; n = parentOf(n)) {
    const units = n.nodeType === 1 ? by.get(n as Element) : undefined;
    if (units) found.push(...units);
  }
  return found;
}

/** The page still shows that write: not the original again, nor the bilingual view, nor a value of the page's. */
function shows(unit: AttributeUnit, snapshot: AttributeSnapshot): boolean {
  return unit.state === "applied" && unit.snapshot === snapshot && attrOf(unit.el, unit.name) === snapshot.written;
}

/**
 * Not a text field or editable box: their `lang` picks the spellchecker's dictionary for what the reader types (and
 * a textarea's text is what the reader typed).
 */
function takesLang(el: Element): boolean {
  if (isEditable(el)) return false;
  const tag = tagOf(el);
  if (tag === "textarea") return false;
  return tag !== "input" || /^(image|button|reset)$/i.test(attrOf(el, "type") ?? "");
}
