// How much to send at once, from what the server says about itself.
import { replyRatio } from "../shared/reply-ratio";

/**
 * The prompt without its segments, in tokens as the translator estimates them (llm/tokens.ts): the instructions
 * with the longest worked example (364, into Japanese) and the chat template (16), rounded up.
 */
const PROMPT_TOKENS = 390;
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
 * A batch must fit the server's per-slot context with the instructions and room for the reply into `targetLang`, from
 * the first request: prompt + source + ratio × source ≤ context, with the ratio the translator's check before asking
 * allows (shared/reply-ratio.ts, llm/request-body.ts tooBig), so that a batch filled to the limit is never split
 * there. Counted in characters weighed by script (a Chinese, Japanese or Korean one as about 3:
 * core/schedule/weighted-length.ts). Into English, a slot of 512 tokens (llama-server -c 2048 -np 4) takes 146, one of
 * 1,024 tokens 760; from about 1,650 tokens, the cap. Into Greek, 1,024 tokens take 507.
 */
export function batchCharsFor(contextSize: number | null | undefined, targetLang: string): number {
  if (!contextSize) return MAX_BATCH_CHARS;
  const sourceTokens = (contextSize - PROMPT_TOKENS) / (1 + replyRatio(targetLang));
  return Math.max(MIN_BATCH_CHARS, Math.min(MAX_BATCH_CHARS, Math.floor(sourceTokens * CHARS_PER_TOKEN)));
}
