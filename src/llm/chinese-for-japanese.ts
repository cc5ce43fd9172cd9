// A reply in Chinese for a Japanese reader: both write Han, so foreign-script.ts lets it through, and Qwen answers a
// Japanese target in Chinese, whole or from one sentence on. Japanese text without kana is a headline ("日米首脳会談",
// "東京都知事選挙結果発表"), and its characters are Japanese forms; Chinese is told apart by forms Japanese never writes,
// simplified or traditional (chinese-only-forms.ts).
import { primaryLang } from "../shared/languages";
import { CHINESE_ONLY } from "./chinese-only-forms";

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/gu;
/** Where a sentence ends, in either language's punctuation, or a line does. */
const SENTENCE_END = /(?<=[。！？!?；;])|\n/;
/** Fewer Han characters than this is a name or a word, not a sentence in the wrong language. */
const MIN_HAN = 6;
/** Chinese-only characters it takes (not in the source): one may be a Chinese name quoted as the page wrote it. */
const MIN_CHINESE = 2;

/**
 * The Chinese-only characters of a reply to a Japanese reader written in Chinese, or "" when it is not. Judged on the
 * sentences without kana: a Japanese sentence may stand before a Chinese one ("皆さん、おはようございます。会议九点开始。").
 */
export function chineseForJapanese(sourceText: string, replyText: string, targetLang: string): string {
  if (primaryLang(targetLang) !== "ja") return "";
  const kanaless = replyText.split(SENTENCE_END).filter((sentence) => !KANA.test(sentence));
  const han = kanaless.join("").match(HAN) ?? [];
  if (han.length < MIN_HAN) return "";
  const chinese = han.filter((c) => CHINESE_ONLY.has(c) && !sourceText.includes(c));
  return chinese.length >= MIN_CHINESE ? chinese.join("") : "";
}
