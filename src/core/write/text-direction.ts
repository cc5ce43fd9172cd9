// Which way an element's text runs now, so that Gloss sets `dir` on what it wrote only where the translation's
// language runs the other way (a page's own direction is left alone wherever it already fits). Collection reads the
// computed direction, which alone sees CSS `direction`; what is here answers where that is unknown (jsdom).

import { composedParentElement, documentOf, attrOf, isMatch, newElement, textOf } from "../dom";
import { langDirection, type TextDirection } from "../../shared/lang-direction";

/** Letters of the right-to-left scripts: the first letter of a `dir="auto"` element's text decides its direction. */
const RTL_LETTER =
  /[\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Syriac}\p{sc=Thaana}\p{sc=Nko}\p{sc=Adlam}\p{sc=Hanifi_Rohingya}]/u;

/** Per document: `:dir()` gives the right answer for an inherited direction (jsdom's says both ltr and rtl). */
const dirSelectorWorks = new WeakMap<Document, boolean>();

function canAskDir(doc: Document): boolean {
  let works = dirSelectorWorks.get(doc);
  if (works === undefined) {
    try {
      const outer = newElement(doc, "div");
      outer.setAttribute("dir", "rtl");
      const inner = outer.appendChild(newElement(doc, "span"));
      works = isMatch(inner, ":dir(rtl)") && !isMatch(inner, ":dir(ltr)");
    } catch {
      works = false; // no `:dir()` (Chromium before 120)
    }
    dirSelectorWorks.set(doc, works);
  }
  return works;
}

/** The direction `dir` attributes give: the nearest `ltr` or `rtl`, or for `auto` the first letter of its text. */
function declaredDirection(el: Element): TextDirection {
  for (let n: Element | null = el; n; n = composedParentElement(n)) {
    const dir = attrOf(n, "dir")?.trim().toLowerCase();
    if (dir === "ltr" || dir === "rtl") return dir;
    if (dir === "auto") {
      // Node's own textContent: a `dir="auto"` form shows a control named textContent in its place.
      const letter = /\p{L}/u.exec(textOf(n) ?? "")?.[0];
      return letter !== undefined && RTL_LETTER.test(letter) ? "rtl" : "ltr";
    }
  }
  return "ltr";
}

/** The element's direction as the browser resolves it (`:dir()`), else as its and its ancestors' `dir` say. */
export function directionOf(el: Element): TextDirection {
  if (canAskDir(documentOf(el))) {
    try {
      const rtl = isMatch(el, ":dir(rtl)");
      if (rtl !== isMatch(el, ":dir(ltr)")) return rtl ? "rtl" : "ltr";
    } catch {
      // A page that broke `matches`: the attributes still tell.
    }
  }
  return declaredDirection(el);
}

/**
 * The `dir` that text in `lang` needs inside `context`: null where it runs that way already. `computed` is the
 * context's direction as collection read it from computed style (which sees CSS `direction`, which neither `:dir()`
 * nor the attributes do); without it, the `dir` attributes decide.
 */
export function dirAgainst(context: Element, lang: string, computed?: TextDirection): TextDirection | null {
  const wanted = langDirection(lang);
  return (computed ?? directionOf(context)) === wanted ? null : wanted;
}
