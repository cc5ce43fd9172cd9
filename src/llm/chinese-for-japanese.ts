// A reply in Chinese for a Japanese reader: both write Han, so foreign-script.ts lets it through, and Qwen answers a
// Japanese target in Chinese. Japanese text without kana is a headline ("日米首脳会談", "東京都知事選挙結果発表"), and its
// characters are Japanese forms; Chinese is told apart by simplified characters Japanese never writes.
import { primaryLang } from "../shared/languages";

/**
 * Simplified forms whose Japanese form differs (这 這, 们 們, 说 説, 对 対, 发 発, 时 時): none is a Japanese character.
 * Forms both share (会, 国, 来, 点, 学, 当, 没) and simplified forms that are also rare Japanese characters (云, 几, 干,
 * 后, 里, 机, 叶, 据) are left out.
 */
const SIMPLIFIED_ONLY = new Set(
  [
    "这们说对发时为吗过还进开关门问间见车东长书让从电话语现经给认识钱头两业议动员样题专师务产应该觉讨论边场报",
    "级线结约红纪组织统计设许词请读谁课谢运达远选鸟马鱼龙飞华买卖乐页顾预领风饭馆钟银铁错闻阳际陆队难离岁亲观规视贵",
    "费资质购赛转轻较连农义仅仓价优伤传钢历压厅县启员围园图坏块坚处备夺奋妇实层岛币帅带庆废张弹归录",
    "忆态总恶惊惯战执扩护择换损摄敌显杀权极构标树桥检欢汉汤济浓测满灵热爱环疗确积简类练续维罗职联脑节药营获虽",
    "补训记讲证评试详误调谈财责败货贸军轮软输邮闭阅阶陈险隐雾韩项须顺额驾验鲜鸡齐龄变",
  ].join(""),
);
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/gu;
/** Fewer Han characters than this is a name or a word, not a sentence in the wrong language. */
const MIN_HAN = 6;
/** Simplified characters it takes (not in the source): one may be a Chinese name quoted as the page wrote it. */
const MIN_SIMPLIFIED = 2;

/** The simplified characters of a reply to a Japanese reader written in Chinese, or "" when it is not. */
export function chineseForJapanese(sourceText: string, replyText: string, targetLang: string): string {
  if (primaryLang(targetLang) !== "ja" || KANA.test(replyText)) return "";
  const han = replyText.match(HAN) ?? [];
  if (han.length < MIN_HAN) return "";
  const simplified = han.filter((c) => SIMPLIFIED_ONLY.has(c) && !sourceText.includes(c));
  return simplified.length >= MIN_SIMPLIFIED ? simplified.join("") : "";
}
