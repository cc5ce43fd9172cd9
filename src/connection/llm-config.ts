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
  return configIdOf(llmConfigFrom(settings));
}

/** The same, for a configuration already made (the writing model's has its own facts). */
export function configIdOf(config: LlmConfig): string {
  return JSON.stringify({ baseUrl: config.baseUrl, model: config.model ?? "", preset: config.preset });
}

/**
 * The configuration for translating what the user writes: the same server, with the writing model when one is set.
 * That model is sent even to llama-server, whose router mode loads the model a request names.
 */
export function writingConfigFrom(settings: Settings): LlmConfig {
  const config = llmConfigFrom(settings);
  const model = settings.writingModel.trim();
  return model ? { ...config, model, alwaysSendModel: true } : config;
}
