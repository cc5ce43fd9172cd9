// The double's model profiles: each behaviour as a small model writes it, rates per segment, deterministic by seed,
// selectable per server and per request.
import { buildMessages } from "../../src/llm/prompt";
import {
  BEHAVIOURS,
  type Behaviour,
  misbehave,
  type ModelProfile,
  parseProfile,
  type ProfiledSegment,
  SMALL_MODEL_RATES,
  writeMarked,
} from "../double/model-profile";
import { startDouble } from "../double/server";

jest.setTimeout(20_000);

const only = (behaviour: Behaviour, seed = 1): ModelProfile => parseProfile(`good;seed=${seed};${behaviour}=1`)!;

const seg = (n: number, html: string, source = html): ProfiledSegment => ({ n, source, html });
const first = { attempt: () => 0, target: "English", marked: true };

function run(profile: ModelProfile, segs: ProfiledSegment[], ctx = first) {
  const out = misbehave(profile, segs, ctx);
  return { ...out, text: writeMarked(out.segs) };
}

describe("parseProfile", () => {
  test("names a profile, a seed and per-behaviour rates", () => {
    expect(parseProfile("small")).toMatchObject({ name: "small", seed: 1, rates: SMALL_MODEL_RATES });
    expect(parseProfile("small;seed=7;lose-tag=0.25")).toMatchObject({
      seed: 7,
      rates: { ...SMALL_MODEL_RATES, "lose-tag": 0.25 },
    });
    expect(parseProfile("")).toBeUndefined();
    expect(() => parseProfile("tiny")).toThrow(/unknown model profile "tiny"/);
    expect(() => parseProfile("small;wobble=1")).toThrow(/unknown model profile modifier "wobble"/);
    expect(() => parseProfile("small;seed")).toThrow(/needs a number/);
  });

  test("every default rate is a probability, and the good profile never misbehaves", () => {
    for (const b of BEHAVIOURS) expect(SMALL_MODEL_RATES[b]).toBeGreaterThan(0);
    for (const b of BEHAVIOURS) expect(SMALL_MODEL_RATES[b]).toBeLessThanOrEqual(1);
    const good = parseProfile("good")!;
    const segs = [seg(1, "Read <a1>this</a1> and <b2>that</b2>.<x3></x3>"), seg(2, "Two.")];
    expect(run(good, segs).text).toBe("[1]Read <a1>this</a1> and <b2>that</b2>.<x3></x3>[2]Two.[/]");
  });
});

describe("behaviours, each as a small model writes it", () => {
  const html = "Read <a1>the article</a1> about <b2>cats</b2> now.";
  test.each<[Behaviour, RegExp]>([
    ["lose-tag", /^\[1\]Read (the article|<a1>the article<\/a1>) about (cats|<b2>cats<\/b2>) now\.\[\/\]$/],
    ["rename-tag", /<(a|b)>/],
    ["add-attribute", /<(a1 href="https:\/\/example\.com\/"|b2 class="highlight")>/],
    ["tag-case", /<(A1|B2)>.*<\/(A1|B2)>/],
    ["tag-space", /< (a1|b2) >|<(a1|b2) >/],
    ["tag-brackets", /\[(a1|b2)\]/],
  ])("%s", (behaviour, form) => {
    const out = run(only(behaviour), [seg(1, html)]);
    expect(out.text).toMatch(form);
    expect(out.text).not.toBe(`[1]${html}[/]`);
    expect(out.drawn).toEqual({ [behaviour]: 1 });
  });

  test("self-closing: an empty pair written <x3/>", () => {
    expect(run(only("self-closing"), [seg(1, "Photo <x3></x3> here.")]).text).toMatch(/<x3 ?\/>/);
  });

  test("markdown: **bold** for a bold placeholder, *italic* or _italic_ for an italic one", () => {
    expect(run(only("markdown"), [seg(1, "Very <b1>important</b1>.")]).text).toBe("[1]Very **important**.[/]");
    expect(run(only("markdown"), [seg(1, "Very <i1>important</i1>.")]).text).toMatch(/Very ([*_])important\1\./);
  });

  test("marker deviations the parser reads as markers", () => {
    const forms = new Set<string>();
    for (let s = 1; s <= 40; s++) forms.add(run(only("marker-deviation", s), [seg(1, "One.")]).text);
    expect([...forms].sort()).toEqual(["[ 1 ]One.[/]", "[1]One.", "[1]One.[/1]", "[1]One.[\\]", "[[1]]One.[[/]]"]);
    const cjk = new Set<string>();
    for (let s = 1; s <= 60; s++)
      cjk.add(run(only("marker-deviation", s), [seg(1, "一")], { ...first, target: "Japanese" }).text);
    expect(cjk).toContain("［1］一［/］");
  });

  test("decode-footnote: the escaped footnote comes back as [1]", () => {
    expect(run(only("decode-footnote"), [seg(1, "Laut Studie&#91;1] ist es so.")]).text).toBe(
      "[1]Laut Studie[1] ist es so.[/]",
    );
  });

  test("merge-next: the next segment's text inside this one, its markers left out", () => {
    const out = run(only("merge-next"), [seg(1, "One."), seg(2, "Two."), seg(3, "Three.")]);
    expect(out.text).toBe("[1]One. Two.[3]Three.[/]");
  });

  test("untranslated, refusal, chatter, code-fence", () => {
    expect(run(only("untranslated"), [seg(1, "One.", "Eins.")]).text).toBe("[1]Eins.[/]");
    expect(run(only("refusal"), [seg(1, "One.")]).text).toMatch(/^\[1\]I(’|'|)( am|'m)? ?(sorry|cannot|apologize)/i);
    expect(run(only("chatter"), [seg(1, "One.")]).text).toBe("[1]Here is the translation: One.[/]");
    expect(run(only("code-fence"), [seg(1, "One.")]).fence).toBe(true);
  });

  test("the one-line prompt's reply has no markers to deviate or merge", () => {
    const out = run(parseProfile("good;marker-deviation=1;merge-next=1")!, [seg(1, "One.")], {
      ...first,
      marked: false,
    });
    expect(out.segs).toEqual([seg(1, "One.")]);
  });
});

describe("determinism", () => {
  const segs = Array.from({ length: 200 }, (_, i) =>
    seg(i + 1, `Satz ${i} mit <a1>Link</a1> und <b2>fett</b2>.<x3></x3>`),
  );
  const profile = parseProfile("hopeless;seed=3")!;

  test("the same seed and attempt draw the same; another seed or a retry draws afresh", () => {
    const a = run(profile, segs).text;
    expect(run(profile, segs).text).toBe(a);
    expect(run(parseProfile("hopeless;seed=4")!, segs).text).not.toBe(a);
    expect(run(profile, segs, { ...first, attempt: () => 1 }).text).not.toBe(a);
  });

  test("rates are per segment: the small profile at its default rates hits about as often as it says", () => {
    const many = Array.from({ length: 4000 }, (_, i) => seg(i + 1, `Satz ${i} mit <a1>Link</a1> und Text.`));
    const drawn = run(parseProfile("small;seed=11")!, many, { ...first, marked: false }).drawn;
    // lose-tag applies to every segment here (each holds a link); 4000 × 0.04 = 160.
    expect(drawn["lose-tag"]).toBeGreaterThan(110);
    expect(drawn["lose-tag"]).toBeLessThan(210);
  });
});

describe("selection per server and per request", () => {
  const prompt = buildMessages(["Das ist <b1>heute</b1> ein Test."], { targetLang: "en" });
  const ask = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify({ messages: prompt }),
    });
    return ((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content;
  };

  test("a server started with a profile misbehaves; a request's header overrides it; the control endpoint sets it", async () => {
    const double = await startDouble({ profile: "good;markdown=1" });
    try {
      expect(await ask(double.url)).toMatch(/\*\*today\*\*/);
      expect(await ask(double.url, { "X-Gloss-Profile": "good" })).toMatch(/<b1>today<\/b1>/);
      expect(double.stats().profileDrawn).toEqual({ markdown: 1 });
      await fetch(`${double.url}/__double/profile`, { method: "POST", body: "good;tag-case=1" });
      expect(await ask(double.url)).toMatch(/<B1>today<\/B1>/);
      await fetch(`${double.url}/__double/profile`, { method: "DELETE" });
      expect(await ask(double.url)).toMatch(/<b1>today<\/b1>/);
      double.setProfile("good;tag-space=1");
      expect(await ask(double.url)).toMatch(/< ?b1 ?>today/);
    } finally {
      await double.close();
    }
  });
});
