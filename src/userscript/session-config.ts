// What the page session needs to know before a run: target language, languages the user reads, and how much to
// send at once. Batch size and requests at once come from the server (as in the extension's background): a probe
// through the manager's transport, once per server configuration, unless the settings override them.
import { batchCharsFor } from "../connection/capacity";
import { llmConfigFrom } from "../connection/llm-config";
import { probeServer, type ProbeResult, type Transport } from "../llm";
import type { SessionConfig } from "../session/page-session";
import { effectiveTargetLang, type Settings } from "../shared/settings";

/** Requests at once when the server does not say how many slots it has. The LLM client still keeps requests
 * within the slots it finds (llama-server's /props), so this only lets the page engine split work over two. */
const DEFAULT_CONCURRENT = 2;

export interface SessionConfigDeps {
  loadSettings(): Promise<Settings>;
  transport: Transport;
  uiLanguage: string;
}

/** Probes the server once per configuration; a failed probe is retried next time (the server may be up by then). */
export function createServerProbe(transport: Transport): (settings: Settings) => Promise<ProbeResult | undefined> {
  let probedKey = "";
  let probe: Promise<ProbeResult | undefined> | undefined;
  return (settings) => {
    const config = llmConfigFrom(settings);
    const key = JSON.stringify(config);
    if (probe && key === probedKey) return probe;
    probedKey = key;
    const mine: Promise<ProbeResult | undefined> = probeServer(config, transport).then(
      (result) => {
        if (!result.ok && probe === mine) probe = undefined;
        return result;
      },
      () => {
        if (probe === mine) probe = undefined;
        return undefined;
      },
    );
    probe = mine;
    return mine;
  };
}

export function createSessionConfigSource(deps: SessionConfigDeps): () => Promise<SessionConfig> {
  const probeFor = createServerProbe(deps.transport);
  return async () => {
    const settings = await deps.loadSettings();
    const overridden = settings.maxBatchChars > 0 && settings.maxConcurrent > 0;
    const probe = overridden ? undefined : await probeFor(settings);
    return {
      targetLang: effectiveTargetLang(settings, deps.uiLanguage),
      neverTranslate: settings.neverTranslate,
      maxBatchChars: settings.maxBatchChars || batchCharsFor(probe?.contextSize),
      maxConcurrent: settings.maxConcurrent || probe?.slots || DEFAULT_CONCURRENT,
    };
  };
}
