// One `lang` per element (WCAG 3.1.2): an element whose attribute Gloss translated (an alt, an aria-label, a title)
// says the target language when all it says is now in it: it has no text of its own (an image, an icon button), or
// its text was skipped as written in the target language itself. Text skipped only as a language the reader reads
// besides keeps the page's `lang`, and so does text Gloss left in the original: the text matters more than its
// tooltip. The text's verdict may come before or after the attribute's translation is written: whichever comes
// second sets the mark; and the mark goes again when the page changes that text (it is then found afresh).

import { hasLetter, tagOf } from "../dom";
import { isEditable } from "../collect/rules";
import type { FindResult } from "../unit-registry";
import type { AttributeUnit } from "../units";
import { WeakList } from "../weak-list";
import { isMarked, markLangOnly, unmarkLang } from "./own-lang";
import type { AttributeSnapshot } from "../restore/snapshot";

export class AttributeLang {
  readonly #find: (node: Node) => FindResult;
  readonly #targetLang: string;
  /** The write each unit waits with for its element's text to be found in the target language (see #recheck). */
  readonly #awaiting = new WeakMap<AttributeUnit, AttributeSnapshot>();
  readonly #waiting = new WeakList<AttributeUnit>((u) => u.state === "retired" || !this.#awaiting.has(u));
  /** The write each unit marked for its element's text being in the target language (see textChanged). */
  readonly #byText = new WeakMap<AttributeUnit, AttributeSnapshot>();
  readonly #markedByText = new WeakList<AttributeUnit>((u) => u.state === "retired" || !this.#byText.has(u));

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
    else this.#wait(unit, snapshot);
  }

  #wait(unit: AttributeUnit, snapshot: AttributeSnapshot): void {
    if (!this.#awaiting.has(unit)) this.#waiting.add(unit);
    this.#awaiting.set(unit, snapshot);
  }

  #markByText(unit: AttributeUnit, snapshot: AttributeSnapshot): void {
    snapshot.lang = markLangOnly(unit.el, this.#targetLang);
    this.#awaiting.delete(unit);
    if (!this.#byText.has(unit)) this.#markedByText.add(unit);
    this.#byText.set(unit, snapshot);
  }

  /** A text was skipped as written in the target language: the elements waiting for theirs may say it now. */
  textSkipped(): void {
    for (const unit of this.#waiting.values()) {
      const snapshot = this.#awaiting.get(unit);
      if (!snapshot || !shows(unit, snapshot) || !this.#wanted(unit.el)) this.#awaiting.delete(unit);
      else if (this.#textInTarget(unit.el)) this.#markByText(unit, snapshot);
    }
  }

  /**
   * The page changed a text that was skipped as in the target language: an element marked for it says the page's
   * language again until its new text is found in the target language too (or translated, which marks it anyway).
   */
  textChanged(): void {
    for (const unit of this.#markedByText.values()) {
      const snapshot = this.#byText.get(unit);
      const mark = snapshot?.lang;
      if (!snapshot || !mark || !shows(unit, snapshot)) {
        this.#byText.delete(unit);
        continue;
      }
      if (this.#textInTarget(unit.el)) continue;
      unmarkLang(mark);
      delete snapshot.lang;
      this.#byText.delete(unit);
      this.#wait(unit, snapshot);
    }
  }

  /** The element does not say the target language yet, and may: not a text field (see takesLang). */
  #wanted(el: Element): boolean {
    return takesLang(el) && !isMarked(el) && el.closest("[lang]")?.getAttribute("lang") !== this.#targetLang;
  }

  /** Every letter of the element's text lies in a unit skipped as written in the target language itself. */
  #textInTarget(el: Element): boolean {
    const doc = el.ownerDocument;
    const walker = doc.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!hasLetter((t as Text).data)) continue;
      const unit = this.#find(t);
      if (!unit || unit === "passive" || unit.kind !== "content" || unit.state !== "skipped") return false;
      if (!unit.targetItself) return false;
    }
    return true;
  }
}

/** The page still shows that write: not the original again, nor the bilingual view, nor a value of the page's. */
function shows(unit: AttributeUnit, snapshot: AttributeSnapshot): boolean {
  return unit.state === "applied" && unit.snapshot === snapshot && unit.el.getAttribute(unit.name) === snapshot.written;
}

/**
 * Not a text field or editable box: their `lang` picks the spellchecker's dictionary for what the reader types (and
 * a textarea's text is what the reader typed).
 */
function takesLang(el: Element): boolean {
  if (isEditable(el)) return false;
  const tag = tagOf(el);
  if (tag === "textarea") return false;
  return tag !== "input" || /^(image|button|reset)$/i.test(el.getAttribute("type") ?? "");
}
