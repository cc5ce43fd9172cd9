// In the bilingual view, a name or description the page builds from its own text (`aria-labelledby`,
// `aria-describedby` naming an element by id) is read from the translation's copy: the reader asked for the
// translation, and the original's element would give the original alone, or (where its copy lies inside it) both
// languages run together in one breath. The page's ids stay; the referring attribute names the copy instead, and is
// put back when the copy goes.

import { documentOf } from "../dom";

const REFERRING = ["aria-labelledby", "aria-describedby"] as const;

/** One id in one referring attribute that Gloss pointed at a copy. */
export interface NameRedirect {
  el: Element;
  name: string;
  /** The page's id. */
  from: string;
  /** The copy's. */
  to: string;
}

/** Ids Gloss gives copies: not the page's (a random part), unique in the page (a count). */
const idBase = `gloss-copy-${Math.random().toString(36).slice(2, 8)}-`;
let idCount = 0;

/**
 * Point the page's names and descriptions at the copy: `standsFor` maps each element of the copy to the page's
 * element it shows the translation of. Only what refers to an element that has an id and a stand-in is touched.
 */
export function pointNamesAtCopy(
  standsFor: ReadonlyMap<Element, Element>,
  inCopy: (el: Element) => boolean,
): NameRedirect[] {
  const byId = new Map<string, Element>();
  let scope: Document | ShadowRoot | null = null;
  for (const [copy, original] of standsFor) {
    if (!original.id) continue;
    byId.set(original.id, copy);
    scope ??= scopeOf(original);
  }
  if (!scope || !byId.size) return [];
  const redirects: NameRedirect[] = [];
  for (const el of Array.from(scope.querySelectorAll(REFERRING.map((name) => `[${name}]`).join(", ")))) {
    if (inCopy(el)) continue;
    for (const name of REFERRING) {
      const value = el.getAttribute(name);
      if (!value) continue;
      let next = value;
      for (const from of value.split(/\s+/)) {
        const copy = byId.get(from);
        if (!copy || scopeOf(standsFor.get(copy) as Element) !== scope) continue;
        if (!copy.id) copy.id = idBase + idCount++;
        next = replaceToken(next, from, copy.id);
        redirects.push({ el, name, from, to: copy.id });
      }
      if (next !== value) el.setAttribute(name, next);
    }
  }
  return redirects;
}

/** The page's ids back in each attribute, where the page has not set it anew since (then it holds no copy's id). */
export function undoNameRedirects(redirects: readonly NameRedirect[]): void {
  for (const { el, name, from, to } of redirects) {
    const value = el.getAttribute(name);
    if (value === null) continue;
    const back = replaceToken(value, to, from);
    if (back !== value) el.setAttribute(name, back);
  }
}

/** Where ids resolve: the element's shadow root, or its document. */
function scopeOf(el: Element): Document | ShadowRoot {
  const root = el.getRootNode();
  return root.nodeType === 11 ? (root as ShadowRoot) : documentOf(el);
}

/** `value` with the whole token `from` (not part of another id) replaced, every space kept as it was. */
function replaceToken(value: string, from: string, to: string): string {
  return value
    .split(/(\s+)/)
    .map((part) => (part === from ? to : part))
    .join("");
}
