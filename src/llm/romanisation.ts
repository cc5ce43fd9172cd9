// A romanisation the model put after a translation into a language not written in Latin letters: "大家早上好。(Dàjiā
// zǎoshang hǎo.)", "Доброе утро всем. (Dobroye utro vsem.)". Gemma and Llama add the pronunciation as if teaching
// the language; on the page it is a second sentence the reader did not ask for.

/** A bracketed remark at the very end, on the same line or its own. */
const LAST_BRACKETS = /\s*[(（]([^()（）]+)[)）]\s*$/u;
const LATIN = /\p{Script=Latin}/gu;
const LETTER = /\p{L}/gu;
const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;
const wordsOf = (text: string): string[] => text.toLowerCase().match(/\p{L}+/gu) ?? [];

/**
 * The reply without a romanisation at its end, or as it was: brackets the source does not have, holding Latin letters
 * only after text in another script, and none of the source's words (an English term kept in brackets, "机器学习
 * (machine learning)", is the page's and stays).
 */
export function stripRomanisation(reply: string, sourceText: string): string {
  const m = LAST_BRACKETS.exec(reply);
  if (!m) return reply;
  const inside = m[1] ?? "";
  const before = reply.slice(0, m.index);
  const letters = count(inside, LETTER);
  if (!letters || count(inside, LATIN) < letters) return reply;
  const beforeLetters = count(before, LETTER);
  if (!beforeLetters || count(before, LATIN) * 2 > beforeLetters) return reply;
  if (count(reply, /[(（]/g) <= count(sourceText, /[(（]/g)) return reply;
  const sourceWords = new Set(wordsOf(sourceText));
  return wordsOf(inside).some((w) => sourceWords.has(w)) ? reply : before.trimEnd();
}
