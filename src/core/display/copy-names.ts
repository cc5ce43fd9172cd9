// In the bilingual view, a name or description the page builds from its own text (`aria-labelledby`,
// `aria-describedby` naming an element by id) is read from the translation's copy: the reader asked for the
// translation, and the original's element would give the original alone, or (where its copy lies inside it) both
// languages run together in one breath. The page's ids stay; the referring attribute names the copy instead, and is
// put back when the copy goes.

import { documentOf, attrOf, isElement, isMatch, viewOf, isDocument, queryAll, queryAllIn, rootOf } from "../dom";

export const REFERRING = ["aria-labelledby", "aria-describedby"] as const;

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
const idRandom = Math.random().toString(36).slice(2, 8);
let idCount = 0;

/** The copy element's id, given one of Gloss's (`gloss-<kind>-…`) if it has none. */
export function copyId(copy: Element, kind = "copy"): string {
  // The attribute, not `.id`: a copied form shows its control named `id` there (see dom.ts).
  let id = attrOf(copy, "id");
  if (!id) copy.setAttribute("id", (id = `gloss-${kind}-${idRandom}-${idCount++}`));
  return id;
}

/** What one copy changed, and the index of its scope it keeps in use until the copy goes. */
export interface CopyNames {
  redirects: NameRedirect[];
  referrers: Referrers;
}

/**
 * Point the page's names and descriptions at the copy: `standsFor` maps each element of the copy to the page's
 * element it shows the translation of. Only what refers to an element that has an id and a stand-in is touched.
 * Null where no element of the copy stands for one with an id (nothing can refer to it).
 */
export function pointNamesAtCopy(
  standsFor: ReadonlyMap<Element, Element>,
  inCopy: (el: Element) => boolean,
): CopyNames | null {
  const byId = new Map<string, Element>();
  let scope: Document | ShadowRoot | null = null;
  for (const [copy, original] of standsFor) {
    const id = attrOf(original, "id");
    if (!id) continue;
    byId.set(id, copy);
    scope ??= scopeOf(original);
  }
  if (!scope || !byId.size) return null;
  const referrers = Referrers.of(scope);
  const redirects: NameRedirect[] = [];
  for (const el of referrers.referringTo(byId.keys())) {
    if (inCopy(el)) continue;
    for (const name of REFERRING) {
      const value = attrOf(el, name);
      if (!value) continue;
      let next = value;
      for (const from of value.split(/\s+/)) {
        const copy = byId.get(from);
        if (!copy || scopeOf(standsFor.get(copy) as Element) !== scope) continue;
        const to = copyId(copy);
        next = replaceToken(next, from, to);
        redirects.push({ el, name, from, to });
      }
      if (next !== value) el.setAttribute(name, next);
    }
  }
  return { redirects, referrers };
}

/** The page's ids back, and the copy's use of its scope's index ended. */
export function undoCopyNames({ redirects, referrers }: CopyNames): void {
  undoNameRedirects(redirects);
  referrers.release();
}

/** The page's ids back in each attribute, where the page has not set it anew since (then it holds no copy's id). */
function undoNameRedirects(redirects: readonly NameRedirect[]): void {
  for (const { el, name, from, to } of redirects) {
    const value = attrOf(el, name);
    if (value === null) continue;
    const back = replaceToken(value, to, from);
    if (back !== value) el.setAttribute(name, back);
  }
}

/** Where ids resolve: the element's shadow root, or its document. */
function scopeOf(el: Element): Document | ShadowRoot {
  const root = rootOf(el);
  return root.nodeType === 11 ? (root as ShadowRoot) : documentOf(el);
}

/** `value` with the whole token `from` (not part of another id) replaced, every space kept as it was. */
function replaceToken(value: string, from: string, to: string): string {
  return value
    .split(/(\s+)/)
    .map((part) => (part === from ? to : part))
    .join("");
}

const REFERRING_SELECTOR = REFERRING.map((name) => `[${name}]`).join(", ");
const indexes = new WeakMap<Document | ShadowRoot, Referrers>();

type MOConstructor = new (callback: MutationCallback) => MutationObserver;

/**
 * The elements of one document or shadow root that name others by id, by the ids they name: found in one pass over
 * the scope when its first copy needs them, then kept right from the scope's mutation records (taken at each look-up,
 * so a change the page made a moment ago counts). A page where every paragraph has an id would otherwise be searched
 * whole once per copy. Entries are checked when read (the element still in the scope, still naming the id), so a
 * record missed or an element gone costs nothing but a stale entry dropped. Observes only while a copy uses it.
 */
export class Referrers {
  readonly #scope: Document | ShadowRoot;
  readonly #byId = new Map<string, Set<Element>>();
  readonly #observer: MutationObserver | null;
  #users = 0;

  static of(scope: Document | ShadowRoot): Referrers {
    let index = indexes.get(scope);
    if (!index) {
      index = new Referrers(scope);
      indexes.set(scope, index);
    }
    index.#users++;
    return index;
  }

  private constructor(scope: Document | ShadowRoot) {
    this.#scope = scope;
    const MO = (viewOf(documentOf(scope as Node)) as unknown as { MutationObserver?: MOConstructor } | null)
      ?.MutationObserver;
    this.#observer = MO ? new MO((records) => this.#apply(records)) : null;
    this.#observer?.observe(scope, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: [...REFERRING],
    });
    this.#addAll(scope);
  }

  /** The elements in the scope whose names or descriptions name one of `ids`, each once. */
  referringTo(ids: Iterable<string>): Element[] {
    if (this.#observer) this.#apply(this.#observer.takeRecords());
    else {
      // No observer to keep an index right: the scope is read afresh.
      this.#byId.clear();
      this.#addAll(this.#scope);
    }
    const found = new Set<Element>();
    for (const id of ids) {
      const set = this.#byId.get(id);
      if (!set) continue;
      for (const el of set) {
        // The DOM's own getRootNode: a form naming its heading may name a field so.
        if (rootOf(el) === this.#scope && names(el, id)) found.add(el);
        else set.delete(el);
      }
      if (!set.size) this.#byId.delete(id);
    }
    return [...found];
  }

  /** A copy that used the index is gone: with none left, the scope is no longer observed (nor indexed). */
  release(): void {
    if (--this.#users > 0) return;
    this.#observer?.disconnect();
    indexes.delete(this.#scope);
  }

  #apply(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.type === "attributes") this.#add(record.target as Element);
      else for (const node of Array.from(record.addedNodes)) if (isElement(node)) this.#addAll(node);
    }
  }

  #addAll(root: Document | ShadowRoot | Element): void {
    // The DOM's own querySelectorAll on the page's elements: a form the page adds may name a control so.
    if (isElement(root) && isMatch(root, REFERRING_SELECTOR)) this.#add(root);
    const all = isElement(root)
      ? queryAllIn(root, REFERRING_SELECTOR)
      : isDocument(root)
        ? queryAll(root, REFERRING_SELECTOR)
        : root.querySelectorAll(REFERRING_SELECTOR);
    for (const el of Array.from(all)) this.#add(el);
  }

  #add(el: Element): void {
    for (const name of REFERRING) {
      for (const id of (attrOf(el, name) ?? "").split(/\s+/)) {
        if (!id) continue;
        let set = this.#byId.get(id);
        if (!set) this.#byId.set(id, (set = new Set()));
        set.add(el);
      }
    }
  }
}

/** One of the element's referring attributes names `id`. */
function names(el: Element, id: string): boolean {
  return REFERRING.some((name) => (attrOf(el, name) ?? "").split(/\s+/).includes(id));
}
