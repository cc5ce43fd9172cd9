// Lookups of a server's facts (the probe's three GETs) yield to the translation requests on their way to the same
// server, up to their first reply: at a page's start both come at once, and a probe sent first puts its round trips
// ahead of the request the reader waits for (and beside it, their answers hold its words back).

export interface RequestsFirst {
  /** A batch is on its way (its cache lookups, its request, its first reply): call the result when its first reply
   * was handed on, or it ended. */
  onTheWay(): () => void;
  /** Resolves at once when no batch is on its way, else when none is left on its way (each has had its first reply,
   * or ended), or after `maxWaitMs` at the most (a batch may wait long for a slot). */
  turn(): Promise<void>;
}

export function requestsFirst(maxWaitMs: number): RequestsFirst {
  let onTheWay = 0;
  let waiters: Array<() => void> = [];
  const wake = (): void => {
    const woken = waiters;
    waiters = [];
    woken.forEach((resolve) => resolve());
  };
  return {
    onTheWay() {
      onTheWay++;
      let left = false;
      return () => {
        if (left) return;
        left = true;
        if (--onTheWay === 0) wake();
      };
    },
    turn() {
      if (onTheWay === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, maxWaitMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}
