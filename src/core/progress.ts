// What the engine tells its host: progress while it works (reported only when it changed), the summary, and the
// promises of whenSettled(), all resolved each time the engine runs out of work.

import type { TranslateError } from "../shared/translator";
import type { PageTranslatorOptions, Progress, Summary } from "./types";
import type { Counters } from "./units";

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
  readonly #counters: Counters;
  /** The host's options object, read at each use (not copied). */
  readonly #opts: Pick<PageTranslatorOptions, "onProgress">;
  #last = "";

  constructor(counters: Counters, opts: Pick<PageTranslatorOptions, "onProgress">) {
    this.#counters = counters;
    this.#opts = opts;
  }

  report(inFlight: number): void {
    const cb = this.#opts.onProgress;
    if (!cb) return;
    const c = this.#counters;
    const p: Progress = {
      total: c.found - c.skipped,
      done: c.count("applied"),
      simplified: c.simplified,
      unmet: c.unmet,
      failed: c.count("failed"),
      skipped: c.skipped,
      inFlight,
      queued: c.count("queued"),
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
