// Simplified or Traditional Chinese, from the characters. Detectors answer "zh" for both (tinyld) or guess a region,
// and a reader who picked Traditional Chinese must not be left a Simplified page as "already in Chinese" (nor the
// reverse). Most characters are written alike in both; these common ones are not.

// Simplified form, then Traditional form; neither script uses the other's form for the same word.
// prettier-ignore
const PAIRS = [
  "这這", "个個", "们們", "说說", "时時", "会會", "国國", "来來", "对對", "为為", "发發", "经經", "过過", "还還",
  "没沒", "学學", "么麼", "现現", "问問", "点點", "开開", "关關", "长長", "见見", "东東", "车車", "门門", "无無",
  "与與", "动動", "话話", "买買", "卖賣", "让讓", "认認", "样樣", "实實", "进進", "种種", "从從", "头頭", "两兩",
  "业業", "电電", "钱錢", "间間", "题題", "应應", "该該", "边邊", "听聽", "写寫", "读讀", "难難", "机機", "体體",
  "员員", "书書", "岁歲", "爱愛", "号號", "网網", "视視", "观觀", "页頁", "众眾", "图圖", "热熱", "华華", "飞飛",
  "处處", "条條", "场場", "报報", "较較", "统統", "际際", "区區", "军軍", "农農", "战戰", "论論", "给給", "吗嗎",
  "谁誰", "请請", "谢謝", "觉覺", "办辦", "将將", "当當", "层層", "语語", "气氣", "万萬", "张張", "历歷", "选選",
];
const SIMPLIFIED = new Set(PAIRS.map((pair) => pair[0]));
const TRADITIONAL = new Set(PAIRS.map((pair) => pair[1]));

export type ChineseScript = "Hans" | "Hant";

/** The script a Chinese text is written in, or undefined when its characters do not tell (or mix both). */
export function chineseScriptOf(text: string): ChineseScript | undefined {
  let simplified = 0;
  let traditional = 0;
  for (const char of text) {
    if (SIMPLIFIED.has(char)) simplified++;
    else if (TRADITIONAL.has(char)) traditional++;
  }
  // A quoted name in the other script does not decide: one side must clearly dominate.
  if (simplified > 3 * traditional) return "Hans";
  if (traditional > 3 * simplified) return "Hant";
  return undefined;
}

/** The script a Chinese language tag names ("zh-Hant", "zh-TW" → Hant; "zh-CN" → Hans), undefined when it does not. */
export function chineseScriptOfTag(tag: string): ChineseScript | undefined {
  const [primary, ...rest] = tag.trim().toLowerCase().split(/[-_]/);
  if (primary !== "zh") return undefined;
  if (rest.includes("hant")) return "Hant";
  if (rest.includes("hans")) return "Hans";
  if (rest.some((part) => part === "tw" || part === "hk" || part === "mo")) return "Hant";
  if (rest.some((part) => part === "cn" || part === "sg" || part === "my")) return "Hans";
  return undefined;
}

/** A detected language, with Chinese as the text's characters write it ("zh-Hant") over a plain "zh" or a guessed
 * region. */
export function withChineseScript(lang: string | undefined, text: string): string | undefined {
  if (lang?.trim().toLowerCase().split(/[-_]/)[0] !== "zh") return lang;
  const script = chineseScriptOf(text);
  return script ? `zh-${script}` : lang;
}
