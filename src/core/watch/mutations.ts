// One MutationObserver for the root and every shadow root walked. Records are handled in batches, a little after
// the page stops changing (frameworks often mutate several times in a row). The engine's own writes are wrapped in
// `ownWrites`: pending page records are taken first (they still count), and the records our writes cause are
// discarded, so our writes never look like page changes. A shadow root's `slotchange` (its slots took other light
// children: a slot added or renamed, a child's `slot` changed, a root drawn after its host was walked) is no record:
// its host comes with the batch, as light text skipped as never drawn may show now (collect/unslotted.ts). Nor is a
// shadow root attached after its host was walked (a custom element the page defines late, or one that draws its tree
// on demand): the custom elements walked without one are looked at again now and then, and a new root comes with the
// batch, to be collected and observed.

import { translatableAttributeNames } from "../collect/collect";
import { isShadowRoot } from "../dom";
import { WeakList } from "../weak-list";

type MOConstructor = new (callback: MutationCallback) => MutationObserver;

/** A batch: the page's records, the hosts whose slots took other light children meanwhile, and new shadow roots;
 * `since`: when its first record came (performance.now()), the batch being handled up to `delayMs` later. */
type OnChanges = (records: MutationRecord[], reslotted: ReadonlySet<Node>, since: number) => void;

/** Attributes whose changes matter: translatable ones, those that can reveal hidden content, and editability. */
export const OBSERVED_ATTRIBUTES = [...translatableAttributeNames(), "hidden", "style", "class", "contenteditable"];

const OPTIONS: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributes: true,
  attributeFilter: OBSERVED_ATTRIBUTES,
};

export class MutationWatcher {
  readonly #observer: MutationObserver | null;
  /** Weakly: a shadow root the page dropped is not kept alive by having been observed. */
  #targets = new WeakSet<Node>();
  readonly #onRecords: OnChanges;
  #reslotted = new Set<Node>();
  /** Custom elements walked without a shadow root; one that has one now is looked at no more. */
  readonly #bare = new WeakList<Element>((host) => this.#rootOf(host) !== null);
  #look?: ReturnType<typeof setInterval>;
  readonly #rootOf: (el: Element) => ShadowRoot | null;
  /** Roots given a slotchange listener: kept across stop(), so a root walked again is not given a second one. */
  readonly #listened = new WeakSet<ShadowRoot>();
  readonly #delayMs: number;
  #pending: MutationRecord[] = [];
  #since = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #active = false;

  constructor(win: Window, onRecords: OnChanges, rootOf: (el: Element) => ShadowRoot | null, delayMs = 40) {
    const MO = (win as unknown as { MutationObserver?: MOConstructor }).MutationObserver;
    this.#observer = MO ? new MO((records) => this.#queue(records)) : null;
    this.#onRecords = onRecords;
    this.#rootOf = rootOf;
    this.#delayMs = delayMs;
  }

  get active(): boolean {
    return this.#active;
  }

  get pending(): boolean {
    return this.#pending.length > 0 || this.#timer !== null;
  }

  start(root: Node): void {
    this.#active = true;
    this.observe(root);
  }

  observe(target: Node): void {
    if (!this.#active || !this.#observer || this.#targets.has(target)) return;
    this.#targets.add(target);
    this.#observer.observe(target, OPTIONS);
    if (isShadowRoot(target)) this.#listenForSlots(target);
  }

  expectRoot(host: Element): void {
    // `host`, a custom element, was walked without a shadow root. Attaching one makes no record: it is looked for.
    // Each host once (no host is an observed node itself).
    if (!this.#active || this.#targets.has(host)) return;
    this.#targets.add(host);
    this.#bare.add(host);
    // Once a second: a lazy-loaded component's text is shown before the reader reads it.
    this.#look ??= setInterval(() => this.#lookForRoots(), 1000);
  }

  #lookForRoots(): void {
    for (const host of this.#bare.values()) {
      const root = this.#rootOf(host);
      // Observed at once: its content is collected with this batch, and its changes are seen from now on.
      if (root && !this.#targets.has(root)) {
        this.observe(root);
        this.#reslotted.add(root);
      }
    }
    if (this.#reslotted.size) this.flush();
    this.#bare.sweep();
    // Every host has its root (or is gone): nothing left to look for until a walk finds another.
    if (this.#bare.values().next().done) {
      clearInterval(this.#look);
      this.#look = undefined;
    }
  }

  #listenForSlots(root: ShadowRoot): void {
    if (this.#listened.has(root)) return;
    this.#listened.add(root);
    // Captured on the root: a component that stops the event at its slot (so it does not bubble out) still tells.
    root.addEventListener(
      "slotchange",
      (event) => {
        // Only the browser's own: a page's script firing its own in a loop would have the host walked each time.
        if (!this.#active || !event.isTrusted) return;
        this.#reslotted.add(root.host);
        this.#timer ??= setTimeout(() => this.flush(), this.#delayMs);
      },
      true,
    );
  }

  #queue(records: MutationRecord[]): void {
    if (!this.#active || !records.length) return;
    if (!this.#pending.length) this.#since = performance.now();
    this.#take(records);
    this.#timer ??= setTimeout(() => this.flush(), this.#delayMs);
  }

  /** Not push(...records): a page that makes a hundred thousand changes in one task would overflow the stack. */
  #take(records: MutationRecord[]): void {
    for (const r of records) this.#pending.push(r);
  }

  /** Handle queued page records now. */
  flush(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const since = this.#pending.length ? this.#since : performance.now();
    if (this.#observer) this.#take(this.#observer.takeRecords());
    const records = this.#pending;
    this.#pending = [];
    const reslotted = this.#reslotted;
    this.#reslotted = new Set();
    if ((records.length || reslotted.size) && this.#active) this.#onRecords(records, reslotted, since);
  }

  /** Run the engine's own DOM writes without observing them. */
  ownWrites<T>(write: () => T): T {
    if (!this.#observer || !this.#active) return write();
    const before = this.#observer.takeRecords();
    if (before.length) this.#queue(before);
    try {
      return write();
    } finally {
      this.#observer.takeRecords();
    }
  }

  stop(): void {
    this.#active = false;
    this.#observer?.disconnect();
    this.#targets = new WeakSet();
    this.#pending = [];
    this.#reslotted.clear();
    this.#bare.clear();
    clearInterval(this.#look);
    this.#look = undefined;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}
