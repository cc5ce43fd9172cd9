// Runs async jobs one after another: each starts once those before it have ended, whether they succeeded or not. For
// steps that read one stored value, change it and write it back, where two that crossed would lose the first change.

/** A queue of its own: the function runs `job` in its turn, and answers with what `job` answers (or throws). */
export function oneAtATime(): <T>(job: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const turn = last.then(job);
    // A job that failed does not stop the next.
    last = turn.catch(() => undefined);
    return turn;
  };
}
