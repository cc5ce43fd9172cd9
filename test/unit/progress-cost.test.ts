// A progress report counts every unit the page holds, several times per batch written: over a long feed that is
// thousands of units each time. Why some are not full translations (a failure, a simplification, a missed glossary
// term) is tallied for the units that give a reason, and no tally is made at all while none does.

import { ProgressReporter } from "../../src/core/progress";
import type { Counters, Unit } from "../../src/core/units";
import type { Progress } from "../../src/core/types";
import type { TranslateError } from "../../src/shared/translator";

const anchor = { isConnected: true } as Element;
const counters = { skippedByLang: 0 } as Counters;

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
  const reporter = new ProgressReporter(() => units, counters, { onProgress: (p) => reports.push(p) });
  expect(mapsMade(() => reporter.report(1))).toBe(0);
  expect(reports.at(-1)).toMatchObject({ total: 1000, done: 500 });
  expect(reports.at(-1)).not.toHaveProperty("failure");

  const failure: TranslateError = { kind: "server-error", message: "Der Server brach ab" };
  units.push(unit({ state: "failed", failure }), unit({ unmet: ["Bahn"] }));
  reporter.report(1);
  expect(reports.at(-1)).toMatchObject({ failed: 1, unmet: 1, failure, missedTerms: ["Bahn"] });
});
