// Issue item 4: cleaning and validating each segment's reply, and the streaming reply parser.
import { ReplyParser } from "../../src/llm/reply-parser";
import { checkReply, cleanReply, type ValidateOptions, validateSegment } from "../../src/llm/validate";
import { loadPhrases, pseudoTranslate } from "../double/pseudo-translate";

const en: ValidateOptions = { targetLang: "en", sourceLang: "de" };
const src = "Die Regierung hat heute <a1>neue Regeln</a1> für den Verkehr beschlossen.";
const good = "The government adopted <a1>new rules</a1> for traffic today.";
const check = (reply: string, source = src, opts = en) => checkReply(source, reply, opts);
const reason = (reply: string, source = src, opts = en) => {
  const v = check(reply, source, opts);
  return v.ok ? "ok" : v.reason;
};

/** A reply through the streaming parser, `step` characters at a time. */
const parse = (reply: string, count: number, complete = true, step = 1) => {
  const out: [number, string][] = [];
  const parser = new ReplyParser(count, (s) => out.push([s.n, s.raw]));
  for (let i = 0; i < reply.length; i += step) parser.push(reply.slice(i, i + step));
  return { out, summary: parser.end(complete) };
};

describe("cleanReply strips what small models wrap around a translation", () => {
  test.each([
    ["Here is the translation: " + good],
    ["Sure! Here's the translation into English:\n" + good],
    ["Translation: " + good],
    ["```html\n" + good + "\n```"],
    ["```\n" + good + "```"],
    [`"${good}"`],
    [`“${good}”`],
    ["<think>The user wants English.</think>\n" + good],
    ["  \n" + good + "\n  "],
  ])("%j", (reply) => {
    expect(cleanReply(reply, src)).toBe(good);
  });

  test("quotes that were in the source stay", () => {
    expect(cleanReply('"Hallo"', '"Hello"')).toBe('"Hallo"');
  });

  test("a label the page starts with is not chatter: 'Übersetzung: Thomas Mann' keeps its 'Translation:'", () => {
    expect(cleanReply("Translation: Thomas Mann", "Übersetzung: Thomas Mann")).toBe("Translation: Thomas Mann");
    expect(cleanReply("The translation: 12:30", "Die Übersetzung: 12:30")).toBe("The translation: 12:30");
    // A prefix the model added still goes.
    expect(cleanReply("Translation: Name: Hans", "Name: Hans")).toBe("Name: Hans");
  });

  test("quotes of the text's own stay: a source that opens with a quote in another style, a reply of two quotes", () => {
    expect(cleanReply("“We can do it”", "„Wir schaffen das“")).toBe("“We can do it”");
    expect(cleanReply('"We can do it"', "„Wir schaffen das“")).toBe('"We can do it"');
    expect(cleanReply("«On y arrivera»", "„Wir schaffen das“")).toBe("«On y arrivera»");
    const two = '"We can do it," she said. "And soon."';
    expect(cleanReply(two, "Sie sagte, wir schaffen das, und zwar bald.")).toBe(two);
    expect(cleanReply("'Yes,' he said, 'soon.'", "Ja, sagte er, bald.")).toBe("'Yes,' he said, 'soon.'");
  });

  test("half a fence: a fenced reply whose last segment was left unclosed, or whose first opened inside the fence", () => {
    const { out } = parse("```\n[1]Hello, my good friend.\n[2]" + good + "\n```", 2);
    expect(out.map(([, raw]) => cleanReply(raw, src))).toEqual(["Hello, my good friend.", good]);
    expect(cleanReply("```html\n" + good, src)).toBe(good);
    // A page that shows fences keeps them.
    expect(cleanReply("See:\n```", "Siehe:\n```")).toBe("See:\n```");
  });

  test.each([
    // A fence after a lead-in, or before the model's closing words: no fence mark is left on the page.
    ["Here's the translation:\n```\n" + good + "\n```"],
    ["Here is the translation:\n\n```html\n" + good + "\n```\n\nI hope this helps!"],
    ["```\n" + good + "\n```\n\nLet me know if you need anything else."],
    // A fence on one line: its first word is text, not the name of a language.
    ["```" + good + "```"],
  ])("a fence inside the chatter: %j", (reply) => {
    expect(cleanReply(reply, src)).toBe(good);
  });
});

describe("validateSegment", () => {
  test("a good translation passes", () => expect(check(good)).toEqual({ ok: true, html: good }));

  test.each([
    ["", "empty"],
    ["   ", "empty"],
    ["I'm sorry, but I can't help with that.", "refusal"],
    ["I cannot translate this text.", "refusal"],
    ["As an AI, I do not translate political content.", "refusal"],
    ["Here is the translation:", "chatter"],
    ["```\n```", "empty"],
    ["Sure, I will translate that for you.", "chatter"],
    [src, "untranslated"],
    ["Die Regierung hat heute <a1>neue Regeln</a1> für den Verkehr beschlossen!", "untranslated"],
    ["The government adopted new rules for traffic today.", "lost-placeholder"],
    ["The government adopted <a1>new rules for traffic today.", "lost-placeholder"],
    ["The <b7>government</b7> adopted <a1>new rules</a1> today.", "unknown-placeholder"],
    ['The government adopted <a1 href="https://evil.example">new rules</a1>.', "unknown-placeholder"],
    ['The government <img src=x onerror="alert(1)"> adopted <a1>new rules</a1>.', "unknown-placeholder"],
    ["The government adopted <a1>new rules</a1>.<script>alert(1)</script>", "unknown-placeholder"],
    ["<a1>Rules</a1>.", "length-ratio"],
    [`The government adopted <a1>new rules</a1> for traffic today. ${"And much more. ".repeat(20)}`, "length-ratio"],
  ])("%j → %s", (reply, expected) => {
    expect(reason(reply)).toBe(expected);
  });

  test("short texts, names, numbers, URLs and identifiers may stay the same", () => {
    for (const same of ["OK", "Berlin", "2024", "https://example.org/a", "dev_ops_dieter", "Atemlos durch die Nacht"]) {
      expect(reason(same, same)).toBe("ok");
    }
  });

  test("same source and target language: unchanged text is fine", () => {
    const s = "Dies ist ein ganz normaler deutscher Satz mit vielen Wörtern.";
    expect(reason(s, s, { targetLang: "de", sourceLang: "de-AT" })).toBe("ok");
  });

  test("empty placeholders (images, code) may be dropped or kept; text-holding ones may move", () => {
    const s = "Siehe <x1></x1> das Bild von <b2>Max Mustermann</b2> im Garten hinter dem Haus.";
    expect(reason("See the picture of <b2>Max Mustermann</b2> in the garden behind the house.", s)).toBe("ok");
    expect(reason("<b2>Max Mustermann</b2>: see <x1></x1> the picture in the garden behind the house.", s)).toBe("ok");
  });

  test("length ratio is lenient for CJK targets and short texts", () => {
    const s = "Die Regierung hat heute neue Regeln für den Verkehr beschlossen.";
    expect(reason("政府今天通过了新的交通规则。", s, { targetLang: "zh" })).toBe("ok");
    expect(reason("Yes", "Ja")).toBe("ok");
    expect(reason("Yes " + "yes ".repeat(30), "Ja")).toBe("length-ratio");
  });

  test("source text that is itself an apology is not a refusal", () => {
    const s = "I'm sorry, but the shop is closed today and tomorrow.";
    expect(reason("Es tut mir leid, aber der Laden ist heute und morgen geschlossen.", s, { targetLang: "de" })).toBe(
      "ok",
    );
  });

  test("the double's pseudo-translation of every fixture phrase passes (demos never fail validation)", () => {
    const phrases = loadPhrases();
    for (const de of phrases.keys()) {
      const html = de.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
      const verdict = validateSegment(html, pseudoTranslate(html, "English", phrases), en);
      if (!verdict.ok) throw new Error(`${JSON.stringify(de)}: ${verdict.reason} ${verdict.detail}`);
    }
  });
});

describe("ReplyParser", () => {
  const run = parse;

  test("fed one character at a time or all at once, the result is the same; chatter outside is dropped", () => {
    const reply = "Sure!\n[1]One.[/]\n[2]Two <a1>x</a1>.[/]\nHope it helps.";
    expect(run(reply, 2).out).toEqual([
      [1, "One."],
      [2, "Two <a1>x</a1>."],
    ]);
    expect(run(reply, 2, true, 1000).out).toEqual(run(reply, 2).out);
  });

  test("each segment is handed on when its closing marker arrives", () => {
    const out: number[] = [];
    const parser = new ReplyParser(2, (s) => out.push(s.n));
    parser.push("[1]One.[");
    expect(out).toEqual([]);
    parser.push("/][2]Tw");
    expect(out).toEqual([1]);
  });

  test("a short lead-in before the markers is chatter: the segments still stream", () => {
    for (const lead of ["Sure! Here is the translation into English:\n\n", "Sure!\n", "```html\n", "  "]) {
      const out: number[] = [];
      const parser = new ReplyParser(2, (s) => out.push(s.n));
      parser.push(`${lead}[1]One.`);
      parser.push("[2]Tw");
      expect([lead, out]).toEqual([lead, [1]]);
    }
  });

  test("prose before the markers may be reasoning whose <think> the template wrote: its quoted markers never count", () => {
    const thought = "Okay, so I need to translate these. [1] is a greeting, [2] is about the weather.\n";
    const reply = `${thought}</think>\n\n[1]Hello there.[2]The weather is nice.[/]`;
    for (const step of [1000, 1, 5]) {
      const out: [number, string][] = [];
      const parser = new ReplyParser(2, (s) => out.push([s.n, s.raw]));
      for (let i = 0; i < reply.length; i += step) parser.push(reply.slice(i, i + step));
      expect(parser.end(true)).toEqual({ unknown: [], duplicates: [] });
      expect(out).toEqual([
        [1, "Hello there."],
        [2, "The weather is nice."],
      ]);
      expect(parser.thoughtChars).toBe(thought.length);
    }
    // Without a close, what prose came first was a reply after all, taken once it ends; cut, it may be reasoning.
    expect(run("I kept the tags for you. [1]One.[2]Two.[/]", 2).out).toEqual([
      [1, "One."],
      [2, "Two."],
    ]);
    expect(run("Okay, [1] is a greeting; [2] is", 2, false).out).toEqual([]);
    // A reply that began with its markers is not restarted by a stray close, which is no text either.
    expect(run("[1]One.</think>[2]Two.[/]", 2).out).toEqual([
      [1, "One."],
      [2, "Two."],
    ]);
  });

  test("lenient: spaces inside markers, a missing close before the next open, a numbered close", () => {
    expect(run("[ 1 ]One.[2]Two.[/3]", 2).out).toEqual([
      [1, "One."],
      [2, "Two."],
    ]);
  });

  test("doubled brackets split between the two closing ones leave no stray bracket in the text", () => {
    const reply = "[[1]]One.[[2]]Two.[[/]]";
    for (let step = 1; step <= reply.length; step++) {
      expect(run(reply, 2, true, step).out).toEqual([
        [1, "One."],
        [2, "Two."],
      ]);
    }
    // At the very end of a reply, `[[2]` is a marker all the same.
    expect(run("[1]One.[[2]", 2, true, 3).out).toEqual([
      [1, "One."],
      [2, ""],
    ]);
  });

  test("unknown ids and duplicates are reported; the first copy wins", () => {
    const { out, summary } = run("[1]A[/][1]B[/][9]C[/]", 2);
    expect(out).toEqual([[1, "A"]]);
    expect(summary).toEqual({ unknown: [9], duplicates: [1] });
  });

  test("a reply cut off mid-segment leaves that segment unfinished, not emitted", () => {
    const { out, summary } = run("[1]A[/][2]Half a sen", 2, false);
    expect(out).toEqual([[1, "A"]]);
    expect(summary.unfinished).toBe(2);
  });

  test("a single segment without any marker is taken whole (even when blank)", () => {
    expect(run("Just the translation.", 1).out).toEqual([[1, "Just the translation."]]);
    expect(run("", 1).out).toEqual([[1, ""]]);
    expect(run("No markers here.", 2).out).toEqual([]);
  });

  test("markers quoted in a <think> block are not the reply: reasoning never becomes a segment's translation", () => {
    const reply =
      "<Think>Segment [1] is a greeting; [2] talks about the weather. Keep [/] at the end.</think>\n" +
      "[1]Hello there, my good friend.[2]The weather is nice.[/]";
    const expected = [
      [1, "Hello there, my good friend."],
      [2, "The weather is nice."],
    ];
    // Whole, or a character at a time (the tags split across deltas).
    for (const step of [1000, 1, 3]) {
      const { out, summary } = run(reply, 2, true, step);
      expect(out).toEqual(expected);
      expect(summary).toEqual({ unknown: [], duplicates: [] });
    }
    // A think block that never ends (the reply was cut while reasoning) yields nothing; text around one is kept.
    expect(run("<think>[1]plan", 2, true, 2).out).toEqual([]);
    expect(run("[1]A <b1>x</b1><think>[2]no</think> B[/]", 2, true, 1).out).toEqual([[1, "A <b1>x</b1> B"]]);
  });
});
