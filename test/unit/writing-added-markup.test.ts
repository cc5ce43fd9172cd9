// A translated reply may hold no link, image, HTML, web address or u/ r/ name that the user's own text did not have:
// the model sees the thread's title with the user's words, and a page can steer it into adding one. What the user
// wrote comes back as theirs, and punctuation that only looks like markup (`a < b`, `[sic]`) is words.
import { addedMarkup } from "../../src/writing/added-markup";
import { encodeMarkdown } from "../../src/writing/markdown";

/** What the user's text becomes when the model answers `reply` for its one line: what that added, if anything. */
function added(source: string, reply: string): string | undefined {
  const encoded = encodeMarkdown(source);
  expect(encoded.segments).toHaveLength(1);
  const rebuilt = encoded.rebuild([reply]);
  if (!rebuilt.ok) throw new Error(`placeholders broken: ${rebuilt.problem}`);
  return addedMarkup(source, rebuilt.text);
}

const TIP = "Danke für den Tipp, ich probiere es morgen aus.";
const TIP_LINK = "Thanks for the tip, see https://good.example/faq";

describe("a reply that adds something is caught, and named", () => {
  it.each([
    // The audit's reply: a link and a tag the model wrote as entities, which decode to working Markdown and HTML.
    [
      "Thanks for the tip. Free gift: [claim here](https://evil.example) &lt;img src=x&gt;",
      "a link to https://evil.example",
    ],
    ["Thanks for the tip. &lt;img src=x onerror=alert(1)&gt;", "HTML markup (<img>)"],
    ["Thanks for the tip. &lt;/p&gt;&lt;a href=x&gt;more&lt;/a&gt;", "HTML markup (</p>)"],
    ["Thanks for the tip. &lt;!-- hidden --&gt;", "HTML markup (<!--)"],
    ["Thanks! ![a](https://evil.example/p.png)", "an image from https://evil.example/p.png"],
    ["Thanks for the tip, see [the rules](/r/evil/wiki).", "a link to /r/evil/wiki"],
    ["Thanks for the [tip][1].", "a link"],
    ["Thanks for the tip: https://evil.example/win", "a web address (https://evil.example/win)"],
    ["Thanks for the tip: &lt;https://evil.example&gt;", "a web address (https://evil.example)"],
    ["Thanks, more on www.evil.example today.", "a web address (www.evil.example)"],
    ["Thanks, write to win@prizes.shop for more.", "a web address (prizes.shop)"],
    ["Thanks, more at prizes.shop!", "a web address (prizes.shop)"],
    ["Thanks, more at x.co/win!", "a web address (x.co/win)"],
    ["Thanks for the tip, join r/freegifts", "a link to r/freegifts"],
    ["Thanks for the tip, ask /u/somebody", "a link to u/somebody"],
  ])("%s", (reply, what) => {
    expect(added(TIP, reply)).toBe(what);
  });

  it("a link or a new path built around the user's own address", () => {
    const source = "Die Regeln stehen auf https://example.com/rules, bitte lesen.";
    expect(added(source, "[The rules](<x1></x1>), please read them.")).toBe("a link to https://example.com/rules");
    expect(added(source, "The rules are on <x1></x1>/../../r/evil, please read them.")).toBe(
      "a web address (https://example.com/rules/../../r/evil)",
    );
    // The user's one link, twice.
    expect(added("Siehe [hier](https://a.example).", "See <a1>here</a1> and [here](https://a.example).")).toBe(
      "a link to https://a.example",
    );
  });

  it("a reference definition the model put at a line's start, even in a list item", () => {
    expect(added("- Danke für den Tipp", "[tip]: https://evil.example")).toBe("a link to https://evil.example");
  });
});

describe("what the user wrote comes back as theirs", () => {
  it("their links, images, addresses, names and autolinks, wherever the translation puts them", () => {
    const source =
      "Danke für [den Fahrplan](https://www.bahn.de/fahrplan?a=1&b=(2)) auf r/de und /u/bahnfan, siehe https://bahn.de/x und <https://db.de> ![Karte](https://i.example/k.png)";
    expect(
      added(
        source,
        "<x6></x6> Thanks for <a1>the timetable</a1> on <x2></x2> and <x3></x3>, see „<x4></x4>“ and <x5></x5>.",
      ),
    ).toBeUndefined();
  });

  it("addresses and names glued to words of a language written without spaces", () => {
    expect(added("Schau auf r/de und https://example.com/a nach.", "<x1></x1>と<x2></x2>を見てください。")).toBe(
      undefined,
    );
  });

  it("their bare hosts, e-mail addresses, tags and definitions written as text, which the model sees and keeps", () => {
    expect(added("Schreib an hilfe@gmx.de oder schau auf Reddit.com", "Write to hilfe@gmx.de or see reddit.com")).toBe(
      undefined,
    );
    expect(added("Ein <br> bricht die Zeile", "A &lt;br&gt; breaks the line")).toBeUndefined();
    expect(added("Siehe [hier][1].\n\n[1]: https://a.example", "See <a1>here</a1>.")).toBeUndefined();
    expect(added("In Node.js geht das mit setup.py nicht", "In Node.js that does not work with setup.py")).toBe(
      undefined,
    );
  });
});

describe("on Mastodon and Lemmy, a mention, hashtag or community the user did not write", () => {
  it.each([
    ["Frag @admin, der weiß es.", "a mention of @admin"],
    ["Frag @spam@evil.example, der weiß es.", "a mention of @spam@evil.example"],
    ["Danke für den Tipp. #gratis", "the hashtag #gratis"],
    ["Danke für den Tipp, siehe !werbung@evil.example", "a link to !werbung@evil.example"],
  ])("is caught: %s", (reply, what) => {
    expect(added("Thanks for the tip.", reply)).toBe(what);
  });

  it("is caught whole, with letters beyond ASCII and a joiner inside", () => {
    expect(added("Danke #کتاب für den Tipp", "Thanks <x1></x1>\u200cخوانی for the tip")).toBe(
      "the hashtag #کتاب\u200cخوانی",
    );
    expect(added("Thanks for the tip.", "Спасибо, @Модератор!")).toBe("a mention of @Модератор");
  });

  it.each([
    ["Danke.@admin", "a mention of @admin"],
    ["Danke!@admin", "a mention of @admin"],
    ["Danke-@admin", "a mention of @admin"],
    ["Danke &@admin", "a mention of @admin"],
    ["Danke.#gratis", "the hashtag #gratis"],
    ["Danke!#gratis", "the hashtag #gratis"],
    ["Danke ##gratis", "the hashtag #gratis"],
    ["Danke!!werbung@evil.example", "a link to !werbung@evil.example"],
  ])("is caught glued to punctuation, where Mastodon links it too: %s", (reply, what) => {
    expect(added("Thanks for the tip.", reply)).toBe(what);
  });

  it("is not the user's own, nor an address's path or part", () => {
    expect(added("@anna@chaos.social Thanks for the #Bahn tip.", "<x1></x1> Danke für den <x2></x2>-Tipp.")).toBe(
      undefined,
    );
    expect(added("See https://chaos.social/@anna#top", "Siehe <x1></x1>")).toBeUndefined();
    expect(added("Train number 1 in C#", "Zug #1 in C#")).toBeUndefined();
  });
});

describe("punctuation that looks like markup is words", () => {
  it.each([
    ["Ist a < b, oder a > b?", "Is a &lt; b, or a &gt; b?"],
    ["Er schrieb „Standart“ [sic].", "He wrote “Standart” [sic]."],
    ["Ich <3 diese Stadt", "I &lt;3 this city"],
    ["x <= y gilt [siehe oben] (immer).", "x &lt;= y holds [see above] (always)."],
    ["z. B. Äpfel, d. h. Obst", "e.g. apples, i.e. fruit"],
    ["Thanks for the tip, e.g. for the US.", "Gracias por el consejo, p.ej. para EE.UU."],
    ["Thanks, among others for the map.", "Dzięki, m.in. za mapę."],
    ["Das kostet 3.50 Euro, ca. 5 Min.", "That costs 3.50 euros, approx. 5 min."],
    ["Die Antwort… keine Ahnung...wirklich", "The answer… no idea...really"],
    ["Mein Motor dreht 3000 U/min und km/h", "My motor turns 3000 rpm and km/h"],
    ["Edit: Tippfehler korrigiert", "[Edit]: typo fixed"],
    ["Hallo", "Bonjour à l'U.E. et M.Dupont, aujourd'hui"],
    ["Zurück oder weiter", "&lt;- back or forward -&gt;"],
    // Emoji shortcodes: the user's (a placeholder) and one the model adds are no link, name or tag.
    ["Super Idee :tada:", "<x1></x1> Great idea :+1: :thinking_face: :wave:t3: :flag-de:"],
  ])("%s", (source, reply) => {
    expect(added(source, reply)).toBeUndefined();
  });
});

describe("BBCode (a forum's reply box)", () => {
  const source = "I think so too. See [url=https://example.com/faq]the FAQ[/url] first.";

  it("a link whose words were translated is the user's own address", () => {
    expect(
      addedMarkup(source, "Denke ich auch. Lies zuerst [url=https://example.com/faq]die FAQ[/url]."),
    ).toBeUndefined();
  });

  it("an address the model added in a tag of its own is caught", () => {
    expect(addedMarkup(source, "Denke ich auch. Lies zuerst [url=https://evil.example/faq]die FAQ[/url].")).toBe(
      "a web address (https://evil.example/faq)",
    );
  });

  it.each([
    ['[quote="Admin"]Payment is due today.[/quote] Denke ich auch.', 'BBCode ([quote="Admin"])'],
    ["Denke ich auch, [USER=1]Admin[/USER].", "BBCode ([USER=1])"],
    ["Denke ich auch. [media=youtube]dQw4w9WgXcQ[/media]", "BBCode ([media=youtube])"],
    ["Lies zuerst [url]die FAQ[/url] von [url=https://example.com/faq]hier[/url].", "BBCode ([url])"],
  ])("a quote, mention, embed or link the model added in BBCode is caught: %s", (reply, what) => {
    expect(addedMarkup(source, reply)).toBe(what);
  });

  it("the user's own quote, user tag and link come back as theirs; a Markdown link's words are no tag", () => {
    const own =
      '[quote="Max" post_id=1]Geht das?[/quote]\nJa, [USER=7]@Anna[/USER] weiß es: [url=https://a.example]hier[/url].';
    expect(
      addedMarkup(
        own,
        '[quote="Max" post_id=1]Geht das?[/quote]\nYes, [USER=7]@Anna[/USER] knows: [url=https://a.example]here[/url].',
      ),
    ).toBeUndefined();
    expect(added("Siehe [Benutzer](https://a.example)", "See <a1>user</a1>")).toBeUndefined();
  });

  it("what follows the user's own address after a ']' is read too: another host, another address", () => {
    // Reddit's autolinker links past a ']', and a browser reads `own.example]@` as a user name before the host.
    expect(added(TIP_LINK, "Danke, siehe <x1></x1>]@evil.example")).toContain("evil.example");
    expect(added(TIP_LINK, "Danke, siehe <x1></x1>]https://evil.example/win")).toBe(
      "a web address (https://evil.example/win)",
    );
    expect(addedMarkup(source, "Lies [url=https://example.com/faq]die FAQ[/url]]@evil.example.")).toContain(
      "evil.example",
    );
  });
});
