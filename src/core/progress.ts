// What the engine tells its host: progress while it works (reported only when it changed), the summary, and the
// promises of whenSettled(), all resolved each time the engine runs out of work.

import type { TranslateError } from "../shared/translator";
import type { PageTranslatorOptions, Progress, Summary } from "./types";
import type { Counters, Unit } from "./units";

export function summaryOf(
  counters: Counters,
  pageLang: string | undefined,
  error: TranslateError | undefined,
): Summary {
  const s: Summary = {
    found: counters.found,
    translated: counters.count("applied"),
    simplified: counters.simplified,
    failed: counters.count("failed"),
    skipped: counters.skipped,
  };
  if (pageLang) s.pageLang = pageLang;
  if (error) s.error = error;
  return s;
}

export class ProgressReporter {
  readonly #units: () => Iterable<Unit>;
  readonly #counters: Counters;
  /** The host's options object, read at each use (not copied). */
  readonly #opts: Pick<PageTranslatorOptions, "onProgress">;
  #last = "";

  constructor(units: () => Iterable<Unit>, counters: Counters, opts: Pick<PageTranslatorOptions, "onProgress">) {
    this.#units = units;
    this.#counters = counters;
    this.#opts = opts;
  }

  report(inFlight: number): void {
    const cb = this.#opts.onProgress;
    if (!cb) return;
    // Counted from the units the page holds now, not from the session's counters: content the page removed (the
    // last route of a single-page site, a virtualised list) is not what the reader sees, done, failed or pending.
    // Put back, it counts again.
    const n = { queued: 0, sending: 0, applied: 0, failed: 0, waiting: 0, skipped: 0, simplified: 0, unmet: 0 };
    for (const unit of this.#units()) {
      if (unit.state === "retired" || !unit.anchor.isConnected) continue;
      n[unit.state]++;
      if (unit.state === "applied" && unit.kind === "content" && unit.shownSimplified) n.simplified++;
      if (unit.state === "applied" && unit.unmet?.length) n.unmet++;
    }
    const p: Progress = {
      total: n.queued + n.sending + n.applied + n.failed + n.waiting,
      done: n.applied,
      simplified: n.simplified,
      unmet: n.unmet,
      failed: n.failed,
      skipped: n.skipped + this.#counters.skippedByLang,
      inFlight,
      queued: n.queued,
    };
    const key = JSON.stringify(p);
    if (key === this.#last) return;
    this.#last = key;
    cb(p);
  }

  /** Report the next progress even if it looks like the last one (a new session after restore()). */
  reset(): void {
    this.#last = "";
  }
}

export class Settling {
  readonly #busy: () => boolean;
  /** Called once the engine is idle; returns the summary to resolve with. */
  readonly #settle: () => Summary;
  #waiters: Array<(s: Summary) => void> = [];

  constructor(busy: () => boolean, settle: () => Summary) {
    this.#busy = busy;
    this.#settle = settle;
  }

  whenSettled(): Promise<Summary> {
    return new Promise((resolve) => {
      this.#waiters.push(resolve);
      queueMicrotask(() => this.check());
    });
  }

  check(): void {
    if (this.#busy()) return;
    this.resolve(this.#settle());
  }

  resolve(summary: Summary): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w(summary);
  }
}
