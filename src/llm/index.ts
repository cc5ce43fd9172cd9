// Public API of the server link. Everything else in src/llm is internal.
import { escapeText, htmlToText } from "../shared/html-text";
import type { TranslationRules } from "../shared/translation-rules";
import { isSegmentError } from "../shared/translator";
import type { Transport } from "./client";
import { errors, LlmRequestError } from "./errors";
import type { LlmConfig } from "./presets";
import { createLlmTranslator, type LlmHooks } from "./translator";

export { createLlmTranslator, defaultTransport } from "./translator";
export type { LlmHooks, LlmStatus, LlmTranslator } from "./translator";
export { listModels, probeServer } from "./probe";
export type { ProbeResult, ServerKind } from "./probe";
export {
  apiBaseUrl,
  chatCompletionsUrl,
  configProblem,
  healthUrl,
  modelsUrl,
  PRESETS,
  propsUrl,
  serverRootUrl,
} from "./presets";
export type { LlmConfig, Preset, PresetName } from "./presets";
export type { LlmStats, Transport } from "./client";
export { PROMPT_VERSION } from "./prompt";
export { contextTooSmall } from "./request-body";
export { LlmRequestError } from "./errors";
export { RequestRefusedError } from "./refused";

/**
 * Translates plain text (the options page's sample translation). Resolves with the translated text; throws
 * LlmRequestError with a typed error. Pass `hooks.onStats` to get tokens/s.
 * It goes in the form a page's requests take (the full instructions, in a system message where the settings say so,
 * the markers, the reader's `rules`), not the one-line prompt a short text would get: a chat template that refuses a system message takes
 * the one-line prompt, so a sample sent that way passed while every page failed.
 */
export async function translateText(
  config: LlmConfig,
  text: string,
  targetLang: string,
  transport?: Transport,
  hooks?: LlmHooks & { signal?: AbortSignal; sourceLang?: string; rules?: TranslationRules },
): Promise<string> {
  const translator = createLlmTranslator({ ...config, maxConcurrent: 1, alwaysInstructed: true }, transport, hooks);
  const signal = hooks?.signal ?? new AbortController().signal;
  const { sourceLang, rules } = hooks ?? {};
  const opts = { targetLang, signal, ...(sourceLang ? { sourceLang } : {}), ...(rules ? { rules } : {}) };
  for await (const result of translator([{ id: "sample", html: escapeText(text) }], opts)) {
    if (isSegmentError(result)) throw new LlmRequestError(result.error);
    return htmlToText(result.html);
  }
  throw new LlmRequestError(signal.aborted ? errors.aborted() : errors.server(undefined, "no result"));
}
