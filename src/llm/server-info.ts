// Small GET helpers shared by the probe, the translator's slot discovery and the loading wait.
import type { Transport } from "./client";
import { describe } from "./describe-error";
import { type LlmConfig, authHeaders } from "./presets";
import { isRefused } from "./refused";

/** How long a look at the server's facts (/health, /props, /v1/models) may take. */
export const PROBE_TIMEOUT_MS = 3_000;

export type GetResult =
  | { ok: true; status: number; json: unknown; text: string; ms: number }
  | { ok: false; status: number; json: unknown; text: string; ms: number }
  | { ok: false; status: 0; network: string; ms: number; refused?: true; timedOut?: true };

/** GET with a short timeout; never throws. status 0 = no HTTP answer (refused, reset, timed out; `refused`: blocked
 * before it left the browser, see refused.ts; `timedOut`: nothing came back before `timeoutMs`). */
export async function getJson(
  config: LlmConfig,
  transport: Transport,
  url: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<GetResult> {
  const started = Date.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const res = await transport(url, { method: "GET", headers: authHeaders(config), signal: controller.signal });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    const ms = Date.now() - started;
    return res.status >= 200 && res.status < 300
      ? { ok: true, status: res.status, json, text, ms }
      : { ok: false, status: res.status, json, text, ms };
  } catch (err) {
    const failed = { ok: false as const, status: 0 as const, network: describe(err), ms: Date.now() - started };
    if (isRefused(err)) return { ...failed, refused: true };
    return timedOut ? { ...failed, timedOut: true } : failed;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

export interface PropsInfo {
  slots?: number;
  contextSize?: number;
  model?: string;
  /** The most a reply may run to, where the server was started with one (llama-server -n): it cuts any reply there,
   * whatever the request asks. */
  replyTokens?: number;
}

/** llama-server's `/props`: `total_slots`, per-slot `n_ctx`, `model_alias`, the reply limit `n_predict`. */
export function readProps(json: unknown): PropsInfo | undefined {
  if (!json || typeof json !== "object") return undefined;
  const p = json as Record<string, unknown>;
  const settings = p.default_generation_settings as Record<string, unknown> | undefined;
  const slots = typeof p.total_slots === "number" ? p.total_slots : undefined;
  const ctx = typeof settings?.n_ctx === "number" ? settings.n_ctx : typeof p.n_ctx === "number" ? p.n_ctx : undefined;
  const model = typeof p.model_alias === "string" ? p.model_alias : undefined;
  if (slots === undefined && ctx === undefined) return undefined;
  // -1 unless the server was started with -n; under `params` since 2024, beside n_ctx before.
  const params = settings?.params as Record<string, unknown> | undefined;
  const limit = params?.n_predict ?? settings?.n_predict;
  return { slots, contextSize: ctx, model, ...(typeof limit === "number" && limit > 0 ? { replyTokens: limit } : {}) };
}

export interface ModelEntry {
  id: string;
  ownedBy?: string;
  contextSize?: number;
}

/** `/v1/models` (OpenAI `data[]`, with llama-server's `meta.n_ctx`), tolerating Ollama's `/api/tags` `models[]`. */
export function readModels(json: unknown): ModelEntry[] | undefined {
  if (!json || typeof json !== "object") return undefined;
  const j = json as Record<string, unknown>;
  // Ollama with no model pulled lists none as `"data":null` (Go's empty slice).
  if (j.object === "list" && j.data === null) return [];
  if (Array.isArray(j.data)) {
    return j.data.flatMap((m: unknown) => {
      if (!m || typeof m !== "object") return [];
      const e = m as Record<string, unknown>;
      if (typeof e.id !== "string") return [];
      const meta = e.meta as Record<string, unknown> | undefined;
      return [
        {
          id: e.id,
          ownedBy: typeof e.owned_by === "string" ? e.owned_by : undefined,
          // llama-server's meta.n_ctx; vLLM's max_model_len, the context it was started with (--max-model-len).
          contextSize:
            typeof meta?.n_ctx === "number"
              ? meta.n_ctx
              : typeof e.max_model_len === "number"
                ? e.max_model_len
                : undefined,
        },
      ];
    });
  }
  if (Array.isArray(j.models)) {
    return j.models.flatMap((m: unknown) => {
      const name = m && typeof m === "object" ? (m as Record<string, unknown>).name : undefined;
      return typeof name === "string" ? [{ id: name }] : [];
    });
  }
  return undefined;
}
