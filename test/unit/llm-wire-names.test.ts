// Placeholders as the model sees them (src/llm/wire-names.ts): the only one of its kind goes bare, its number comes
// back in the reply before any check, and nothing else about the reply changes.
import { createLlmTranslator } from "../../src/llm";
import { fromWire, toWire } from "../../src/llm/wire-names";
import { checkReply } from "../../src/llm/validate";
import { type DoubleHandle, startDouble } from "../double/server";
import { collect, llamaConfig, recordingPrompts } from "../helpers/llm-harness";

jest.setTimeout(30_000);

const LINK_AND_BOLD = "Besonders <a1>ältere Menschen</a1> litten, rund <b2>3.200 Menschen</b2> starben.<x3></x3>";
const TWO_LINKS = "<a1>Impressum</a1> · <a2>Datenschutz</a2> und <b3>mehr</b3>";
const en = { targetLang: "en", sourceLang: "de" };

test("the only placeholder of its kind goes bare; two of a kind keep their numbers", () => {
  expect(toWire(LINK_AND_BOLD)).toBe(
    "Besonders <a>ältere Menschen</a> litten, rund <b>3.200 Menschen</b> starben.<x></x>",
  );
  expect(toWire(TWO_LINKS)).toBe("<a1>Impressum</a1> · <a2>Datenschutz</a2> und <b>mehr</b>");
  expect(toWire("Nur Text, &lt;b1&gt; bleibt Text.")).toBe("Nur Text, &lt;b1&gt; bleibt Text.");
});

test("a reply's bare tags get their numbers back and pass the same checks as numbered ones", () => {
  const reply = "Especially <a>older people</a> suffered, some <b>3,200 people</b> died.<x></x>";
  expect(fromWire(reply, LINK_AND_BOLD)).toBe(
    "Especially <a1>older people</a1> suffered, some <b2>3,200 people</b2> died.<x3></x3>",
  );
  expect(checkReply(LINK_AND_BOLD, fromWire(reply, LINK_AND_BOLD), en)).toMatchObject({ ok: true });
  // A model that writes the numbers anyway is read the same.
  const numbered = "Especially <a1>older people</a1> suffered, some <b2>3,200 people</b2> died.<x3></x3>";
  expect(fromWire(numbered, LINK_AND_BOLD)).toBe(numbered);
  // Two of a kind: a bare `<a>` is no wire name and stays what it is here; the bare `<b>` is b3. The checks then read
  // it as the page's kind of tag (markup-repair.ts): a2 is there, so it is the one link the reply lost, a1.
  expect(fromWire("<a>Imprint</a> · <a2>Privacy</a2> and <b>more</b>", TWO_LINKS)).toBe(
    "<a>Imprint</a> · <a2>Privacy</a2> and <b3>more</b3>",
  );
  expect(
    checkReply(TWO_LINKS, fromWire("<a>Imprint</a> · <a2>Privacy</a2> and <b>more</b>", TWO_LINKS), en),
  ).toMatchObject({ ok: true, html: "<a1>Imprint</a1> · <a2>Privacy</a2> and <b3>more</b3>" });
  // Both links written bare: which is which would be a guess, and the reply is refused.
  expect(
    checkReply(TWO_LINKS, fromWire("<a>Imprint</a> · <a>Privacy</a> and <b>more</b>", TWO_LINKS), en),
  ).toMatchObject({ ok: false });
});

test("small models' slips on a bare tag are repaired as on a numbered one; an attribute is still refused", () => {
  const source = "Lies <a1>den ganzen Artikel</a1> hier.<x2></x2>";
  const repaired = (reply: string) => checkReply(source, fromWire(reply, source), en);
  expect(repaired("Read <A>the whole article</A> here.<x></x>")).toMatchObject({ ok: true, repairs: ["case"] });
  expect(repaired("Read < a >the whole article</ a> here.<x></x>")).toMatchObject({ ok: true, repairs: ["spacing"] });
  expect(repaired("Read <a>the whole article</a> here.<x/>")).toMatchObject({ ok: true, repairs: ["self-closing"] });
  expect(repaired("Read [a]the whole article[/a] here.<x></x>")).toMatchObject({ ok: true, repairs: ["brackets"] });
  expect(fromWire("Read <a>the whole article</a> here.<x></x>", source)).toBe(
    "Read <a1>the whole article</a1> here.<x2></x2>",
  );
  // What a prompt injection would aim for: a link target of the model's choosing.
  expect(repaired('Read <a href="https://evil.example/">the whole article</a> here.<x></x>')).toMatchObject({
    ok: false,
    reason: expect.stringMatching(/placeholder/),
  });
  // Letters never issued stay unknown tags.
  expect(fromWire("Read <u>it</u> <a>here</a>.<x></x>", source)).toBe("Read <u>it</u> <a1>here</a1>.<x2></x2>");
});

test("a bracketed letter that is the page's own text stays text", () => {
  const source = "Antwort [a] oder <a1>Antwort b</a1>";
  expect(fromWire("Answer [a] or <a>answer b</a>", source)).toBe("Answer [a] or <a1>answer b</a1>");
});

test("a passage whose text holds a '<' keeps its numbers: a decoded '&lt;b&gt;' is not a placeholder", () => {
  const source = "Das Element &lt;b&gt; macht Text <b1>fett</b1>.";
  expect(toWire(source)).toBe(source);
  const decoded = "The element <b> makes text <b1>bold</b1>.";
  expect(fromWire(decoded, source)).toBe(decoded);
  expect(checkReply(source, fromWire(decoded, source), en)).toMatchObject({ ok: false, reason: "unknown-placeholder" });
  const math = "Es gilt a &lt; b &gt; c, <b1>sagt sie</b1>.";
  expect(fromWire("It holds that a < b > c, <b1>she says</b1>.", math)).toBe(
    "It holds that a < b > c, <b1>she says</b1>.",
  );
  // Without a `<` in the page's text, a spaced tag is the model's slip, repaired as for a numbered one.
  expect(fromWire("She < b >says</ b>.", "Sie <b1>sagt</b1>.")).toBe("She < b1 >says</ b1>.");
});

test("a bare tag written twice where the page had one is not guessed at: the reply is refused", () => {
  // The model emphasised a word of its own: which <b> is the page's bold text is a guess.
  const source = "Das ist <b1>sehr wichtig</b1> für alle.";
  const twice = "This is <b>very important</b> for <b>everyone</b>.";
  expect(fromWire(twice, source)).toBe(twice);
  expect(checkReply(source, fromWire(twice, source), en)).toMatchObject({ ok: false, reason: "unknown-placeholder" });
  // An empty pair echoed twice is harmless (the page engine skips the echo): numbered, and used.
  const mark = "Viele Städte haben einen Plan.<x1></x1>";
  expect(fromWire("Many cities have a plan.<x></x><x></x>", mark)).toBe("Many cities have a plan.<x1></x1><x1></x1>");
});

describe("through the server client", () => {
  let double: DoubleHandle;
  beforeAll(async () => {
    double = await startDouble({ slots: 1, genTps: 2000, promptTps: 20000 });
  });
  afterAll(() => double.close());

  test("the server is sent bare tags and the page engine gets numbered ones", async () => {
    const { prompts, transport: recording } = recordingPrompts();
    const translator = createLlmTranslator(llamaConfig(double.url), recording);
    const segs = [
      { id: "p", html: LINK_AND_BOLD },
      { id: "f", html: TWO_LINKS },
    ];
    const results = await collect(translator, segs);
    const sent = prompts.join("\n");
    expect(sent).toContain("[1]Besonders <a>ältere Menschen</a> litten, rund <b>3.200 Menschen</b> starben.<x></x>");
    expect(sent).toContain("[2]<a1>Impressum</a1> · <a2>Datenschutz</a2> und <b>mehr</b>[/]");
    const html = (id: string): string => {
      const r = results.get(id);
      return r && "html" in r ? r.html : `error: ${JSON.stringify(r)}`;
    };
    expect(html("p")).toMatch(/^[^<]*<a1>[^<]+<\/a1>[^<]*<b2>[^<]+<\/b2>[^<]*<x3><\/x3>$/);
    expect(html("f")).toMatch(/^<a1>[^<]+<\/a1>[^<]*<a2>[^<]+<\/a2>[^<]*<b3>[^<]+<\/b3>$/);
  });
});
