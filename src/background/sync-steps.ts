// Settings sync's steps, one at a time (a write and a read of the account must not interleave), and the settling of
// changes before one is written.
export interface StepsOptions {
  /** Done before each step (reading back what the background kept). */
  before: () => Promise<void>;
  /** What a step that threw leaves behind (the status says so). */
  failed: (error: unknown) => Promise<void>;
  /** How long changes must rest before the settled step runs. */
  settleMs: number;
}

export interface SyncSteps {
  /** Runs `step` after the steps before it. */
  run(step: () => Promise<void>): Promise<void>;
  /** Runs `step` once changes have rested `settleMs`: a new change starts the wait again. */
  schedule(step: () => Promise<void>): void;
  /** Resolves once the changes so far are written and read; `now`: a step waiting for changes to rest runs at once
   * (the worker's last moments, a test's end), not after its wait. */
  settled(now?: boolean): Promise<void>;
}

export function createSyncSteps({ before, failed, settleMs }: StepsOptions): SyncSteps {
  let chain: Promise<void> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let waiting: Promise<void> | undefined;
  let release: () => void = () => undefined;
  let next: (() => Promise<void>) | undefined;

  const run = (step: () => Promise<void>): Promise<void> => {
    chain = chain.then(before).then(step).catch(failed);
    return chain;
  };

  function schedule(step: () => Promise<void>): void {
    if (timer) clearTimeout(timer);
    waiting ??= new Promise<void>((resolve) => (release = resolve));
    next = step;
    timer = setTimeout(runNext, settleMs);
  }

  function runNext(): void {
    timer = undefined;
    waiting = undefined;
    void run(next!).then(release);
  }

  async function settled(now?: boolean): Promise<void> {
    if (now && timer) {
      clearTimeout(timer);
      runNext();
    }
    await waiting;
    await chain;
  }

  return { run, schedule, settled };
}
