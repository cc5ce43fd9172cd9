// The language of what Gloss wrote, and the direction it runs in. An element whose whole content Gloss replaced with
// a translation says so with `lang` (WCAG 3.1.2): screen readers then read it with the target language's voice and
// rules, and the browser hyphenates it and picks its fonts (Han characters differ between Chinese and Japanese) for
// that language. Where the target runs the other way from the element (Arabic in an English page, English out of a
// Hebrew one) it also gets `dir`, so the text aligns, ends its sentences and orders mixed runs as that language does.
// Restore puts the page's own `lang` and `dir` back. Gloss's mark is not the page's declaration: collection and
// language detection look past it (pageLangOf), so text the page adds under it later is still translated.

import type { DirectionRead } from "../collect/collect";
import { undoInline, writeInline, type InlineWrite } from "./inline-style";
import { dirAgainst } from "./text-direction";
import { attrOf, hasAttr } from "../dom";

/** Each element Gloss marked: what it wrote, and the page's own value before (null: none). */
const marks = new WeakMap<Element, { written: string; page: string | null }>();

/** An attribute Gloss set: the value it wrote and the page's own before (null: the element had none). */
interface Written {
  written: string;
  page: string | null;
}

/** What restore needs to take a mark off again. */
export interface LangMark {
  el: Element;
  /** The page's own lang before the mark (null: the element had none). */
  page: string | null;
  written: string;
  /** The `dir` Gloss set because the element ran the other way; absent when it set none. */
  dir?: Written;
  /** The `style` Gloss set where the page's CSS for the element itself would override that `dir`. */
  style?: InlineWrite;
}

/** What collection read of the element's style (ContentUnitSpec): its direction, and how the page set it. */
export type StyleRead = Partial<DirectionRead>;

export function markLang(el: Element, lang: string, read: StyleRead = {}): LangMark {
  const mark = markLangOnly(el, lang);
  // An element of the page's with `dir="auto"` takes its direction from its text, which is now the translation.
  const pageDir = attrOf(el, "dir");
  const dir = pageDir?.trim().toLowerCase() === "auto" ? null : dirAgainst(el, lang, read.direction);
  if (dir) {
    mark.dir = { written: dir, page: pageDir };
    el.setAttribute("dir", dir);
    const inline: [string, string][] = [];
    // Author CSS beats the attribute's hint there; an inline declaration beats the author's.
    if (read.ownCssDirection) inline.push(["direction", dir]);
    // `text-align: left` meant the start of an English paragraph; Arabic starts at the right.
    if (read.startAligned) inline.push(["text-align", "start"]);
    // Its bullet inside its box, at its start: outside, it would hang past the list's edge on the other side.
    if (read.listItem) inline.push(["list-style-position", "inside"]);
    if (inline.length) mark.style = writeInline(el, inline);
  }
  return mark;
}

/**
 * The `lang` mark alone, without `dir`: for an element whose translated text is only an attribute (an image's alt),
 * where a direction would also turn what the element holds or takes.
 */
export function markLangOnly(el: Element, lang: string): LangMark {
  const mark: LangMark = { el, page: attrOf(el, "lang"), written: lang };
  if (mark.page !== lang) el.setAttribute("lang", lang);
  marks.set(el, { written: lang, page: mark.page });
  return mark;
}

/**
 * Take the element's `lang` as Gloss's mark from now on, the page's own being none: a copy the page made of an
 * element Gloss marked (write/copied-marks.ts). The mark returned takes it off again.
 */
export function adoptMark(el: Element): LangMark {
  const written = attrOf(el, "lang") ?? "";
  marks.set(el, { written, page: null });
  return { el, page: null, written };
}

/** Gloss's mark is on the element now (and the page has not set its own since). */
export function isMarked(el: Element): boolean {
  return hasAttr(el, "lang") && pageLangOf(el) !== attrOf(el, "lang");
}

/** The page's value back, unless the page set one of its own since Gloss wrote (the page's value stays). */
function putBack(el: Element, name: string, { written, page }: Written): void {
  if (attrOf(el, name) !== written) return;
  if (page === null) el.removeAttribute(name);
  else if (page !== written) el.setAttribute(name, page);
}

/** The page's lang and dir back, each unless the page set one of its own since Gloss wrote. */
export function unmarkLang(mark: LangMark): void {
  const { el, written } = mark;
  if (marks.get(el)?.written === written) marks.delete(el);
  putBack(el, "lang", mark);
  if (mark.dir) putBack(el, "dir", mark.dir);
  if (mark.style) undoInline(mark.style);
}

/** The element's `lang` as the page declared it: where it holds Gloss's mark, the page's value from before. */
export function pageLangOf(el: Element): string | null {
  const value = attrOf(el, "lang");
  const mark = marks.get(el);
  return mark && value === mark.written ? mark.page : value;
}
