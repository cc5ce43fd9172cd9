// A loading server's readiness: /health polled with a pause that doubles, one wait shared by every request that got
// a 503, and stopped once none of them waits any more.
import type { Transport } from "./client";
import { healthUrl, type LlmConfig } from "./presets";
import { getJson, PROBE_TIMEOUT_MS } from "./server-info";
import { sleep } from "./sleep";

const FIRST_READY_PAUSE_MS = 250;
const MAX_READY_PAUSE_MS = 2_000;

export class ReadyWait {
  /** The pause before the next look at a loading server. It outlives one wait: where /health is missing (Ollama, LM
   * Studio) only the request itself can tell, and a 503 answered at once would be asked again four times a second. */
  private pause = FIRST_READY_PAUSE_MS;
  private wait: Promise<boolean> | undefined;
  /** Callers in `until` now: once the last has left (its page closed), the shared wait stops polling. */
  private waiters = 0;
  private polling: AbortController | undefined;

  constructor(
    private readonly config: LlmConfig,
    private readonly transport: Transport,
    private readonly loadingTimeoutMs: number,
  ) {}

  /** Whether the server is ready to be asked again: false once `signal` aborts or the loading timeout passed. */
  async until(signal: AbortSignal): Promise<boolean> {
    // The shared wait, or this caller's abort (no timer of its own: nothing may outlive the request).
    let onAbort: (() => void) | undefined;
    this.waiters++;
    try {
      return await Promise.race([
        this.untilReady(),
        new Promise<boolean>((resolve) => {
          onAbort = () => resolve(false);
          signal.addEventListener("abort", onAbort, { once: true });
        }),
      ]);
    } finally {
      if (onAbort) signal.removeEventListener("abort", onAbort);
      if (--this.waiters === 0) this.polling?.abort();
    }
  }

  /** A request met no loading server: the next wait starts with the shortest pause again. */
  reset(): void {
    this.pause = FIRST_READY_PAUSE_MS;
  }

  /** The wait shared by every request that got a 503. */
  private untilReady(): Promise<boolean> {
    // A wait whose last caller left is stopping: a caller that comes now starts a wait of its own.
    if (!this.wait || this.polling?.signal.aborted) {
      const polling = (this.polling = new AbortController());
      const wait = this.poll(polling.signal).finally(() => {
        if (this.wait === wait) this.wait = undefined;
      });
      this.wait = wait;
    }
    return this.wait;
  }

  /** Polls /health with backoff until the model is loaded: false after the loading timeout, or once `signal` aborts. */
  private async poll(signal: AbortSignal): Promise<boolean> {
    const started = performance.now();
    while (performance.now() - started < this.loadingTimeoutMs) {
      await sleep(this.pause, signal);
      if (signal.aborted) return false;
      const url = healthUrl(this.config.baseUrl);
      const res = await getJson(this.config, this.transport, url, PROBE_TIMEOUT_MS, signal);
      this.pause = res.ok ? FIRST_READY_PAUSE_MS : Math.min(this.pause * 2, MAX_READY_PAUSE_MS);
      // Only a 503 (or a look that timed out) says the model is still loading. Any other answer, the request asked
      // again tells what it means: ready (200), no /health here (404: Ollama, LM Studio), the load failed (an older
      // llama-server's 500 "Model failed to load"), the server gone (refused at once: it quit while loading). Waited
      // on, each would end as "still loading" once the loading timeout passed.
      const loading = res.status === 503 || (res.status === 0 && res.ms >= PROBE_TIMEOUT_MS);
      if (!loading) return true;
    }
    return false;
  }
}
