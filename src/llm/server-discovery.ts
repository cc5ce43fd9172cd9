// A llama-server's slots and per-slot context, learnt from /props once per translator, right after a request left.
import type { Transport } from "./client";
import { type LlmConfig, propsUrl } from "./presets";
import { getJson, PROBE_TIMEOUT_MS, type PropsInfo, readProps } from "./server-info";

export class ServerDiscovery {
  private discovered: boolean;
  private discovery: Promise<void> | undefined;
  /** /props found no server ready (its model loading, or none answered): asked again once a request is answered, not
   * with each batch sent meanwhile (a page's passages would cost a look each while the model loads). */
  private unready = false;

  /** `learn` takes what /props told; a server without it (`hasProps` false) is never asked. */
  constructor(
    private readonly config: LlmConfig,
    private readonly transport: Transport,
    private readonly hasProps: boolean,
    private readonly learn: (props: PropsInfo) => void,
  ) {
    this.discovered = !hasProps;
  }

  /** Asks /props again with the next batch: the server at the address changed (server-engine.ts). */
  again(): void {
    this.discovered = !this.hasProps;
    this.unready = false;
  }

  /** A request was answered: a server that was not ready is, and is asked now. */
  answered(): void {
    if (!this.unready) return;
    this.unready = false;
    void this.discover();
  }

  /** Once per translator (and once again after each change of server): slots and per-slot context from /props (llama-server; cheap 404 elsewhere). */
  discover(): Promise<void> {
    if (this.discovered || this.unready) return Promise.resolve();
    this.discovery ??= (async () => {
      const res = await getJson(this.config, this.transport, propsUrl(this.config.baseUrl), PROBE_TIMEOUT_MS);
      const props = res.ok ? readProps(res.json) : undefined;
      if (props) this.learn(props);
      // Loading (503) or unreachable: ask again once the server answers a request, the answer will be better then.
      this.unready = res.status === 0 || res.status === 503;
      this.discovered = !this.unready;
    })().finally(() => (this.discovery = undefined));
    return this.discovery;
  }
}
