// The double follows the glossary Gloss puts in a prompt, as a well-behaved model would: a term it should keep stays
// as written, a term with a translation becomes that translation (the `ignore-glossary` fault makes it forget).
// Both prompt shapes are read: the full instructions' list and the one-line prompt's "Glossary:" line.
import { termPattern } from "../../src/shared/glossary";

export interface DoubleGlossaryEntry {
  term: string;
  /** undefined: keep as written. */
  translation?: string;
}

const LIST_LINE = /^- "([^"\n]+)": (?:always translate as "([^"\n]*)"|keep exactly as written)/gm;
const SHORT_LINE = /^Glossary: (.+)\.$/m;
const SHORT_ITEM = /^(?:translate "([^"]+)" as "([^"]*)"|keep "([^"]+)" as it is)$/;

export function glossaryOfPrompt(prompt: string): DoubleGlossaryEntry[] {
  const out: DoubleGlossaryEntry[] = [];
  for (const m of prompt.matchAll(LIST_LINE))
    out.push({ term: m[1]!, ...(m[2] !== undefined ? { translation: m[2] } : {}) });
  const short = SHORT_LINE.exec(prompt);
  for (const item of short ? short[1]!.split("; ") : []) {
    const m = SHORT_ITEM.exec(item);
    if (m?.[1]) out.push({ term: m[1], translation: m[2] ?? "" });
    else if (m?.[3]) out.push({ term: m[3] });
  }
  return out;
}

/**
 * Splits a text run at glossary terms: `translate` handles the text between them, terms come back kept or replaced.
 * Longer terms first, so "Deutsche Bahn" wins over "Bahn".
 */
export function applyGlossary(
  run: string,
  glossary: readonly DoubleGlossaryEntry[],
  translate: (text: string) => string,
): string {
  const entries = [...glossary].sort((a, b) => b.term.length - a.term.length);
  for (const entry of entries) {
    const m = termPattern(entry.term).exec(run);
    if (!m) continue;
    const before = run.slice(0, m.index);
    const after = run.slice(m.index + m[0].length);
    const term = entry.translation ?? m[0];
    return applyGlossary(before, glossary, translate) + term + applyGlossary(after, glossary, translate);
  }
  return translate(run);
}
