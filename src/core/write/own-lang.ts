// The language of what Gloss wrote. An element whose whole content Gloss replaced with a translation says so with
// `lang` (WCAG 3.1.2): screen readers then read it with the target language's voice and rules, and the browser
// hyphenates it and picks its fonts (Han characters differ between Chinese and Japanese) for that language. Restore
// puts the page's own `lang` back. Gloss's mark is not the page's declaration: collection and language detection
// look past it (pageLangOf), so text the page adds under it later is still translated.

/** Each element Gloss marked: what it wrote, and the page's own value before (null: none). */
const marks = new WeakMap<Element, { written: string; page: string | null }>();

/** What restore needs to take a mark off again. */
export interface LangMark {
  el: Element;
  /** The page's own lang before the mark (null: the element had none). */
  page: string | null;
  written: string;
}

export function markLang(el: Element, lang: string): LangMark {
  const mark: LangMark = { el, page: el.getAttribute("lang"), written: lang };
  if (mark.page !== lang) el.setAttribute("lang", lang);
  marks.set(el, { written: lang, page: mark.page });
  return mark;
}

/** The page's lang back, unless the page set one of its own since Gloss wrote (the page's value stays). */
export function unmarkLang(mark: LangMark): void {
  const { el, page, written } = mark;
  if (marks.get(el)?.written === written) marks.delete(el);
  if (el.getAttribute("lang") !== written) return;
  if (page === null) el.removeAttribute("lang");
  else if (page !== written) el.setAttribute("lang", page);
}

/** The element's `lang` as the page declared it: where it holds Gloss's mark, the page's value from before. */
export function pageLangOf(el: Element): string | null {
  const value = el.getAttribute("lang");
  const mark = marks.get(el);
  return mark && value === mark.written ? mark.page : value;
}
