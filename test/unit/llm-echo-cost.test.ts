// The echo check runs on every reply: a pattern of the whole source is built only for a reply that could hold it.
// Built for every passage (a long comment is hundreds of words, each pattern a new compile), it took about a
// millisecond a passage, a tenth of what a page's translation cost the extension's worker.
import { stripEcho } from "../../src/llm/echo";

const SOURCE = "Ich denke, dass die Bahn in den letzten Jahren immer unpünktlicher geworden ist. ".repeat(5).trim();
const TRANSLATION = "I think the railway has become less and less punctual in recent years. ".repeat(5).trim();

/** Runs `fn`, counting the patterns built (`new RegExp`) that hold `word`. */
function patternsBuilt(word: string, fn: () => void): number {
  const Original = RegExp;
  let built = 0;
  globalThis.RegExp = new Proxy(Original, {
    construct(target, args: [string | RegExp, string?]) {
      if (String(args[0]).includes(word)) built++;
      return Reflect.construct(target, args) as RegExp;
    },
  });
  try {
    fn();
  } finally {
    globalThis.RegExp = Original;
  }
  return built;
}

it("builds no pattern of the source for a reply that does not hold it", () => {
  let kept = "";
  expect(patternsBuilt("unpünktlicher", () => (kept = stripEcho(TRANSLATION, SOURCE)))).toBe(0);
  expect(kept).toBe(TRANSLATION);
});

it("still drops the source written out before its translation", () => {
  let kept = "";
  expect(patternsBuilt("unpünktlicher", () => (kept = stripEcho(`${SOURCE}\n${TRANSLATION}`, SOURCE)))).toBe(1);
  expect(kept).toBe(TRANSLATION);
  // The same words, but not all of them in order: no echo.
  const shuffled = `${SOURCE.replace("Bahn", "Post")}\n${TRANSLATION}`;
  expect(stripEcho(shuffled, SOURCE)).toBe(shuffled);
});
