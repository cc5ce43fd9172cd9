// A chat reply's token counts and timings, as the server reports them in its chunks (llama-server's `timings`,
// OpenAI's `usage`), and its speed measured on the stream where the server counts tokens but sends no timings.
import type { LlmStats } from "./client";

export function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

export function statsFrom(chunk: Record<string, unknown>, stats: LlmStats): void {
  const t = chunk.timings as Record<string, unknown> | undefined;
  if (t && typeof t === "object") {
    const cache = num(t.cache_n);
    const prompt = num(t.prompt_n);
    stats.cachedTokens = cache ?? stats.cachedTokens;
    if (prompt !== undefined) stats.promptTokens = prompt + (cache ?? 0);
    stats.completionTokens = num(t.predicted_n) ?? stats.completionTokens;
    stats.promptMs = num(t.prompt_ms) ?? stats.promptMs;
    stats.predictedMs = num(t.predicted_ms) ?? stats.predictedMs;
    stats.tokensPerSecond = num(t.predicted_per_second) ?? stats.tokensPerSecond;
  }
  const u = chunk.usage as Record<string, unknown> | undefined;
  if (u && typeof u === "object") {
    stats.promptTokens = num(u.prompt_tokens) ?? stats.promptTokens;
    stats.completionTokens = num(u.completion_tokens) ?? stats.completionTokens;
    const details = u.prompt_tokens_details as Record<string, unknown> | undefined;
    stats.cachedTokens = num(details?.cached_tokens) ?? stats.cachedTokens;
    const completion = u.completion_tokens_details as Record<string, unknown> | undefined;
    const reasoning = num(completion?.reasoning_tokens);
    if (reasoning) stats.reasoningTokens = reasoning;
  }
}

/**
 * Tokens a second where the server counted the reply's tokens but sent no timings (Ollama, LM Studio and remote
 * APIs send `usage` alone): the tokens after the first, over the time from the first to the end of the stream.
 * `firstTokenMs` is when the first reasoning or content arrived, from sending.
 */
export function streamedSpeed(stats: LlmStats, firstTokenMs: number | undefined): number | undefined {
  if (stats.tokensPerSecond !== undefined) return stats.tokensPerSecond;
  if (firstTokenMs === undefined || stats.completionTokens === undefined) return undefined;
  // Reasoning the server counted but did not stream came before the first token seen.
  const unseen = stats.reasoningChars ? 0 : (stats.reasoningTokens ?? 0);
  const after = stats.completionTokens - unseen - 1;
  const ms = stats.durationMs - firstTokenMs;
  return after > 0 && ms > 0 ? (after * 1000) / ms : undefined;
}
