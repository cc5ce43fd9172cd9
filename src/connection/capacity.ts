// How much to send at once, from what the server says about itself.

/**
 * The prompt without its segments, in tokens as the translator estimates them (llm/tokens.ts): the instructions
 * with the longest worked example (364, into Japanese) and the chat template (16), rounded up.
 */
const PROMPT_TOKENS = 390;
/** Room for the reply, per token of source: what the translator's check before asking allows (llm/request-body.ts
 * tooBig), so that a batch filled to the limit is never split there. */
const REPLY_PER_SOURCE_TOKEN = 1.5;
/** Characters a token: 3.2 as the estimate counts them, less the marker that numbers each segment in the prompt
 * and again in the reply (a few per cent for segments of about 90 characters). */
const CHARS_PER_TOKEN = 3;
/** Larger batches only delay the last passages of each request (bench/page.ts), and the page engine already splits
 * the viewport over the free slots. */
const MAX_BATCH_CHARS = 1500;
/** A sentence: the least a long text is cut into. A slot that cannot hold the instructions and a sentence with its
 * reply cannot take a batch at all; the server's refusal then says to give it more context. */
const MIN_BATCH_CHARS = 100;

/**
 * A batch must fit the server's per-slot context with the instructions and room for the reply, from the first
 * request: prompt + source + 1.5 × source ≤ context. Counted in characters weighed by script (a Chinese, Japanese or
 * Korean one as about 3: core/schedule/weighted-length.ts). A slot of 512 tokens (llama-server -c 2048 -np 4) takes
 * 146, one of 1,024 tokens 760; from about 1,650 tokens, the cap.
 */
export function batchCharsFor(contextSize: number | null | undefined): number {
  if (!contextSize) return MAX_BATCH_CHARS;
  const sourceTokens = (contextSize - PROMPT_TOKENS) / (1 + REPLY_PER_SOURCE_TOKEN);
  return Math.max(MIN_BATCH_CHARS, Math.min(MAX_BATCH_CHARS, Math.floor(sourceTokens * CHARS_PER_TOKEN)));
}
