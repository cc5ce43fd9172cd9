// Chinese, Japanese or Korean writing in a reply whose page and reader use none of it: Qwen's known slip into Chinese
// mid-sentence ("…in a calm tone, but显得有些拘谨。", QwenLM/Qwen3 #1253; "the system of科技awards", QwenLM/Qwen #705)
// or a whole reply in Chinese for a German reader. Shown, it is a sentence the reader cannot read.
import { primaryLang } from "../shared/languages";

interface Script {
  letters: RegExp;
  /** Languages written in it (primary subtags). */
  langs: ReadonlySet<string>;
}

const CHINESE = ["zh", "yue", "wuu", "cmn", "nan", "hak", "gan", "lzh"];
const SCRIPTS: readonly Script[] = [
  // Japanese writes Han too, and Korean may (hanja).
  { letters: /\p{Script=Han}/gu, langs: new Set([...CHINESE, "ja", "ko"]) },
  { letters: /[\p{Script=Hiragana}\p{Script=Katakana}]/gu, langs: new Set(["ja"]) },
  { letters: /\p{Script=Hangul}/gu, langs: new Set(["ko"]) },
];

/**
 * The characters of the reply in a script that neither the source text nor the target language writes, or "" when
 * there are none. A page that holds the script itself (a name in Chinese) may have it in its translation too.
 */
export function foreignScript(sourceText: string, replyText: string, targetLang: string): string {
  const target = primaryLang(targetLang);
  for (const script of SCRIPTS) {
    if (script.langs.has(target)) continue;
    if (sourceText.search(script.letters) >= 0) continue;
    const found = replyText.match(script.letters);
    if (found) return found.join("");
  }
  return "";
}
