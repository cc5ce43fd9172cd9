// What is at the configured address: kind, model, slots, context size, and the one error a user must fix first.
// Three cheap GETs in parallel (`/health`, `/props`, `/v1/models`), each with a short timeout.
import type { TranslateError } from "../shared/translator";
import { bodyText, isGatewayDown } from "./chat-failure";
import type { Transport } from "./client";
import { errors, LlmRequestError } from "./errors";
import { loadedContext } from "./loaded-context";
import { ollamaName } from "./ollama-name";
import { configProblem, healthUrl, type LlmConfig, modelsUrl, propsUrl } from "./presets";
import { type GetResult, getJson, PROBE_TIMEOUT_MS, readModels, readProps } from "./server-info";
import { defaultTransport } from "./translator";

export type ServerKind = "llama-server" | "ollama" | "lmstudio" | "openai-compatible" | "unknown";

export interface ProbeResult {
  /** True when a translation request can be sent now. */
  ok: boolean;
  kind: ServerKind;
  /** The model that will answer: the configured one if the server lists it, else the server's (first) model. */
  model: string | null;
  /** Model ids from `/v1/models`, for the model picker. */
  models?: string[];
  /** Per-slot context size in tokens, when the server tells (llama-server's /props, vLLM's model list), or the loaded
   * model's on Ollama and LM Studio (loaded-context.ts). */
  contextSize: number | null;
  /** `contextSize` is Gloss's safe guess, not the server's word (an Ollama or LM Studio model not loaded yet): batches
   * are made to fit it, but it is not shown as the server's. */
  contextAssumed?: true;
  /** Parallel slots (llama-server's `total_slots`); null when the server does not tell. */
  slots: number | null;
  /** Round trip of the fastest answer, in ms. */
  latencyMs: number | null;
  error?: TranslateError;
}

function kindOf(props: GetResult, ownedBy: string | undefined, config: LlmConfig): ServerKind {
  if (props.ok && readProps(props.json)) return "llama-server";
  switch (ownedBy) {
    case "llamacpp":
      return "llama-server";
    case "library":
    case "ollama":
      return "ollama";
    case "organization_owner":
      return "lmstudio";
  }
  if (ownedBy !== undefined)
    return config.preset === "ollama" || config.preset === "lmstudio" ? config.preset : "openai-compatible";
  return "unknown";
}

/** The listed id the configured model names: itself, or on Ollama the id it resolves to. */
function listedAs(wanted: string, ids: readonly string[], ollama: boolean): string | undefined {
  if (ids.includes(wanted)) return wanted;
  return ollama ? ids.find((id) => ollamaName(id) === ollamaName(wanted)) : undefined;
}

/** The first answer that tells the user what to fix, in order of how much it blocks. */
function blockingError(
  config: LlmConfig,
  results: GetResult[],
  url: string,
  timeoutMs = PROBE_TIMEOUT_MS,
): TranslateError | undefined {
  if (results.every((r) => r.status === 0)) {
    const refused = results.find((r) => "network" in r && r.refused);
    if (refused && "network" in refused) return errors.refused(config, refused.network);
    // A refused connection fails at once; a server that took it and says nothing (busy, stuck) lets every look
    // time out: starting it is then not the fix.
    if (results.every((r) => "network" in r && r.timedOut)) return errors.noAnswer(config, timeoutMs);
    const first = results[0];
    return errors.unreachable(config, first && "network" in first ? first.network : undefined);
  }
  for (const r of results) {
    if (r.status === 403 && !("network" in r) && !r.text.trim()) return errors.originRejected(config);
  }
  for (const r of results) if (r.status === 401 || r.status === 403) return errors.unauthorized(config, r.status);
  // Nothing but a proxy's page (a 502, a 503 page) where the server should answer: the server behind it is down, the
  // address is right.
  const gateway =
    results.every((r) => !r.ok) && results.find((r) => "text" in r && isGatewayDown(r.status, r.json, r.text));
  if (gateway && "text" in gateway)
    return errors.gateway(config, gateway.status, `HTTP ${gateway.status}: ${bodyText(gateway.text)}`);
  if (results.some((r) => r.status === 503)) return errors.loading(config, 0);
  // Not found only where every route answered: one that did not answer in time (a remote API's list of hundreds of
  // models) may well be there, and the server answered the others.
  if (!results.some((r) => r.ok || r.status === 0)) return errors.notFound(config, url);
  // Answered, but never in JSON and with a page: a captive portal, or another program on the port.
  const page = results.some((r) => r.ok && /^\s*</.test(r.text));
  if (page && !results.some((r) => r.ok && r.json !== undefined)) return errors.webPage(config, url);
  return undefined;
}

export async function probeServer(config: LlmConfig, transport: Transport = defaultTransport): Promise<ProbeResult> {
  const empty: ProbeResult = {
    ok: false,
    kind: "unknown",
    model: null,
    contextSize: null,
    slots: null,
    latencyMs: null,
  };
  const problem = configProblem({ ...config, model: config.model ?? "probe" });
  if (problem) return { ...empty, error: errors.badConfig(problem) };

  const [health, props, models] = await Promise.all([
    getJson(config, transport, healthUrl(config.baseUrl), PROBE_TIMEOUT_MS),
    getJson(config, transport, propsUrl(config.baseUrl), PROBE_TIMEOUT_MS),
    getJson(config, transport, modelsUrl(config.baseUrl), PROBE_TIMEOUT_MS),
  ]);
  const answered = [health, props, models].filter((r) => r.status !== 0);
  const latencyMs = answered.length ? Math.min(...answered.map((r) => r.ms)) : null;
  const list = models.ok ? readModels(models.json) : undefined;
  const info = props.ok ? readProps(props.json) : undefined;
  const kind = kindOf(props, list?.[0]?.ownedBy, config);
  const ids = list?.map((m) => m.id);
  const wanted = config.model?.trim();
  const listed = wanted && ids ? listedAs(wanted, ids, kind === "ollama" || config.preset === "ollama") : undefined;
  const model = listed ?? info?.model ?? ids?.[0] ?? null;

  let error = blockingError(config, [health, props, models], modelsUrl(config.baseUrl));
  // /props wants the key even where /health and /v1/models do not (llama-server --api-key).
  if (!error && props.status === 401) error = errors.unauthorized(config, 401);
  if (!error && wanted && ids && ids.length > 0 && !listed && kind !== "llama-server") {
    error = errors.notFound(config, modelsUrl(config.baseUrl), `model "${wanted}" not found`);
  }
  const listedContext = info?.contextSize ?? (list?.find((m) => m.id === model) ?? list?.[0])?.contextSize;
  // Ollama and LM Studio say it only in their own API; Ollama cuts a prompt longer than it without a word.
  const ownContext =
    !error && model && (kind === "ollama" || kind === "lmstudio")
      ? await loadedContext(config, transport, kind, model)
      : undefined;
  return {
    ok: !error,
    kind: error?.kind === "origin-rejected" && config.preset === "ollama" ? "ollama" : kind,
    model,
    models: ids,
    contextSize: listedContext ?? ownContext?.tokens ?? null,
    ...(!listedContext && ownContext?.assumed ? { contextAssumed: true as const } : {}),
    slots: info?.slots ?? null,
    latencyMs,
    error,
  };
}

const LIST_TIMEOUT_MS = 5_000;

/** Model ids from `/v1/models`, for the options page's picker. Throws LlmRequestError. */
export async function listModels(config: LlmConfig, transport: Transport = defaultTransport): Promise<string[]> {
  const url = modelsUrl(config.baseUrl);
  const res = await getJson(config, transport, url, LIST_TIMEOUT_MS);
  if (res.ok) {
    const list = readModels(res.json);
    if (list) return list.map((m) => m.id);
  }
  throw new LlmRequestError(
    blockingError(config, [res], url, LIST_TIMEOUT_MS) ?? errors.server(res.status, "unexpected /v1/models answer"),
  );
}
