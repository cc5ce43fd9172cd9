// Time limits on a clock of the test's own, for code that also does real I/O (the HTTP double, fake-indexeddb): a
// limit fires when the test moves the clock on, never because a loaded machine spent it before the reply came.
import { setImmediate as nextTurn } from "node:timers/promises";

/**
 * Fakes setTimeout and setInterval only: sockets, setImmediate, microtasks and the clocks (Date, performance) stay
 * real, so requests and replies go on as ever while no limit runs out. Date stays real because code keeps a reference
 * to Date.now (the translation cache does) and would call the fake one after the test. Undo with jest.useRealTimers().
 */
export function holdTimers(): void {
  jest.useFakeTimers({
    doNotFake: ["Date", "hrtime", "nextTick", "performance", "queueMicrotask", "setImmediate", "clearImmediate"],
  });
}

/** Awaits `promise` while the held clock stands still; timers due now (a zero-delay yield to the next task) run. */
export function withClockStill<T>(promise: Promise<T>): Promise<T> {
  return untilSettled(promise, () => jest.advanceTimersByTime(0));
}

/** Awaits `promise`, moving the held clock on to its next timer once per turn of the event loop: time passes with
 * nothing else happening, as on a server that has gone silent. */
export function withClockRunning<T>(promise: Promise<T>): Promise<T> {
  return untilSettled(promise, () => jest.advanceTimersToNextTimer());
}

async function untilSettled<T>(promise: Promise<T>, step: () => void): Promise<T> {
  let settled = false;
  const settle = (): boolean => (settled = true);
  void promise.then(settle, settle);
  while (!settled) {
    step();
    await nextTurn();
  }
  return promise;
}
