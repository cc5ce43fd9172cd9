// Bilingual view: a unit's translation shown as a copy of its own nodes right after the original, which stays
// untouched. The copy is built by the same merge rules as replacement (placeholders map back to clones of the page's
// elements, so links keep their href; only text comes from the model) and is Gloss's own output: never collected
// again, and removed exactly by restore.

import type { BilingualStyle } from "../../shared/bilingual-styles";
import {
  anchorElement,
  type Container,
  documentOf,
  focusedIn,
  hasLetter,
  holdsPinned,
  isElement,
  isPinned,
  isShadowRoot,
  parentOf,
  tagOf,
  attrOf,
  isMatch,
  langOf,
  walkerOf,
  removeFrom,
  putBefore,
  newElement,
  queryIn,
  cloneOf,
  firstChildOf,
  nextOf,
  prevOf,
  isConnected,
  own,
  childNodesOf,
} from "../dom";
import { translatableAttributeNames } from "../collect/collect";
import type { Lineup } from "../collect/display";
import type { EncodedUnit, Placeholder } from "../markup/encode";
import type { ContentSnapshot } from "../restore/snapshot";
import { eachStep } from "../restore/each-step";
import { mergeUnit, type MergeHooks } from "../write/merge";
import { holdsOnlyOwnWords } from "../write/own-output";
import { dirAgainst } from "../write/text-direction";
import type { ContentUnit } from "../units";
import { liftClamps, unliftClamps } from "./clamp-lift";
import { type CopyNames, pointNamesAtCopy, undoCopyNames } from "./copy-names";
import { dropLook, FOCUSABLE, force, lookCopy, showAsOriginal } from "./copy-styles";
import { copyPlaced, copyRemoved } from "./holder-names";
import { type LabelRedirect, nameFieldsFromCopy, unnameFields } from "./label-names";

/** Every node Gloss added as a bilingual copy, and each element it made in one (in any session): never page content. */
const copies = new WeakSet<Node>();
/** Snapshots that describe a copy (their restore only removes it). */
const copySnapshots = new WeakSet<ContentSnapshot>();
/** The page's elements whose clamp a copy lifted (see clamp-lift.ts), by the copy's snapshot. */
const clampsLifted = new WeakMap<ContentSnapshot, { els: Element[]; copy: Node }>();
/** The page's names and descriptions a copy's elements give (see copy-names.ts), by the copy's snapshot. */
const namesRedirected = new WeakMap<ContentSnapshot, CopyNames>();
/** The page's fields a copy names (see label-names.ts), by the copy's snapshot. */
const fieldsNamed = new WeakMap<ContentSnapshot, LabelRedirect[]>();
/** Copies shown as a block under their paragraph (the others follow a line break). */
const blockCopies = new WeakSet<Node>();
/** The copies of the runs a paragraph too long for one request was cut into, by the run's place in the page's order. */
const partOrder = new WeakMap<Node, number>();

/** The node is, or lies inside, a bilingual copy Gloss added. */
export function isOwnCopy(node: Node): boolean {
  for (let n: Node | null = node; n; n = parentOf(n)) if (copies.has(n)) return true;
  return false;
}

/**
 * A copy of one of Gloss's copies that the page made (a script re-rendering from innerHTML): Gloss's words, marked
 * as a copy is. Not page content to translate, nor to copy into the next copy (copies would nest, round after round).
 */
export function isCopyClone(node: Node, targetLang: string, isOwnText: (text: string) => boolean): boolean {
  // Gloss's own copy, moved with its paragraph (a thread re-sorted), is no clone of one.
  return (
    !copies.has(node) &&
    isElement(node) &&
    tagOf(node) === "span" &&
    attrOf(node, "translate") === "no" &&
    attrOf(node, "lang") === targetLang &&
    holdsOnlyOwnWords(node, isOwnText)
  );
}

export function isCopySnapshot(snapshot: ContentSnapshot): boolean {
  return copySnapshots.has(snapshot);
}

/** Each link of a copy with the page's own link it stands for. */
const linkOriginals = new WeakMap<Element, Element>();

/**
 * Before a copy goes: a link of it that has the keyboard focus hands it to the page's own link it stands for, which
 * stays, as Show original keeps the focus on a link in replace mode. Anywhere else in the copy (the blurred look's
 * Tab stop) the focus goes to the page's Tab stop right before the copy (where Shift+Tab would go, often a link of
 * the original), else the one after it: an element taken out with the focus drops it to the page's <body>, where a
 * screen reader loses its place and says the page's title. No tabindex of Gloss's goes on the page's elements.
 */
function handFocusToOriginal(snapshot: ContentSnapshot): void {
  for (const n of snapshot.inserted) {
    const active = focusedIn(n);
    if (!active || !n.contains(active)) continue;
    const original = linkOriginals.get(active);
    if (original?.isConnected) (original as HTMLElement).focus({ preventScroll: true });
    else focusBeside(n);
  }
}

/**
 * Focus the nearest page element around `node` that takes the focus: the closest before it, else after it. A page's
 * component counts with the Tab stops in its open shadow root; a copy in a shadow root with none around it looks
 * around that root's host.
 */
function focusBeside(node: Node): void {
  const root = node.getRootNode();
  const walker = walkerOf(documentOf(node), root, NodeFilter.SHOW_ELEMENT);
  const takes = (el: Element): boolean => {
    if (isOwnCopy(el) || node.contains(el) || !isMatch(el, FOCUSABLE)) return false;
    (el as HTMLElement).focus({ preventScroll: true });
    // Disabled, hidden or inert: it did not take it. (Its own root's focus: the document names only a shadow host.)
    return focusedIn(el) === el;
  };
  /** The element, or else a Tab stop in its open shadow root: the last one going back, the first going on. */
  const takesAt = (el: Element, back: boolean): boolean => {
    if (takes(el)) return true;
    const inside = el.shadowRoot ? [...el.shadowRoot.querySelectorAll(FOCUSABLE)] : [];
    return (back ? inside.reverse() : inside).some(takes);
  };
  for (const step of ["previousNode", "nextNode"] as const) {
    walker.currentNode = node;
    for (let el = walker[step](); el; el = walker[step]()) if (takesAt(el as Element, step === "previousNode")) return;
  }
  if (isShadowRoot(root)) focusBeside(root.host);
}

/** Each copy's words as written (a highlighter's <mark> holds some of them). */
const copyWords = new WeakMap<Node, string>();

/**
 * Before the copy `wrapper` goes: an element the page put into it (one of its own moved there, a tooltip, an icon)
 * stays the page's, where the copy stood, as undo-write keeps what the page put into a translation. Not a
 * highlighter's <mark> round words of the copy: those words are Gloss's, and go with it.
 */
function giveBack(wrapper: Element, parent: ParentNode): void {
  for (const kid of Array.from(wrapper.querySelectorAll("*"))) {
    const said = kid.textContent as string;
    if (
      !copies.has(kid) &&
      copies.has(parentOf(kid) as Node) &&
      !(hasLetter(said) && copyWords.get(wrapper)?.includes(said))
    )
      putBefore(parent, kid, wrapper);
  }
}

/** Take a unit's copy out of the page (nothing else of the page changes); what the page put into it stays. */
export function removeCopy(snapshot: ContentSnapshot): void {
  if (!copySnapshots.has(snapshot)) return;
  handFocusToOriginal(snapshot);
  // One node the page will not let go (its world's removeChild throws) keeps the rest of the copy from staying.
  eachStep(snapshot.inserted, (n) => {
    const parent = parentOf(n);
    if (parent) {
      giveBack(n as Element, parent);
      removeFrom(parent, n);
    }
    if (isElement(n) && tagOf(n) === "span") {
      dropLook(n as HTMLElement);
      copyRemoved(n);
    }
  });
  const lift = clampsLifted.get(snapshot);
  if (lift) unliftClamps(lift.els, lift.copy);
  // (Kept after: a second removal finds no field naming this copy's id any more.)
  unnameFields(fieldsNamed.get(snapshot) ?? []);
  const names = namesRedirected.get(snapshot);
  if (names) {
    namesRedirected.delete(snapshot);
    undoCopyNames(names);
  }
}

/** A snapshot for a unit left as it is (its container cannot hold a copy): restore has nothing to do. */
export function untouched(unit: ContentUnit): ContentSnapshot {
  const snapshot: ContentSnapshot = {
    parent: unit.encoded.parent,
    nodes: [],
    before: null,
    after: null,
    containers: [],
    texts: [],
    inserted: [],
  };
  copySnapshots.add(snapshot);
  return snapshot;
}

/** Text-only containers (an <option> shows no elements): the original is all they can show. */
function canHoldCopy(container: Node): boolean {
  for (let n: Node | null = container; n && isElement(n); n = parentOf(n)) {
    const tag = tagOf(n);
    if (tag === "option" || tag === "optgroup" || tag === "select" || tag === "title") return false;
  }
  return true;
}

/** The unit's nodes from the one holding the first sent node to the one holding the last. */
function sentPart(container: Node, all: Node[], sent: Node[]): Node[] {
  const top = (node: Node | undefined): number => {
    let n = node;
    for (let up; n && (up = parentOf(n)) && up !== container;) n = up;
    return n ? all.indexOf(n) : -1;
  };
  const from = top(sent[0]);
  const to = top(sent[sent.length - 1]);
  return from >= 0 && to >= from ? all.slice(from, to + 1) : all;
}

/**
 * The form fields a page submits: a copied one would be sent with the page's form, a second value under the same
 * name, and turn the page's `form.elements.name` into a list. A unit holds them inside hidden or excluded parts. None
 * of them is ever the content of an inline placeholder, whose copy merge writes into (a button or an output can be).
 */
const FORM_CONTROLS = "input,select,textarea";

/** Never copied: a pinned element (see isPinned) or a form control. */
function leftOutOfCopy(n: Node): boolean {
  return isElement(n) && (isPinned(n) || isMatch(n, FORM_CONTROLS));
}

/**
 * A deep copy of one of the unit's nodes in which each pinned element and form control is an empty <span>: a copied
 * frame would load a second live page, a copied custom element would run the page's own code, a copied field would
 * be submitted. Collection keeps pinned ones out of units; this holds even when the page put one there since. One
 * node for one node, so paths still map.
 */
function copyOf(node: Node, doc: Document): Node {
  if (!isElement(node) || !(holdsPinned(node) || leftOutOfCopy(node) || queryIn(node, FORM_CONTROLS))) {
    return cloneOf(node, true);
  }
  const standIn = (n: Node): Node => (leftOutOfCopy(n) ? newElement(doc, "span") : cloneOf(n));
  const top = standIn(node);
  // A stack of [original, its copy], whatever the nesting.
  const stack: [Node, Node][] = [[node, top]];
  for (let pair = stack.pop(); pair; pair = stack.pop()) {
    const [o, c] = pair;
    if (leftOutOfCopy(o)) continue;
    for (let oc = firstChildOf(o); oc; oc = nextOf(oc)) {
      const cc = standIn(oc);
      putBefore(c, cc, null);
      stack.push([oc, cc]);
    }
  }
  return top;
}

/** Maps nodes of the unit's original to the same place in the copy. */
function mapper(container: Node, originals: Node[], clones: Node[], wrapper: Element): <T extends Node>(n: T) => T {
  return <T extends Node>(node: T): T => {
    if (node === container) return wrapper as unknown as T;
    const path: number[] = [];
    let n: Node = node;
    for (let up; (up = parentOf(n)) && up !== container; n = up) {
      let i = 0;
      for (let s = prevOf(n); s; s = prevOf(s)) i++;
      path.unshift(i);
    }
    let out = clones[originals.indexOf(n)];
    if (!out) throw new Error("Gloss: a unit node lies outside the unit");
    for (const i of path) out = childNodesOf(out)[i] ?? out;
    return out as T;
  };
}

function mapEncoded(encoded: EncodedUnit, map: <T extends Node>(n: T) => T): EncodedUnit {
  const placeholders = new Map<string, Placeholder>();
  for (const [name, p] of encoded.placeholders) {
    placeholders.set(name, { ...p, el: map(p.el), target: map(p.target), nodes: p.nodes.map(map) });
  }
  return {
    ...encoded,
    parent: map(encoded.parent) as Container,
    nodes: encoded.nodes.map(map),
    texts: encoded.texts.map(map),
    placeholders,
    passive: [],
  };
}

/** Each element of `clone` with the original element at the same place (a stack, whatever the page's nesting). */
function pairElements(original: Node, clone: Node, out: Map<Element, Element>): void {
  const stack: [Node, Node][] = [[original, clone]];
  for (let pair = stack.pop(); pair; pair = stack.pop()) {
    const [o, c] = pair;
    if (isElement(o) && isElement(c)) out.set(c, o);
    // By the DOM's own getters, here and below: a form of the page (and its copy) may name a control firstChild.
    for (let oc = firstChildOf(o), cc = firstChildOf(c); oc && cc; oc = nextOf(oc), cc = nextOf(cc)) {
      stack.push([oc, cc]);
    }
  }
}

/** The attributes with words of the page's that Gloss translates in place (an alt, an aria-label). */
const SPOKEN_ATTRIBUTES = translatableAttributeNames()
  .map((name) => `[${name}]`)
  .join(", ");

/**
 * What the page made a control without tabindex, as merge may copy it: the button of a run ("Reply", "more"); and a
 * label, whose copy labels no field (see leadCopyToOriginals).
 */
const COPIED_CONTROLS = "button, label, [role=button], [role=link], [role=menuitem], [role=tab]";

const clickOn: (el: Element) => void = own("HTMLElement", "click");

/** A plain click on a copied link or control is a click on the page's own: its listeners (a site's router) handle it. */
function forwardClicks(link: Element, original: Element): void {
  link.addEventListener("click", (event) => {
    const e = event as MouseEvent;
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || !isConnected(original)) return;
    e.preventDefault();
    e.stopPropagation();
    // The DOM's own: a form the page made a control may name one of its controls click.
    clickOn(original);
  });
}

/**
 * Where the copy joins its original's grid or flex layout as an item of its own: the properties that put it under
 * the original, as a block, rather than beside it (a new cell, squeezing the row). A flex row that does not wrap
 * has none: nothing goes below there without changing the page's own style.
 */
const UNDER_AS_ITEM: Partial<Record<Lineup, [string, string]>> = {
  grid: ["grid-column", "1 / -1"],
  wrap: ["flex-basis", "100%"],
};

function styleCopy(wrapper: HTMLElement, block: boolean, lineup: Lineup, style: BilingualStyle): void {
  force(wrapper, "display", block ? "block" : "inline");
  if (block) {
    blockCopies.add(wrapper);
    // A gap on the side blocks follow from: above in a horizontal page, at the right in vertical Japanese.
    force(wrapper, "margin", "0");
    force(wrapper, "margin-block-start", "0.25em");
    const under = UNDER_AS_ITEM[lineup];
    if (under) force(wrapper, ...under);
  }
  // The look the reader chose (quiet by default: faded, a line at a paragraph's side), in the page's own fonts.
  lookCopy(wrapper, block, style);
}

/** Give a shown copy another look, in place (nothing else of it changes). */
export function restyleCopy(snapshot: ContentSnapshot, style: BilingualStyle): void {
  if (!copySnapshots.has(snapshot)) return;
  for (const n of snapshot.inserted) {
    if (isElement(n) && tagOf(n) === "span") lookCopy(n as HTMLElement, blockCopies.has(n), style);
  }
}

/**
 * Where the copy of a run of a paragraph too long for one request goes: after the last of the runs it was cut with,
 * past the copies of its earlier runs, so the paragraph reads whole and its translation follows it in order, as a
 * paragraph sent whole. Not at the end of the element: loose lines cut so are followed by the post's quotes and lines.
 */
function partCopyPlace(end: Node, order: number): Node | null {
  let next = end.nextSibling;
  while (next && (partOrder.get(next) ?? Infinity) < order) next = next.nextSibling;
  return next;
}

export interface CopyOptions {
  targetLang: string;
  hooks: MergeHooks;
  /** How the copy looks (quiet when not given). */
  style?: BilingualStyle;
}

/** The copy's clones of the sent nodes, in a wrapper, with the translation written into them. */
function translatedClones(
  unit: ContentUnit,
  container: Node,
  translation: DocumentFragment | Map<Text, string>,
  hooks: MergeHooks,
) {
  const { spec, encoded } = unit;
  // What was sent: the unit's range without the page chrome and icons at its edges (a title's flair and domain
  // stay with the original).
  const originals = sentPart(container, spec.nodes, encoded.nodes);
  const doc = documentOf(container);
  const wrapper = newElement(doc, "span");
  const clones = originals.map((n) => copyOf(n, doc));
  wrapper.append(...clones);
  const map = mapper(container, originals, clones, wrapper);
  const originalOf = new Map<Element, Element>();
  originals.forEach((n, i) => pairElements(n, clones[i] as Node, originalOf));
  if (translation instanceof Map) {
    for (const [text, data] of translation) {
      const copy = map(text);
      if (copy.data !== data) copy.data = data;
      hooks.onText?.(copy, data);
    }
  } else {
    mergeUnit(mapEncoded(encoded, map), translation, hooks);
  }
  return { wrapper, originalOf };
}

/** The copy's links and controls act as the page's own; its names say what the copy shows. */
function leadCopyToOriginals(wrapper: HTMLElement, originalOf: Map<Element, Element>): void {
  // The page's ids, names and shortcut keys stay the page's alone: a second element under one turns its script's
  // look-up (a form's output by name, document.getElementsByName) into a list, the copy into a fragment link's
  // target, or a key that followed a link into one that only moves the focus between two (Firefox).
  // So does the field a label names: the copy's label would join the field's name, in both languages.
  for (const el of Array.from(wrapper.querySelectorAll("[id], [name], [accesskey], label[for]"))) {
    for (const name of ["id", "name", "accesskey", "for"]) el.removeAttribute(name);
  }
  // A heading the page wrote inline (a span with its role, an h3 shown inline) is the page's: its copy would be a
  // second entry in the outline a screen reader walks by headings.
  for (const el of Array.from(wrapper.querySelectorAll("h1,h2,h3,h4,h5,h6,[role=heading]")))
    el.setAttribute("role", "none");
  // A link of the copy acts as the page's own. Whatever else the page made a control (a span acting as a button) is
  // copied without its listeners: the page's own is the one that works, so the copy's adds no second, dead stop to
  // the Tab order, and a click on it (the mouse's, or a screen reader's Enter on the button it lists) is a click on
  // the page's own.
  for (const el of Array.from(wrapper.querySelectorAll(`a[href], ${COPIED_CONTROLS}, [tabindex]`))) {
    const link = isMatch(el, "a[href]");
    if (!link && isMatch(el, "[tabindex], button")) el.setAttribute("tabindex", "-1");
    const original = originalOf.get(el);
    if (original) forwardClicks(el, original);
    if (original && link) linkOriginals.set(el, original);
  }
  for (const el of Array.from(wrapper.querySelectorAll(`[aria-labelledby], ${SPOKEN_ATTRIBUTES}`))) {
    if (hasLetter(el.textContent ?? "")) {
      // A name the page gave an element stands for its text with screen readers: in the copy it is still the
      // original's, so the translation of the text would never be heard there. Where the copy shows text, that is
      // its name.
      el.removeAttribute("aria-label");
      el.removeAttribute("aria-labelledby");
    } else {
      // An image or icon says only the page's words (its alt, its label): in the page's language, not the copy's.
      const original = originalOf.get(el);
      if (original) el.setAttribute("lang", langOf(original));
    }
  }
}

/** The copy's language and direction, marked so that neither Gloss nor another translator takes it for content. */
function markCopyLanguage(
  wrapper: HTMLElement,
  spec: ContentUnit["spec"],
  targetLang: string,
  dir: ReturnType<typeof dirAgainst>,
  block: boolean,
) {
  // Marked as already in the target language and not for translation.
  wrapper.setAttribute("lang", targetLang);
  // And runs the target's way where the page around it runs the other (Arabic under an English text).
  if (dir) wrapper.setAttribute("dir", dir);
  // Under a paragraph aligned `left` as its start, an Arabic copy starts at the right (see ContentUnitSpec.startAligned).
  const startAligned = spec.root ? spec.startAligned : !!spec.anchorRead?.startAligned;
  if (dir && block && startAligned) force(wrapper, "text-align", "start");
  wrapper.setAttribute("translate", "no");
}

/** Puts the copy (after a line break, when inline) after the original; returns what went into the page. */
function placeCopy(spec: ContentUnit["spec"], last: Node, wrapper: HTMLElement, block: boolean) {
  const parent = last.parentNode as Container;
  const next = spec.part ? partCopyPlace(spec.partsEnd ?? last, spec.order) : last.nextSibling;
  const inserted: Node[] = [];
  if (!block) {
    const br = newElement(documentOf(parent), "br");
    force(br, "display", "inline");
    inserted.push(br);
  }
  inserted.push(wrapper);
  try {
    for (const n of inserted) {
      copies.add(n);
      if (spec.part) partOrder.set(n, spec.order);
      putBefore(parent, n, next);
    }
  } catch (error) {
    // The page refused the translation (its world's insertBefore threw): its line break would outlive Show original.
    for (const n of inserted) (n as ChildNode).remove();
    throw error;
  }
  return { parent, inserted };
}

/** Names, clamps and the like of the page's elements, made to work with the copy now placed. */
function settleCopy(
  snapshot: ContentSnapshot,
  spec: ContentUnit["spec"],
  wrapper: HTMLElement,
  originalOf: Map<Element, Element>,
): void {
  // A name read from the page's element would now be the original and its copy run together (the copy of a whole
  // element lies in it), or the original alone: it is read from the copy.
  const whole = spec.root && !spec.part ? spec.root : null;
  if (whole) originalOf.set(wrapper, whole);
  // First: a copy's id given for a field's name tells a screen reader's name from the page's (test/e2e's helpers).
  fieldsNamed.set(snapshot, nameFieldsFromCopy(wrapper, originalOf, whole));
  const names = pointNamesAtCopy(originalOf, isOwnCopy);
  if (names) namesRedirected.set(snapshot, names);
  // An element around the copy that something names, holding more than this copy, is read from all of its copies.
  copyPlaced(wrapper, spec.root ? [spec.root] : spec.nodes, whole);
  // Clamped to the original's lines: the copy would not show at all.
  if (spec.clamped) {
    liftClamps(spec.clamped, wrapper);
    clampsLifted.set(snapshot, { els: spec.clamped, copy: wrapper });
  }
}

/**
 * Show the unit's translation after its original: for a unit that fills a block, a block of its own below the
 * original text; for inline content (a run, a title link), a line break and the translation. The original's nodes
 * are not touched. Returns the snapshot whose restore removes the copy.
 */
export function addCopy(
  unit: ContentUnit,
  translation: DocumentFragment | Map<Text, string>,
  options: CopyOptions,
): ContentSnapshot {
  const { spec } = unit;
  const last = spec.nodes[spec.nodes.length - 1];
  const container = spec.root ?? last?.parentNode;
  if (!last || !container || !canHoldCopy(container)) return untouched(unit);
  // An item of a grid, a flex column or a wrapping flex row is a block under the original once placed so (see
  // UNDER_AS_ITEM); a line break there would be an item of its own (a grid's empty cell), breaking no line.
  const lineup = spec.lineup ?? "flow";
  // Against the block's direction, a run's copy (loose lines between blocks) is a block of its own: a line in the
  // block's flow would start at the block's side, Arabic at the left of an English post.
  const dir = dirAgainst(anchorElement(last.parentNode as Container), options.targetLang, spec.direction);
  const block =
    spec.block || lineup === "grid" || lineup === "column" || lineup === "wrap" || (!!dir && !spec.root && !spec.part);

  const { wrapper, originalOf } = translatedClones(unit, container, translation, options.hooks);
  // Gloss's elements: whatever else is in the copy when it goes is the page's (see giveBack).
  for (const el of Array.from(wrapper.querySelectorAll("*"))) copies.add(el);
  copyWords.set(wrapper, wrapper.textContent as string);
  leadCopyToOriginals(wrapper, originalOf);
  markCopyLanguage(wrapper, spec, options.targetLang, dir, block);
  const { parent, inserted } = placeCopy(spec, last, wrapper, block);
  const snapshot: ContentSnapshot = { ...untouched(unit), parent, inserted };
  copySnapshots.add(snapshot);
  try {
    // Styled where it stands: the blurred look asks whether one of the page's controls holds it.
    styleCopy(wrapper, block, lineup, options.style ?? "quiet");
    showAsOriginal(wrapper, originalOf);
    settleCopy(snapshot, spec, wrapper, originalOf);
  } catch (error) {
    // A unit whose write fails stays original: nothing of the copy may stay behind, out of Show original's reach.
    removeCopy(snapshot);
    throw error;
  }
  return snapshot;
}
