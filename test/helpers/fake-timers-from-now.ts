// jest's fake timers switched on in the middle of a test, with both clocks going on from where the real ones were.

/**
 * Fake timers start performance.now() at 0. A reading the page's code took before the switch (when it last sent a
 * progress report) then lies in the future, and a wait measured from it lasts as long as the test worker has been up:
 * longer than a test advances, once a worker has run for a while (the whole suite, a loaded machine's slow start).
 * A browser's clock never goes back; here neither does the fake one.
 */
export function useFakeTimersFromNow(): void {
  const monotonic = Math.ceil(performance.now());
  jest.useFakeTimers({ now: Date.now() - monotonic });
  jest.advanceTimersByTime(monotonic); // no fake timer is set yet: this only moves the clocks on
}
