// What small models (Gemma-2/3, Qwen2.5/3, Llama-3.2, Phi) send back around or instead of a translation, as public
// reports show it, against the reply checks: the reader gets the translation alone where it is sound, and the
// original (with the reason named) where it is not.
import { createLlmTranslator } from "../../src/llm";
import { checkReply } from "../../src/llm/validate";
import type { Segment } from "../../src/shared/translator";
import { collect, llamaConfig, outcome, scripted } from "../helpers/llm-harness";

/** What the page gets for a raw reply: the translation written in, or why it was refused. */
const judge = (targetLang: string, source: string, reply: string, sourceLang?: string): string => {
  const v = checkReply(source, reply, { targetLang, ...(sourceLang ? { sourceLang } : {}) });
  return v.ok ? v.html : `rejected: ${v.reason}`;
};

const MEETING_EN = "Good morning, everyone. The meeting starts at nine.";
const MEETING_DE = "Guten Morgen zusammen. Das Treffen beginnt um neun.";

/** What the page shows for MEETING_EN when the server sends `replies` one request after another, and how many it took. */
async function shownFor(targetLang: string, replies: string[]): Promise<{ shown: string; asked: number }> {
  const { transport, asked } = scripted(replies);
  const results = await collect(
    createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport),
    [{ id: "p1", html: MEETING_EN }],
    { targetLang },
  );
  const r = results.get("p1");
  return { shown: r && "html" in r ? r.html : JSON.stringify(outcome(results)), asked: asked() };
}

describe("Chinese, Japanese or Korean the page and the reader do not use is never shown", () => {
  test.each([
    // Qwen slipping into Chinese mid-sentence (QwenLM/Qwen #705, QwenLM/Qwen3 #1253).
    [
      "en",
      "Er erklärt den Inhalt ruhig, wirkt aber etwas verlegen.",
      "He explains the content calmly, but显得有些拘谨。",
    ],
    ["en", "Wir müssen das System der Technikpreise verbessern.", "We must improve the system of科技awards."],
    // A whole reply in Chinese for a German reader.
    ["de", MEETING_EN, "早上好，大家。会议九点开始。"],
    ["fr", MEETING_EN, "皆さん、おはようございます。会議は9時に始まります。"],
    ["de", MEETING_EN, "여러분 좋은 아침입니다. 회의는 9시에 시작합니다."],
  ])("%s: %s → %s", (target, source, reply) => {
    expect(judge(target, source, reply)).toBe("rejected: wrong-language");
  });

  test.each([
    // The reader's own script.
    ["zh", MEETING_EN, "大家早上好。会议九点开始。"],
    ["ja", MEETING_EN, "皆さん、おはようございます。会議は9時に始まります。"],
    ["ko", MEETING_EN, "여러분 좋은 아침입니다. 회의는 9시에 시작합니다."],
    // The page's own: a name in Chinese stays in its translation.
    ["de", "We had dinner at 北京饭店 last night.", "Wir haben gestern Abend im 北京饭店 gegessen."],
    ["en", "東京へようこそ", "Welcome to Tokyo"],
    // Full-width punctuation alone is no writing.
    ["de", "Hello (again)!", "Hallo （nochmal）！"],
  ])("%s: %s → %s is kept", (target, source, reply) => {
    expect(judge(target, source, reply)).toBe(reply);
  });
});

describe("a reply in English for a reader whose language has a script of its own is never shown", () => {
  const MEETING_FR = "Bonjour à tous. La réunion commence à neuf heures.";
  test.each([
    ["ru", MEETING_DE],
    ["ja", MEETING_DE],
    ["ar", MEETING_FR],
    ["zh", MEETING_FR],
    ["el", MEETING_DE],
  ])("%s from %j", (target, source) => {
    expect(judge(target, source, "Good morning, everyone. The meeting starts at nine.")).toBe(
      "rejected: wrong-language",
    );
  });

  test.each([
    // The reader's script, with the page's names in Latin letters.
    ["ru", "Wir nutzen GitHub Copilot Chat in der Firma.", "Мы используем GitHub Copilot Chat в компании."],
    // Names alone, and a short text, stay as the page wrote them.
    ["ja", "Release notes for Gloss 2.1", "Release notes for Gloss 2.1"],
    ["ja", "Guten Morgen!", "Good morning!"],
    // The page's own language when it is not English: judged as left untranslated, or not at all.
    ["ru", MEETING_DE, MEETING_DE],
  ])("%s: %j → %j is no English answer", (target, source, reply) => {
    expect(judge(target, source, reply)).not.toBe("rejected: wrong-language");
  });

  test("through the translator: asked again, the reply in Russian is shown", async () => {
    const ru = "Доброе утро всем. Встреча начинается в девять.";
    const { transport, asked } = scripted([MEETING_EN, ru]);
    const segs: Segment[] = [{ id: "p1", html: MEETING_DE }];
    const results = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), segs, {
      targetLang: "ru",
    });
    expect(results.get("p1")).toEqual({ id: "p1", html: ru });
    expect(asked()).toBe(2);
  });
});

describe("the source written back before its translation is dropped", () => {
  test.each([
    // Gemma-3 4B echoing the original (babarot/oksskolten #110), on a line of its own or with an arrow.
    [`${MEETING_EN}\n${MEETING_DE}`],
    [`${MEETING_EN}\n\n${MEETING_DE}`],
    [`${MEETING_EN} → ${MEETING_DE}`],
    [`${MEETING_EN} - ${MEETING_DE}`],
    // With a label before the translation.
    [`${MEETING_EN}\n\nTranslation: ${MEETING_DE}`],
    [`${MEETING_EN}\nÜbersetzung: ${MEETING_DE}`],
  ])("%j", (reply) => {
    expect(judge("de", MEETING_EN, reply)).toBe(MEETING_DE);
  });

  test("with its tags", () => {
    const source = "Read the <b1>full article</b1> here.";
    expect(judge("de", source, `${source}\nLesen Sie den <b1>ganzen Artikel</b1> hier.`)).toBe(
      "Lesen Sie den <b1>ganzen Artikel</b1> hier.",
    );
  });

  test.each([
    // A name or a short title stays as it is, and what follows is the model's (a note), never its translation.
    ["en", "Tagesschau", "Tagesschau\nDaily News"],
    ["en", "Berliner Philharmoniker", "Berliner Philharmoniker - Berlin Philharmonic"],
    ["de", "Breathless through the night", "Breathless through the night\n(Song von Helene Fischer)"],
    // A translation whose lines are the source's own.
    ["de", "Line one\nLine two", "Zeile eins\nZeile zwei"],
  ])("%s: %j → %j is not an echo", (target, source, reply) => {
    expect(judge(target, source, reply)).toBe(reply);
  });
});

describe("the model's notes after the translation are dropped, as it labels them", () => {
  test.each([
    [" (Translation notes: informal register kept.)"],
    ["\n\n(Translation notes: informal register kept.)"],
    ['\n\nTranslator\'s notes: "everyone" is "zusammen".'],
    ['\n\n**Notes on the translation:**\n* "everyone" → "zusammen"'],
    ['\n\n**Explanation of changes:**\n* "everyone" → "zusammen"'],
    ['\n\nExplanations:\n- "starts" → "beginnt"'],
  ])("%j", (note) => {
    expect(judge("de", MEETING_EN, MEETING_DE + note)).toBe(MEETING_DE);
  });
});

describe("entities the model escaped twice are written as the page had them", () => {
  test.each([
    ["Tom &amp; Jerry are back.", "Tom &amp;amp; Jerry sind zurück.", "Tom &amp; Jerry sind zurück."],
    ["Use &lt;div&gt; here.", "Verwenden Sie &amp;lt;div&amp;gt; hier.", "Verwenden Sie &lt;div&gt; hier."],
    ["See note &#91;1] below.", "Siehe Anmerkung &amp;#91;1] unten.", "Siehe Anmerkung &#91;1] unten."],
    ["Caf&#233; opens at nine.", "Das Caf&amp;#233; öffnet um neun.", "Das Caf&#233; öffnet um neun."],
    // A page that shows an entity as text keeps it.
    ["Write &amp;amp; for an ampersand.", "Schreiben Sie &amp;amp; für ein kaufmännisches Und.", null],
  ])("%j → %j", (source, reply, shown) => {
    expect(judge("de", source, reply)).toBe(shown ?? reply);
  });
});

describe("a romanisation after a translation into another script is dropped", () => {
  test.each([
    ["zh", "Good morning, everyone.", "大家早上好。(Dàjiā zǎoshang hǎo.)", "大家早上好。"],
    ["zh", "Good morning, everyone.", "大家早上好。\n(Dàjiā zǎoshang hǎo.)", "大家早上好。"],
    [
      "ja",
      "Good morning, everyone.",
      "皆さん、おはようございます。（Minasan, ohayō gozaimasu.）",
      "皆さん、おはようございます。",
    ],
    ["ru", "Good morning, everyone.", "Доброе утро всем. (Dobroye utro vsem.)", "Доброе утро всем."],
    ["ko", "Thank you very much.", "정말 감사합니다. (Jeongmal gamsahamnida.)", "정말 감사합니다."],
  ])("%s: %j → %j", (target, source, reply, shown) => {
    expect(judge(target, source, reply)).toBe(shown);
  });

  test.each([
    // An English term kept in brackets is the page's.
    ["zh", "We use machine learning.", "我们使用机器学习 (machine learning)。"],
    ["zh", "We use machine learning.", "我们使用机器学习 (machine learning)"],
    // Brackets the source has.
    ["ru", "Call Anna (Berlin).", "Позвоните Анне (Berlin)."],
    // A translation into a Latin script.
    ["de", "Good morning (everyone).", "Guten Morgen (zusammen)."],
  ])("%s: %j → %j is kept", (target, source, reply) => {
    expect(judge(target, source, reply)).toBe(reply);
  });
});

describe("a reply that numbers its segments from 0 puts no text in the wrong place", () => {
  const SEGS: Segment[] = [
    { id: "p1", html: "Die Regierung hat heute neue Regeln für den Verkehr beschlossen." },
    { id: "p2", html: "Viele Menschen lesen jeden Morgen die Nachrichten auf dem Telefon." },
    { id: "p3", html: "Das Wetter wird morgen in der ganzen Region sonnig und warm." },
  ];
  const EN = [
    "The government adopted new traffic rules today.",
    "Many people read the news on their phone every morning.",
    "Tomorrow the weather will be sunny and warm across the whole region.",
  ];

  test("each segment gets its own translation, asked again alone", async () => {
    const { transport, asked } = scripted([`[0]${EN[0]}[1]${EN[1]}[2]${EN[2]}[/]`, ...EN]);
    const results = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), SEGS);
    const shown = Object.fromEntries([...results].map(([id, r]) => [id, "html" in r ? r.html : outcome(results)[id]]));
    expect(shown).toEqual({ p1: EN[0], p2: EN[1], p3: EN[2] });
    expect(asked()).toBe(4);
  });
});

describe("an end-of-turn token written out as text ends the reply there", () => {
  test.each([
    [`${MEETING_DE}<|end|>`],
    [`${MEETING_DE}<|eot_id|>`],
    [`${MEETING_DE}<|im_end|>`],
    [`${MEETING_DE}<end_of_turn>`],
    [`${MEETING_DE}</s>`],
    // Phi going on past its turn (nomic-ai/gpt4all #2271).
    [`${MEETING_DE}<|endoftext|> # Exercise: A software company in India…`],
  ])("%j", (reply) => {
    expect(judge("de", MEETING_EN, reply)).toBe(MEETING_DE);
  });

  test("a page about chat templates keeps its tokens", () => {
    const source = "Phi-3 ends each turn with &lt;|end|&gt; in its template.";
    const reply = "Phi-3 beendet jeden Zug mit &lt;|end|&gt; in seiner Vorlage.";
    expect(judge("de", source, reply)).toBe(reply);
  });
});

describe("Markdown emphasis the model added shows no asterisks", () => {
  test.each([
    ["de", MEETING_EN, `**${MEETING_DE}**`, MEETING_DE],
    [
      "de",
      "Read the full article here.",
      "Lesen Sie den **ganzen** Artikel hier.",
      "Lesen Sie den ganzen Artikel hier.",
    ],
    ["de", "Read the full article here.", "Lesen Sie den *ganzen* Artikel hier.", "Lesen Sie den ganzen Artikel hier."],
    // Standing for a bold tag the reply lost, it becomes that tag.
    [
      "de",
      "Read the <b1>full article</b1> here.",
      "Lesen Sie den **ganzen Artikel** hier.",
      "Lesen Sie den <b1>ganzen Artikel</b1> hier.",
    ],
    // Marks the page writes itself stay.
    ["de", "Type **bold** in Markdown for bold.", "Schreiben Sie **fett** in Markdown für Fettdruck.", null],
    ["de", "Prices: 3 * 4 = 12 for each item here.", "Preise: 3 * 4 = 12 für jeden Artikel hier.", null],
  ])("%s: %j → %j", (target, source, reply, shown) => {
    expect(judge(target, source, reply)).toBe(shown ?? reply);
  });
});

describe("a lead-in the model set in bold or italics never reaches the page", () => {
  test.each([
    [`**Translation:** ${MEETING_DE}`],
    [`**Übersetzung:**\n\n${MEETING_DE}`],
    [`**Here is the translation:**\n\n${MEETING_DE}`],
    [`*Hier ist die Übersetzung:* ${MEETING_DE}`],
    [`__Translation__: ${MEETING_DE}`],
  ])("%j", (reply) => {
    expect(judge("de", MEETING_EN, reply)).toBe(MEETING_DE);
  });

  test("the page's own bold words before a colon stay", () => {
    expect(judge("de", "Warning: the meeting starts at nine.", "**Achtung:** Das Treffen beginnt um neun.")).toBe(
      "Achtung: Das Treffen beginnt um neun.",
    );
  });
});

describe("labels as in a bilingual table never reach the page", () => {
  test.each([
    [`German: ${MEETING_DE}`],
    [`**German:** ${MEETING_DE}`],
    [`Deutsch: ${MEETING_DE}`],
    [`German translation: ${MEETING_DE}`],
    [`English: ${MEETING_EN}\nGerman: ${MEETING_DE}`],
    [`**English:** ${MEETING_EN}\n**German:** ${MEETING_DE}`],
    [`Original: ${MEETING_EN}\nTranslation: ${MEETING_DE}`],
  ])("%j", (reply) => {
    expect(judge("de", MEETING_EN, reply)).toBe(MEETING_DE);
  });

  test("in the reader's language's own name", () => {
    const fr = "Bonjour à tous. La réunion commence à neuf heures.";
    expect(judge("fr", MEETING_EN, `Français : ${fr}`)).toBe(fr);
  });

  test("a label the page has itself stays", () => {
    expect(judge("de", "German: good. English: fine.", "Deutsch: gut. Englisch: in Ordnung.")).toBe(
      "Deutsch: gut. Englisch: in Ordnung.",
    );
  });
});

describe("the model's remarks on its translation after it are dropped", () => {
  test.each([
    ["\n\n---\n\n**Note:** informal register kept."],
    ["\n\nThis translation keeps the informal tone of the original."],
    ['\n\nI translated "everyone" as "zusammen" to keep it informal.'],
    ["\n\nAlternative: Guten Morgen allerseits."],
    ["\n\nLiteral translation: Guten Morgen, jeder."],
  ])("%j", (remark) => {
    expect(judge("de", MEETING_EN, MEETING_DE + remark)).toBe(MEETING_DE);
  });

  test.each([
    // What it says of the task or offers next, on lines of their own after the text.
    ["\n\nThe tags have been preserved."],
    ["\n\nAll segments have been translated."],
    ["\n\nI have kept all the placeholders in place."],
    ["\n\nI've translated all segments into German, keeping the markers and tags."],
    ["\n\nI hope this is helpful!"],
    ["\n\nIs there anything else I can help you with?"],
    ["\n\nPlease let me know if you'd like any adjustments."],
  ])("closing words %j", (remark) => {
    expect(judge("de", MEETING_EN, MEETING_DE + remark)).toBe(MEETING_DE);
  });

  test("the last segment of a batch whose close never came keeps no closing words", async () => {
    const { transport } = scripted([`[1]${MEETING_DE}[2]Danke.\n\nThe tags have been preserved.`]);
    const segs: Segment[] = [
      { id: "p1", html: MEETING_EN },
      { id: "p2", html: "Thank you." },
    ];
    const results = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), segs, {
      targetLang: "de",
    });
    expect(results.get("p2")).toEqual({ id: "p2", html: "Danke." });
  });

  test("a thread's own line about a translation stays", () => {
    const source = "Good morning, everyone.\nThis translation is mine, corrections welcome.";
    const reply = "Guten Morgen zusammen.\nDiese Übersetzung ist von mir, Korrekturen willkommen.";
    expect(judge("de", source, reply)).toBe(reply);
    expect(
      judge("en", "Guten Morgen.\nDiese Übersetzung ist von mir.", "Good morning.\nThis translation is mine."),
    ).toBe("Good morning.\nThis translation is mine.");
  });
});

describe("a tag or bracket pair the model wrapped its reply in never reaches the page", () => {
  test.each([
    [`<translation>${MEETING_DE}</translation>`],
    [`<translated>${MEETING_DE}</translated>`],
    [`<output>\n${MEETING_DE}\n</output>`],
    [`<answer>${MEETING_DE}</answer>`],
    [`<text>${MEETING_DE}</text>`],
    [`<german>${MEETING_DE}</german>`],
    [`<Translation>${MEETING_DE}</translation>`],
    [`<output><translation>${MEETING_DE}</translation></output>`],
    [`Here is the translation:\n<translation>${MEETING_DE}</translation>`],
    // Other tools' prompt formats, and Gemma-3's mixed one (hydropix/TranslateBooksWithLLMs #12).
    [`[TRANSLATED]${MEETING_DE}[/TRANSLATED]`],
    [`[TRANSLATION]\n${MEETING_DE}\n[/TRANSLATION]`],
    [`[TRANSLATED]${MEETING_DE}</TRANSLATED>`],
    [`<<<${MEETING_DE}>>>`],
    [`<<< ${MEETING_DE} >>>`],
    // One half in this segment, the other in a neighbour's or outside the markers.
    [`<translation>${MEETING_DE}`],
    [`${MEETING_DE}</translation>`],
    [`${MEETING_DE}[/TRANSLATED]`],
    [`[TRANSLATED]${MEETING_DE}`],
  ])("%j", (reply) => {
    expect(judge("de", MEETING_EN, reply)).toBe(MEETING_DE);
  });

  test("with the page's placeholders inside", () => {
    expect(
      judge(
        "de",
        "Read the <b1>full article</b1> here.",
        "<translation>Lesen Sie den <b1>ganzen Artikel</b1> hier.</translation>",
      ),
    ).toBe("Lesen Sie den <b1>ganzen Artikel</b1> hier.");
  });

  test.each([
    // BBCode on a forum, whose tags the model translates, and a label in brackets.
    ["&#91;quote]Good morning, everyone.[/quote]", "[zitat]Guten Morgen zusammen.[/zitat]"],
    ["[Edit] The meeting starts at nine.", "[Bearbeiten] Das Treffen beginnt um neun."],
    // Chevrons the page writes as text come back escaped.
    ["&lt;&lt;&lt; Back to the start &gt;&gt;&gt;", "&lt;&lt;&lt; Zurück zum Anfang &gt;&gt;&gt;"],
  ])("%j keeps its own in %j", (source, reply) => {
    expect(judge("de", source, reply)).toBe(reply);
  });

  test("a tag the page writes as text is never taken for a wrapper", () => {
    // Decoded by the model, it is refused as a tag never issued: the reader keeps the page's own text.
    expect(judge("de", "&lt;answer&gt;42&lt;/answer&gt;", "<answer>42</answer>")).toBe("rejected: unknown-placeholder");
  });

  test("a lone opening bracket that names no translation is the page's text", () => {
    expect(judge("de", "Edit: the meeting starts at nine.", "[Bearbeitet] Das Treffen beginnt um neun.")).toBe(
      "[Bearbeitet] Das Treffen beginnt um neun.",
    );
  });

  test("through the translator: each passage is shown translated, not asked again", async () => {
    const segs: Segment[] = [
      { id: "p1", html: "Die Regierung hat heute neue Regeln für den Verkehr beschlossen." },
      { id: "p2", html: "Viele Menschen lesen jeden Morgen die Nachrichten auf dem Telefon." },
    ];
    const en = [
      "The government adopted new traffic rules today.",
      "Many people read the news on their phone every morning.",
    ];
    const { transport, asked } = scripted([`<translation>\n[1]${en[0]}\n[2]${en[1]}</translation>`]);
    const results = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), segs);
    const shown = Object.fromEntries([...results].map(([id, r]) => [id, "html" in r ? r.html : outcome(results)[id]]));
    expect(shown).toEqual({ p1: en[0], p2: en[1] });
    expect(asked()).toBe(1);
  });

  test("through the translator: a bracket pair around one passage is not shown", async () => {
    const segs: Segment[] = [{ id: "p1", html: "Das Treffen beginnt um neun." }];
    const { transport } = scripted(["[TRANSLATED]The meeting starts at nine.</TRANSLATED>"]);
    const results = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), segs);
    const r = results.get("p1");
    expect(r && "html" in r ? r.html : outcome(results)).toBe("The meeting starts at nine.");
  });
});

describe("a reply in Chinese for a Japanese reader is refused; Japanese without kana is not", () => {
  test.each([
    [MEETING_EN, "大家早上好。会议九点开始。"],
    ["This is our view on this question.", "这是我们对这个问题的看法。"],
    ["He said the train leaves at ten.", "他说火车十点发车。"],
    // Traditional characters, as Taiwan writes them (會 點 對 們 說 where Japanese writes 会 点 対 and has no 們).
    [MEETING_EN, "大家早安。會議九點開始。"],
    ["This is our view on this question.", "這是我們對這個問題的看法。"],
    ["He said the train leaves at ten.", "他說火車十點發車。"],
    // A sentence in Japanese, then one in Chinese (simplified glyphs slipping into Japanese: anthropics/claude-code
    // #71507; Qwen mixing the two: QwenLM/Qwen #260).
    [MEETING_EN, "皆さん、おはようございます。会议九点开始。"],
    [MEETING_EN, "皆さん、おはようございます。會議九點開始。"],
    [MEETING_EN, "皆さん、おはようございます。\n会议九点开始"],
  ])("%j → %j", (source, reply) => {
    expect(judge("ja", source, reply)).toBe("rejected: wrong-language");
  });

  test.each([
    // Headlines in kanji alone, written in Japanese forms (発, 対, 時 where Chinese writes 发, 对, 时).
    ["Japan–US summit held", "日米首脳会談開催"],
    ["Tokyo governor election results announced", "東京都知事選挙結果発表"],
    ["Government responds to the time change", "政府、時刻変更対応"],
    // A Chinese name as the page wrote it.
    ["张伟 wins the Beijing mayoral election", "张伟氏、北京市長選挙当選"],
    // A word or a name alone.
    ["Beijing station", "北京东站"],
    ["Good morning, everyone.", "皆さん、おはようございます。"],
    // Old forms Japanese names keep (國學院大學, 渡邊, 讀賣), in a headline and in a sentence with kana.
    ["Kokugakuin University associate professor appointed", "國學院大學准教授就任"],
    ["Watanabe, president, visits the Yomiuri", "渡邊社長、讀賣新聞社訪問"],
    ["Keio students visit Kokugakuin.", "慶應義塾の学生が國學院大學を訪問した。"],
    // A headline sentence before a sentence with kana.
    [MEETING_EN, "定例会議開催。会議は9時に始まります。"],
  ])("%j → %j is kept", (source, reply) => {
    expect(judge("ja", source, reply)).toBe(reply);
  });

  test("for a Chinese reader it is the translation", () => {
    expect(judge("zh", MEETING_EN, "大家早上好。会议九点开始。")).toBe("大家早上好。会议九点开始。");
  });

  test.each([["大家早上好。会议九点开始。"], ["皆さん、おはようございます。會議九點開始。"]])(
    "through the translator: after %j, asked again, the Japanese is shown",
    async (chinese) => {
      const ja = "皆さん、おはようございます。会議は9時に始まります。";
      expect(await shownFor("ja", [chinese, ja])).toEqual({ shown: ja, asked: 2 });
    },
  );
});

describe("a reply offering several translations shows the first alone", () => {
  const FORMAL = "Guten Morgen allerseits. Die Sitzung beginnt um neun.";
  test.each([
    [`Option 1: ${MEETING_DE}\nOption 2: ${FORMAL}`],
    [`**Option 1:** ${MEETING_DE}\n\n**Option 2:** ${FORMAL}`],
    [`Option 1 (informal): ${MEETING_DE}\nOption 2 (formal): ${FORMAL}`],
    [`Here are two options:\n\nOption 1: ${MEETING_DE}\nOption 2: ${FORMAL}`],
    [`Translation 1: ${MEETING_DE}\nTranslation 2: ${FORMAL}`],
    [`- Version 1: ${MEETING_DE}\n- Version 2: ${FORMAL}`],
    [`Möglichkeit 1: ${MEETING_DE}\nMöglichkeit 2: ${FORMAL}`],
    [`Option 1: ${MEETING_DE} Option 2: ${FORMAL}`],
    [`${MEETING_DE}\nOr: ${FORMAL}`],
    [`${MEETING_DE}\n\n**Oder:** ${FORMAL}`],
    [`${MEETING_DE} (or: ${FORMAL})`],
  ])("%j", (reply) => {
    expect(judge("de", MEETING_EN, reply)).toBe(MEETING_DE);
  });

  test("in Japanese", () => {
    const ja = "皆さん、おはようございます。会議は9時に始まります。";
    expect(judge("ja", MEETING_EN, `訳1：${ja}\n訳2：おはようございます。会議は九時開始です。`)).toBe(ja);
  });

  test.each([
    // The page's own choices, labels and "Or:" lines come back as its translation.
    ["Option 1: pay monthly. Option 2: pay yearly.", "Option 1: monatlich zahlen. Option 2: jährlich zahlen."],
    [
      "Translation 1: the first draft.\nTranslation 2: the second draft.",
      "Übersetzung 1: der erste Entwurf.\nÜbersetzung 2: der zweite Entwurf.",
    ],
    ["Pay by card.\nOr: pay at the door.", "Mit Karte zahlen.\nOder: an der Tür zahlen."],
    ["Pay by card (or: pay at the door)", "Mit Karte zahlen (oder: an der Tür zahlen)"],
    // One numbered label alone is no choice.
    ["Step 1: open the lid and wait a moment.", "Schritt 1: Öffnen Sie den Deckel und warten Sie kurz."],
    ["Option 1 is the cheapest plan we offer.", "Option 1: der günstigste Tarif, den wir anbieten."],
  ])("%j keeps %j", (source, reply) => {
    expect(judge("de", source, reply)).toBe(reply);
  });

  test.each([
    // A short text answered with a list of choices, after a lead-in or not.
    ["Save", "Here are a few options:\n\n1. Speichern\n2. Sichern", "Speichern"],
    ["Save", "1. Speichern\n2. Sichern", "Speichern"],
    ["Save changes", "Here are some options:\n\n* **Änderungen speichern**\n* Speichern", "Änderungen speichern"],
    [
      "Save changes",
      "1. **Änderungen speichern** (most common)\n2. Speichern\n\nThe first is the most natural.",
      "Änderungen speichern",
    ],
    [MEETING_EN, `Here are two ways to say it:\n- ${MEETING_DE}\n- ${FORMAL}`, MEETING_DE],
  ])("a list of choices for %j: %j shows %j", (source, reply, shown) => {
    expect(judge("de", source, reply)).toBe(shown);
  });

  test.each([
    // The page's own lines, list, label or parts come back whole.
    ["Eggs\nMilk", "- Eier\n- Milch"],
    ["Steps: 1. open 2. close", "Schritte:\n1. öffnen\n2. schließen"],
    ["Features: fast, small, free", "Funktionen:\n- schnell\n- klein\n- kostenlos"],
    ["fast, small, free", "- schnell\n- klein\n- kostenlos"],
  ])("%j keeps the list %j", (source, reply) => {
    expect(judge("de", source, reply)).toBe(reply);
  });

  test("through the translator: the first choice is shown, not asked again", async () => {
    const replies = [`Option 1: ${MEETING_DE}\nOption 2: ${FORMAL}`];
    expect(await shownFor("de", replies)).toEqual({ shown: MEETING_DE, asked: 1 });
  });
});

describe("a translation that leaves part of the English page untranslated is asked again", () => {
  test.each([
    ["de", "Guten Morgen zusammen. Das Treffen starts at nine."],
    ["fr", "Bonjour à tous. The meeting starts at nine."],
    ["es", "Buenos días a todos. La reunión starts at nine o'clock."],
  ])("%s: %j", (target, reply) => {
    expect(judge(target, MEETING_EN, reply)).toBe("rejected: untranslated");
  });

  test("in the middle of a sentence", () => {
    const source = "The government adopted new rules for the traffic today.";
    expect(judge("de", source, "Die Regierung hat heute new rules for the traffic beschlossen.")).toBe(
      "rejected: untranslated",
    );
  });

  test.each([
    // Terms, names, titles, quotes and code stay as the page wrote them.
    ["The screen reader reads the accessible name aloud.", "Der Screenreader liest den accessible name vor."],
    ["Watch The Lord of the Rings tonight.", "Schauen Sie heute Abend The Lord of the Rings."],
    ["Gone with the wind is on tonight.", "Gone with the wind läuft heute Abend."],
    ['He said "the show must go on" and left.', 'Er sagte "the show must go on" und ging.'],
    ["He said (in English: it is what it is) and left.", "Er sagte (auf Englisch: it is what it is) und ging."],
    ["Set aria-live to polite on the region.", "Setzen Sie aria-live auf polite für die Region."],
    ["See the docs at example.com/how-to-use-the-api for more.", "Mehr unter example.com/how-to-use-the-api."],
  ])("%j → %j is kept", (source, reply) => {
    expect(judge("de", source, reply)).toBe(reply);
  });

  // Written for this test after the way German, French, Spanish and Japanese news and Reddit keep English titles,
  // slogans and sayings; the titles and slogans are real, the sentences are not quoted from anywhere.
  test.each([
    // A title in sentence case whose "The" the source writes within its sentence, where it opens no sentence.
    [
      "de",
      "Tonight we are rewatching The lord of the rings with the kids.",
      "Heute Abend schauen wir mit den Kindern noch einmal The lord of the rings.",
    ],
    [
      "fr",
      "Jane Campion's The power of the dog won the Silver Lion.",
      "The power of the dog de Jane Campion a remporté le Lion d'argent.",
    ],
    [
      "es",
      "Tickets for The book of mormon sold out within an hour.",
      "Las entradas para The book of mormon se agotaron en una hora.",
    ],
    [
      "ja",
      "Tonight we watch The lord of the rings with the whole family.",
      "今夜は家族みんなで The lord of the rings を観ます。",
    ],
    [
      "de",
      "The trailer for The last of us part II was shown at the event.",
      "Der Trailer zu The last of us part II wurde auf der Veranstaltung gezeigt.",
    ],
    [
      "fr",
      "Gillette dropped its slogan The best a man can get in 2019.",
      "Gillette a abandonné en 2019 son slogan The best a man can get.",
    ],
    // In single quotes, as English and German write a quote within a quote.
    [
      "de",
      "He called the plan 'a recipe for disaster' on Monday.",
      "Er nannte den Plan am Montag 'a recipe for disaster'.",
    ],
    [
      "de",
      "He called the plan ‘a recipe for disaster’ on Monday.",
      "Er nannte den Plan am Montag ‚a recipe for disaster‘.",
    ],
    // English the page itself kept in a passage of another language.
    [
      "fr",
      "Der Trainer sagte nach dem Spiel nur, it is what it is, und ging in die Kabine.",
      "L'entraîneur a seulement dit après le match, it is what it is, et il est parti au vestiaire.",
    ],
    [
      "de",
      "El entrenador resumió la derrota con un escueto it is what it is y se marchó.",
      "Der Trainer fasste die Niederlage mit einem knappen it is what it is zusammen und ging.",
    ],
    [
      "de",
      "社長は記者会見で the show must go on とだけ語り、質問には答えなかった。",
      "Der Chef sagte auf der Pressekonferenz nur the show must go on und beantwortete keine Fragen.",
    ],
  ])("%s: a title, slogan or quote kept in English is the translation: %j", (target, source, reply) => {
    expect(judge(target, source, reply)).toBe(reply);
  });

  test.each([
    // English opening a sentence of its own is a slip, though "The" is capitalised.
    ["ja", MEETING_EN, "皆さん、おはようございます。The meeting starts at nine."],
    [
      "es",
      "Click Save to keep your changes. The file will be stored in the cloud.",
      "Haz clic en Guardar para conservar tus cambios. The file will be stored in the cloud.",
    ],
    // Also after an address that ends the sentence before it.
    [
      "de",
      "Download it from example.com/app. The file will be stored in the cloud.",
      "Herunterladen unter example.com/app. The file will be stored in the cloud.",
    ],
    // After a name the source writes, and in an English page that lists no words of another language.
    [
      "de",
      "Yesterday The New York Times reported that the deal is off.",
      "Gestern berichtete The New York Times, that the deal is off.",
    ],
    [
      "fr",
      "Block containers, flex containers, grid containers, table rows and text content.",
      "Conteneurs de bloc, conteneurs flexibles, conteneurs de grille, table rows and text content.",
    ],
    // After a name opening with "The": the name's "The" is no English around the run.
    [
      "de",
      "Watch The Mandalorian tonight, the new season starts at eight.",
      "Schau heute Abend The Mandalorian, the new season starts at eight.",
    ],
  ])("%s: English left over is still asked again: %j", (target, source, reply) => {
    expect(judge(target, source, reply)).toBe("rejected: untranslated");
  });

  // A Reddit title writes the game's or film's title all lowercase; the reply keeps it so, inside its own sentence.
  const FINISHED = "just finished the last of us part 2";
  test.each([
    ["de", `${FINISHED} and i'm still shaking`, "habe gerade the last of us part 2 beendet und zittere immer noch"],
    ["es", FINISHED, "acabo de terminar the last of us part 2"],
    ["es", `${FINISHED}. what a game`, "acabo de terminar the last of us part 2. Qué juego"],
    ["fr", `${FINISHED} and i'm still shaking`, "je viens de finir the last of us part 2 et je tremble encore"],
    ["ja", FINISHED, "the last of us part 2 をクリアした"],
    [
      "pt",
      "finally watched the silence of the lambs last night",
      "finalmente assisti the silence of the lambs ontem à noite",
    ],
    ["de", "rewatching the lord of the rings for the 10th time", "schaue zum 10. Mal the lord of the rings"],
  ])("%s: an English title written all lowercase stays: %j", (target, source, reply) => {
    expect(judge(target, source, reply)).toBe(reply);
  });

  test("and for an English reader of a German Reddit title", () => {
    expect(judge("en", "habe gerade the last of us part 2 beendet", FINISHED, "de")).toBe(FINISHED);
  });

  test.each([
    // The title kept, then the rest of the sentence left in English: the title's words are no English around it.
    ["de", `${FINISHED} and i'm still shaking`, "habe gerade the last of us part 2 beendet and i'm still shaking"],
    // A phrase that runs on to the reply's end: past a title's length, or a clause, or not joined as titles are.
    ["es", "my cat knocked the glass off the table again", "mi gato tiró the glass off the table again"],
    [
      "fr",
      "i think the new update broke the game for everyone",
      "je pense que the new update broke the game for everyone",
    ],
    [
      "fr",
      "Lang and xml:lang attributes have the same base language",
      "Les attributs lang et xml:lang indiquent the same base language",
    ],
  ])("%s: English left over after a lowercase title's place is still asked again: %j", (target, source, reply) => {
    expect(judge(target, source, reply)).toBe("rejected: untranslated");
  });

  test.each([
    // Two-word terms French, Spanish and German readers use in English; a two-word slip is let through for them.
    ["fr", "Late night talk shows are losing viewers.", "Les talk shows de fin de soirée perdent des spectateurs."],
    ["fr", "Hollywood loves happy ends.", "Hollywood adore les happy ends."],
    ["fr", "He is a thought leader in AI.", "C'est un thought leader de l'IA."],
    ["es", "The film uses found footage.", "La película es de found footage."],
    ["de", "The firm uses open source software.", "Die Firma setzt auf open source Software."],
  ])("%s: a borrowed two-word term stays: %j", (target, source, reply) => {
    expect(judge(target, source, reply)).toBe(reply);
  });

  test("a reply in English throughout is not a run left over: it is judged where its language is named", () => {
    // The writing card then says "The model answered in English, not German" (writing/writer.ts).
    const source = "I think the train is always late, but the people here are very nice.";
    // What the double's wrong-language fault sends: every word replaced by plain English.
    const reply = "the people here always think about this question and then they say that it is very good.";
    expect(judge("de", source, reply)).toBe(reply);
  });

  test("for an English reader it is the translation", () => {
    expect(judge("en", MEETING_DE, "Good morning, everyone. The meeting starts at nine.")).toBe(MEETING_EN);
  });

  test("through the translator: asked again, the French is shown", async () => {
    const fr = "Bonjour à tous. La réunion commence à neuf heures.";
    const replies = ["Bonjour à tous. The meeting starts at nine.", fr];
    expect(await shownFor("fr", replies)).toEqual({ shown: fr, asked: 2 });
  });
  test("half English twice: the original stays, and the reader is told part of it was left untranslated", async () => {
    const half = "Bonjour à tous. The meeting starts at nine.";
    const { transport } = scripted([half, half, half]);
    const translator = createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport);
    const r = (await collect(translator, [{ id: "p1", html: MEETING_EN }], { targetLang: "fr" })).get("p1");
    expect(r && "error" in r ? r.error.message : r).toBe("The model left this text, or part of it, untranslated.");
  });
});
