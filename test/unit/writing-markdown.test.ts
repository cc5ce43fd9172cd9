// Issue 14 item 1: Markdown survives translation. Constructs become placeholders (the model never sees a URL or
// code), block syntax stays out of the model's reach, and a translation that loses or garbles a placeholder is
// refused rather than written.
import { encodeMarkdown } from "../../src/writing/markdown";

/** A stand-in "translation": upper-cases the words between tags, keeping every tag. */
const shout = (html: string) =>
  html.replace(
    /(^|>)([^<]*)/g,
    (_, tag: string, text: string) =>
      tag + text.toUpperCase().replace(/&AMP;/g, "&amp;").replace(/&LT;/g, "&lt;").replace(/&GT;/g, "&gt;"),
  );
const roundTrip = (text: string, translate = shout) => {
  const encoded = encodeMarkdown(text);
  return { encoded, rebuilt: encoded.rebuild(encoded.segments.map(translate)) };
};

it("turns links, emphasis, code, URLs and names into placeholders, and puts them back", () => {
  const text =
    "Thanks for the **great** tip, see [the timetable](https://www.bahn.de/fahrplan?a=1&b=(2)) and `sudo apt update` on r/de or https://example.com/x_y.";
  const { encoded, rebuilt } = roundTrip(text);
  expect(encoded.segments).toEqual([
    "Thanks for the <b1>great</b1> tip, see <a2>the timetable</a2> and <x3></x3> on <x4></x4> or <x5></x5>.",
  ]);
  expect(rebuilt).toEqual({
    ok: true,
    text: "THANKS FOR THE **GREAT** TIP, SEE [THE TIMETABLE](https://www.bahn.de/fahrplan?a=1&b=(2)) AND `sudo apt update` ON r/de OR https://example.com/x_y.",
  });
});

it("keeps block syntax, blank lines, code blocks and rules out of the model's reach", () => {
  const text = [
    "> Quoted *text* here",
    "",
    "- first item",
    "2. second item  ",
    "## A heading",
    "",
    "    indented code",
    "```js",
    "const a = 1; // words",
    "```",
    "---",
    "| Col | Other |",
    "|-----|:-----:|",
    "| a b | c d |",
    "https://only-a-link.example",
  ].join("\n");
  const { encoded, rebuilt } = roundTrip(text);
  expect(encoded.segments).toEqual([
    "Quoted <i1>text</i1> here",
    "first item",
    "second item",
    "A heading",
    "<x1></x1> Col <x2></x2> Other <x3></x3>",
    "<x1></x1> a b <x2></x2> c d <x3></x3>",
  ]);
  expect(rebuilt.ok && rebuilt.text.split("\n")).toEqual([
    "> QUOTED *TEXT* HERE",
    "",
    "- FIRST ITEM",
    "2. SECOND ITEM  ",
    "## A HEADING",
    "",
    "    indented code",
    "```js",
    "const a = 1; // words",
    "```",
    "---",
    "| COL | OTHER |",
    "|-----|:-----:|",
    "| A B | C D |",
    "https://only-a-link.example",
  ]);
});

it("reads snake_case, lone stars and brackets as text; spoilers, strike-through and escapes as Markdown", () => {
  const { encoded, rebuilt } = roundTrip("my_var is 2 * 3 [not a link] >!the end!< ~~old~~ \\*literal\\* __strong__");
  expect(encoded.segments).toEqual([
    "my_var is 2 * 3 [not a link] <q1>the end</q1> <s2>old</s2> <x3></x3>literal<x4></x4> <b5>strong</b5>",
  ]);
  expect(rebuilt).toEqual({
    ok: true,
    text: "MY_VAR IS 2 * 3 [NOT A LINK] >!THE END!< ~~OLD~~ \\*LITERAL\\* __STRONG__",
  });
});

it("escapes text for the model and decodes the reply's entities", () => {
  const { encoded, rebuilt } = roundTrip("AT&T <3 you");
  expect(encoded.segments).toEqual(["AT&amp;T &lt;3 you"]);
  expect(rebuilt).toEqual({ ok: true, text: "AT&T <3 YOU" });
});

it("refuses a translation that lost, repeated, invented or filled a placeholder", () => {
  const encoded = encodeMarkdown("Read [this](https://a.example) and `code` now");
  expect(encoded.segments).toEqual(["Read <a1>this</a1> and <x2></x2> now"]);
  const bad = (html: string) => encoded.rebuild([html]);
  expect(bad("Lies <a1>das</a1> jetzt")).toMatchObject({ ok: false });
  expect(bad("Lies <a1>das</a1> <x2></x2> <x2></x2>")).toMatchObject({ ok: false });
  expect(bad('Lies <a1 href="https://evil.example">das</a1> und <x2></x2>')).toMatchObject({ ok: false });
  expect(bad("Lies <a1>das</a1> und <x2>Kode</x2>")).toMatchObject({ ok: false });
  expect(bad("Lies <a1>das <x2></a1></x2>")).toMatchObject({ ok: false });
  expect(bad("Lies <a1>das</a1> und <x2></x2> jetzt <b9>!</b9>")).toMatchObject({ ok: false });
  // Order may change, as word order does.
  expect(bad("<x2></x2> und <a1>das</a1> lesen")).toEqual({
    ok: true,
    text: "`code` und [das](https://a.example) lesen",
  });
  // A line break inside a line's translation would break a list or a quote: it becomes a space.
  expect(bad("Lies <a1>das</a1>\nund <x2></x2>")).toEqual({
    ok: true,
    text: "Lies [das](https://a.example) und `code`",
  });
});

it("reads a spoiler at the start of a line as a spoiler, not as a quote whose words a model may garble", () => {
  const { encoded, rebuilt } = roundTrip(">!Bruce Willis was dead!< all along\n> >!nested in a quote!<");
  expect(encoded.segments).toEqual(["<q1>Bruce Willis was dead</q1> all along", "<q1>nested in a quote</q1>"]);
  expect(rebuilt).toEqual({ ok: true, text: ">!BRUCE WILLIS WAS DEAD!< ALL ALONG\n> >!NESTED IN A QUOTE!<" });
  // A translation that drops the spoiler's marks is refused: the secret would be shown to every reader.
  expect(encoded.rebuild(["Bruce Willis war tot, die ganze Zeit", "verschachtelt"])).toMatchObject({ ok: false });
});

it("counts an unmarked line right after a quote's text as the quote's, as Reddit renders it; not past a blank line, a list or a heading", () => {
  const text = [
    "> Die Bahn ist zu spät",
    "und niemand sagt warum",
    "",
    "My own words here",
    "> ## Überschrift",
    "also mine",
    "> Noch ein Zitat",
    "- my list item",
    ">",
    "mine too",
  ].join("\n");
  const encoded = encodeMarkdown(text);
  expect(encoded.segments.map((html, i) => [html, encoded.quoted[i]])).toEqual([
    ["Die Bahn ist zu spät", true],
    ["und niemand sagt warum", true],
    ["My own words here", false],
    ["Überschrift", true],
    ["also mine", false],
    ["Noch ein Zitat", true],
    ["my list item", false],
    ["mine too", false],
  ]);
});

it("ends a quote's lazy continuation at a thematic break and at a table, as Markdown does: what follows is the user's", () => {
  const text = [
    "> Die Bahn ist zu spät",
    "---",
    "My own words after the rule",
    "> Noch ein Zitat",
    "| Train | Delay |",
    "| --- | --- |",
    "| Morning express | ten minutes |",
    "> Ein drittes Zitat",
    "```",
    "code",
    "```",
    "mine after the code",
  ].join("\n");
  const encoded = encodeMarkdown(text);
  expect(encoded.segments.map((html, i) => [html, encoded.quoted[i]])).toEqual([
    ["Die Bahn ist zu spät", true],
    ["My own words after the rule", false],
    ["Noch ein Zitat", true],
    ["<x1></x1> Train <x2></x2> Delay <x3></x3>", false],
    ["<x1></x1> Morning express <x2></x2> ten minutes <x3></x3>", false],
    ["Ein drittes Zitat", true],
    ["mine after the code", false],
  ]);
});

it("keeps a character reference no character has, which a babbling model may write, as written", () => {
  const encoded = encodeMarkdown("I think the train is late.");
  expect(encoded.rebuild(["Ich denke &#99999999; der Zug &#x110000; ist spät.&#0;"])).toEqual({
    ok: true,
    text: "Ich denke &#99999999; der Zug &#x110000; ist spät.&#0;",
  });
});

it("keeps a named reference it does not know as written, one named like an object's own member too", () => {
  const encoded = encodeMarkdown("I think the train is late.");
  expect(encoded.rebuild(["Ich denke &constructor; der Zug &toString; ist&nbsp;spät &amp;c."])).toEqual({
    ok: true,
    text: "Ich denke &constructor; der Zug &toString; ist spät &c.",
  });
});

it("keeps the fediverse's mentions, hashtags and communities as they were written, and numbers, C# and e-mail as words", () => {
  const text = "@anna@chaos.social @bernd I agree, the #RE5 was late again, see !bahn@feddit.org. #Bahnchaos";
  const { encoded, rebuilt } = roundTrip(text);
  expect(encoded.segments).toEqual([
    "<x1></x1> <x2></x2> I agree, the <x3></x3> was late again, see <x4></x4>. <x5></x5>",
  ]);
  expect(rebuilt).toEqual({
    ok: true,
    text: "@anna@chaos.social @bernd I AGREE, THE #RE5 WAS LATE AGAIN, SEE !bahn@feddit.org. #Bahnchaos",
  });
  expect(encodeMarkdown("Train #1 in C# and write to hilfe@bahn.example").segments).toEqual([
    "Train #1 in C# and write to hilfe@bahn.example",
  ]);
  // A line of nothing but names has no words for the model.
  expect(encodeMarkdown("#Bahnchaos #Pendeln").segments).toEqual([]);
});

it("keeps a hashtag with a joiner inside, and a name with letters beyond ASCII, whole", () => {
  const text = "Heute #کتاب\u200cخوانی und #Bahn·Chaos, danke @Thermenflüsterer!";
  const { encoded, rebuilt } = roundTrip(text);
  expect(encoded.segments).toEqual(["Heute <x1></x1> und <x2></x2>, danke <x3></x3>!"]);
  expect(rebuilt).toEqual({ ok: true, text: "HEUTE #کتاب\u200cخوانی UND #Bahn·Chaos, DANKE @Thermenflüsterer!" });
});

it("keeps emoji shortcodes (Discourse, GitHub, Mastodon, Lemmy) as placeholders, but not times, addresses or code's colons", () => {
  const text =
    "Works now :tada::+1: thanks, **really** :thinking_face: and :wave:t3:! At 12:30:45 on fe80::1:2, std::vector, http://a.example/x:y:z and note:this:";
  const { encoded, rebuilt } = roundTrip(text);
  expect(encoded.segments).toEqual([
    "Works now <x1></x1> thanks, <b2>really</b2> <x3></x3> and <x4></x4>! At 12:30:45 on fe80::1:2, std::vector, <x5></x5> and note:this:",
  ]);
  expect(rebuilt).toEqual({
    ok: true,
    text: "WORKS NOW :tada::+1: THANKS, **REALLY** :thinking_face: AND :wave:t3:! AT 12:30:45 ON FE80::1:2, STD::VECTOR, http://a.example/x:y:z AND NOTE:THIS:",
  });
  // A model that translates a code's name (`:lächeln:`) loses the emoji: refused.
  expect(encodeMarkdown("Good idea :smile:").rebuild(["Gute Idee :lächeln:"])).toMatchObject({ ok: false });
  // A line of emoji alone has no words for the model.
  expect(encodeMarkdown(":+1: :heart:").segments).toEqual([]);
});

describe("Discourse's tags in its Markdown", () => {
  const discourse = (text: string, translate = shout) => {
    const encoded = encodeMarkdown(text, { forumTags: true });
    return { encoded, rebuilt: encoded.rebuild(encoded.segments.map(translate)) };
  };

  it("keeps a quote from its Quote button out of the model and byte for byte, and reads the reply around it as Markdown", () => {
    // What the Quote button writes: the quoted post's Markdown, an unclosed code fence of a partial selection, a quote
    // inside the quote; then the reply.
    const quote = [
      '[quote="bernd, post:3, topic:5, full:true"]',
      "Der Zug kommt **immer** zu spät.",
      "```js",
      '[quote="anna, post:1, topic:5"]',
      "> Seit Wochen.",
      "[/quote]",
      "[/quote]",
    ].join("\n");
    const text = `${quote}\n\nI *agree*, see [the timetable](https://bahn.example/x).\n    Still on time today.`;
    const { encoded, rebuilt } = discourse(text);
    expect(encoded.segments).toEqual(["I <i1>agree</i1>, see <a2>the timetable</a2>.", "Still on time today."]);
    expect(rebuilt).toEqual({
      ok: true,
      text: `${quote}\n\nI *AGREE*, SEE [THE TIMETABLE](https://bahn.example/x).\n    STILL ON TIME TODAY.`,
    });
  });

  it("keeps a quote that starts or ends inside a line, and a quoted chat, whole", () => {
    const text = [
      '[quote=anna]Ja[/quote] Thanks, [quote="bernd, post:3, topic:5"]nein[/quote] **both** of you.',
      '[chat quote="anna;123;2026-12-06T10:00:00Z" channel="Bahn"]',
      "Wer fährt mit?",
      "[/chat] Me, *please*!",
    ].join("\n");
    const { encoded, rebuilt } = discourse(text);
    expect(encoded.segments).toEqual(["Thanks, <x1></x1> <b2>both</b2> of you.", "Me, <i1>please</i1>!"]);
    expect(rebuilt).toEqual({
      ok: true,
      text: [
        '[quote=anna]Ja[/quote] THANKS, [quote="bernd, post:3, topic:5"]nein[/quote] **BOTH** OF YOU.',
        '[chat quote="anna;123;2026-12-06T10:00:00Z" channel="Bahn"]',
        "Wer fährt mit?",
        "[/chat] ME, *PLEASE*!",
      ].join("\n"),
    });
  });

  it("translates a details block's summary and its lines, a spoiler's words and a poll's options; dates and tags stay", () => {
    const text = [
      '[details="Logs from today" open]',
      "The *train* was late.",
      "[/details]",
      'Meet at [date=2026-12-06 time=14:00:00 timezone="Europe/Berlin"] and [spoiler]bring cake[/spoiler].',
      "[poll type=regular results=always]",
      "* Yes please",
      "[/poll]",
    ].join("\n");
    const { encoded, rebuilt } = discourse(text);
    expect(encoded.segments).toEqual([
      "<d1>Logs from today</d1>",
      "The <i1>train</i1> was late.",
      "Meet at <x1></x1> and <q2>bring cake</q2>.",
      "Yes please",
    ]);
    expect(rebuilt).toEqual({
      ok: true,
      text: [
        '[details="LOGS FROM TODAY" open]',
        "THE *TRAIN* WAS LATE.",
        "[/details]",
        'MEET AT [date=2026-12-06 time=14:00:00 timezone="Europe/Berlin"] AND [spoiler]BRING CAKE[/spoiler].',
        "[poll type=regular results=always]",
        "* YES PLEASE",
        "[/poll]",
      ].join("\n"),
    });
    // A `"` in the summary would end it early and show the rest of the tag as text.
    const [, ...rest] = encoded.segments.map(shout);
    expect(encoded.rebuild(['<d1>Die "Logs" von heute</d1>', ...rest])).toMatchObject({ ok: false });
    expect(encoded.rebuild(["<d1>Die „Logs“ von heute</d1>", ...rest])).toMatchObject({ ok: true });
  });

  it("leaves a [quote] as text where the site is not Discourse (Reddit quoting a forum)", () => {
    const text = '[quote="bernd, post:3, topic:5"]Der Zug[/quote] is what they **write**.';
    expect(encodeMarkdown(text).segments).toEqual([
      '[quote="bernd, post:3, topic:5"]Der Zug[/quote] is what they <b1>write</b1>.',
    ]);
    expect(discourse(text).encoded.segments).toEqual(["is what they <b1>write</b1>."]);
  });
});
