// Server presets and URL building. Users paste base URLs in every shape (`…:8080`, `…:11434/v1/`,
// `…/v1/chat/completions`); all of them must lead to the same endpoints.

import { PRESET_BASE_URLS, PRESET_LABELS, type ServerPreset } from "../shared/settings";

export type PresetName = ServerPreset;

export interface LlmConfig {
  preset: PresetName;
  /** Server address, with or without `/v1` and trailing slashes. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer <key>` when set. */
  apiKey?: string;
  /** Model id; required by Ollama, LM Studio and most remote APIs, ignored by llama-server. */
  model?: string;
  /** Send `model` to every server, llama-server included (its router mode loads the model a request names). */
  alwaysSendModel?: boolean;
  /** Whole-request limit in ms (default 300 000: a long batch on a CPU-only 2B model takes minutes). */
  timeoutMs?: number;
  /** Abort when no byte arrives for this long in ms (default 45 000, above llama-server's 30 s SSE ping). */
  stallTimeoutMs?: number;
  /** Put the instructions in a system message instead of the user turn (Gemma-2 has no system role). */
  instructionsInSystem?: boolean;
  /** Requests in flight at once for this translator; default: llama-server's `total_slots`, else 1. */
  maxConcurrent?: number;
  /** Every request with the full instructions and markers, never the one-line prompt (the connection test's sample:
   * a page's requests mostly go so, and a server can refuse that form while it takes the one-line one). */
  alwaysInstructed?: boolean;
  /** How long to wait for a loading model (503) before giving up, in ms (default 120 000). */
  loadingTimeoutMs?: number;
}

export interface Preset {
  name: PresetName;
  label: string;
  /** Default base URL ("" for custom: the user must enter one). */
  baseUrl: string;
  /** Whether requests must name a model. */
  requiresModel: boolean;
  /** Whether to send llama.cpp's `cache_prompt: true` (other APIs may reject unknown fields). */
  cachePrompt: boolean;
  /** Whether to ask for `stream_options.include_usage` (llama-server reports `timings` without it). */
  includeUsage: boolean;
  /** Whether `/props` exists and tells the slot count and context size. */
  hasProps: boolean;
  /**
   * Body fields that ask the server not to let a thinking model (Qwen3 and the like) reason before it answers: the
   * reasoning would spend the reply's token limit and the reader's time on text nobody sees. Only where the server
   * documents the field; a strict OpenAI-style server refuses fields it does not know.
   */
  thinkingOff?: Readonly<Record<string, unknown>>;
}

export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  "llama-server": {
    name: "llama-server",
    label: PRESET_LABELS["llama-server"],
    baseUrl: PRESET_BASE_URLS["llama-server"],
    requiresModel: false,
    cachePrompt: true,
    includeUsage: false,
    hasProps: true,
    // Per request, over the server's own --chat-template-kwargs / --reasoning; a template without the switch
    // ignores it.
    thinkingOff: { chat_template_kwargs: { enable_thinking: false } },
  },
  ollama: {
    name: "ollama",
    label: PRESET_LABELS["ollama"],
    baseUrl: PRESET_BASE_URLS["ollama"],
    requiresModel: true,
    cachePrompt: false,
    includeUsage: true,
    hasProps: false,
    // Ollama turns thinking on by default for a model that can think; "none" is its OpenAI route's way to say
    // think=false (a model that cannot think takes it too).
    thinkingOff: { reasoning_effort: "none" },
  },
  lmstudio: {
    name: "lmstudio",
    label: PRESET_LABELS["lmstudio"],
    baseUrl: PRESET_BASE_URLS["lmstudio"],
    requiresModel: true,
    cachePrompt: false,
    includeUsage: true,
    hasProps: false,
  },
  custom: {
    name: "custom",
    label: PRESET_LABELS["custom"],
    baseUrl: PRESET_BASE_URLS["custom"],
    requiresModel: true,
    cachePrompt: false,
    includeUsage: true,
    // Might be llama-server behind another name; a 404 on /props is cheap.
    hasProps: true,
  },
};

export function presetOf(config: LlmConfig): Preset {
  return PRESETS[config.preset] ?? PRESETS.custom;
}

/** `http://h:1/v1/chat/completions/` → `http://h:1/v1`; `http://h:1` → `http://h:1/v1`. */
export function apiBaseUrl(baseUrl: string): string {
  let base = baseUrl.trim().replace(/\/+$/, "");
  base = base.replace(/\/chat\/completions$/, "").replace(/\/models$/, "");
  return /\/v1$/.test(base) ? base : `${base}/v1`;
}

/** The server root, where llama-server has `/health` and `/props`: the base without a trailing `/v1`. */
export function serverRootUrl(baseUrl: string): string {
  return apiBaseUrl(baseUrl).replace(/\/v1$/, "");
}

export const chatCompletionsUrl = (baseUrl: string): string => `${apiBaseUrl(baseUrl)}/chat/completions`;
export const modelsUrl = (baseUrl: string): string => `${apiBaseUrl(baseUrl)}/models`;
export const healthUrl = (baseUrl: string): string => `${serverRootUrl(baseUrl)}/health`;
export const propsUrl = (baseUrl: string): string => `${serverRootUrl(baseUrl)}/props`;

/** Checks the settings before any request; a message for the user, or undefined when usable. */
export function configProblem(config: LlmConfig): string | undefined {
  if (!config.baseUrl.trim()) return "No server address is set.";
  let url: URL;
  try {
    url = new URL(apiBaseUrl(config.baseUrl));
  } catch {
    return `The server address "${config.baseUrl}" is not a valid URL.`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `The server address must start with http:// or https:// (got "${config.baseUrl}").`;
  }
  if (presetOf(config).requiresModel && config.preset !== "custom" && !config.model?.trim()) {
    return `${presetOf(config).label} needs a model name.`;
  }
  return undefined;
}

export function authHeaders(config: LlmConfig): Record<string, string> {
  const key = config.apiKey?.trim();
  return key ? { Authorization: `Bearer ${key}` } : {};
}
