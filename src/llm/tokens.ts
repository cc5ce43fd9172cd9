// A cheap token estimate (no tokenizer in the extension). It errs high so budgets stay inside the context:
// Gemma's tokenizer averages ~4 characters per token on European text and ~1 per CJK character.

import { wideCount } from "../shared/wide-script";

export function estimateTokens(text: string): number {
  const wide = wideCount(text);
  return Math.ceil(wide + (text.length - wide) / 3.2);
}
