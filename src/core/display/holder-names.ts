// In the bilingual view, a name or description the page builds from an element that holds copies rather than being
// one unit (a paragraph cut into runs, a post with loose lines beside its quotes, a section of paragraphs) is read
// from those copies, each once, in the page's order: the element's own text runs every original and its translation
// together. Only once all of its text is translated: until then (or where some of it stays original), its own text
// is read, so nothing is lost. The page's ids stay; the referring attribute names the copies, and names the element
// again when they go. (copy-names.ts does the same for an element that is one unit, or lies inside one.)

import { documentOf, hasLetter } from "../dom";
import { Referrers } from "./copy-names";

const REFERRING = ["aria-labelledby", "aria-describedby"] as const;

/** One attribute that names a holder: the ids written in place of the holder's (its own id alone: none written). */
interface Reference {
  el: Element;
  name: (typeof REFERRING)[number];
}

interface Holder {
  id: string;
  references: Reference[];
  /** What stands for the holder in each reference now: its id, or its copies' ids. */
  written: string[];
}

/** The index of what names what in a scope, kept while copies of this module's lie there (one look-up per copy). */
interface ScopeIndex {
  referrers: Referrers;
  copies: number;
}
const indexes = new WeakMap<Document | ShadowRoot, ScopeIndex>();
/** The scope each copy was placed in. */
const scopeOfCopy = new WeakMap<Element, Document | ShadowRoot>();

/** Each copy, with the page's nodes it translates (a unit's nodes, or its root). */
const covers = new WeakMap<Element, readonly Node[]>();
/** The page's elements around each copy that something named when it was placed. */
const holdersOf = new WeakMap<Element, Element[]>();
const holders = new WeakMap<Element, Holder>();

/** Ids Gloss gives copies that lie in a holder (not the page's: a random part; unique: a count). */
const idBase = `gloss-held-${Math.random().toString(36).slice(2, 8)}-`;
let idCount = 0;

/**
 * A copy was put in the page, translating `covered`; `wholeOf`: the element it is the whole copy of (named from the
 * copy by copy-names.ts), else null.
 */
export function copyPlaced(copy: Element, covered: readonly Node[], wholeOf: Element | null): void {
  const root = copy.getRootNode();
  if (root.nodeType !== 9 && root.nodeType !== 11) return;
  const scope = root as Document | ShadowRoot;
  covers.set(copy, covered);
  scopeOfCopy.set(copy, scope);
  let index = indexes.get(scope);
  if (!index) indexes.set(scope, (index = { referrers: Referrers.of(scope), copies: 0 }));
  index.copies++;
  const around: Element[] = [];
  for (let el = copy.parentElement; el; el = el.parentElement) {
    if (!el.id || el === wholeOf) continue;
    const holder = holderFor(el, index.referrers);
    if (!holder) continue;
    around.push(el);
    rewrite(el, holder);
  }
  if (around.length) holdersOf.set(copy, around);
}

/** A copy was taken out of the page: what named it names the rest of its holder's copies, or the holder again. */
export function copyRemoved(copy: Element): void {
  const scope = scopeOfCopy.get(copy);
  if (!scope) return;
  scopeOfCopy.delete(copy);
  const around = holdersOf.get(copy);
  holdersOf.delete(copy);
  for (const el of around ?? []) {
    const holder = holders.get(el);
    if (holder) rewrite(el, holder);
  }
  const index = indexes.get(scope);
  if (index && --index.copies === 0) {
    indexes.delete(scope);
    index.referrers.release();
  }
}

/** The holder record of `el`, made when something names it (null while nothing does). */
function holderFor(el: Element, referrers: Referrers): Holder | null {
  let holder = holders.get(el);
  // References the page added since (still naming the page's id) join those already known.
  const added = referrers.referringTo([el.id]).flatMap((referrer) =>
    REFERRING.filter((name) => tokens(referrer.getAttribute(name)).includes(el.id)).map((name) => ({
      el: referrer,
      name,
    })),
  );
  if (!holder) {
    if (!added.length) return null;
    holder = { id: el.id, references: [], written: [el.id] };
    holders.set(el, holder);
  }
  for (const ref of added)
    if (!holder.references.some((r) => r.el === ref.el && r.name === ref.name)) holder.references.push(ref);
  return holder;
}

/** Point each reference at the holder's copies (all its text translated) or at the holder itself. */
function rewrite(el: Element, holder: Holder): void {
  const copies = copiesIn(el);
  const next = copies.length && allTranslated(el, copies) ? copies.map(idOf) : [holder.id];
  holder.references = holder.references.filter((ref) => replaceRun(ref, holder.written, next));
  holder.written = next;
  // Nothing of Gloss's is named any more: the holder is forgotten (a later copy looks it up afresh).
  if (next.length === 1 && next[0] === holder.id) holders.delete(el);
}

/** The copies in `el`, in the page's order. */
function copiesIn(el: Element): Element[] {
  return Array.from(el.querySelectorAll("span[translate]")).filter((c) => covers.has(c) && c.isConnected);
}

/** Every text with letters in `el` is a copy's or one a copy translates. */
function allTranslated(el: Element, copies: Element[]): boolean {
  const covered = new Set<Node>(copies.flatMap((c) => covers.get(c) ?? []));
  const inCopy = new Set<Node>(copies);
  const walker = documentOf(el).createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!hasLetter((t as Text).data)) continue;
    let n: Node | null = t;
    while (n && n !== el && !covered.has(n) && !inCopy.has(n)) n = n.parentNode;
    if (!n || n === el) return false;
  }
  return true;
}

function idOf(copy: Element): string {
  if (!copy.id) copy.id = idBase + idCount++;
  return copy.id;
}

/** Replace the tokens `from` (in a row) with `to`; false where the page has set the attribute anew (they are gone). */
function replaceRun(ref: Reference, from: string[], to: string[]): boolean {
  const value = ref.el.getAttribute(ref.name);
  if (value === null) return false;
  const parts = value.split(/(\s+)/);
  const words = parts.filter((_, i) => i % 2 === 0);
  const at = words.findIndex((_, i) => from.every((id, k) => words[i + k] === id));
  if (at < 0) return false;
  if (from.join(" ") === to.join(" ")) return true;
  // Tokens sit at the even places of the split (the spaces between them at the odd ones): the page's spacing stays.
  const start = at * 2;
  const end = (at + from.length - 1) * 2;
  const next = [...parts.slice(0, start), to.join(" "), ...parts.slice(end + 1)].join("");
  ref.el.setAttribute(ref.name, next);
  return true;
}

function tokens(value: string | null): string[] {
  return (value ?? "").split(/\s+/).filter(Boolean);
}
