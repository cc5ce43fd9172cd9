// Chatter in the reader's language: a model translating into French writes "Voici la traduction :", a note after the
// text, or its refusal in French. None of it may reach the page, and none of the page's own text may be taken for it.
import { createLlmTranslator } from "../../src/llm";
import { checkReply, cleanReply } from "../../src/llm/validate";
import type { Segment } from "../../src/shared/translator";
import { collect, llamaConfig, outcome, scripted } from "../helpers/llm-harness";

const SRC = "The city council approved <a1>new rules</a1> for traffic in the old town today.";

/** A good translation of SRC, what the model wrapped around it, and what it wrote instead when it refused. */
const CASES: Record<
  string,
  { good: string; leadIns: string[]; notes: string[]; refusals: string[]; chatter: string[] }
> = {
  fr: {
    good: "Le conseil municipal a approuvé aujourd'hui <a1>de nouvelles règles</a1> pour la circulation dans la vieille ville.",
    leadIns: ["Voici la traduction en français :\n", "Bien sûr ! Voici la traduction :\n\n", "Traduction : "],
    notes: [
      "\n\n(Remarque : j'ai conservé les noms propres tels quels.)",
      "\n\nRemarque : « old town » a été traduit par « vieille ville ».",
      " (Note: I kept the names unchanged.)",
    ],
    refusals: [
      "Je suis désolé, mais je ne peux pas traduire ce texte.",
      "Je ne peux pas vous aider avec cette demande.",
    ],
    chatter: ["Voici la traduction.", "Bien sûr ! Voici la traduction en français :"],
  },
  de: {
    good: "Der Stadtrat hat heute <a1>neue Regeln</a1> für den Verkehr in der Altstadt beschlossen.",
    leadIns: ["Hier ist die Übersetzung:\n", "Gerne! Hier ist die Übersetzung ins Deutsche:\n", "Übersetzung: "],
    notes: ["\n\nAnmerkung: Eigennamen wurden nicht übersetzt.", "\n\n(Hinweis: Ich habe die Namen beibehalten.)"],
    refusals: [
      "Es tut mir leid, aber ich kann diesen Text nicht übersetzen.",
      "Leider kann ich diese Anfrage nicht erfüllen.",
    ],
    chatter: ["Hier ist die Übersetzung."],
  },
  es: {
    good: "El ayuntamiento aprobó hoy <a1>nuevas normas</a1> para el tráfico en el casco antiguo.",
    leadIns: ["Aquí está la traducción:\n", "¡Claro! Aquí tienes la traducción al español:\n", "Traducción: "],
    notes: ["\n\nNota: He mantenido los nombres propios sin traducir."],
    refusals: ["Lo siento, pero no puedo traducir este texto."],
    chatter: ["¡Claro! Aquí tienes la traducción."],
  },
  it: {
    good: "Il consiglio comunale ha approvato oggi <a1>nuove regole</a1> per il traffico nel centro storico.",
    leadIns: ["Ecco la traduzione:\n", "Traduzione: "],
    notes: ["\n\n(Nota: ho lasciato invariati i nomi propri.)"],
    refusals: ["Mi dispiace, ma non posso tradurre questo testo."],
    chatter: ["Ecco la traduzione in italiano."],
  },
  "pt-BR": {
    good: "A câmara municipal aprovou hoje <a1>novas regras</a1> para o trânsito no centro histórico.",
    leadIns: ["Aqui está a tradução:\n", "Claro! Aqui está a tradução para o português:\n"],
    notes: ["\n\nObservação: mantive os nomes próprios."],
    refusals: ["Desculpe, mas não posso traduzir este texto."],
    chatter: ["Aqui está a tradução."],
  },
  ru: {
    good: "Городской совет сегодня утвердил <a1>новые правила</a1> дорожного движения в старом городе.",
    leadIns: ["Вот перевод:\n", "Конечно! Вот перевод на русский язык:\n", "Перевод: "],
    notes: ["\n\nПримечание: имена собственные оставлены без изменений."],
    refusals: ["Извините, но я не могу перевести этот текст.", "К сожалению, я не могу выполнить эту просьбу."],
    chatter: ["Вот перевод."],
  },
  "zh-CN": {
    good: "市议会今天批准了老城区的<a1>新交通规则</a1>，并将于下个月开始实施。",
    leadIns: ["以下是翻译：\n", "好的，以下是中文翻译：\n\n", "翻译：", "译文："],
    notes: ["\n\n（注：人名保持不变。）", "\n\n注意：专有名词未翻译。"],
    refusals: ["抱歉，我无法翻译这段内容。", "对不起，我不能提供这个翻译。"],
    chatter: ["以下是翻译。", "好的，以下是翻译："],
  },
  ja: {
    good: "市議会は今日、旧市街の交通に関する<a1>新しい規則</a1>を承認し、来月から施行する。",
    leadIns: ["翻訳：", "以下は日本語訳です：\n", "はい、以下が翻訳です：\n"],
    notes: ["\n\n（注：固有名詞はそのままにしました。）", "\n\n※注：固有名詞は翻訳していません。"],
    refusals: ["申し訳ありませんが、この文章は翻訳できません。", "この内容の翻訳はできません。"],
    chatter: ["以下は翻訳です。"],
  },
  ko: {
    good: "시의회는 오늘 구시가지 교통에 관한 <a1>새로운 규칙</a1>을 승인했으며 다음 달부터 시행한다.",
    leadIns: ["번역: ", "다음은 한국어 번역입니다:\n"],
    notes: ["\n\n(참고: 고유 명사는 그대로 두었습니다.)"],
    refusals: ["죄송하지만 이 텍스트는 번역할 수 없습니다."],
    chatter: ["다음은 번역입니다."],
  },
  ar: {
    good: "وافق مجلس المدينة اليوم على <a1>قواعد جديدة</a1> لحركة المرور في البلدة القديمة.",
    leadIns: ["إليك الترجمة:\n", "بالتأكيد! إليك الترجمة إلى العربية:\n", "الترجمة: "],
    notes: ["\n\nملاحظة: احتفظت بأسماء الأعلام كما هي."],
    refusals: ["عذرًا، لا أستطيع ترجمة هذا النص."],
    chatter: ["إليك الترجمة."],
  },
  pl: {
    good: "Rada miasta zatwierdziła dziś <a1>nowe zasady</a1> ruchu drogowego na starym mieście.",
    leadIns: ["Oto tłumaczenie:\n", "Tłumaczenie: "],
    notes: ["\n\n(Uwaga: zachowałem nazwy własne.)"],
    refusals: ["Przepraszam, ale nie mogę przetłumaczyć tego tekstu."],
    chatter: ["Oto tłumaczenie."],
  },
  tr: {
    good: "Belediye meclisi bugün eski şehirdeki trafik için <a1>yeni kuralları</a1> onayladı.",
    leadIns: ["İşte çeviri:\n", "Çeviri: "],
    notes: ["\n\n(Not: Özel isimleri değiştirmedim.)"],
    refusals: ["Üzgünüm, ancak bu metni çeviremem."],
    chatter: ["İşte çeviri."],
  },
  nl: {
    good: "De gemeenteraad heeft vandaag <a1>nieuwe regels</a1> voor het verkeer in de oude stad goedgekeurd.",
    leadIns: ["Hier is de vertaling:\n", "Vertaling: "],
    notes: ["\n\nOpmerking: eigennamen zijn niet vertaald."],
    refusals: ["Het spijt me, maar ik kan deze tekst niet vertalen."],
    chatter: ["Hier is de vertaling."],
  },
  et: {
    good: "Linnavolikogu kiitis täna heaks <a1>uued reeglid</a1> vanalinna liikluse jaoks.",
    leadIns: ["Siin on tõlge:\n", "Muidugi! Siin on tõlge eesti keelde:\n", "Tõlge: "],
    notes: ["\n\nMärkus: pärisnimed jäid tõlkimata.", "\n\n(Märkus: jätsin nimed muutmata.)"],
    refusals: ["Vabandust, kuid ma ei saa seda teksti tõlkida.", "Kahjuks ei saa ma selle palvega aidata."],
    chatter: ["Siin on tõlge."],
  },
  lv: {
    good: "Pilsētas dome šodien apstiprināja <a1>jaunus noteikumus</a1> satiksmei vecpilsētā.",
    leadIns: ["Šeit ir tulkojums:\n", "Protams! Šeit ir tulkojums latviešu valodā:\n", "Tulkojums: "],
    notes: ["\n\n(Piezīme: īpašvārdi netika tulkoti.)"],
    refusals: ["Atvainojiet, bet es nevaru iztulkot šo tekstu.", "Diemžēl nevaru palīdzēt ar šo pieprasījumu."],
    chatter: ["Šeit ir tulkojums."],
  },
  lt: {
    good: "Miesto taryba šiandien patvirtino <a1>naujas taisykles</a1> eismui senamiestyje.",
    leadIns: ["Štai vertimas:\n", "Žinoma! Štai vertimas į lietuvių kalbą:\n", "Vertimas: "],
    notes: ["\n\n(Pastaba: tikriniai vardai neišversti.)"],
    refusals: ["Atsiprašau, bet negaliu išversti šio teksto."],
    chatter: ["Štai vertimas."],
  },
  sl: {
    good: "Mestni svet je danes sprejel <a1>nova pravila</a1> za promet v starem mestnem jedru.",
    leadIns: ["Tukaj je prevod:\n", "Seveda! Tukaj je prevod v slovenščino:\n", "Prevod: "],
    notes: ["\n\nOpomba: lastnih imen nisem prevajal."],
    refusals: ["Žal mi je, vendar tega besedila ne morem prevesti."],
    chatter: ["Tukaj je prevod."],
  },
  sw: {
    good: "Baraza la jiji leo limeidhinisha <a1>sheria mpya</a1> za trafiki katika mji wa kale.",
    leadIns: ["Hii hapa tafsiri:\n", "Hakika! Hapa kuna tafsiri kwa Kiswahili:\n", "Tafsiri: "],
    notes: ["\n\n(Kumbuka: majina halisi hayajatafsiriwa.)"],
    refusals: ["Samahani, siwezi kutafsiri maandishi haya."],
    chatter: ["Hii hapa tafsiri."],
  },
  tl: {
    good: "Inaprubahan ngayon ng konseho ng lungsod ang <a1>mga bagong patakaran</a1> para sa trapiko sa lumang bayan.",
    leadIns: ["Narito ang salin:\n", "Sige! Narito ang salin sa Filipino:\n", "Salin: "],
    notes: ["\n\n(Tandaan: hindi isinalin ang mga pangalan.)"],
    refusals: ["Paumanhin, hindi ko maisasalin ang tekstong ito.", "Pasensya na, hindi ako makakatulong dito."],
    chatter: ["Narito ang salin."],
  },
  th: {
    good: "สภาเมืองอนุมัติ<a1>กฎใหม่</a1>สำหรับการจราจรในเขตเมืองเก่าในวันนี้",
    leadIns: ["นี่คือคำแปล:\n", "ได้เลย! นี่คือคำแปลภาษาไทย:\n", "คำแปล: "],
    notes: ["\n\n(หมายเหตุ: ชื่อเฉพาะไม่ได้แปล)"],
    refusals: ["ขออภัย ฉันไม่สามารถแปลข้อความนี้ได้"],
    chatter: ["นี่คือคำแปล"],
  },
  bn: {
    good: "নগর পরিষদ আজ পুরনো শহরের যানবাহনের জন্য <a1>নতুন নিয়ম</a1> অনুমোদন করেছে।",
    leadIns: ["এখানে অনুবাদ:\n", "অবশ্যই! এখানে বাংলা অনুবাদ দেওয়া হলো:\n", "অনুবাদ: "],
    notes: ["\n\n(দ্রষ্টব্য: নামগুলো অপরিবর্তিত রাখা হয়েছে।)"],
    refusals: ["দুঃখিত, আমি এই লেখাটি অনুবাদ করতে পারব না।"],
    chatter: ["এখানে অনুবাদ।"],
  },
  ta: {
    good: "நகர சபை இன்று பழைய நகரத்தில் போக்குவரத்துக்கான <a1>புதிய விதிகளை</a1> அங்கீகரித்தது.",
    leadIns: ["இதோ மொழிபெயர்ப்பு:\n", "நிச்சயமாக! இதோ தமிழ் மொழிபெயர்ப்பு:\n", "மொழிபெயர்ப்பு: "],
    notes: ["\n\n(குறிப்பு: பெயர்கள் மாற்றப்படவில்லை.)"],
    refusals: ["மன்னிக்கவும், என்னால் இந்த உரையை மொழிபெயர்க்க முடியாது."],
    chatter: ["இதோ மொழிபெயர்ப்பு."],
  },
  ur: {
    good: "سٹی کونسل نے آج پرانے شہر میں ٹریفک کے لیے <a1>نئے قواعد</a1> کی منظوری دی۔",
    leadIns: ["یہ رہا ترجمہ:\n", "ضرور! یہ رہا اردو ترجمہ:\n", "ترجمہ: "],
    notes: ["\n\n(نوٹ: ناموں کو تبدیل نہیں کیا گیا۔)"],
    refusals: ["معذرت، میں اس متن کا ترجمہ نہیں کر سکتا۔"],
    chatter: ["یہ رہا ترجمہ۔"],
  },
};

const opts = (targetLang: string) => ({ targetLang, sourceLang: "en" });
const reason = (reply: string, lang: string, source = SRC) => {
  const v = checkReply(source, reply, opts(lang));
  return v.ok ? v.html : v.reason;
};

describe.each(Object.entries(CASES))("into %s", (lang, c) => {
  test("a lead-in in the reader's language is stripped", () => {
    for (const lead of c.leadIns) expect([lead, reason(lead + c.good, lang)]).toEqual([lead, c.good]);
  });

  test("a note the model put after the translation is stripped", () => {
    for (const note of c.notes) expect([note, reason(c.good + note, lang)]).toEqual([note, c.good]);
    // Both at once, with quotes around the translation.
    expect(reason(`${c.leadIns[0]}"${c.good}"${c.notes[0]}`, lang)).toBe(c.good);
  });

  test("a refusal in the reader's language is a refusal, a reply that is only chatter is chatter", () => {
    for (const refusal of c.refusals) expect([refusal, reason(refusal, lang)]).toEqual([refusal, "refusal"]);
    for (const chatter of c.chatter) expect([chatter, reason(chatter, lang)]).toEqual([chatter, "chatter"]);
  });
});

test("a lead-in on a line of its own, without a colon, is stripped in English and in the reader's language", () => {
  const cases: [string, string, string][] = [
    [
      "en",
      "Here is the translation",
      "The city council approved <a1>new rules</a1> for traffic in the old town today.",
    ],
    ["en", "Sure! Here's the translation.", "The city council approved <a1>new rules</a1> today."],
    ["fr", "Voici la traduction", CASES.fr!.good],
    ["de", "Hier ist die Übersetzung ins Deutsche.", CASES.de!.good],
    ["zh-CN", "以下是翻译", CASES["zh-CN"]!.good],
  ];
  for (const [lang, lead, good] of cases) {
    const source = lang === "en" ? "Der Stadtrat hat heute <a1>neue Regeln</a1> beschlossen." : SRC;
    expect([lead, reason(`${lead}\n\n${good}`, lang, source)]).toEqual([lead, good]);
  }
});

test("a first line of the page's own stays: one the source has too, one that only starts like chatter, one the source speaks of a translation in", () => {
  // The source has as many lines: the first is a translation of its own first line.
  const twoLines = "Hier ist die Übersetzung\nDer Roman erschien 1925.";
  expect(reason("Here is the translation\nThe novel came out in 1925.", "en", twoLines)).toBe(
    "Here is the translation\nThe novel came out in 1925.",
  );
  // "Sure, …" opens a reply of the page's own, not a line about a translation.
  const sure = "Sure, we'll meet there.\nSee you tomorrow.";
  expect(reason(sure, "en", "Klar, wir treffen uns dort. Bis morgen.")).toBe(sure);
  // A source about a translation may have its translation start with "Here is the translation".
  const about = "Here is the translation\nof his first novel, finished in 1931.";
  expect(reason(about, "en", "Hier ist die Übersetzung seines ersten Romans, 1931 vollendet.")).toBe(about);
});

test("a page's sentence that opens with 'Sure' or 'Of course' (a reply in a thread) is a translation; a model's 'Sure!' is still chatter", () => {
  const pages: [string, string][] = [
    ["Natürlich, aber das ist viel zu teuer für uns.", "Of course, but that is far too expensive for us."],
    ["Klar, wir treffen uns dort. Bis morgen.", "Sure, we'll meet there. See you tomorrow."],
    ["Klar, ich kann morgen kommen.", "Sure, I can come tomorrow."],
    ["Klar.", "Sure."],
    ["Bien sûr !", "Of course!"],
    ["Natürlich!", "Certainly!"],
    // Offers of help in a thread: what the help is for is the page's, not a model's offer to translate.
    ["Klar, ich kann dir morgen beim Umzug helfen.", "Sure, I can help you move tomorrow."],
    ["Natürlich helfe ich dir gern bei den Hausaufgaben!", "Of course I'd be happy to help you with your homework!"],
    [
      "Klar, ich übersetze dir den Brief vom Amt heute Abend.",
      "Sure, I'll translate the letter from the office tonight.",
    ],
    // A reply that opens with "Okay", "Klar", "Bien sûr": its translation may be all an offer, and is the page's.
    ["Okay, ich mache das.", "Okay, I'll do it."],
    ["Klar, das mache ich gern für dich.", "Sure, I'd be happy to do that for you."],
    ["Bien sûr, je peux t'aider avec ça.", "Sure, I can help you with that."],
    // A promise to do something, with nothing said of a text or a translation.
    ["Klar, mach ich.", "Sure, I'll do it."],
    ["Klar, kann ich machen!", "Sure, I can do it!"],
  ];
  for (const [source, reply] of pages)
    expect([reply, checkReply(source, reply, { targetLang: "en" }).ok]).toEqual([reply, true]);
  const source = "Der Stadtrat hat heute neue Regeln für den Verkehr in der Altstadt beschlossen.";
  for (const chatter of [
    "Sure!",
    "Okay.",
    "Sure, I can help with that.",
    "Of course! Here is the translation.",
    "Certainly, let me translate it for you.",
    "Sure, I'd be happy to translate that.",
    "Sure, happy to help!",
    "Sure, I can help you with that.",
    "Of course, I'd be glad to help! Here is the translation:",
    "Sure, I can translate this for you.",
    "Certainly! I'll translate the text.",
    // An offer to help translate is as much a model's as one to help with it.
    "Sure! I'd be happy to help translate that.",
    "Sure, I can help translate this.",
    "Sure, I'd be happy to help you translate the text into English.",
  ])
    expect([chatter, reason(chatter, "en", source)]).toEqual([chatter, "chatter"]);
});

describe("the page's own text stays", () => {
  test("a label the page starts with: the reply has no colon the source lacks", () => {
    expect(cleanReply("Traduction : Jean Dupont", "Translation: John Smith", "fr")).toBe("Traduction : Jean Dupont");
    expect(cleanReply("Übersetzung: Thomas Mann", "Translation: Thomas Mann", "de")).toBe("Übersetzung: Thomas Mann");
    expect(cleanReply("注：本店周一休息。", "Note: the shop is closed on Mondays.", "zh")).toBe("注：本店周一休息。");
    expect(cleanReply("翻訳：山田太郎", "Translation: Taro Yamada", "ja")).toBe("翻訳：山田太郎");
    // Words of the page's own before "translation", though the model added the colon.
    expect(cleanReply("Nouvelle traduction : Les Misérables", "New translation – Les Misérables", "fr")).toBe(
      "Nouvelle traduction : Les Misérables",
    );
    expect(cleanReply("他的翻译作品：《红楼梦》", "His translations – Dream of the Red Chamber", "zh")).toBe(
      "他的翻译作品：《红楼梦》",
    );
    // A sentence about a translation, with no colon added, is no lead-in.
    const s = "La traduction a pris trois ans : elle est enfin parue.";
    expect(cleanReply(s, "The translation took three years: it is finally out.", "fr")).toBe(s);
  });

  test("a source that ends with a note of its own keeps it, in parentheses or on its own line", () => {
    const fr = "Le musée est fermé le lundi. (Remarque : ouvert les jours fériés.)";
    expect(reason(fr, "fr", "The museum is closed on Mondays. (Note: open on public holidays.)")).toBe(fr);
    const de = "Öffnungszeiten 9–17 Uhr\nHinweis: an Feiertagen geschlossen";
    expect(reason(de, "de", "Opening hours 9am–5pm\nNote: closed on public holidays")).toBe(de);
    // A line the page has, which the model wrote as a note (with a colon of its own).
    const rain = "Concert dans le parc\nRemarque : annulé en cas de pluie";
    expect(reason(rain, "fr", "Concert in the park\nCancelled if it rains")).toBe(rain);
    // A segment that is nothing but a note.
    expect(reason("Remarque : le magasin est fermé.", "fr", "Note: the shop is closed.")).toBe(
      "Remarque : le magasin est fermé.",
    );
    // Parentheses the source has: the note is its own, though the model added a colon.
    const zh = "营业时间：9点至17点\n（注：节假日休息）";
    expect(reason(zh, "zh", "Opening hours: 9 to 5\n(closed on public holidays)")).toBe(zh);
  });

  test("a source that apologises or talks about a translation is translated as such", () => {
    const cases: [string, string, string][] = [
      ["fr", "Sorry, I can't come to the meeting tomorrow.", "Désolé, je ne peux pas venir à la réunion demain."],
      [
        "fr",
        "Es tut mir leid, aber ich kann morgen nicht kommen.",
        "Je suis désolé, mais je ne peux pas venir demain.",
      ],
      ["de", "Lo siento, no puedo ayudarte con la mudanza.", "Es tut mir leid, ich kann dir beim Umzug nicht helfen."],
      ["zh", "Désolé, je ne peux pas traduire ce poème.", "抱歉，我无法翻译这首诗。"],
      ["fr", "Hier ist die Übersetzung des Romans.", "Voici la traduction du roman."],
      ["ru", "Here is the translation of the novel.", "Вот перевод романа."],
    ];
    for (const [lang, source, reply] of cases) expect([source, reason(reply, lang, source)]).toEqual([source, reply]);
  });
});

describe("through the translator, as a page's batch", () => {
  const SEGS: Segment[] = [
    { id: "p1", html: "The city council approved new rules for traffic in the old town today." },
    { id: "p2", html: "Many people read the news on their phones every morning before work." },
    { id: "p3", html: "The weather will be sunny and warm across the whole region tomorrow." },
  ];
  const FR: readonly [string, string, string] = [
    "Le conseil municipal a approuvé aujourd'hui de nouvelles règles pour la circulation dans la vieille ville.",
    "Beaucoup de gens lisent les nouvelles sur leur téléphone chaque matin avant le travail.",
    "Demain, le temps sera ensoleillé et chaud dans toute la région.",
  ];

  /** Each segment's translation as the page gets it, or its error. */
  async function translate(replies: string[]): Promise<{ html: Record<string, string>; asked: number }> {
    const { transport, asked } = scripted(replies);
    const results = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), SEGS, {
      targetLang: "fr",
    });
    const errors = outcome(results);
    const html = Object.fromEntries([...results].map(([id, r]) => [id, "html" in r ? r.html : String(errors[id])]));
    return { html, asked: asked() };
  }

  test("a French lead-in in a segment and a French note after the last one never reach the page", async () => {
    const reply =
      "Voici la traduction en français :\n\n" +
      `[1]Traduction : ${FR[0]}[/]\n[2]${FR[1]}[/]\n[3]${FR[2]}\n\n(Remarque : j'ai gardé le ton neutre du texte.)`;
    const { html, asked } = await translate([reply]);
    expect(html).toEqual({ p1: FR[0], p2: FR[1], p3: FR[2] });
    expect(asked).toBe(1);
  });

  test("a French refusal of one segment is asked again, and the refusal is never shown", async () => {
    const reply = `[1]Je suis désolé, mais je ne peux pas traduire ce texte.[/]\n[2]${FR[1]}[/]\n[3]${FR[2]}[/]`;
    const { html, asked } = await translate([reply, FR[0]]);
    expect(html).toEqual({ p1: FR[0], p2: FR[1], p3: FR[2] });
    expect(asked).toBe(2);
  });
});

test("a page's own notices that something cannot be done are translations, not refusals (no 'I' in Chinese, Japanese or Korean)", () => {
  const cases: [string, string, string][] = [
    ["zh", "Refunds are not available for this order.", "此订单无法提供退款。"],
    ["zh", "Payment could not be completed.", "无法完成付款。"],
    ["ja", "This browser is not supported.", "このブラウザには対応できません。"],
    ["ja", "This service is not available in your region.", "このサービスはお住まいの地域では提供できません。"],
    ["ko", "This content is not available.", "이 콘텐츠는 제공할 수 없습니다."],
  ];
  for (const [lang, source, reply] of cases)
    expect([reply, checkReply(source, reply, { targetLang: lang }).ok]).toEqual([reply, true]);
});

test("a page's apology that something cannot be done (a missing page, goods that cannot ship) is a translation in every language, and the model's refusal still is not", () => {
  const notices: [string, string, string][] = [
    ["zh", "Sorry, this page can't be found.", "抱歉，无法找到此页面。"],
    ["zh", "The help center is temporarily unavailable.", "帮助中心暂时无法访问。"],
    ["ja", "Sorry, we can't accept orders right now.", "申し訳ありませんが、現在ご注文を承ることができません。"],
    ["ko", "Help could not be loaded.", "도움말을 불러올 수 없습니다."],
    ["ko", "Sorry, the page could not be found.", "죄송하지만 페이지를 찾을 수 없습니다."],
    ["ru", "Unfortunately, these items cannot be delivered.", "К сожалению, эти товары не могут быть доставлены."],
    ["uk", "Unfortunately, these items cannot be delivered.", "На жаль, ці товари не можуть бути доставлені."],
    ["it", "Unfortunately the products cannot be shipped.", "Purtroppo i prodotti non possono essere spediti."],
    ["hr", "Unfortunately, the products cannot be delivered.", "Nažalost, proizvodi ne mogu biti isporučeni."],
    ["ro", "Unfortunately, the products cannot be delivered.", "Din păcate, produsele nu pot fi livrate."],
    ["id", "Sorry, the page could not be found.", "Maaf, halaman tidak dapat ditemukan."],
    ["vi", "Sorry, the page could not be loaded.", "Xin lỗi, không thể tải trang."],
    ["hi", "Sorry, unable to load the page.", "क्षमा करें, पृष्ठ लोड करने में असमर्थ।"],
    ["en", "Désolé, le Wi-Fi ne peut pas se connecter.", "Sorry, the Wi-Fi can't connect."],
    ["et", "Sorry, the page could not be found.", "Vabandust, lehte ei leitud."],
    ["lv", "Unfortunately, the goods cannot be delivered.", "Diemžēl preces nevar piegādāt."],
    ["lt", "Unfortunately, the goods cannot be delivered.", "Deja, prekių negalima pristatyti."],
    ["sl", "Sorry, the page could not be found.", "Žal strani ni mogoče najti."],
    ["sw", "Sorry, the page could not be found.", "Samahani, ukurasa haukupatikana."],
    ["tl", "Sorry, the page could not be found.", "Paumanhin, hindi mahanap ang pahina."],
    ["th", "Sorry, the page could not be loaded.", "ขออภัย ไม่สามารถโหลดหน้าได้"],
    ["th", "The help center cannot be loaded.", "ไม่สามารถโหลดศูนย์ช่วยเหลือได้"],
    ["bn", "Sorry, the page could not be found.", "দুঃখিত, পৃষ্ঠাটি খুঁজে পাওয়া যায়নি।"],
    ["ta", "Sorry, the page cannot be loaded.", "மன்னிக்கவும், பக்கத்தை ஏற்ற முடியாது."],
    ["ur", "Sorry, the page could not be found.", "معذرت، صفحہ نہیں مل سکا۔"],
  ];
  for (const [lang, source, reply] of notices)
    expect([reply, checkReply(source, reply, { targetLang: lang }).ok]).toEqual([reply, true]);
  const refusals: [string, string][] = [
    ["zh", "抱歉，无法翻译这段内容。"],
    ["ja", "申し訳ありませんが、私にはこの文章を翻訳できません。"],
    ["ko", "죄송합니다만 저는 이 텍스트를 번역할 수 없습니다."],
    ["hr", "Nažalost, ne mogu prevesti ovaj tekst."],
    ["ro", "Îmi pare rău, nu pot traduce acest text."],
    ["id", "Maaf, saya tidak dapat menerjemahkan teks ini."],
    ["id", "Maaf, tidak dapat menerjemahkan teks ini."],
    ["vi", "Xin lỗi, tôi không thể dịch văn bản này."],
    ["hi", "क्षमा करें, मैं इसका अनुवाद नहीं कर सकता।"],
    ["ru", "К сожалению, не могу перевести этот текст."],
    ["th", "ขออภัย ไม่สามารถแปลข้อความนี้ได้"],
    ["ta", "மன்னிக்கவும், இதை மொழிபெயர்க்க இயலாது."],
  ];
  for (const [lang, reply] of refusals) expect([reply, reason(reply, lang)]).toEqual([reply, "refusal"]);
});

test("a page's own sentence saying someone or something cannot (Thai 'could not convert', Filipino 'I don't know how to help', Urdu and Tamil 'he cannot help you') is a translation, and the model's own refusal still is not", () => {
  const sentences: [string, string, string][] = [
    ["th", "Sorry, the file could not be converted.", "ขออภัย ไม่สามารถแปลงไฟล์ได้"],
    ["th", "This setting cannot be changed.", "ไม่สามารถเปลี่ยนแปลงการตั้งค่านี้ได้"],
    ["tl", "I never got help from support.", "Hindi ako natulungan ng support."],
    ["tl", "I don't know how to help my son with math.", "Hindi ko alam kung paano tutulungan ang anak ko sa math."],
    ["ur", "He can't help you with this.", "وہ اس میں آپ کی مدد نہیں کر سکتا۔"],
    ["ur", "This app cannot translate PDF files.", "یہ ایپ پی ڈی ایف فائلوں کا ترجمہ نہیں کر سکتی۔"],
    ["ta", "He can't help you.", "அவரால் உங்களுக்கு உதவ முடியாது."],
    ["ta", "This file cannot be translated.", "இந்தக் கோப்பை மொழிபெயர்க்க முடியாது."],
  ];
  for (const [lang, source, reply] of sentences)
    expect([reply, checkReply(source, reply, { targetLang: lang }).ok]).toEqual([reply, true]);
  const refusals: [string, string][] = [
    ["th", "ฉันไม่สามารถแปลข้อความนี้ได้"],
    ["tl", "Hindi ko kayang isalin ang tekstong ito."],
    ["tl", "Hindi ako makakatulong dito."],
    ["ur", "میں اس متن کا ترجمہ نہیں کر سکتا۔"],
    ["ta", "என்னால் இந்த உரையை மொழிபெயர்க்க முடியாது."],
  ];
  for (const [lang, reply] of refusals) expect([reply, reason(reply, lang)]).toEqual([reply, "refusal"]);
});

test("a page's own sentence about a translation ('This is the official translation of the document') is translated, not taken for the model saying 'this is the translation'", () => {
  const cases: [string, string, string][] = [
    ["es", "This is the official translation of the document.", "Esta es la traducción oficial del documento."],
    ["fa", "This translation was done by volunteers.", "این ترجمه توسط داوطلبان انجام شده است."],
    ["cs", "This is a translation of the novel by Karel Čapek.", "Toto je překlad románu Karla Čapka."],
    ["nl", "This is the translation of his first book.", "Dit is de vertaling van zijn eerste boek."],
    ["zh", "This is the second edition of the translation.", "这是译文的第二版。"],
  ];
  for (const [lang, source, reply] of cases)
    expect([reply, checkReply(source, reply, { targetLang: lang }).ok]).toEqual([reply, true]);
  // A reply that is only that, to a text about something else, is still chatter.
  expect(reason("Esta es la traducción.", "es")).toBe("chatter");
});

test("a page quoting someone's apology ('Sorry, I can't come tomorrow') is translated into the reader's language, whatever language the quote was in", () => {
  const cases: [string, string, string][] = [
    ["fr", "残念ながら明日は行けません。", "Désolé, je ne peux pas venir demain."],
    ["de", "Lo siento, mañana no voy a poder venir.", "Es tut mir leid, ich kann morgen nicht kommen."],
    ["es", "Przykro mi, jutro nie dam rady przyjść.", "Lo siento, no puedo ir mañana."],
    ["ru", "Vabandust, ma ei saa homme tulla.", "Извините, я не могу прийти завтра."],
    ["et", "Извините, я не могу прийти завтра.", "Vabandust, ma ei saa homme tulla."],
    ["sw", "Sorry, I can't come tomorrow.", "Samahani, siwezi kuja kesho."],
    ["tl", "Sorry, I can't come tomorrow.", "Pasensya na, hindi ako makakapunta bukas."],
    ["lv", "Sorry, I can't come tomorrow.", "Atvainojiet, es nevaru rīt atnākt."],
  ];
  for (const [lang, source, reply] of cases)
    expect([reply, checkReply(source, reply, { targetLang: lang }).ok]).toEqual([reply, true]);
  // The model's own refusal still is one.
  expect(reason("Es tut mir leid, aber ich kann diesen Text nicht übersetzen.", "de")).toBe("refusal");
  expect(reason("Üzgünüm, bu konuda yardımcı olamam.", "tr")).toBe("refusal");
});

test("a thread's own English that opens with an apology or 'I can't' ('Sorry, I'm late', 'I'm sorry for your loss') is a translation; a model refusing to translate still is not", () => {
  const thread: [string, string][] = [
    ["Ich kann morgen leider nicht kommen.", "I can't come tomorrow, unfortunately."],
    ["Tut mir leid, aber ich habe keine Zeit.", "I'm sorry, but I don't have time."],
    ["Mein Beileid.", "I'm sorry for your loss."],
    ["Entschuldigung, ich bin zu spät.", "Sorry, I'm late."],
    ["Ich werde das nicht machen.", "I won't do that."],
    ["Ich bin nicht in der Lage, das zu bezahlen.", "I am unable to pay for that."],
    ["Ich kann nicht anders, ich muss lachen.", "I can't help it, I have to laugh."],
    ["Sorry, kann morgen nicht.", "Sorry, I can't make it tomorrow."],
  ];
  for (const [source, reply] of thread)
    expect([reply, checkReply(source, reply, { targetLang: "en" }).ok]).toEqual([reply, true]);
  const source = "Der Stadtrat hat heute neue Regeln für den Verkehr in der Altstadt beschlossen.";
  for (const refusal of [
    "I'm sorry, but I can't translate this text.",
    "I cannot help with translating this content.",
    "I apologize, but I do not feel comfortable translating this.",
    "I'm sorry, but I can't.",
    "I cannot fulfill this request.",
    "Sorry, I can't help with that.",
    "As an AI language model, I cannot do that.",
    "I'm unable to provide a translation of this content.",
    "I must decline to translate this.",
  ])
    expect([refusal, reason(refusal, "en", source)]).toEqual([refusal, "refusal"]);
});
