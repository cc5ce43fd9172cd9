// Collecting a page in stages, so that the first request need not wait for the whole page to be walked: first the
// first block of main content in view that holds text, then the rest of the view a time slice at a time, then the
// rest of the page in chunks of bounded size, a time slice at a time with a pause as long as the slice between (the
// page's event loop, the first requests and their writes come first), and last the skeleton between the chunks. A
// slice that comes due while the first words are about to be written waits for that write. Each chunk is a
// block-level element, so walking it on its own finds exactly what one walk of the whole page would (collectUnits
// starts from any element); the final walk treats collected chunks as done blocks.

import type { CollectHooks, CollectResult } from "../collect/collect";
import { collectUnits } from "../collect/collect";
import { isInlineDisplay, type StyleCache } from "../collect/display";
import { screenReaderOnly } from "../collect/screen-reader-only";
import type { MainContent } from "./main-content";
import type { TaskClock } from "./task-clock";
import { hasAttr, parentElementOf, rectOf, tagged } from "../dom";

/** A block of the viewport's main content is walked whole when it holds at most this many elements. */
const REGION_ELEMENTS = 60;
/** The rest of the page is walked in chunks of at most this many elements. */
const CHUNK_ELEMENTS = 400;
/** Time a slice of collection may take before the page gets its event loop back. */
const SLICE_MS = 8;

export interface StagedDeps {
  root: Element;
  win: Window;
  /** Tasks and pauses (a hidden page skips the pauses). */
  clock: TaskClock;
  main: MainContent;
  styles: StyleCache;
  /** Hooks for a walk, as of now (the server's limits, which say how long a unit may be, come while the page is
   * collected); `collected` is added here. */
  hooks(): CollectHooks;
  /** Units found: register and queue them. */
  register(result: CollectResult): void;
  /** A stage ended: the first one with `first` true (time to send). */
  afterStage(first: boolean): void;
  /** A translation is about to be written after a quiet frame (first words, which nothing should delay). */
  writeImminent(): boolean;
  /** Still worth collecting for (the session was not stopped or restored). */
  current(): boolean;
  /** Everything was collected (or the session ended). */
  finished(): void;
}

export class StagedCollection {
  readonly #deps: StagedDeps;
  readonly #done = new WeakSet<Element>();
  /** Ancestors of the blocks walked as regions: the chunks of the rest of the page are found beside them. */
  readonly #holders = new WeakSet<Element>();
  #running = false;
  /** Where the view was at the last slice. */
  #scroll: [number, number];

  constructor(deps: StagedDeps) {
    this.#deps = deps;
    this.#scroll = [deps.win.scrollX, deps.win.scrollY];
  }

  get running(): boolean {
    return this.#running;
  }

  /**
   * Collect the first block of main content in view that holds text now, the rest of the view in the next task,
   * then the rest of the page in slices; `afterStage(true)` runs before this returns.
   */
  start(): void {
    this.#running = true;
    const started = this.#deps.clock.now();
    const laidOut = hasBox(this.#deps.root);
    const regions = this.#viewportMain();
    const results: CollectResult[] = [];
    // The first request is one small unit: the first block that has one is enough to send it, and the rest of what
    // is in view is walked while it is on its way.
    for (let region = regions.next(); !region.done; region = regions.next()) {
      results.push(this.#walk(region.value));
      if (laidOut && hasUnits(results[results.length - 1]!)) {
        this.#deps.register(merged(results));
        this.#deps.afterStage(true);
        this.#deps.clock.after(this.#deps.clock.now() - started, () => this.#restOfView(regions));
        return;
      }
    }
    // Nothing of the main content in view (or no layout: nothing tells what is in view, so nothing may be sent before
    // the whole page was seen): the first stage goes on through the rest of the page, and takes a small page whole.
    const chunks = this.#chunks();
    let i = 0;
    while (i < chunks.length && (!laidOut || this.#deps.clock.now() - started < SLICE_MS))
      results.push(this.#walk(chunks[i++]!));
    if (i === chunks.length) results.push(this.#walkSkeleton());
    this.#deps.register(merged(results));
    this.#deps.afterStage(true);
    this.#next(chunks, i);
  }

  /** The main content in view after the first block, a slice at a time (no pause: it is what the reader sees). */
  #restOfView(regions: Iterator<Element>): void {
    if (this.#endedMeanwhile() || this.#waitForWrite(() => this.#restOfView(regions))) return;
    const started = this.#deps.clock.now();
    const results: CollectResult[] = [];
    let region = regions.next();
    for (; !region.done; region = regions.next()) {
      if (region.value.isConnected) results.push(this.#walk(region.value));
      if (this.#deps.clock.now() - started >= SLICE_MS) break;
    }
    if (results.length) {
      this.#deps.register(merged(results));
      this.#deps.afterStage(false);
    }
    if (region.done) this.#next(undefined, 0, this.#deps.clock.now() - started);
    else this.#deps.clock.soon(() => this.#restOfView(regions));
  }

  /** The rest of the page from chunk `from` (the chunks are found in the first slice) after `pause` ms. */
  #next(chunks: Element[] | undefined, from: number, pause = 0): void {
    if (this.#running) this.#continue(chunks, from, pause);
    else this.#deps.finished();
  }

  #continue(found: Element[] | undefined, from: number, pause: number): void {
    const slice = (): void => {
      if (this.#endedMeanwhile() || this.#waitForWrite(slice)) return;
      const started = this.#deps.clock.now();
      const chunks = found ?? this.#chunks();
      let i = from;
      if (this.#scrolled()) this.#inViewFirst(chunks, i);
      const results: CollectResult[] = [];
      while (i < chunks.length && this.#deps.clock.now() - started < SLICE_MS) {
        const chunk = chunks[i++]!;
        // The page may have moved things meanwhile: a chunk no longer in the page is collected with its new place.
        if (chunk.isConnected) results.push(this.#walk(chunk));
      }
      if (i === chunks.length) results.push(this.#walkSkeleton());
      this.#deps.register(merged(results));
      this.#deps.afterStage(false);

      // As long a pause as the slice took: the rest of the page is not urgent, and the first requests, their
      // replies and the writes of what is on screen need the machine too (the model may run on the same cores).
      this.#next(chunks, i, this.#deps.clock.now() - started);
    };
    this.#deps.clock.after(pause, slice);
  }

  /**
   * The view moved a screen or more since it was last looked at (the reader scrolled on, or followed a link further
   * down). Less is mostly what was in view, collected already: not worth measuring every chunk left (a layout).
   */
  #scrolled(): boolean {
    const { scrollX, scrollY, innerWidth, innerHeight } = this.#deps.win;
    const moved =
      Math.abs(scrollX - this.#scroll[0]) >= innerWidth || Math.abs(scrollY - this.#scroll[1]) >= innerHeight;
    if (moved) this.#scroll = [scrollX, scrollY];
    return moved;
  }

  /**
   * The chunks from `from` that are in view now go first, in document order: collected in page order, what the
   * reader jumped to waited for everything above it, while the slots filled with that.
   */
  #inViewFirst(chunks: Element[], from: number): void {
    const rest = chunks.slice(from);
    const shown = rest.filter((el) => el.isConnected && inView(el, this.#deps.win));
    if (!shown.length) return;
    chunks.splice(from, rest.length, ...shown, ...rest.filter((el) => !shown.includes(el)));
  }

  /**
   * First words are about to be written (their timer is set): `slice` runs after them, in a task of its own, and
   * true is returned. A slice due at the same moment would otherwise go first and hold the words back by its length.
   */
  #waitForWrite(slice: () => void): boolean {
    if (!this.#deps.writeImminent()) return false;
    this.#deps.clock.soon(slice);
    return true;
  }

  /** The session stopped since the last stage: collection ends here. */
  #endedMeanwhile(): boolean {
    if (this.#deps.current()) return false;
    this.#running = false;
    this.#deps.finished();
    return true;
  }

  /** The skeleton between the chunks: the last stage. */
  #walkSkeleton(): CollectResult {
    this.#running = false;
    return collectUnits(this.#deps.root, this.#hooks());
  }

  #hooks(): CollectHooks {
    return { ...this.#deps.hooks(), collected: (el) => this.#done.has(el) };
  }

  #walk(el: Element): CollectResult {
    const result = collectUnits(el, this.#hooks());
    this.#done.add(el);
    return result;
  }

  /** Small blocks of main content that intersect the viewport, in document order, found as they are asked for. */
  *#viewportMain(): Generator<Element, void, undefined> {
    const { win, main, root } = this.#deps;
    const height = win.innerHeight;
    const width = win.innerWidth;
    if (!height || !width) return;
    for (const start of main.roots(root.ownerDocument)) {
      if (!root.contains(start)) continue;
      // Depth first in document order, with an explicit stack (no recursion, whatever the page's nesting).
      const stack: Element[] = [start];
      while (stack.length) {
        const el = stack.pop() as Element;
        const rect = rectOf(el);
        const boxed = rect.width > 0 || rect.height > 0;
        if (boxed && !within(rect, width, height)) continue;
        // Its 1px box is in view, but nobody sees it: walked with the rest of the page.
        if (boxed && screenReaderOnly(el, this.#deps.styles)) continue;
        if (boxed && this.#walkable(el) && size(el) <= REGION_ELEMENTS) {
          for (let p = parentElementOf(el); p && !this.#holders.has(p); p = parentElementOf(p)) this.#holders.add(p);
          yield el;
          continue;
        }
        pushChildren(stack, el);
      }
    }
  }

  /** The rest of the page as non-overlapping blocks of bounded size, in document order. */
  #chunks(): Element[] {
    const out: Element[] = [];
    const stack: Element[] = [this.#deps.root];
    while (stack.length) {
      const el = stack.pop() as Element;
      if (this.#done.has(el)) continue;
      if (!this.#holders.has(el) && el !== this.#deps.root && this.#walkable(el) && size(el) <= CHUNK_ELEMENTS) {
        out.push(el);
        continue;
      }
      pushChildren(stack, el);
    }
    return out;
  }

  /** A rendered block: walked alone, it yields what the whole walk would, and the whole walk may skip it. */
  #walkable(el: Element): boolean {
    if (hasAttr(el, "hidden")) return false;
    const display = this.#deps.styles.get(el).display;
    return display !== "none" && !isInlineDisplay(display);
  }
}

/** One stage's walks as one result (one registration, one progress report). */
function merged(results: CollectResult[]): CollectResult {
  return {
    content: results.flatMap((r) => r.content),
    attributes: results.flatMap((r) => r.attributes),
    skippedTargetLang: results.reduce((n, r) => n + r.skippedTargetLang, 0),
    hidden: results.flatMap((r) => r.hidden),
  };
}

function within(rect: DOMRect, width: number, height: number): boolean {
  return rect.bottom > 0 && rect.top < height && rect.right > 0 && rect.left < width;
}

function inView(el: Element, win: Window): boolean {
  return within(rectOf(el), win.innerWidth, win.innerHeight);
}

function hasUnits(result: CollectResult): boolean {
  return result.content.length > 0 || result.attributes.length > 0;
}

function hasBox(el: Element): boolean {
  const rect = rectOf(el);
  return rect.width > 0 || rect.height > 0;
}

/** Children go on the stack last first, so they come off it in document order. */
function pushChildren(stack: Element[], el: Element): void {
  for (let c = el.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
}

function size(el: Element): number {
  return tagged(el, "*").length + 1;
}
