// A cheap token estimate (no tokenizer in the extension). It errs high so budgets stay inside the context:
// Gemma's tokenizer averages ~4 characters per token on European text and ~1 per CJK character.

const WIDE = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u0e00-\u0e7f]/g;

export function estimateTokens(text: string): number {
  const wide = text.match(WIDE)?.length ?? 0;
  return Math.ceil(wide + (text.length - wide) / 3.2);
}
