// Which units the user can see: two IntersectionObservers (the viewport, and the viewport grown by 1.5 screens)
// give each anchor element a priority. Without IntersectionObserver everything has the same priority.
// The observers report asynchronously (after the next frame); so that the first request need not wait for them,
// an anchor's place can be measured at once (seed) and the observers correct it when they report. Text kept for
// screen readers alone is never in view, wherever its 1px box lies (collect/screen-reader-only.ts); nor is text in a
// closed `<details>` until it is opened (collect/folded.ts).

import { foldedBy, unitPlace } from "../collect/folded";
import type { Unit } from "../units";
import { Folds } from "./folds";
import { PRIORITY_NEAR, PRIORITY_REST, PRIORITY_VISIBLE, type Priority } from "./scheduler";
import { rectOf } from "../dom";

type IOConstructor = new (
  callback: IntersectionObserverCallback,
  options?: IntersectionObserverInit,
) => IntersectionObserver;

export const NEAR_MARGIN = "150% 0px 150% 0px";

export class Visibility {
  readonly enabled: boolean;
  readonly #visible?: IntersectionObserver;
  readonly #near?: IntersectionObserver;
  readonly #inView = new WeakSet<Element>();
  readonly #nearView = new WeakSet<Element>();
  /** The anchors observed now: a report the observers queued before an anchor was let go is stale. */
  readonly #watched = new WeakSet<Element>();
  /** Observed anchors nobody sees: at most near the view. */
  readonly #unseen = new WeakSet<Element>();
  /** Observed anchors in a closed `<details>`: at most near the view until it is opened. */
  readonly #folds = new Folds((anchors) => this.#unfolded(anchors));
  readonly #onChange: (el: Element, priority: Priority) => void;
  readonly #onOpen: (anchors: Element[]) => void;
  readonly #win: Window;
  #firstReport: Promise<void>;
  #reported = false;
  #resolveFirst: () => void = () => {};

  /** `onOpen`: anchors a closed `<details>` hid were shown by its opening (in view now, wanted first). */
  constructor(
    win: Window,
    lazy: boolean,
    onChange: (el: Element, priority: Priority) => void,
    onOpen: (anchors: Element[]) => void = () => {},
  ) {
    this.#onChange = onChange;
    this.#onOpen = onOpen;
    this.#win = win;
    const IO = (win as unknown as { IntersectionObserver?: IOConstructor }).IntersectionObserver;
    this.enabled = lazy && typeof IO === "function";
    this.#firstReport = new Promise((resolve) => (this.#resolveFirst = resolve));
    if (!this.enabled || !IO) {
      this.#reported = true;
      this.#resolveFirst();
      return;
    }
    this.#visible = new IO((entries) => this.#update(entries, this.#inView), { rootMargin: "0px" });
    this.#near = new IO((entries) => this.#update(entries, this.#nearView), { rootMargin: NEAR_MARGIN });
  }

  #update(entries: IntersectionObserverEntry[], set: WeakSet<Element>): void {
    for (const e of entries) {
      if (!this.#watched.has(e.target)) continue;
      const before = this.priorityOf(e.target);
      if (e.isIntersecting) set.add(e.target);
      else set.delete(e.target);
      const after = this.priorityOf(e.target);
      if (after !== before) this.#onChange(e.target, after);
    }
    if (!this.#reported && set === this.#inView) {
      this.#reported = true;
      this.#resolveFirst();
    }
  }

  /**
   * Place the anchor from its box now, until the observers report. Returns false when the box says nothing (no
   * layout, as in jsdom, or an element without a box): then only the observers can tell.
   */
  seed(el: Element): boolean {
    if (!this.enabled) return false;
    const rect = rectOf(el);
    if (rect.width === 0 && rect.height === 0) return false;
    const height = this.#win.innerHeight || this.#win.document.documentElement.clientHeight;
    const width = this.#win.innerWidth || this.#win.document.documentElement.clientWidth;
    const across = rect.right > 0 && rect.left < width;
    if (across && rect.bottom > 0 && rect.top < height) this.#inView.add(el);
    if (across && rect.bottom > -1.5 * height && rect.top < 2.5 * height) this.#nearView.add(el);
    return true;
  }

  priorityOf(el: Element): Priority {
    if (!this.enabled) return PRIORITY_REST;
    if (this.#inView.has(el)) return this.#unseen.has(el) || this.#folds.has(el) ? PRIORITY_NEAR : PRIORITY_VISIBLE;
    if (this.#nearView.has(el)) return PRIORITY_NEAR;
    return PRIORITY_REST;
  }

  /**
   * `unseen`: text for screen readers alone, at most near the view wherever its box lies; `fold`: the closed
   * `<details>` that hides it and the unit's first node, the same until it is opened.
   */
  observe(el: Element, unseen = false, fold?: { details: Element; probe: Node }): void {
    if (unseen) this.#unseen.add(el);
    if (fold && this.enabled) this.#folds.add(el, fold.details, fold.probe);
    if (this.enabled) this.#watched.add(el);
    this.#visible?.observe(el);
    this.#near?.observe(el);
  }

  /**
   * Opened by the reader, who wants to read it now: placed by their boxes (the observers report only a change, and
   * only after a frame), in view where no box tells.
   */
  #unfolded(anchors: Element[]): void {
    // An anchor no unit waits for any more keeps no place (see unobserve).
    for (const el of anchors) if (this.#watched.has(el) && !this.seed(el)) this.#inView.add(el);
    this.#onOpen(anchors);
  }

  /** Watch a unit's anchor: text for screen readers alone, or folded away in a closed `<details>`, is capped. */
  observeUnit(unit: Unit): void {
    const place = unitPlace(unit);
    const details = this.enabled ? foldedBy(place) : null;
    const unseen = unit.kind === "content" && !!unit.spec.unseen;
    this.observe(unit.anchor, unseen, details ? { details, probe: place } : undefined);
  }

  /**
   * Stop watching an anchor none of whose units waits to be sent. Its place is forgotten: were it watched again (its
   * unit sent again), it would be the place of back then, and the reader may have scrolled since.
   */
  unobserve(el: Element): void {
    this.#watched.delete(el);
    this.#inView.delete(el);
    this.#nearView.delete(el);
    this.#visible?.unobserve(el);
    this.#near?.unobserve(el);
  }

  /** Resolves once the observers reported the initial state, or after `timeoutMs` (they report asynchronously). */
  ready(timeoutMs: number): Promise<void> {
    if (this.#reported) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void this.#firstReport.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  disconnect(): void {
    this.#folds.disconnect();
    this.#visible?.disconnect();
    this.#near?.disconnect();
  }
}
