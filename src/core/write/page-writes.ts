// Translations reach the page in batches, at most one DOM update per ~frame, with the mutation observer looking
// away so our writes never read as page changes. A segment that arrives after a quiet frame is written at once
// (as soon as the task that brought it is done with it, with whatever else it brought); only a stream of them waits
// for the frame. Just before a batch, the page's own pending changes are taken in
// first: a unit whose source changed meanwhile is not written. Every unit written is remembered in order (weakly: a
// unit the page dropped is forgotten with its nodes), so restore() can undo them newest first, keeping whatever the
// page changed since (restore/undo-write.ts).

import type { TranslateError } from "../../shared/translator";
import { attributeIntact, contentIntact, restoreSelects, type SelectValues } from "./apply";
import type { MutationWatcher } from "../watch/mutations";
import type { Cancel, TaskClock } from "../schedule/task-clock";
import { restoreAttribute } from "../restore/snapshot";
import { undoWrite } from "../restore/undo-write";
import { eachStep } from "../restore/each-step";
import { isCopySnapshot, removeCopy } from "../display/bilingual";
import { WeakList } from "../weak-list";
import { noteShown } from "../watch/changed-away";
import type { UnitRegistry } from "../unit-registry";
import type { Unit } from "../units";
import { closestOf } from "../dom";

/** At most one DOM update per ~frame. */
const WRITE_DELAY_MS = 16;

const WRITE_FAILED: TranslateError = {
  kind: "bad-reply",
  message: "Gloss could not write some translations into this page, so they stay in the original.",
  fix: "Show the original and try again; if it keeps happening, reload the page.",
};

interface Write {
  unit: Unit;
  request: number;
  apply: (selects: SelectValues) => void;
}

export interface WriteDeps {
  /** The batch timer (a hidden page writes in the next task: it has no frames to wait for). */
  clock: TaskClock;
  watcher: Pick<MutationWatcher, "flush" | "ownWrites">;
  units: Pick<UnitRegistry, "setState">;
  /** The page changed the unit's source since it was encoded. */
  sourceChanged(unit: Unit): void;
  /** The text is Gloss's own output (a page that copied it back did not change anything). */
  isOwnText(text: string): boolean;
  fail(unit: Unit, error: TranslateError): void;
  /** A batch was written. */
  afterWrites(): void;
}

/** `fn` once the code running now and the microtasks it queued are done, before any other task. */
function afterThisTask(fn: () => void): Cancel {
  let cancelled = false;
  // A native await, not a page's Promise.prototype.then (the userscript shares the page's prototypes).
  void (async () => {
    await undefined;
    if (!cancelled) fn();
  })();
  return () => void (cancelled = true);
}

export class PageWrites {
  readonly #deps: WriteDeps;
  #writes: Write[] = [];
  #timer: Cancel | null = null;
  readonly #applied = new WeakList<Unit>((unit) => unit.state !== "applied");
  /** When the last batch was written (ms, performance.now(): the wall clock can be set back, by an hour or a day,
   * and the next batch would wait that long). */
  #lastFlush = -Infinity;
  /** The next batch goes without waiting for a frame (the page was quiet). */
  #quiet = false;

  constructor(deps: WriteDeps) {
    this.#deps = deps;
  }

  get pending(): boolean {
    return this.#writes.length > 0 || this.#timer !== null;
  }

  /** A write is about to be made after a quiet frame: the first words after a pause, which nothing should delay. */
  get imminent(): boolean {
    return this.#quiet && this.#writes.length > 0;
  }

  /** Write the unit's translation with the next batch (the unit counts as sending until then). */
  queue(unit: Unit, apply: (selects: SelectValues) => void): void {
    this.#deps.units.setState(unit, "sending");
    this.#writes.push({ unit, request: unit.request, apply });
    if (this.#timer !== null) return;
    const wait = Math.max(0, this.#lastFlush + WRITE_DELAY_MS - performance.now());
    this.#quiet = wait === 0;
    // Not in a task of its own: the tasks queued meanwhile (a slice of collection, a frame of the page's) held the
    // first words back by up to 18 ms (bench/page.ts --reader, traced).
    this.#timer = this.#quiet ? afterThisTask(() => this.flush()) : this.#deps.clock.after(wait, () => this.flush());
  }

  flush(): void {
    this.#timer?.();
    this.#timer = null;
    this.#quiet = false;
    const { watcher, units } = this.#deps;
    const writes = this.#writes;
    this.#writes = [];
    // Page changes first: a unit the page changed meanwhile must not be written. Writes they queue (a label derived
    // again, a cached translation of new content) go with a batch of their own, which reports when it is done.
    watcher.flush();
    if (!writes.length) return;
    this.#lastFlush = performance.now();
    const selects: SelectValues = new Map();
    const written: Unit[] = [];
    watcher.ownWrites(() => {
      for (const w of writes) {
        const unit = w.unit;
        if (unit.request !== w.request || unit.state !== "sending") continue;
        const intact = unit.kind === "content" ? contentIntact(unit) : attributeIntact(unit);
        if (!intact) {
          this.#deps.sourceChanged(unit);
          continue;
        }
        try {
          w.apply(selects);
        } catch (error) {
          // merge put the unit back; it stays original.
          console.warn("Gloss: could not write a translation", error);
          this.#deps.fail(unit, WRITE_FAILED);
          continue;
        }
        unit.jobs.clear();
        unit.appliedAt = performance.now();
        units.setState(unit, "applied");
        this.#applied.add(unit);
        written.push(unit);
      }
      restoreSelects(selects);
    });
    this.#deps.afterWrites();
    // The page sees a write only once this task is over: what it does at once then answers the write, however long
    // the rest of the task took (a slow machine, a listener told of the progress), see page-changes.ts's ANSWER_MS.
    afterThisTask(() => written.forEach((u) => (u.appliedAt = performance.now())));
  }

  /** A unit the page made from our words (see copied-output.ts): shown as translated, undone with the others. */
  adopt(unit: Unit): void {
    noteShown(unit);
    this.#deps.units.setState(unit, "applied");
    this.#applied.add(unit);
  }

  /** Drop the writes not done yet. */
  discard(): void {
    this.#timer?.();
    this.#timer = null;
    this.#quiet = false;
    this.#writes = [];
  }

  /** Put back the original of every unit still written, newest first: a later unit may sit inside an earlier one. */
  undoAll(): void {
    const selects: SelectValues = new Map();
    eachStep(this.#applied.values(), (u) => {
      if (u.kind === "content" && u.snapshot?.addedOptionValue) {
        const select = closestOf(u.snapshot.addedOptionValue.el, "select") as HTMLSelectElement | null;
        if (select && !selects.has(select)) selects.set(select, select.value);
      }
    });
    const ours = (text: string): boolean => this.#deps.isOwnText(text);
    for (const u of this.#applied.newestFirst()) {
      if (u.state !== "applied") continue;
      // One unit whose undo the page makes fail (a DOM function of its world that throws) must not keep the rest of
      // the page translated, nor leave Show original half done.
      try {
        // A bilingual copy is Gloss's alone: taken out, as on a page change (a focused link of it hands the focus to
        // the page's own).
        if (u.kind === "content" && u.snapshot) {
          if (isCopySnapshot(u.snapshot)) removeCopy(u.snapshot);
          else undoWrite(u.snapshot, ours);
        } else if (u.kind === "attribute" && u.snapshot) restoreAttribute(u.snapshot);
      } catch (error) {
        console.warn("Gloss: could not put back the original of a translation", error);
      }
    }
    restoreSelects(selects);
    this.#applied.clear();
  }
}
