// Issue 14 item 2: the glossary — entries validated like any setting, chosen per target language and site, found as
// whole words, written and read as lines, and checked on the model's reply.
import { entriesIn, unmetTerms } from "../../src/llm/glossary-check";
import { containsTerm, glossaryFor, validateGlossaryEntry, type GlossaryEntry } from "../../src/shared/glossary";
import { readSettings, validateSettingsPatch } from "../../src/shared/settings";
import { rulesFor, rulesKey } from "../../src/shared/translation-rules";

const entry = (term: string, translation = "", lang = "", site = ""): GlossaryEntry => ({
  term,
  translation,
  lang,
  site,
});

describe("entries", () => {
  it("are trimmed and normalised; a bad language or site is refused with the entry named", () => {
    expect(validateGlossaryEntry({ term: "  Bahn ", translation: " Deutsche  Bahn", lang: "EN-gb", site: "" })).toEqual(
      {
        ok: true,
        value: entry("Bahn", "Deutsche Bahn", "en-GB"),
      },
    );
    expect(validateGlossaryEntry({ term: "x", site: "https://Old.Reddit.com/r/de/" })).toEqual({
      ok: true,
      value: entry("x", "", "", "old.reddit.com/r/de"),
    });
    expect(validateGlossaryEntry({ term: "" })).toMatchObject({ ok: false });
    expect(validateGlossaryEntry({ term: "Bahn", lang: "German" })).toEqual({
      ok: false,
      message: "“German” is not a language code (glossary entry “Bahn”).",
    });
    expect(validateGlossaryEntry({ term: "Bahn", site: "github.io" })).toMatchObject({ ok: false });
  });

  it("a too long translation is named as the translation, with its term", () => {
    const long = "x".repeat(101);
    expect(validateGlossaryEntry({ term: "Bahn", translation: long })).toEqual({
      ok: false,
      message: "What a glossary term becomes is at most 100 characters (glossary entry “Bahn”).",
    });
    expect(validateGlossaryEntry({ term: long })).toEqual({
      ok: false,
      message: `Glossary terms are at most 100 characters (“${"x".repeat(30)}…”).`,
    });
  });

  it("live in the settings: validated on save, a broken stored glossary falls back alone", () => {
    const saved = validateSettingsPatch({
      glossary: [{ term: "r/de" }, { term: "Bahn", translation: "Deutsche Bahn" }],
    });
    expect(saved).toEqual({ ok: true, patch: { glossary: [entry("r/de"), entry("Bahn", "Deutsche Bahn")] } });
    expect(validateSettingsPatch({ glossary: [{ term: "Bahn" }, { term: "bahn" }] })).toMatchObject({
      ok: false,
      errors: { glossary: "“bahn” is in the glossary twice for the same language and site." },
    });
    const { settings, problems } = readSettings({ glossary: "nonsense", model: "gemma" });
    expect(settings.glossary).toEqual([]);
    expect(settings.model).toBe("gemma");
    expect(Object.keys(problems)).toEqual(["glossary"]);
  });

  it("extra instructions keep a few lines and refuse a novel", () => {
    expect(
      validateSettingsPatch({ customInstructions: "  Use informal du.\n\n  Swiss spelling (ss, not ß). " }),
    ).toEqual({
      ok: true,
      patch: { customInstructions: "Use informal du.\nSwiss spelling (ss, not ß)." },
    });
    expect(validateSettingsPatch({ customInstructions: "x".repeat(601) })).toMatchObject({ ok: false });
  });
});

describe("which entries apply", () => {
  const all = [
    entry("r/de"),
    entry("Bahn", "Deutsche Bahn", "en"),
    entry("Bahn", "DB", "en", "reddit.com/r/de"),
    entry("Zug", "tren", "es"),
  ];

  it("per target language (by its primary subtag) and per site, the most specific entry of a term winning", () => {
    expect(glossaryFor(all, "en-GB", "https://www.reddit.com/r/de/comments/1")).toEqual([entry("r/de"), all[2]]);
    expect(glossaryFor(all, "en", "https://example.com/")).toEqual([entry("r/de"), all[1]]);
    expect(glossaryFor(all, "es", "https://example.com/")).toEqual([entry("r/de"), all[3]]);
    expect(glossaryFor(all, "fr", "https://example.com/")).toEqual([entry("r/de")]);
  });

  it("a variant's entry (Brazilian Portuguese, Traditional Chinese) is for that variant only, and wins there", () => {
    const bus = [entry("Bus", "autocarro", "pt"), entry("Bus", "ônibus", "pt-BR")];
    const software = [entry("Software", "軟體", "zh-Hant"), entry("Software", "软件", "zh")];
    const terms = (list: GlossaryEntry[], lang: string) =>
      glossaryFor(list, lang, "https://example.com/").map((e) => e.translation);
    expect(terms(bus, "pt-BR")).toEqual(["ônibus"]);
    expect(terms(bus, "pt")).toEqual(["autocarro"]);
    expect(terms(bus, "pt-PT")).toEqual(["autocarro"]);
    expect(terms([...bus].reverse(), "pt-BR")).toEqual(["ônibus"]);
    expect(terms(software, "zh-Hant")).toEqual(["軟體"]);
    expect(terms(software, "zh-TW")).toEqual(["軟體"]);
    expect(terms(software, "zh")).toEqual(["软件"]);
    expect(terms(software.slice(0, 1), "zh-CN")).toEqual([]);
  });

  it("make the rules, whose key is empty without any (old cache entries stay valid) and changes with each", () => {
    const none = rulesFor({ glossary: [], customInstructions: "" }, "en", "https://example.com/");
    expect(none).toBeUndefined();
    expect(rulesKey(none)).toBe("");
    const some = rulesFor({ glossary: all, customInstructions: "" }, "en", "https://example.com/");
    const more = rulesFor({ glossary: all, customInstructions: "Formal." }, "en", "https://example.com/");
    expect(rulesKey(some)).not.toBe("");
    expect(rulesKey(more)).not.toBe(rulesKey(some));
    expect(rulesKey(rulesFor({ glossary: all, customInstructions: "" }, "es", "https://example.com/"))).not.toBe(
      rulesKey(some),
    );
  });
});

describe("terms in text", () => {
  it("match whole words, case-insensitively; a term with symbols at its edge matches there", () => {
    expect(containsTerm("Die Bahn kommt", "Bahn")).toBe(true);
    expect(containsTerm("Der Bahnhof", "Bahn")).toBe(false);
    expect(containsTerm("die BAHN!", "bahn")).toBe(true);
    expect(containsTerm("Read r/de daily", "r/de")).toBe(true);
    expect(containsTerm("Read r/dealing", "r/de")).toBe(false);
    expect(containsTerm("I like C++ a lot", "C++")).toBe(true);
    expect(containsTerm("Deutsche   Bahn", "Deutsche Bahn")).toBe(true);
  });

  it("read a typographic apostrophe as the one a keyboard types, either way", () => {
    expect(containsTerm("Bei McDonald’s gegessen", "McDonald's")).toBe(true);
    expect(containsTerm("Bei McDonald's gegessen", "McDonald’s")).toBe(true);
    const rules = [entry("McDonald's"), entry("Rock ’n’ Roll", "rock 'n' roll")];
    expect(unmetTerms(rules, "McDonald’s spielt Rock 'n' Roll", "McDonald’s plays rock ’n’ roll")).toEqual([]);
  });

  it("in scripts written without spaces, match inside a run of text, and a term next to such a run", () => {
    expect(containsTerm("東京都に住んでいます", "東京")).toBe(true);
    expect(containsTerm("我在北京工作", "北京")).toBe(true);
    expect(containsTerm("Redditで読んだ", "Reddit")).toBe(true);
    expect(containsTerm("레딧에서 읽었다", "레딧")).toBe(true);
    expect(containsTerm("Redditorで読んだ", "Reddit")).toBe(false);
  });
});

describe("checking a reply", () => {
  const glossary = [entry("r/de"), entry("Bahn", "Deutsche Bahn")];

  it("asks a kept term back as written and a translated term as its translation, inflected or not", () => {
    expect(
      unmetTerms(
        glossary,
        "Auf <a1>r/de</a1> schimpft man über die Bahn.",
        "On <a1>r/de</a1> people complain about Deutsche Bahn.",
      ),
    ).toEqual([]);
    expect(unmetTerms(glossary, "Wegen der Bahn", "Wegen der Deutschen Bahn")).toEqual([]);
    expect(
      unmetTerms(glossary, "Auf r/de schimpft man über die Bahn.", "On r/germany people complain about the railway."),
    ).toEqual(["r/de", "Bahn"]);
  });

  it("reads a reference the model made up as written, not as a name of JavaScript's objects", () => {
    // `&constructor;` once read as Object's constructor, whose printed source holds the word "Object".
    expect(unmetTerms([entry("Object")], "Das Object", "The &constructor;")).toEqual(["Object"]);
    expect(unmetTerms([entry("Object")], "Das Object", "The Object&nbsp;here")).toEqual([]);
  });

  it("finds a kept or translated term in a reply in Japanese or Chinese, where no space sets it apart", () => {
    const rules = [entry("Reddit"), entry("Bahn", "鉄道"), entry("Zug", "列车")];
    expect(unmetTerms(rules, "Auf Reddit schimpft man über die Bahn.", "Redditではドイツ鉄道の悪口を言う。")).toEqual(
      [],
    );
    expect(unmetTerms(rules, "Der Zug kommt.", "火车来了。")).toEqual(["Zug"]);
    expect(unmetTerms(rules, "Der Zug kommt.", "这列列车来了。")).toEqual([]);
  });

  it("lets a kept term take the case ending its language gives it, but not become another word", () => {
    const rules = [entry("Reddit"), entry("Feierabend")];
    expect(unmetTerms(rules, "Auf Reddit gelesen", "Luin sen Redditissä.")).toEqual([]);
    expect(unmetTerms(rules, "Auf Reddits Startseite", "Auf Reddits Startseite")).toEqual([]);
    expect(unmetTerms(rules, "Endlich Feierabend auf Reddit!", "Finally, time off on the forum!")).toEqual([
      "Reddit",
      "Feierabend",
    ]);
  });

  it("lets a term in Arabic or Hebrew take the letters those languages join to the front of a word", () => {
    const rules = [entry("Bahn", "القطار"), entry("Zug", "הרכבת"), entry("Reddit")];
    expect(unmetTerms(rules, "Mit der Bahn, las es auf Reddit", "سافرت بالقطار وقرأته على Reddit")).toEqual([]);
    expect(unmetTerms(rules, "Im Zug, las es auf Reddit", "ברכבת, קראתי את זה בReddit")).toEqual([]);
    expect(unmetTerms(rules, "Im Zug", "באוטובוס")).toEqual(["Zug"]);
    expect(unmetTerms([entry("Bahn")], "Die Bahn", "Die Autobahn")).toEqual(["Bahn"]);
  });

  it("asks a term inside a longer term only for that longer term, as a model following both writes it", () => {
    const rules = [entry("Bahn", "railway"), entry("Deutsche Bahn")];
    expect(unmetTerms(rules, "Die Deutsche Bahn streikt.", "Deutsche Bahn is on strike.")).toEqual([]);
    expect(unmetTerms(rules, "Die Deutsche Bahn streikt.", "The German railway is on strike.")).toEqual([
      "Deutsche Bahn",
    ]);
    expect(unmetTerms(rules, "Die Deutsche Bahn und die Bahn", "Deutsche Bahn and the train")).toEqual(["Bahn"]);
    expect(unmetTerms(rules, "Die Deutsche Bahn und die Bahn", "Deutsche Bahn and the railway")).toEqual([]);
  });

  it("asks nothing of terms the source does not hold, and reads entities and tags as text", () => {
    expect(unmetTerms(glossary, "Der Bahnhof ist zu.", "The station is closed.")).toEqual([]);
    expect(unmetTerms([entry("AT&T")], "Kunde von AT&amp;T", "customer of <b1>AT&amp;T</b1>")).toEqual([]);
  });

  it("reads a character reference no character has, which a babbling model may write, as written", () => {
    expect(unmetTerms(glossary, "Die Bahn &#99999999;", "Deutsche Bahn &#x110000; &#0;")).toEqual([]);
  });

  it("a glossary of hundreds of entries costs a request and its reply word-boundary patterns only for terms they hold", () => {
    // Each such pattern (Unicode classes, case-insensitive) took V8 milliseconds to compile: 300 entries cost a request
    // seconds of CPU for its prompt and as much again for each segment of its reply.
    const many = Array.from({ length: 300 }, (_, i) => entry(`Fachbegriff${i} Name`, `technical term ${i} name`));
    const bounded: string[] = [];
    const Native = RegExp;
    globalThis.RegExp = new Proxy(Native, {
      construct(target, args: [string, string?]) {
        const pattern = Reflect.construct(target, args) as RegExp;
        if (pattern.source.includes("(?<!")) bounded.push(pattern.source);
        return pattern;
      },
    });
    try {
      const source = "Fachbegriff7 Name und Fachbegriff12 Name.";
      expect(entriesIn(many, source).map((e) => e.term)).toEqual(["Fachbegriff7 Name", "Fachbegriff12 Name"]);
      expect(unmetTerms(many, source, "technical term 7 name and technical term 12 names.")).toEqual([]);
      expect(unmetTerms(many, source, "technical term 7 name and term 12.")).toEqual(["Fachbegriff12 Name"]);
    } finally {
      globalThis.RegExp = Native;
    }
    // A few for each of the two terms the text holds (found, replaced, checked in the reply), not one for each entry.
    expect(bounded.length).toBeLessThan(30);
  });
});
