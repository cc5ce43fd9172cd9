// Inline declarations Gloss sets on a page's element, and their exact undo. Through the CSSOM, which a page's
// Content-Security-Policy does not block, where a written `style` attribute may be (page-world scripts). Important,
// so they beat the page's own CSS, even its !important rules.

import { attrOf, own } from "../dom";

/** An inline declaration as the CSSOM gives it: "" for the value when there is none. */
interface InlineDeclaration {
  value: string;
  priority: string;
}

/** What Gloss set on one element, and what the page had there before. */
export interface InlineWrite {
  el: Element;
  /** The page's `style` attribute before (null: none). */
  page: string | null;
  /** The attribute's text once Gloss wrote. */
  written: string;
  /** Each property Gloss set: the value it wrote, and the page's own inline declaration before. */
  set: { name: string; value: string; before: InlineDeclaration }[];
}

const htmlStyle: (el: Element) => CSSStyleDeclaration = own("HTMLElement", "style");

/** The element's inline style; an HTML element's through the DOM's getter (a form's control may be named `style`). */
export function styleOf(el: Element): CSSStyleDeclaration | undefined {
  try {
    return htmlStyle(el);
  } catch {
    return (el as Partial<ElementCSSInlineStyle>).style; // SVG, MathML
  }
}

/** Set each `[property, value]` on `el` inline, as important. */
export function writeInline(el: Element, declarations: [string, string][]): InlineWrite {
  const page = attrOf(el, "style");
  const style = styleOf(el);
  const set = declarations.map(([name, value]) => {
    const before = { value: style?.getPropertyValue(name) ?? "", priority: style?.getPropertyPriority(name) ?? "" };
    style?.setProperty(name, value, "important");
    return { name, value: style?.getPropertyValue(name) ?? value, before };
  });
  return { el, page, written: attrOf(el, "style") ?? "", set };
}

/**
 * The page's inline declarations back, through the CSSOM first: in the page's world under a Content-Security-Policy
 * without 'unsafe-inline' a written `style` attribute changes the attribute's text and not the style, which would keep
 * Gloss's important ones. Then the attribute's own text, where nothing the page did since is in the way. Where the
 * page changed another inline property since (a script setting `el.style.top`), Gloss's declarations alone go. One
 * the page set itself since stays.
 */
export function undoInline({ el, page, written, set }: InlineWrite): void {
  const untouched = attrOf(el, "style") === written;
  const style = styleOf(el);
  for (const { name, value, before } of set) {
    const ours = style?.getPropertyValue(name) === value && style.getPropertyPriority(name) === "important";
    if (!style || !ours) continue;
    if (before.value) style.setProperty(name, before.value, before.priority);
    else style.removeProperty(name);
  }
  if (!untouched) return;
  if (page === null) el.removeAttribute("style");
  else if (attrOf(el, "style") !== page) el.setAttribute("style", page);
}

/** Gloss's declarations are all still there (the page did not write its own `style` over them). */
export function inlineHolds({ el, set }: InlineWrite): boolean {
  const style = styleOf(el);
  return set.every(({ name, value }) => style?.getPropertyValue(name) === value);
}
