// A progress report counts every unit the page holds, several times per batch written: over a long feed that is
// thousands of units each time. Why some are not full translations (a failure, a simplification, a missed glossary
// term) is tallied for the units that give a reason, and no tally is made at all while none does.

import { type Later, ProgressReporter } from "../../src/core/progress";
import type { Counters, Unit } from "../../src/core/units";
import type { Progress } from "../../src/core/types";
import type { TranslateError } from "../../src/shared/translator";

const anchor = { isConnected: true } as Element;
const counters = { skippedByLang: 0 } as Counters;

/** Runs a waiting report at once (these tests count, they do not wait). */
const now: Later = (_ms, fn) => {
  fn();
  return () => undefined;
};

function unit(fields: Partial<Unit>): Unit {
  return { kind: "content", state: "applied", anchor, ...fields } as Unit;
}

/** Maps made while `fn` runs (each tally keeps one). */
function mapsMade(fn: () => void): number {
  const RealMap = globalThis.Map;
  let made = 0;
  globalThis.Map = class<K, V> extends RealMap<K, V> {
    constructor(entries?: readonly (readonly [K, V])[] | null) {
      super(entries);
      made++;
    }
  } as MapConstructor;
  try {
    fn();
  } finally {
    globalThis.Map = RealMap;
  }
  return made;
}

test("a report over units that give no reason makes no tally, and the reasons still come when one does", () => {
  const units: Unit[] = Array.from({ length: 1000 }, (_, i) => unit({ state: i % 2 ? "applied" : "queued" }));
  const reports: Progress[] = [];
  const reporter = new ProgressReporter(() => units, counters, { onProgress: (p) => reports.push(p) }, now);
  expect(mapsMade(() => reporter.report(1))).toBe(0);
  expect(reports.at(-1)).toMatchObject({ total: 1000, done: 500 });
  expect(reports.at(-1)).not.toHaveProperty("failure");

  const failure: TranslateError = { kind: "server-error", message: "Der Server brach ab" };
  units.push(unit({ state: "failed", failure }), unit({ unmet: ["Bahn"] }));
  reporter.report(1);
  expect(reports.at(-1)).toMatchObject({ failed: 1, unmet: 1, failure, missedTerms: ["Bahn"] });
});

test("a big page is counted a few times a second, not at every change, and its last count is exact", () => {
  const units: Unit[] = Array.from({ length: 2000 }, () => unit({ state: "queued" }));
  let visited = 0;
  const counting = function* () {
    for (const u of units) {
      visited++;
      yield u;
    }
  };
  const waiting: Array<() => void> = [];
  const later: Later = (_ms, fn) => {
    waiting.push(fn);
    return () => waiting.splice(waiting.indexOf(fn), 1);
  };
  const reports: Progress[] = [];
  const reporter = new ProgressReporter(counting, counters, { onProgress: (p) => reports.push(p) }, later);
  reporter.report(4); // the first count finds the page big
  expect(reports.at(-1)).toMatchObject({ total: 2000, done: 0 });
  // A batch written, one unit at a time, with a report each.
  for (const u of units.slice(0, 1000)) {
    u.state = "applied";
    reporter.report(4);
  }
  expect(visited).toBe(2000); // one count so far: the rest wait for one later report
  expect(waiting).toHaveLength(1);
  waiting.shift()!();
  expect(visited).toBe(4000);
  expect(reports.at(-1)).toMatchObject({ total: 2000, done: 1000 });
  // The engine runs out of work: a report still waiting is made now, not after the wait.
  for (const u of units.slice(1000)) u.state = "applied";
  reporter.report(0);
  reporter.flush();
  expect(waiting).toHaveLength(0);
  expect(reports.at(-1)).toMatchObject({ total: 2000, done: 2000, inFlight: 0 });
});

test("a small page reports every change at once", () => {
  const units: Unit[] = Array.from({ length: 100 }, () => unit({ state: "queued" }));
  const reports: Progress[] = [];
  const never: Later = () => {
    throw new Error("a small page waits for nothing");
  };
  const reporter = new ProgressReporter(() => units, counters, { onProgress: (p) => reports.push(p) }, never);
  for (const u of units) {
    u.state = "applied";
    reporter.report(1);
  }
  expect(reports).toHaveLength(100);
  expect(reports.at(-1)).toMatchObject({ done: 100 });
});
