// Han characters Chinese writes and Japanese does not: what tells a Chinese reply from a Japanese one, both in Han.

/**
 * Simplified forms whose Japanese form differs (这 這, 们 們, 说 説, 对 対, 发 発, 时 時): none is a Japanese character.
 * Forms both share (会, 国, 来, 点, 学, 当, 没) and simplified forms that are also rare Japanese characters (云, 几, 干,
 * 后, 里, 机, 叶, 据) are left out.
 */
const SIMPLIFIED = [
  "这们说对发时为吗过还进开关门问间见车东长书让从电话语现经给认识钱头两业议动员样题专师务产应该觉讨论边场报",
  "级线结约红纪组织统计设许词请读谁课谢运达远选鸟马鱼龙飞华买卖乐页顾预领风饭馆钟银铁错闻阳际陆队难离岁亲观规视贵",
  "费资质购赛转轻较连农义仅仓价优伤传钢历压厅县启员围园图坏块坚处备夺奋妇实层岛币帅带庆废张弹归录",
  "忆态总恶惊惯战执扩护择换损摄敌显杀权极构标树桥检欢汉汤济浓测满灵热爱环疗确积简类练续维罗职联脑节药营获虽",
  "补训记讲证评试详误调谈财责败货贸军轮软输邮闭阅阶陈险隐雾韩项须顺额驾验鲜鸡齐龄变",
];

/**
 * Traditional forms where Japanese writes its own simpler form (說 説, 對 対, 發 発, 會 会, 點 点, 內 内, 值 値, 檔 and
 * 們 嗎 您 她 it has no use for). Old forms that Japanese names and signs keep are left out: 國 學 (國學院大學), 應 (慶應),
 * 邊 (渡邊), 讀 賣 (讀賣), 實 兒 團 龜 廣 與 鐵 樂 醫; so are 這 (這う), 為 (為替), 還 (返還), 於, 燈, 裡, 麵, 讚, 個, 儲.
 */
const TRADITIONAL = [
  "們嗎麼您妳她說對發會來點當沒經關讓從錢兩樣專產覺歲觀變圖擴數斷氣價體聽譯處號藥險雙雜靜顯驗驛黨齒齡內稅脫閱銳",
  "值戰爭區歐總傳圍據擇壓權歡勞營獨畫聲觸證轉輕辭鄉隨顏麥眾碼檔參屬檢將聯戲腦錄單匯稱簽啟隱裝舉釋狀礙",
];

export const CHINESE_ONLY: ReadonlySet<string> = new Set([...SIMPLIFIED, ...TRADITIONAL].join(""));
