// In the bilingual view, a name or description the page builds from an element that holds copies rather than being
// one unit (a paragraph cut into runs, a post with loose lines beside its quotes, a section of paragraphs) is read
// from those copies, each once, in the page's order: the element's own text runs every original and its translation
// together. Only once all of its text is translated: until then (or where some of it stays original), its own text
// is read, so nothing is lost. The page's ids stay; the referring attribute names the copies, and names the element
// again when they go. (copy-names.ts does the same for an element that is one unit, or lies inside one.)

import { documentOf, hasLetter, holds, parentOf, attrOf, parentElementOf, tagged, walkerOf } from "../dom";
import { copyId, REFERRING, Referrers } from "./copy-names";

/** One attribute that names a holder, and what stands for the holder there now: its id, or its copies' ids. */
interface Reference {
  el: Element;
  name: (typeof REFERRING)[number];
  /** Where that run starts among the attribute's tokens: another holder's copies may be the same run of ids (a
   * holder in a holder, both named in one attribute), so each is put back in its own place. */
  at: number;
  written: string[];
}

interface Holder {
  id: string;
  references: Reference[];
}

/** The references Gloss keeps in each referring element: a run that grows or shrinks moves the runs after it. */
const referencesIn = new WeakMap<Element, Set<Reference>>();

/** The index of what names what in a scope, kept while copies of this module's lie there (one look-up per copy). */
interface ScopeIndex {
  referrers: Referrers;
  copies: number;
}
const indexes = new WeakMap<Document | ShadowRoot, ScopeIndex>();
/** The scope each copy was placed in. */
const scopeOfCopy = new WeakMap<Element, Document | ShadowRoot>();

/** Every copy placed. */
const copies = new WeakSet<Element>();
/** Each of the page's nodes a copy translates (a unit's nodes, or its root), with the latest copy of it. */
const coveredBy = new WeakMap<Node, Element>();
/** The text last found untranslated in each holder: while it still is, the holder need not be walked again. */
const pendingIn = new WeakMap<Element, Text>();
/** The page's elements around each copy that something named when it was placed. */
const holdersOf = new WeakMap<Element, Element[]>();
const holders = new WeakMap<Element, Holder>();

/**
 * A copy was put in the page, translating `covered`; `wholeOf`: the element it is the whole copy of (named from the
 * copy by copy-names.ts), else null.
 */
export function copyPlaced(copy: Element, covered: readonly Node[], wholeOf: Element | null): void {
  const root = copy.getRootNode();
  if (root.nodeType !== 9 && root.nodeType !== 11) return;
  const scope = root as Document | ShadowRoot;
  copies.add(copy);
  for (const node of covered) coveredBy.set(node, copy);
  scopeOfCopy.set(copy, scope);
  let index = indexes.get(scope);
  if (!index) indexes.set(scope, (index = { referrers: Referrers.of(scope), copies: 0 }));
  index.copies++;
  const around: Element[] = [];
  for (let el = parentElementOf(copy); el; el = parentElementOf(el)) {
    if (!attrOf(el, "id") || el === wholeOf) continue;
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
  const id = attrOf(el, "id") as string;
  // References the page added since (still naming the page's id) join those already known.
  const added = referrers
    .referringTo([id])
    .flatMap((referrer) =>
      REFERRING.map((name) => ({ el: referrer, name, at: words(attrOf(referrer, name)).indexOf(id) })).filter(
        (ref) => ref.at >= 0,
      ),
    );
  if (!holder) {
    if (!added.length) return null;
    holder = { id, references: [] };
    holders.set(el, holder);
  }
  for (const { el: referrer, name, at } of added) {
    if (holder.references.some((r) => r.el === referrer && r.name === name)) continue;
    const ref: Reference = { el: referrer, name, at, written: [id] };
    holder.references.push(ref);
    let inEl = referencesIn.get(referrer);
    if (!inEl) referencesIn.set(referrer, (inEl = new Set()));
    inEl.add(ref);
  }
  return holder;
}

/** Point each reference at the holder's copies (all its text translated) or at the holder itself. */
function rewrite(el: Element, holder: Holder): void {
  const held = untranslatedIn(el) ? [] : copiesIn(el);
  const next = held.length ? held.map((copy) => copyId(copy, "held")) : [holder.id];
  const kept = holder.references.filter((ref) => replaceRun(ref, next));
  for (const ref of holder.references) if (!kept.includes(ref)) referencesIn.get(ref.el)?.delete(ref);
  holder.references = kept;
  // Nothing of Gloss's is named any more: the holder is forgotten (a later copy looks it up afresh).
  if (next.length === 1 && next[0] === holder.id) {
    holders.delete(el);
    for (const ref of kept) referencesIn.get(ref.el)?.delete(ref);
  }
}

/** The copies in `el`, in the page's order. (Asked of the DOM's own methods, here and below: `el` may be a form
 * that names its fields `contains`.) */
function copiesIn(el: Element): Element[] {
  return Array.from(tagged(el, "span")).filter((c) => copies.has(c) && c.isConnected);
}

/**
 * A text with letters in `el` that is neither a copy's nor one a copy in `el` translates, or null. The one found last
 * is asked first, then the text is walked from both ends at once: a page is translated from the view outwards, so
 * what is still untranslated lies at an end, and asking once per copy placed does not walk the whole holder each time.
 */
function untranslatedIn(el: Element): Text | null {
  const last = pendingIn.get(el);
  if (last && holds(el, last) && !translatedIn(el, last)) return last;
  const found = walkFromBothEnds(el, (t) => !translatedIn(el, t));
  if (found) pendingIn.set(el, found);
  else pendingIn.delete(el);
  return found;
}

function walkFromBothEnds(el: Element, wanted: (t: Text) => boolean): Text | null {
  const doc = documentOf(el);
  const front = walkerOf(doc, el, 4 /* NodeFilter.SHOW_TEXT */);
  const back = walkerOf(doc, el, 4);
  let f = front.nextNode() as Text | null;
  let b = back.lastChild() as Text | null;
  while (f && b) {
    if (wanted(f)) return f;
    if (f === b) return null;
    if (wanted(b)) return b;
    f = front.nextNode() as Text | null;
    if (f === b) return null;
    b = back.previousNode() as Text | null;
  }
  return null;
}

/** Text without letters, a copy's text, or text a copy in `el` translates. */
function translatedIn(el: Element, text: Text): boolean {
  if (!hasLetter(text.data)) return true;
  for (let n: Node | null = text; n && n !== el; n = parentOf(n)) {
    if (copies.has(n as Element)) return true;
    const copy = coveredBy.get(n);
    if (copy?.isConnected && holds(el, copy)) return true;
  }
  return false;
}

/** Write `to` in place of the reference's run; false where the page has set the attribute anew without it. */
function replaceRun(ref: Reference, to: string[]): boolean {
  const value = attrOf(ref.el, ref.name);
  if (value === null) return false;
  const parts = value.split(/(\s+)/);
  const from = ref.written;
  const runAt = (i: number) => from.every((id, k) => parts[(i + k) * 2] === id);
  // Where the page has put ids before it since (an error message added to a description), the run moved with them.
  const at = runAt(ref.at) ? ref.at : words(value).findIndex((_, i) => runAt(i));
  if (at < 0) return false;
  ref.at = at;
  if (from.join(" ") === to.join(" ")) return true;
  // Tokens sit at the even places of the split (the spaces between them at the odd ones): the page's spacing stays.
  const next = [...parts.slice(0, at * 2), to.join(" "), ...parts.slice((at + from.length - 1) * 2 + 1)].join("");
  ref.el.setAttribute(ref.name, next);
  ref.written = to;
  for (const other of referencesIn.get(ref.el) ?? [])
    if (other !== ref && other.name === ref.name && other.at > at) other.at += to.length - from.length;
  return true;
}

/** The tokens of an attribute, in the places replaceRun counts (a leading space makes an empty first one). */
function words(value: string | null): string[] {
  return (value ?? "").split(/(\s+)/).filter((_, i) => i % 2 === 0);
}
