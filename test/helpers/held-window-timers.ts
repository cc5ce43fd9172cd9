// A time limit of the page's code that a test is not about, held so that a busy machine cannot reach it first.

/**
 * The window's timers of exactly `ms` never fire until the undo returned (all others run as ever): a limit counted in
 * wall-clock time runs out on a loaded machine while the test is still waiting for the event it means. Exactly: the
 * engine's pauses are measured times (fractions of a millisecond), its limits round numbers.
 */
export function holdTimersOf(ms: number, win: Window = window): () => void {
  const timers = win as unknown as { setTimeout: typeof setTimeout; clearTimeout: typeof clearTimeout };
  const realSetTimeout = timers.setTimeout;
  const realClearTimeout = timers.clearTimeout;
  const held = new Set<unknown>();
  timers.setTimeout = ((fn: () => void, delay?: number, ...args: unknown[]) => {
    if (delay !== ms) return realSetTimeout(fn, delay, ...args);
    const id = { held: ms };
    held.add(id);
    return id;
  }) as unknown as typeof setTimeout;
  timers.clearTimeout = ((id: unknown) => {
    if (!held.delete(id)) realClearTimeout(id as Parameters<typeof clearTimeout>[0]);
  }) as typeof clearTimeout;
  return () => {
    timers.setTimeout = realSetTimeout;
    timers.clearTimeout = realClearTimeout;
  };
}
