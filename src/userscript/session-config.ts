// What the page session needs to know before a run: target language, languages the user reads, and how much to
// send at once. Batch size and requests at once come from the server (as in the extension's background): a probe
// through the manager's transport, once per server configuration, unless the settings override them. The run never
// waits for the probe: until it answers, the session starts with defaults and takes the server's figures in later.
import { batchCharsFor } from "../connection/capacity";
import { llmConfigFrom } from "../connection/llm-config";
import { probeServer, type ProbeResult, type Transport } from "../llm";
import type { SessionConfig, SessionLimits } from "../session/page-session";
import { effectiveTargetLang, type Settings } from "../shared/settings";

/** Requests at once when the server does not say how many slots it has. The LLM client still keeps requests
 * within the slots it finds (llama-server's /props), so this only lets the page engine split work over two. */
const DEFAULT_CONCURRENT = 2;

export interface SessionConfigDeps {
  loadSettings(): Promise<Settings>;
  transport: Transport;
  uiLanguage: string;
}

/** What a probe of one configuration told, once it answered. */
interface Probed {
  key: string;
  promise: Promise<ProbeResult | undefined>;
  result?: ProbeResult;
}

/** Probes the server once per configuration; a failed probe is retried next time (the server may be up by then).
 * `known` is what the last probe of this configuration answered, if it has. */
export function createServerProbe(transport: Transport): {
  probe(settings: Settings): Promise<ProbeResult | undefined>;
  known(settings: Settings): ProbeResult | undefined;
} {
  let current: Probed | undefined;
  const keyOf = (settings: Settings) => JSON.stringify(llmConfigFrom(settings));
  return {
    probe(settings) {
      const key = keyOf(settings);
      if (current && current.key === key) return current.promise;
      const mine: Probed = { key, promise: Promise.resolve(undefined) };
      const forget = (): undefined => {
        if (current === mine) current = undefined;
        return undefined;
      };
      mine.promise = probeServer(llmConfigFrom(settings), transport).then((result) => {
        if (!result.ok) return forget() ?? result;
        mine.result = result;
        return result;
      }, forget);
      current = mine;
      return mine.promise;
    },
    known(settings) {
      return current && current.key === keyOf(settings) ? current.result : undefined;
    },
  };
}

function limitsFrom(settings: Settings, probe: ProbeResult | undefined): SessionLimits {
  return {
    maxBatchChars: settings.maxBatchChars || batchCharsFor(probe?.contextSize),
    maxConcurrent: settings.maxConcurrent || probe?.slots || DEFAULT_CONCURRENT,
  };
}

export function createSessionConfigSource(deps: SessionConfigDeps): () => Promise<SessionConfig> {
  const server = createServerProbe(deps.transport);
  return async () => {
    const settings = await deps.loadSettings();
    const base = {
      targetLang: effectiveTargetLang(settings, deps.uiLanguage),
      neverTranslate: settings.neverTranslate,
    };
    const overridden = settings.maxBatchChars > 0 && settings.maxConcurrent > 0;
    if (overridden) return { ...base, ...limitsFrom(settings, undefined) };
    const known = server.known(settings);
    if (known) return { ...base, ...limitsFrom(settings, known) };
    const answer = server.probe(settings);
    return {
      ...base,
      ...limitsFrom(settings, undefined),
      serverLimits: async () => limitsFrom(settings, await answer),
    };
  };
}
