// One `lang` per element (WCAG 3.1.2): an element whose attribute Gloss translated (an alt, an aria-label, a title)
// says the target language when all it says is now in it: it has no text of its own (an image, an icon button), or
// its text was skipped as written in the target language itself. Text skipped only as a language the reader reads
// besides keeps the page's `lang`, and so does text Gloss left in the original: the text matters more than its
// tooltip. The text's verdict may come before or after the attribute's translation is written: whichever comes
// second sets the mark.

import { hasLetter, tagOf } from "../dom";
import { isEditable } from "../collect/rules";
import type { FindResult } from "../unit-registry";
import type { AttributeUnit } from "../units";
import { WeakList } from "../weak-list";
import { isMarked, markLangOnly } from "./own-lang";
import type { AttributeSnapshot } from "../restore/snapshot";

export class AttributeLang {
  readonly #find: (node: Node) => FindResult;
  readonly #targetLang: string;
  /** The write each unit waits with for its element's text to be found in the target language (see #recheck). */
  readonly #awaiting = new WeakMap<AttributeUnit, AttributeSnapshot>();
  readonly #waiting = new WeakList<AttributeUnit>((u) => u.state === "retired" || !this.#awaiting.has(u));

  constructor(find: (node: Node) => FindResult, targetLang: string) {
    this.#find = find;
    this.#targetLang = targetLang;
  }

  /** The attribute's translation was just written (`snapshot`): mark its element, or wait for its text's verdict. */
  written(unit: AttributeUnit, snapshot: AttributeSnapshot): void {
    const { el } = unit;
    if (!this.#wanted(el)) return;
    if (!hasLetter(el.textContent ?? "") || this.#textInTarget(el)) {
      snapshot.lang = markLangOnly(el, this.#targetLang);
      return;
    }
    if (!this.#awaiting.has(unit)) this.#waiting.add(unit);
    this.#awaiting.set(unit, snapshot);
  }

  /** A text was skipped as written in the target language: the elements waiting for theirs may say it now. */
  textSkipped(): void {
    for (const unit of this.#waiting.values()) {
      const snapshot = this.#awaiting.get(unit);
      // Still showing that write: not shown in the original since, nor in the bilingual view, nor changed by the page.
      const shown =
        snapshot !== undefined &&
        unit.state === "applied" &&
        unit.snapshot === snapshot &&
        unit.el.getAttribute(unit.name) === snapshot.written;
      if (!shown) {
        this.#awaiting.delete(unit);
        continue;
      }
      if (!this.#wanted(unit.el)) {
        this.#awaiting.delete(unit);
      } else if (this.#textInTarget(unit.el)) {
        snapshot.lang = markLangOnly(unit.el, this.#targetLang);
        this.#awaiting.delete(unit);
      }
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
