// The context a loaded model runs with on Ollama and LM Studio, which have no /props: Ollama's /api/ps lists the
// loaded models with their `context_length` (Ollama 0.6 and later), LM Studio's /api/v0/models each model's `state`
// and, once loaded, its `loaded_context_length` (LM Studio 0.3.6 and later).
import type { Transport } from "./client";
import { ollamaName } from "./ollama-name";
import { type LlmConfig, serverRootUrl } from "./presets";
import { getJson, PROBE_TIMEOUT_MS } from "./server-info";

/**
 * Where the model is not loaded yet, or the server too old to say: the least either loads a model with by default
 * (Ollama 4,096 since 0.6.5, 2,048 before; LM Studio likewise). Ollama silently drops the start of a longer prompt,
 * the instructions with it, so a batch made for too small a context is the lesser harm.
 */
export const LOADED_CONTEXT_DEFAULT = 2048;

type Kind = "ollama" | "lmstudio";

const positive = (n: unknown): number | undefined => (typeof n === "number" && n > 0 ? n : undefined);

/** The loaded context of `model` in an answer of /api/ps (Ollama) or /api/v0/models (LM Studio), if it says. */
export function readLoadedContext(kind: Kind, json: unknown, model: string): number | undefined {
  const list = (json as Record<string, unknown> | undefined)?.[kind === "ollama" ? "models" : "data"];
  if (!Array.isArray(list)) return undefined;
  for (const entry of list as Record<string, unknown>[]) {
    if (!entry || typeof entry !== "object") continue;
    if (kind === "ollama") {
      const name = typeof entry.model === "string" ? entry.model : entry.name;
      if (typeof name === "string" && ollamaName(name) === ollamaName(model)) return positive(entry.context_length);
    } else if (entry.id === model) return positive(entry.loaded_context_length);
  }
  return undefined;
}

/** The context `model` runs with on an Ollama or LM Studio server, or the safe default (`assumed`) where it does not
 * say. */
export async function loadedContext(
  config: LlmConfig,
  transport: Transport,
  kind: Kind,
  model: string,
): Promise<{ tokens: number; assumed?: true }> {
  const path = kind === "ollama" ? "/api/ps" : "/api/v0/models";
  const res = await getJson(config, transport, serverRootUrl(config.baseUrl) + path, PROBE_TIMEOUT_MS);
  const tokens = res.ok ? readLoadedContext(kind, res.json, model) : undefined;
  return tokens ? { tokens } : { tokens: LOADED_CONTEXT_DEFAULT, assumed: true };
}
