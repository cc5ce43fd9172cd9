import { detectLanguage, stripNoise } from "../../src/userscript/detect-language";

describe("detectLanguage (userscript)", () => {
  it.each([
    ["de", "Hab das gestern auch gesehen, echt krass lol"],
    ["de", "Ich würde einfach mal beim Kundenservice anrufen, die sind meistens ganz nett"],
    ["en", "Honestly I'd just call customer support, they were super helpful"],
    ["en", "What's the song in the background?"],
    ["fr", "Je comprends pas trop le drama, c'est juste un jeu"],
    ["fr", "Franchement la fin a gâché toute la série pour moi"],
    ["ja", "普通にサポートに電話したほうが早いと思う"],
    ["ja", "バグじゃなくて仕様です"],
    // Next to the neighbours the model does not know (below), which must not contradict them.
    ["ru", "Да, и я тоже так думаю, но это уже совсем другая история."],
    ["no", "Jeg tror at det er bedre å vente til den nye versjonen kommer ut, så vet du det sikkert."],
    ["nl", "Ik denk dat het beter is om eerst even te wachten tot de nieuwe versie uit is, dan weet je het zeker."],
    ["pt", "Eu ligaria direto pro atendimento ao cliente, geralmente eles são bem atenciosos"],
    ["es", "Yo llamaría directamente a atención al cliente, normalmente son majos"],
    ["tr", "Aynen, geçen yaz İzmir'de benim de başıma geldi"],
  ])("recognises a %s comment: %s", async (lang, text) => {
    expect(await detectLanguage(text)).toBe(lang);
  });

  it("ignores URLs, @mentions, u/ and r/ names, numbers and emoji around the words", async () => {
    expect(
      await detectLanguage("@Lukas_93 genau das hab ich doch gesagt, lies halt mal richtig 🙄 https://example.com/a"),
    ).toBe("de");
    expect(await detectLanguage("u/someone r/france Les trains avaient encore 40 minutes de retard ce matin 🙃")).toBe(
      "fr",
    );
  });

  it.each([
    "lol 👍",
    "https://example.com",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    "12345",
    "10/10",
    "3,50 € + 19%",
    "😂😂😂",
    "u/spez r/de",
    "@everyone",
    "",
  ])("returns undefined for %j", async (text) => {
    expect(await detectLanguage(text)).toBeUndefined();
  });

  it("returns BCP 47 primary subtags, not ISO 639-3 codes", async () => {
    expect(await detectLanguage("说实话，结局把整部剧都毁了")).toBe("zh"); // tinyld's model calls it cmn
    expect(await detectLanguage("솔직히 결말 때문에 드라마 전체를 망쳤음")).toBe("ko");
    expect(await detectLanguage("Честно говоря, концовка испортила мне весь сериал")).toBe("ru");
    expect(await detectLanguage("Açıkçası final bütün diziyi mahvetti benim için")).toBe("tr");
    expect(await detectLanguage("Szczerze mówiąc zakończenie zepsuło mi cały serial")).toBe("pl");
    expect(await detectLanguage("Ärligt talat förstörde slutet hela serien för mig")).toBe("sv");
  });

  it("declines texts whose letters the guessed language does not use", async () => {
    // Ukrainian and Czech are not in tinyld's light model, which calls them Russian and Polish.
    expect(await detectLanguage("Не розумію всього цього галасу, це просто гра")).toBeUndefined();
    expect(await detectLanguage("Upřímně řečeno mi konec zkazil celý seriál")).toBeUndefined();
  });

  it("tolerates a few foreign letters in names within a longer text", async () => {
    const text =
      "Spent the whole weekend in Montréal with my friend Zoë and honestly the food scene there is incredible, " +
      "especially the bagels and the poutine places downtown near the old port. Cannot wait to go back next summer.";
    expect(await detectLanguage(text)).toBe("en");
  });
});

describe("detectLanguage on short and mixed text (issue #15)", () => {
  it.each([
    "Credit Danielle Chenette",
    "Braguino (documentaire, 50min, Arte)",
    "Tirage photo professionnel",
    "Jim & Andy (documentaire, 1h33, Netflix)",
  ])("declines the short passage %j", async (text) => {
    expect(await detectLanguage(text)).toBeUndefined();
  });

  it.each([
    "Same here in Munich, the S-Bahn was a mess yesterday and the Hauptbahnhof was completely packed with people",
    "Not German but I learned that Feierabend is sacred and Sonntagsruhe means no drilling on Sunday",
    "The word you are looking for is Fremdschämen, or maybe Schadenfreude depending on the context",
  ])("never takes an English comment full of German words for another language: %j", async (text) => {
    expect([undefined, "en"]).toContain(await detectLanguage(text));
  });

  it("still knows a German comment that quotes some English", async () => {
    const text = "Unser neues Meeting heißt jetzt Daily Stand-up, dauert aber trotzdem eine Stunde";
    expect(await detectLanguage(text)).toBe("de");
  });
});

describe("stripNoise", () => {
  it("removes URLs, e-mail addresses, mentions, Reddit names, numbers and emoji", () => {
    expect(stripNoise("see https://x.org/a?b=1 and www.y.com, mail me@z.de @bob u/alice /r/de 42€ 👍🏽🇩🇪 ok")).toBe(
      "see and mail € ok",
    );
  });

  it("keeps words, including non-Latin ones", () => {
    expect(stripNoise("Спасибо большое, теперь работает!")).toBe("Спасибо большое, теперь работает!");
    expect(stripNoise("電車また40分遅れてた")).toBe("電車また 分遅れてた");
  });
});

describe("detectLanguage on languages the model does not know", () => {
  // tinyld's light model answers with full confidence for a neighbour it does not know: a reader of the language it
  // names would have these left untranslated.
  it.each([
    [
      "Bulgarian as Russian",
      "Мисля, че е по-добре да изчакаш, докато излезе новата версия, тогава ще знаеш със сигурност.",
    ],
    ["Ukrainian as Russian", "Я теж це вчора бачив, просто жах"],
    ["Indonesian as German", "Saya pikir lebih baik menunggu sampai versi baru keluar, jadi kamu tahu pasti."],
    ["Danish as Norwegian", "Jeg synes bare at det er lidt mærkeligt at de ikke har sagt noget om det endnu."],
    ["Danish as Norwegian", "Jeg tror det er bedre at vente til den nye version kommer ud, så ved du det sikkert."],
    [
      "Afrikaans as Dutch",
      "Ek dink dit is beter om eers te wag totdat die nuwe weergawe uit is, dan weet jy dit seker.",
    ],
    ["Galician as Portuguese", "Creo que é mellor agardar ata que saia a nova versión, así o sabes seguro."],
    ["Catalan as Portuguese", "Doncs a mi em va passar el mateix ahir a la nit"],
  ])("declines %s", async (_, text) => {
    expect(await detectLanguage(text)).toBeUndefined();
  });
});
