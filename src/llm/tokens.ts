// A cheap token estimate (no tokenizer in the extension). It errs high so budgets stay inside the context:
// Gemma's tokenizer averages ~4 characters per token on European text, ~1 per Han or Hangul character, and the
// other scripts in between (shared/script-weight.ts).

import { weightedLength } from "../shared/script-weight";

export function estimateTokens(text: string): number {
  return Math.ceil(weightedLength(text) / 3.2);
}
