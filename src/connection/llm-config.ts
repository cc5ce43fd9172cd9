import type { LlmConfig } from "../llm";
import { apiKeyFor, type Settings } from "../shared/settings";

/** The part of the settings that decides where and how requests go. The key goes only to the address it is for. */
export function llmConfigFrom(settings: Settings): LlmConfig {
  const apiKey = apiKeyFor(settings);
  return {
    preset: settings.preset,
    baseUrl: settings.baseUrl,
    ...(apiKey ? { apiKey } : {}),
    ...(settings.model ? { model: settings.model } : {}),
    stallTimeoutMs: settings.stallTimeoutSec * 1000,
    instructionsInSystem: settings.instructionsInSystem,
    ...(settings.maxConcurrent > 0 ? { maxConcurrent: settings.maxConcurrent } : {}),
  };
}

/** Which server configuration facts and model checks belong to: the address, the model asked for and the preset. */
export function serverConfigId(settings: Settings): string {
  const config = llmConfigFrom(settings);
  return JSON.stringify({ baseUrl: config.baseUrl, model: config.model ?? "", preset: config.preset });
}
