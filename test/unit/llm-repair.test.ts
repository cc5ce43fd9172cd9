// Repair before reject (issue #12, item 2): each rule accepts a reply when what the model meant is unambiguous,
// and the same deviation is rejected when it is not. An attribute, an unknown tag or text moved between segments is
// never accepted.
import { ReplyParser } from "../../src/llm/reply-parser";
import { SegmentOrder } from "../../src/llm/segment-order";
import { checkReply, type ValidateOptions } from "../../src/llm/validate";
import { issuedPlaceholders, repairMarkup } from "../../src/shared/markup-repair";

const en: ValidateOptions = { targetLang: "en", sourceLang: "de" };
const src = "Lies <a1>den Artikel</a1> über <b2>Katzen</b2> im Garten.<x3></x3>";
const verdict = (reply: string, source = src) => checkReply(source, reply, en);
const accepted = (reply: string, source = src) => {
  const v = verdict(reply, source);
  if (!v.ok) throw new Error(`rejected (${v.reason}: ${v.detail}): ${reply}`);
  return v;
};
const rejected = (reply: string, source = src) => {
  const v = verdict(reply, source);
  return v.ok ? `accepted: ${v.html}` : v.reason;
};
const canonical = "Read <a1>the article</a1> about <b2>cats</b2> in the garden.<x3></x3>";

describe("tag case", () => {
  test("an issued placeholder in capitals is put right", () => {
    const v = accepted("Read <A1>the article</A1> about <B2>cats</B2> in the garden.<X3></X3>");
    expect(v.html).toBe(canonical);
    expect(v.repairs).toEqual(["case"]);
  });
  test("a name never issued stays unknown, whatever its case", () => {
    expect(rejected("Read <A1>the article</A1> about <C9>cats</C9> in the garden.<x3></x3>")).toBe(
      "unknown-placeholder",
    );
  });
});

describe("tag spacing", () => {
  test("spaces inside an issued tag are dropped: < a1 >, </ a1>, <b2 >, < /b2>", () => {
    const v = accepted("Read < a1 >the article</ a1> about <b2 >cats< /b2> in the garden.<x3></x3>");
    expect(v.html).toBe(canonical);
    expect(v.repairs).toEqual(["spacing"]);
  });
  test("anything but spaces inside the tag is not a spacing slip: an attribute is rejected", () => {
    // Not a tag to the checks (a "<" then a space) and not a placeholder: the link is lost, the reply refused.
    expect(rejected('Read < a1 href="https://evil.example">the article</a1> about <b2>cats</b2> in the garden.')).toBe(
      "lost-placeholder",
    );
    expect(
      rejected('Read <a1  href="https://evil.example" >the article</ a1> about <b2>cats</b2> in the garden.'),
    ).toBe("unknown-placeholder");
  });
});

describe("bracket style", () => {
  test("[a1]…[/a1] and mixed [b2]…</b2> for issued names become tags", () => {
    const v = accepted("Read [a1]the article[/a1] about [B2]cats</b2> in the garden.<x3></x3>");
    expect(v.html).toBe(canonical);
    expect(v.repairs).toEqual(["brackets"]);
  });
  test("a bracketed name never issued stays text, so the lost placeholder is still lost", () => {
    expect(rejected("Read [a7]the article[/a7] about <b2>cats</b2> in the garden.")).toBe("lost-placeholder");
  });
  test("brackets the page itself holds as text are the page's, not a deviation", () => {
    const source = "Schreib [a1] in das Feld <a1>hier</a1> und fertig ist das Formular.";
    expect(accepted("Write [a1] in the field <a1>here</a1> and the form is done.", source).html).toBe(
      "Write [a1] in the field <a1>here</a1> and the form is done.",
    );
    expect(rejected("Write [a1] in the field [a1]here[/a1] and the form is done.", source)).toBe("lost-placeholder");
  });
  test("a reply looping on [a1]…[/a1] is repaired with the source searched once per tag, not once per use", () => {
    const source = `${"Ein langer Absatz über Katzen im Garten. ".repeat(200)}<a1>Link</a1>`;
    const searched = jest.spyOn(RegExp.prototype, "test");
    try {
      const repaired = repairMarkup("[a1]Link[/a1] ".repeat(2000), issuedPlaceholders(source), source);
      expect(repaired.html).toBe("<a1>Link</a1> ".repeat(2000));
      expect(searched.mock.calls.filter(([text]) => text === source)).toHaveLength(2);
    } finally {
      searched.mockRestore();
    }
  });
});

describe("self-closing empty placeholders", () => {
  test("<x3/> and <x3 /> for a placeholder that held no text", () => {
    expect(accepted("Read <a1>the article</a1> about <b2>cats</b2> in the garden.<x3/>").html).toBe(canonical);
    const v = accepted("Read <a1>the article</a1> about <b2>cats</b2> in the garden.<x3 />");
    expect(v.html).toBe(canonical);
    expect(v.repairs).toEqual(["self-closing"]);
  });
  test("<a1/> for a placeholder that held text would lose the link's text: rejected", () => {
    expect(rejected("Read <a1/> the article about <b2>cats</b2> in the garden.<x3></x3>")).toBe("unknown-placeholder");
  });
});

describe("Markdown emphasis", () => {
  test("**…** stands for the one bold placeholder the reply lost", () => {
    const v = accepted("Read <a1>the article</a1> about **cats** in the garden.<x3></x3>");
    expect(v.html).toBe(canonical);
    expect(v.repairs).toEqual(["markdown"]);
  });
  test("*…* or _…_ for the one italic placeholder", () => {
    const source = "Das war <i1>wirklich</i1> ein sehr schöner Tag für alle Beteiligten.";
    expect(accepted("That was *really* a very nice day for everyone involved.", source).html).toBe(
      "That was <i1>really</i1> a very nice day for everyone involved.",
    );
    expect(accepted("That was _really_ a very nice day for everyone involved.", source).html).toBe(
      "That was <i1>really</i1> a very nice day for everyone involved.",
    );
  });
  test("ambiguous: two bold placeholders lost, one ** span", () => {
    const source = "Das <b1>neue</b1> Gesetz gilt ab <b2>Montag</b2> für alle Bürger im ganzen Land.";
    expect(rejected("The **new** law applies from Monday to all citizens in the whole country.", source)).toBe(
      "lost-placeholder",
    );
  });
  test("ambiguous: two ** spans for one lost placeholder", () => {
    expect(rejected("Read <a1>the article</a1> about **cats** in the **garden**.<x3></x3>")).toBe("lost-placeholder");
  });
  test("the wrong kind: **…** cannot stand for a lost link", () => {
    expect(rejected("Read **the article** about <b2>cats</b2> in the garden.<x3></x3>")).toBe("lost-placeholder");
  });
  test("asterisks the page itself holds as text are copied, not emphasis", () => {
    const source = "Fußnote **wichtig** und <b1>Katzen</b1> im Garten für alle Leser hier.";
    expect(rejected("Footnote **important** and cats in the garden for all readers here.", source)).toBe(
      "lost-placeholder",
    );
  });
});

// Gemma-2-2B writes the tag it would use itself, not the placeholder: `<b>`/`<strong>` for a bold one, `<em>` for an
// italic one, `<a>` for a link; a `<p>` or `<div>` around its reply, `<br>` for a line break.
describe("page tag names for placeholders", () => {
  const notes = "<b1>Hinweis</b1>: Das ist <b2>sehr</b2> wichtig für alle.";
  test.each([
    ["<b> for the one bold placeholder it lost", "<b>Note</b>: This is <b2>very</b2> important for everyone."],
    ["<strong>", "<strong>Note</strong>: This is <b2>very</b2> important for everyone."],
  ])("%s is that placeholder", (_, reply) => {
    const v = accepted(reply, notes);
    expect(v.html).toBe("<b1>Note</b1>: This is <b2>very</b2> important for everyone.");
    expect(v.repairs).toEqual(["tag-name"]);
  });
  test("<a> for the one link, <em> for the one italic", () => {
    const source = "Lies <a1>den Artikel</a1> und <a2>die Antwort</a2>, <i3>bitte</i3>.";
    expect(accepted("Read <a>the article</a> and <a2>the answer</a2>, <em>please</em>.", source).html).toBe(
      "Read <a1>the article</a1> and <a2>the answer</a2>, <i3>please</i3>.",
    );
  });
  test("emphasis of the model's own, where no placeholder of its kind is missing, is dropped with its text kept", () => {
    const v = accepted("<b1>Note</b1>: This is <b2>very</b2> <em>important</em> for <strong>everyone</strong>.", notes);
    expect(v.html).toBe("<b1>Note</b1>: This is <b2>very</b2> important for everyone.");
  });
  test("a line break, a paragraph or a span of the model's own is left to the sanitizer, which keeps the text", () => {
    expect(accepted("<p><b1>Note</b1>: This is <b2>very</b2> important<br>for everyone.</p>", notes)).toMatchObject({
      ok: true,
    });
    expect(accepted("<div>Line one<br/>line two</div>", "Zeile eins<x1></x1>Zeile zwei")).toMatchObject({ ok: true });
    expect(accepted("Read <span><a1>the article</a1></span> today.", "Lies <a1>den Artikel</a1> heute.")).toMatchObject(
      { ok: true },
    );
  });
  test("ambiguous or unsafe: refused as before", () => {
    // Two bold placeholders lost, one <b>; or one lost and two <b> written.
    expect(rejected("<b>Note</b>: This is very important for everyone.", notes)).toBe("unknown-placeholder");
    expect(rejected("<b>Note</b>: This is <b2>very</b2> <b>important</b> for everyone.", notes)).toBe(
      "unknown-placeholder",
    );
    // An attribute, on a name or a structural tag.
    expect(rejected('<b class="x">Note</b>: This is <b2>very</b2> important for everyone.', notes)).toBe(
      "unknown-placeholder",
    );
    expect(rejected('<p style="x"><b1>Note</b1>: This is <b2>very</b2> important.</p>', notes)).toBe(
      "unknown-placeholder",
    );
    // A page about HTML: a model that decodes its `&lt;p&gt;` writes what looks like a tag; it is not dropped.
    expect(
      rejected("The element <p> starts a <b1>paragraph</b1>.", "Das Element &lt;p&gt; beginnt einen <b1>Absatz</b1>."),
    ).toBe("unknown-placeholder");
  });
});

describe("never accepted", () => {
  test.each([
    ["an attribute on an issued tag", 'Read <a1 href="https://evil.example/">the article</a1> about <b2>cats</b2>.'],
    ["an event handler", 'Read <a1 onclick="steal()">the article</a1> about <b2>cats</b2> in the garden.'],
    ["a real HTML tag that stands for no placeholder", "Read <a1>the article</a1> about <u>cats</u>.<x3></x3>"],
    ["an invented placeholder", "Read <a1>the article</a1> about <b2>cats</b2> in the <b9>garden</b9>.<x3></x3>"],
    ["a script", "Read <a1>the article</a1> about <b2>cats</b2><script>alert(1)</script> in the garden."],
  ])("%s", (_, reply) => {
    expect(rejected(reply)).toBe("unknown-placeholder");
  });

  test("repairMarkup itself leaves attributes and unknown tags exactly as they were", () => {
    const reply = '<A1 class="x">a</A1> <b>b</b> <b9>c</b9>';
    expect(repairMarkup(reply, issuedPlaceholders(src), src)).toEqual({ html: reply, repairs: [] });
  });
});

describe("segment markers with small deviations", () => {
  const parse = (reply: string, count: number, sources?: string[], marked = true) => {
    const out: [number, string][] = [];
    const parser = new ReplyParser(count, (s) => out.push([s.n, s.raw]), { sources, marked });
    parser.push(reply);
    parser.end(true);
    return out;
  };

  test("a backslash close, doubled brackets, full-width brackets, spaces and numbered closes are markers", () => {
    expect(parse("[1]One.[\\][[2]]Two.[[/]]［3］三［/］[ 4 ]Four.[/4]", 4)).toEqual([
      [1, "One."],
      [2, "Two."],
      [3, "三"],
      [4, "Four."],
    ]);
  });

  test("markers written in the target's digits or with bidi marks beside the number are markers", () => {
    // Arabic-Indic and Persian digits (a model writing Arabic or Persian converts the numbers it copies), full-width
    // ones (Chinese, Japanese), Devanagari (Hindi), and the right-to-left marks a model puts around Arabic text.
    const replies: [string, number, [number, string][]][] = [
      [
        "[١]واحد.[٢]اثنان.[/]",
        2,
        [
          [1, "واحد."],
          [2, "اثنان."],
        ],
      ],
      [
        "[۱]یک.[۱۲]دوازده.[/]",
        12,
        [
          [1, "یک."],
          [12, "دوازده."],
        ],
      ],
      [
        "［１］一。［２］二。［／］",
        2,
        [
          [1, "一。"],
          [2, "二。"],
        ],
      ],
      [
        "[१]एक।[२]दो।[/]",
        2,
        [
          [1, "एक।"],
          [2, "दो।"],
        ],
      ],
      [
        "[\u200f1]واحد.[2\u200e]שתיים.[\u061c/]",
        2,
        [
          [1, "واحد."],
          [2, "שתיים."],
        ],
      ],
    ];
    for (const [reply, count, segments] of replies) expect(parse(reply, count)).toEqual(segments);
  });

  test("an Arabic footnote the model decoded inside its own segment stays text", () => {
    expect(parse("[1]حسب الدراسة[١] هو كذلك.[/]", 1, ["Laut Studie&#91;١] ist es so."])).toEqual([
      [1, "حسب الدراسة[١] هو كذلك."],
    ]);
  });

  test("a footnote the model decoded inside its own segment stays text", () => {
    const sources = ["Laut Studie&#91;1] ist es so.", "Zweitens."];
    expect(parse("[1]According to the study[1] it is so.[/][2]Second.[/]", 2, sources)).toEqual([
      [1, "According to the study[1] it is so."],
      [2, "Second."],
    ]);
    // As often as the source holds it: a second [1] is a marker again (here: a duplicate, dropped).
    expect(parse("[1]Study[1] and[1] again.[/]", 1, ["Studie&#91;1] und."])).toEqual([[1, "Study[1] and"]]);
  });

  test("a footnote in another segment's source does not make this one text (nothing moves between segments)", () => {
    const sources = ["Erstens ohne Fußnote.", "Laut Studie&#91;1] ist es so."];
    expect(parse("[1]First without[1] a footnote.[/][2]Study.[/]", 2, sources)[0]).toEqual([1, "First without"]);
  });

  test("the one-line prompt's reply (no markers) keeps a decoded footnote as text", () => {
    expect(parse("According to the study[1] it is so.", 1, ["Laut Studie&#91;1] ist es so."], false)).toEqual([
      [1, "According to the study[1] it is so."],
    ]);
  });
});

describe("text moved between segments is never accepted", () => {
  const sources = [
    "Der erste Satz ist ungefähr so lang wie die anderen.",
    "Der zweite Satz ist ungefähr so lang wie die anderen.",
    "Der dritte Satz ist ungefähr so lang wie die anderen.",
  ];
  const order = (reply: string, srcs = sources, complete = true) => {
    const out: string[] = [];
    const seq = new SegmentOrder(srcs, (n, raw, merged) => out.push(`${n}:${merged ? "merged" : raw}`));
    const parser = new ReplyParser(srcs.length, (s) => seq.push(s.n, s.raw), { onOpen: (n) => seq.opened(n) });
    parser.push(reply);
    parser.end(complete);
    seq.end(complete);
    return out;
  };
  const one = "The first sentence is about as long as the others.";
  const two = "The second sentence is about as long as the others.";
  const three = "The third sentence is about as long as the others.";

  test("two segments run together under one marker: that segment is refused, its lone neighbour accepted", () => {
    expect(order(`[1]${one} ${two}[/][3]${three}[/]`)).toEqual(["1:merged", `3:${three}`]);
    expect(order(`[1]${one}[/][2]${two} ${three}[/]`)).toEqual([`1:${one}`, "2:merged"]);
  });

  test("a segment simply left out does not make its neighbours suspect when their length tells", () => {
    expect(order(`[1]${one}[/][3]${three}[/]`)).toEqual([`1:${one}`, `3:${three}`]);
  });

  test("when a short neighbour went missing, length cannot tell: the segment beside it is refused", () => {
    const srcs = [sources[0] as string, "Kurz.", sources[2] as string];
    expect(order(`[1]${one} Short.[/][3]${three}[/]`, srcs)).toEqual(["1:merged", "3:merged"]);
  });

  test("reordered segments are no gap", () => {
    expect(order(`[3]${three}[/][2]${two}[/][1]${one}[/]`)).toEqual(
      [`2:${two}`, `1:${one}`, `3:${three}`].sort((a, b) => Number(b[0]) - Number(a[0])),
    );
  });

  test("a reply cut by the token limit: the segments after it are unfinished, not swallowed", () => {
    expect(order(`[1]${one}[/][2]${two}[/]`, sources, false)).toEqual([`1:${one}`, `2:${two}`]);
  });
});
