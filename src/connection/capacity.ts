// How much to send at once, from what the server says about itself.
import { promptOverheadTokens } from "../llm/request-body";
import { replyRatio } from "../shared/reply-ratio";
import type { TranslationRules } from "../shared/translation-rules";

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
 * the first request: prompt + source + ratio × source ≤ context, with the prompt the translator builds for that target
 * and the reader's `rules` and the ratio its check before asking allows (shared/reply-ratio.ts, llm/request-body.ts
 * tooBig), so that a batch filled to the limit is never split there. Counted in characters weighed by script (a
 * Chinese, Japanese or Korean one as about 3: core/schedule/weighted-length.ts). Into English, a slot of 512 tokens
 * (llama-server -c 2048 -np 4) takes 165, one of 1,024 tokens 780; from about 1,650 tokens, the cap. Into Greek,
 * whose prompt has no worked example, 1,024 tokens take 587.
 */
export function batchCharsFor(
  contextSize: number | null | undefined,
  targetLang: string,
  rules?: TranslationRules,
): number {
  if (!contextSize) return MAX_BATCH_CHARS;
  const sourceTokens = (contextSize - promptOverheadTokens(targetLang, rules)) / (1 + replyRatio(targetLang));
  return Math.max(MIN_BATCH_CHARS, Math.min(MAX_BATCH_CHARS, Math.floor(sourceTokens * CHARS_PER_TOKEN)));
}
