// Whether a server that sends no headers yet is loading the model rather than working through other requests.
// llama-server answers 503 while it loads; Ollama and LM Studio load the model a request names (Ollama again after
// its keep-alive unloaded it) and hold that request, headers and all, until it is loaded: tens of seconds in which
// "waiting for the server to finish what it is translating" would be untrue.
import type { Transport } from "./client";
import { ollamaName } from "./ollama-name";
import { type LlmConfig, serverRootUrl } from "./presets";
import { getJson } from "./server-info";

/** Ollama's scheduler holds /api/ps while a model loads: no answer in this long says as much. */
const PS_TIMEOUT_MS = 1_500;

async function ollamaLoading(config: LlmConfig, transport: Transport, model: string, signal: AbortSignal) {
  const res = await getJson(config, transport, `${serverRootUrl(config.baseUrl)}/api/ps`, PS_TIMEOUT_MS, signal);
  if (signal.aborted) return false;
  if (res.status === 0) return !("refused" in res) && res.ms >= PS_TIMEOUT_MS;
  if (!res.ok) return false;
  const models = (res.json as { models?: unknown } | undefined)?.models;
  if (!Array.isArray(models)) return false;
  const wanted = ollamaName(model);
  return !models.some((m: { name?: unknown; model?: unknown } | null) =>
    [m?.name, m?.model].some((name) => typeof name === "string" && ollamaName(name) === wanted),
  );
}

async function lmStudioLoading(config: LlmConfig, transport: Transport, model: string, signal: AbortSignal) {
  // LM Studio's own REST API says each model's state: "loaded" or "not-loaded" (it loads on demand, Just-in-Time).
  const url = `${serverRootUrl(config.baseUrl)}/api/v0/models/${encodeURIComponent(model)}`;
  const res = await getJson(config, transport, url, PS_TIMEOUT_MS, signal);
  const state = res.ok ? (res.json as { state?: unknown } | undefined)?.state : undefined;
  return typeof state === "string" && state !== "loaded";
}

/** True when the server says the configured model is not loaded yet (so the request waits for it to load). */
export async function modelLoading(config: LlmConfig, transport: Transport, signal: AbortSignal): Promise<boolean> {
  const model = config.model?.trim();
  if (!model) return false;
  if (config.preset === "ollama") return await ollamaLoading(config, transport, model, signal);
  if (config.preset === "lmstudio") return await lmStudioLoading(config, transport, model, signal);
  return false;
}
