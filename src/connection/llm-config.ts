import type { LlmConfig } from "../llm";
import type { Settings } from "../shared/settings";

/** The part of the settings that decides where and how requests go. */
export function llmConfigFrom(settings: Settings): LlmConfig {
  return {
    preset: settings.preset,
    baseUrl: settings.baseUrl,
    ...(settings.apiKey ? { apiKey: settings.apiKey } : {}),
    ...(settings.model ? { model: settings.model } : {}),
    stallTimeoutMs: settings.stallTimeoutSec * 1000,
    instructionsInSystem: settings.instructionsInSystem,
    ...(settings.maxConcurrent > 0 ? { maxConcurrent: settings.maxConcurrent } : {}),
  };
}
