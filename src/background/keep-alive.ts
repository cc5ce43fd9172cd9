// Chrome stops an MV3 service worker after ~30 s without extension events. A translation can be silent for longer
// (a model loading, slow prompt processing on a CPU, a queue at the server), and a stopped worker cuts the request.
// While jobs run, an extension API call every 20 s counts as activity and keeps the worker up. Firefox's event page
// is unaffected by this and the call is harmless there.
import { ext } from "../extension/api";

const INTERVAL_MS = 20_000;

let active = 0;
let timer: ReturnType<typeof setInterval> | undefined;

/** Marks one job as running; call the returned function when it ends. */
export function holdAwake(): () => void {
  active++;
  timer ??= setInterval(() => void ext.runtime.getPlatformInfo().catch(() => undefined), INTERVAL_MS);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--active === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** `work`'s result, the worker held awake until it settles. */
export async function awakeFor<T>(work: Promise<T>): Promise<T> {
  const release = holdAwake();
  try {
    return await work;
  } finally {
    release();
  }
}
