// A page that clones an element Gloss translated whole (a framework copying a node it rendered, a "show more" that
// duplicates a post) copies Gloss's `lang` mark with it, onto an element Gloss never marked. Taken for the page's
// own declaration, the copy was never collected: Show original left it in the target language, and its `lang` then
// kept it from ever being translated again. A copy of the mark is told by what it holds: Gloss's words alone, as the
// page copied them. It is Gloss's mark from then on (collection looks past it, the copy's units are the page's copy
// of a translation and get their words back), and Show original takes it off with the rest. So with a page's copy of
// a bilingual copy (a script re-rendering a block from its own innerHTML): marked as Gloss marks its copies, it holds
// Gloss's words alone. It is taken out as soon as the page puts it in (Gloss copies the block's translation again),
// and on Show original with Gloss's own copies.

import { isCopyClone } from "../display/bilingual";
import { isElement, tagOf, attrOf, queryAllIn } from "../dom";
import { eachStep } from "../restore/each-step";
import { WeakList } from "../weak-list";
import { adoptMark, isMarked, unmarkLang, type LangMark } from "./own-lang";
import { holdsOnlyOwnWords } from "./own-output";

export class CopiedMarks {
  readonly #targetLang: string;
  readonly #isOwnText: (text: string) => boolean;
  readonly #rootOf: (el: Element) => ShadowRoot | null;
  /** The copies taken as Gloss's marks: taken off on Show original. */
  #adopted: LangMark[] = [];
  /** Elements found saying the target language over words of the page's own: the page's declaration for good, though
   * their words may later be among Gloss's (a language menu's "English" where Gloss wrote "English" for "Englisch"). */
  readonly #declared = new WeakSet<Element>();
  // The page's copies of bilingual copies found since the last Show original (while in the page: a re-render drops
  // them), and all of them, to count each once.
  readonly #copies = new WeakList<Element>((el) => !el.isConnected);
  #seen = new WeakSet<Node>();

  constructor(targetLang: string, isOwnText: (text: string) => boolean, rootOf: (el: Element) => ShadowRoot | null) {
    this.#targetLang = targetLang;
    this.#isOwnText = isOwnText;
    this.#rootOf = rootOf;
  }

  /**
   * Whether the element's `lang` is a copy of Gloss's mark: the target language as Gloss writes it, on an element it
   * did not mark, over nothing but its words. If so it is adopted as Gloss's (own-lang.ts pageLangOf: the page's none).
   */
  adopt(el: Element): boolean {
    if (attrOf(el, "lang") !== this.#targetLang || isMarked(el) || this.#declared.has(el)) return false;
    if (!holdsOnlyOwnWords(el, this.#isOwnText)) {
      this.#declared.add(el);
      return false;
    }
    this.#adopted.push(adoptMark(el));
    return true;
  }

  /** The node is the page's copy of a bilingual copy (isCopyClone): not collected, taken out on Show original. */
  isCopy(node: Node): boolean {
    if (!isCopyClone(node, this.#targetLang, this.#isOwnText)) return false;
    if (!this.#seen.has(node)) this.#copies.add(node as Element);
    this.#seen.add(node);
    return true;
  }

  takeOut(node: Node): void {
    // The DOM's own querySelectorAll, here and in undoAll: the page's form may name a control so.
    if (isElement(node)) eachStep([node, ...queryAllIn(node, "span[translate=no]")], (el) => this.#remove(el));
  }

  #sweep(els: Element[]): void {
    eachStep(els, (el) => {
      this.#remove(el);
      const shadow = this.#rootOf(el);
      if (shadow) this.#sweep([...shadow.querySelectorAll("*")]);
    });
  }

  #remove(el: Element): void {
    if (!this.isCopy(el)) return;
    // With the line break before it if it was one of Gloss's inline copies (not shown as a block).
    const br = el.previousSibling;
    if ((el as HTMLElement).style.display !== "block" && isElement(br) && tagOf(br) === "br") br.remove();
    el.remove();
  }

  /**
   * Show original: each copy's mark comes off (unless the page set a `lang` of its own since), each copy goes, and
   * those under `root` made since: a component re-rendering from its own HTML as Show original gives it its name
   * back (copy-names.ts) copies the copies still in it, and no watcher sees that. Down into the shadow roots
   * collection walks (`rootOf`): new Reddit's posts and comments are components.
   */
  undoAll(root: Element): void {
    // One the page will not let go (its removeAttribute throws) must not stop Show original there.
    eachStep(this.#adopted.splice(0), unmarkLang);
    this.#sweep([root, ...queryAllIn(root, "*")]);
    eachStep(this.#copies.values(), (el) => this.#remove(el));
    this.#copies.clear();
    this.#seen = new WeakSet();
  }
}
