// A unit whose source the page keeps changing (a live counter, a ticker, a clock) would be translated over and over:
// after a few changes of translated content within a window, its place is left alone for the rest of the session,
// and changes inside it cost no walk at all. Its place only (an element, a run's nodes, one attribute): a feed whose
// label counts its posts must go on translating the posts. Likewise a page that answers each translation with a
// fresh copy of what was there (a framework re-rendering what it no longer recognises as its own): after a few
// translated copies of the same content left the same place and came back at once, the next copy there stays
// original, and so does every later one. A copy stamped anew each time (the render's time, a render count) has
// other sources each time: such copies are told by place and timing instead (page-changes.ts: put in the very place
// of content taken out right after Gloss wrote it), and, when they edit what they replaced, counted together by
// parent. Not by likeness alone: a live ticker's next item is like the one it pushed out, but goes in elsewhere, on
// the page's own clock.

import { isReplacement } from "./replaced-text";

const CHURN_LIMIT = 4;
/** Measured with performance.now(): a wall clock set back an hour would keep every change in the window that long. */
const CHURN_WINDOW_MS = 30_000;
/** A fresh copy this soon after translated content with the same sources left is put in its place. */
const BACK_AT_ONCE_MS = 1000;
// Copies that edit what they replaced in answer to a write, in one parent, before the next stays original: a few
// more than identical copies, as a page that changes a place at once on its own may happen to look like one.
const EDITED_COPIES_LIMIT = 6;

export class ChurnGuard {
  /** When translated content changed, by node and part of it (its content, one of its attributes). */
  #changes = new WeakMap<Node, Map<string, number[]>>();
  #ignored = new WeakSet<Node>();
  #ignoredAttributes = new WeakMap<Element, Set<string>>();
  /** When translated content last left each parent, by its sources (see PageChanges). */
  #removed = new WeakMap<Node, Map<string, number>>();
  /** When a fresh copy of translated content came back at once to the parent it left, by its sources. */
  #back = new WeakMap<Node, Map<string, number[]>>();
  /** The sources left alone in each parent. */
  #reRendered = new WeakMap<Node, Set<string>>();
  /** The parent each node the page added was added to, and what it replaced (see noteAdded). */
  #addedTo = new WeakMap<Node, [Node, string]>();
  #anyRemoved = false;

  /** Count a change of translated content at `key` (its `part`); true once it changed more often than `limit`
   * changes within the window. */
  tooOften(key: Node, part = "", limit = CHURN_LIMIT): boolean {
    const now = performance.now();
    let parts = this.#changes.get(key);
    if (!parts) this.#changes.set(key, (parts = new Map()));
    const times = recent(parts.get(part) ?? [], now);
    times.push(now);
    parts.set(part, times);
    return times.length > limit;
  }

  /** The page took translated content with these sources out of `parent`. */
  noteRemoved(parent: Node, sources: string): void {
    const now = performance.now();
    this.#anyRemoved = true;
    let bySources = this.#removed.get(parent);
    if (!bySources) this.#removed.set(parent, (bySources = new Map()));
    // Only the window's removals are kept: a feed that drops thousands of posts must not grow this.
    for (const [s, time] of bySources) if (now - time >= CHURN_WINDOW_MS) bySources.delete(s);
    bySources.set(sources, now);
  }

  /** Translated content was taken out somewhere this session (else nothing can be a re-render). */
  get anyRemoved(): boolean {
    return this.#anyRemoved;
  }

  noteAdded(node: Node, parent: Node, replaced = ""): void {
    // `replaced`: the sources of translated content taken out right after Gloss wrote it, where `node` went in.
    this.#addedTo.set(node, [parent, replaced]);
  }

  addedTo(node: Node): [Node, string] | undefined {
    return this.#addedTo.get(node);
  }

  /** New content with `sources` in `parent` replaces translated copies of itself too often: leave it alone. */
  reRendered(parent: Node, sources: string, replaced = ""): boolean {
    let left = this.#reRendered.get(parent);
    if (left?.has(sources)) return true;
    const now = performance.now();
    const last = this.#removed.get(parent)?.get(sources);
    // Only a copy put in place at once answers the write: one shown again later (a feed's loading line, back for
    // each page of posts) is the page's own coming and going, and stays translated. A copy stamped anew is counted
    // under "" with the others in its parent; other content put there (replaced-text.ts) is not a copy. Read as
    // what the copy kept of any one node taken out in its place (`replaced`, one per node, \u0001 between): a static
    // footer taken out beside a stamped line is not what the line's copy kept, and must not hide what it did keep.
    const key =
      last !== undefined && now - last < BACK_AT_ONCE_MS
        ? sources
        : replaced.split("\u0001").some((r) => r && !isReplacement(sources, r)) && "";
    if (key === false) return false;
    if (left?.has(key)) return true;
    let bySources = this.#back.get(parent);
    if (!bySources) this.#back.set(parent, (bySources = new Map()));
    // Only the window's, as with removals: a list whose rows keep coming back must not grow this.
    for (const [s, times] of bySources) if (!recent(times, now).length) bySources.delete(s);
    const times = recent(bySources.get(key) ?? [], now);
    times.push(now);
    bySources.set(key, times);
    if (times.length <= (key ? CHURN_LIMIT : EDITED_COPIES_LIMIT)) return false;
    if (!left) this.#reRendered.set(parent, (left = new Set()));
    left.add(key);
    return true;
  }

  /** Changes counted so far came with the reader's navigation: a place reused for each route is not a ticker, nor is
   * a parent each route's view goes in a re-render loop when each view answers a write once (hydration). Nodes
   * already left alone stay so. */
  forgetChanges(): void {
    this.#changes = new WeakMap();
    this.#back = new WeakMap();
    this.#reRendered = new WeakMap();
  }

  ignore(node: Node): void {
    this.#ignored.add(node);
  }

  isIgnored(node: Node): boolean {
    return this.#ignored.has(node);
  }

  /** Leave one attribute of the element alone (the element and its other attributes are still translated). */
  ignoreAttribute(el: Element, name: string): void {
    let names = this.#ignoredAttributes.get(el);
    if (!names) this.#ignoredAttributes.set(el, (names = new Set()));
    names.add(name);
  }

  isAttributeIgnored(el: Element, name: string): boolean {
    return this.#ignoredAttributes.get(el)?.has(name) ?? false;
  }

  clear(): void {
    this.#changes = new WeakMap();
    this.#ignored = new WeakSet();
    this.#ignoredAttributes = new WeakMap();
    this.#removed = new WeakMap();
    this.#reRendered = new WeakMap();
    this.#back = new WeakMap();
    this.#addedTo = new WeakMap();
    this.#anyRemoved = false;
  }
}

const recent = (times: number[], now: number): number[] => times.filter((t) => now - t < CHURN_WINDOW_MS);
