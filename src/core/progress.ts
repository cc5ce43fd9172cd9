// What the engine tells its host: progress while it works (reported only when it changed), the summary, and the
// promises of whenSettled(), all resolved each time the engine runs out of work.

import type { TranslateError } from "../shared/translator";
import type { PageTranslatorOptions, Progress, Summary } from "./types";
import type { Counters, Unit } from "./units";

export function summaryOf(
  counters: Counters,
  units: Iterable<Unit>,
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
  const reasons = new Reasons();
  for (const unit of units) if (unit.state === "failed") reasons.add(unit);
  const failure = reasons.failures.mostFrequent();
  if (failure) s.failure = failure;
  return s;
}

/** Counts by key, keeping the first value seen for each; ties go to the first key counted. */
class Tally<T> {
  readonly #counts = new Map<string, { value: T; count: number }>();

  add(key: string, value: T): void {
    const entry = this.#counts.get(key);
    if (entry) entry.count++;
    else this.#counts.set(key, { value, count: 1 });
  }

  /** The values, the most frequent first. */
  ranked(): T[] {
    return [...this.#counts.values()].sort((a, b) => b.count - a.count).map((e) => e.value);
  }

  mostFrequent(): T | undefined {
    let best: { value: T; count: number } | undefined;
    for (const entry of this.#counts.values()) if (!best || entry.count > best.count) best = entry;
    return best?.value;
  }
}

/** Errors of one kind and reason are one cause ("the server stopped sending data"), whatever their wording. */
const errorKey = (error: TranslateError): string => `${error.kind}/${error.reason ?? ""}`;

/** Glossary terms named, at most: a sentence, not the glossary. */
const MISSED_TERMS_SAID = 3;

/**
 * Why passages are not full translations, from the units the page holds now (as the counts are): the most frequent
 * reason each failed or simplified one gives, and the terms unmet ones miss. A reason of content the page removed
 * (an earlier route) is not the reader's problem any more.
 */
class Reasons {
  readonly failures = new Tally<TranslateError>();
  readonly simplifications = new Tally<TranslateError>();
  readonly terms = new Tally<string>();

  add(unit: Unit): void {
    if (unit.state === "failed" && unit.failure) this.failures.add(errorKey(unit.failure), unit.failure);
    if (unit.state !== "applied") return;
    const simplified = unit.kind === "content" && unit.shownSimplified ? unit.simplified?.reason : undefined;
    if (simplified) this.simplifications.add(errorKey(simplified), simplified);
    for (const term of unit.unmet ?? []) this.terms.add(term, term);
  }

  into(p: Progress): void {
    const failure = this.failures.mostFrequent();
    const simplification = this.simplifications.mostFrequent();
    const terms = this.terms.ranked().slice(0, MISSED_TERMS_SAID);
    if (failure) p.failure = failure;
    if (simplification) p.simplification = simplification;
    if (terms.length) p.missedTerms = terms;
  }
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
    // Made for the first unit that may give a reason: most give none, and this loop runs over every unit the page
    // holds at each report (several per batch written).
    let reasons: Reasons | undefined;
    for (const unit of this.#units()) {
      if (unit.state === "retired" || !unit.anchor.isConnected) continue;
      n[unit.state]++;
      if (unit.state === "applied") {
        const simplified = unit.kind === "content" && !!unit.shownSimplified;
        const unmet = !!unit.unmet?.length;
        if (simplified) n.simplified++;
        if (unmet) n.unmet++;
        if (simplified || unmet) (reasons ??= new Reasons()).add(unit);
      } else if (unit.state === "failed" && unit.failure) (reasons ??= new Reasons()).add(unit);
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
    reasons?.into(p);
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
