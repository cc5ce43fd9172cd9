// The room a reply needs, by the language it is written in: its tokens per token of its source as llm/tokens.ts
// estimates the source. Shared by the translator's check before asking (llm/request-body.ts) and the batch limit
// (connection/capacity.ts), so that a batch filled to the limit is neither split there nor cut short in its reply.
import { primaryLang } from "./languages";

/**
 * From Gemma's tokens on the same two texts in ten languages (test/unit/reply-room.test.ts), the most any source
 * needed, a tenth or so above it: Greek 2.50, Hindi 1.85, Arabic and Thai 1.67, Korean 1.60, each from a Chinese
 * source (whose estimate is close to its tokens; a Latin source's errs high: into Greek 1.71). Hebrew, Tamil and
 * Bengali, not measured, as Greek: their scripts weigh as much. Too low, the end of a full batch is cut off and asked
 * again alone; too high, the batches are smaller than the slot takes.
 */
const RATIOS: Readonly<Record<string, number>> = {
  el: 2.75,
  he: 2.75,
  ta: 2.75,
  bn: 2.75,
  hi: 2.05,
  mr: 2.05,
  ne: 2.05,
  ar: 1.85,
  fa: 1.85,
  ur: 1.85,
  th: 1.85,
  ko: 1.75,
};
/** Every other language: what all targets had before, more than Latin, Cyrillic, Chinese and Japanese need (1.04 into
 * English, 1.19 German, 1.38 Russian, 1.21 Japanese, 0.69 Chinese), so their batches are as large as they were. */
const DEFAULT_RATIO = 1.5;

/** Reply tokens to allow per estimated token of the source, for a reply into `targetLang`. */
export function replyRatio(targetLang: string): number {
  return RATIOS[primaryLang(targetLang)] ?? DEFAULT_RATIO;
}
