// Issue 8 ("Start at once"): the progress line of a run that is starting is drawn as the run's first request leaves,
// not before it (building and placing it held that request back), nor never: a run whose request is slow to leave
// still shows it after CUE_HOLD_MS.
import type { ContentReport } from "../../src/shared/messages";
import { CUE_HOLD_MS, holdCueForFirstRequest } from "../../src/session/held-cue";
import { createProgressCue } from "../../src/session/progress-cue";

const report = (status: ContentReport["status"], done = 0, total = 0): ContentReport => ({
  status,
  progress: { total, done, failed: 0 },
});

/** Gloss's hosts under <html>: everything there besides <head> and <body>. */
const hosts = () =>
  Array.from(document.documentElement.children).filter((el) => el !== document.head && el !== document.body);

/** A window whose timers run when the test says. */
function timers() {
  const due = new Map<number, () => void>();
  let next = 1;
  const win = {
    setTimeout: (fn: () => void, ms: number) => {
      expect(ms).toBe(CUE_HOLD_MS);
      due.set(next, fn);
      return next++;
    },
    clearTimeout: (id: number) => void due.delete(id),
  } as unknown as Window;
  const runAll = () => {
    const fns = [...due.values()];
    due.clear();
    for (const fn of fns) fn();
  };
  return { win, runAll, pending: () => due.size };
}

beforeEach(() => {
  document.body.innerHTML = "<p>Ein Absatz</p>";
  for (const host of hosts()) host.remove();
});

test("a starting run's progress line is drawn as its first request leaves, not before", () => {
  const { win, pending } = timers();
  const cue = holdCueForFirstRequest(createProgressCue(document), win);
  cue.show(report("translating"));
  cue.show(report("translating", 0, 12));
  expect(hosts()).toHaveLength(0);
  cue.requestSent();
  expect(hosts()).toHaveLength(1);
  expect(pending()).toBe(0);
  // Later progress, and later requests, go as before.
  cue.show(report("translating", 3, 12));
  cue.requestSent();
  expect(hosts()).toHaveLength(1);
  cue.show(report("translated", 12, 12));
  expect(hosts()).toHaveLength(0);
});

test("a run whose first request is slow to leave shows the line after the hold", () => {
  const { win, runAll } = timers();
  const cue = holdCueForFirstRequest(createProgressCue(document), win);
  cue.show(report("translating"));
  expect(hosts()).toHaveLength(0);
  runAll();
  expect(hosts()).toHaveLength(1);
});

test("a run that ends before its first request draws nothing, and the next run is held again", () => {
  const { win, pending } = timers();
  const cue = holdCueForFirstRequest(createProgressCue(document), win);
  cue.show(report("translating"));
  cue.show(report("translated", 4, 4)); // answered from memory: no request
  expect(pending()).toBe(0);
  cue.requestSent();
  expect(hosts()).toHaveLength(0);
  cue.show(report("translating", 0, 4));
  expect(hosts()).toHaveLength(0);
  cue.requestSent();
  expect(hosts()).toHaveLength(1);
  // Show original while a run starts: nothing is drawn afterwards either.
  cue.hide();
  cue.show(report("translating"));
  cue.hide();
  expect(pending()).toBe(0);
  cue.requestSent();
  expect(hosts()).toHaveLength(0);
});

test("turned off before the run's first request: never drawn", () => {
  const { win, runAll } = timers();
  const cue = holdCueForFirstRequest(createProgressCue(document), win);
  cue.show(report("translating"));
  cue.enabled = false;
  cue.requestSent();
  runAll();
  expect(hosts()).toHaveLength(0);
  expect(cue.enabled).toBe(false);
});
