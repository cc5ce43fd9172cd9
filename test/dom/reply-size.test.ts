// A model that loops (the passage said over and over, a tag opened thousands of times) must neither freeze the tab
// nor fill the page with the loop: the page engine refuses such a reply before it parses it (reply-size.ts), the
// passage takes the path of any refused reply (asked again, then as plain text, then left original and named as
// not translated), and the rest of the page is translated.

import { decodeText, decodeUnit, encodeUnit } from "../../src/core";
import { maxReplyLength, maxReplyTags } from "../../src/core/markup/reply-size";
import { setup } from "../helpers/core-page";

const PAGE = `<article><h1 title="Die Überschrift des Artikels">Nachrichten</h1><p id="loop">Lies <a href="/artikel">den Artikel</a> über <b>Katzen</b>, die jeden Morgen im Garten in der Sonne liegen.</p><p>Zweiter Absatz ohne Markup.</p></article>`;
const LOOPED = "Lies <a1>den Artikel</a1> über <b2>Katzen</b2>, die jeden Morgen im Garten in der Sonne liegen.";
const LOOPED_RUNS = new Set(["Lies", "den Artikel", "über Katzen, die jeden Morgen im Garten in der Sonne liegen."]);

/** Every string the engine parsed into a DOM (DOMPurify parses with the window's DOMParser), while `run` runs. */
async function parsedDuring(run: () => Promise<unknown>): Promise<string[]> {
  const parse = jest.spyOn(window.DOMParser.prototype, "parseFromString");
  try {
    await run();
    return parse.mock.calls.map(([html]) => String(html));
  } finally {
    parse.mockRestore();
  }
}

const tagsIn = (html: string): number => html.match(/<\/?[a-z]/gi)?.length ?? 0;

test("a passage answered with its translation said 60 times stays original and is named; the rest is translated", async () => {
  const reasons: string[] = [];
  const { page } = setup(
    PAGE,
    { lazy: false, onUnitRejected: (_s, reason) => reasons.push(reason) },
    // The passage, and each of its runs asked as plain text afterwards, loops the same way.
    { reply: (upper, seg) => (seg.html === LOOPED || LOOPED_RUNS.has(seg.html) ? `${upper} `.repeat(60) : upper) },
  );
  const before = document.querySelector("#loop")?.innerHTML;
  let summary: Awaited<ReturnType<typeof page.translate>> | undefined;
  const parsed = await parsedDuring(async () => (summary = await page.translate()));
  expect(document.querySelector("#loop")?.innerHTML).toBe(before);
  expect(document.querySelector("h1")?.textContent).toBe("NACHRICHTEN");
  expect(document.querySelector("h1")?.getAttribute("title")).toBe("DIE ÜBERSCHRIFT DES ARTIKELS");
  expect(document.querySelectorAll("p")[1]?.textContent).toBe("ZWEITER ABSATZ OHNE MARKUP.");
  expect(summary).toMatchObject({ failed: 1, failure: { reason: "length-ratio" } });
  expect(reasons).toEqual(["length-ratio", "length-ratio", "length-ratio"]);
  // Not one loop was parsed: the longest string parsed is no longer than the passage's translation and its edges.
  expect(Math.max(...parsed.map((html) => html.length))).toBeLessThan(LOOPED.length * 2);
});

test("a reply looping on a tag (which the server client's checks let through) is refused unparsed; the passage is translated as plain text", async () => {
  const reasons: string[] = [];
  const { page } = setup(
    PAGE,
    { lazy: false, onUnitRejected: (_s, reason) => reasons.push(reason) },
    { reply: (upper, seg) => (seg.html === LOOPED ? upper + "<b2>".repeat(400) : upper) },
  );
  const link = document.querySelector("a");
  let summary: Awaited<ReturnType<typeof page.translate>> | undefined;
  const parsed = await parsedDuring(async () => (summary = await page.translate()));
  // Its text translated, its link the page's own, the bold (what the model looped on) dropped.
  expect(document.querySelector("#loop")?.innerHTML).toBe(
    `LIES <a href="/artikel">DEN ARTIKEL</a> ÜBER KATZEN, DIE JEDEN MORGEN IM GARTEN IN DER SONNE LIEGEN.`,
  );
  expect(document.querySelector("a")).toBe(link);
  expect(summary).toMatchObject({ failed: 0, simplified: 1 });
  expect(reasons).toEqual(["repeated-placeholder", "repeated-placeholder"]);
  expect(Math.max(...parsed.map(tagsIn))).toBeLessThan(20);
});

test("an attribute answered with a loop keeps the page's value", async () => {
  const { page } = setup(
    PAGE,
    { lazy: false },
    { reply: (upper, seg) => (seg.html === "Die Überschrift des Artikels" ? `${upper} `.repeat(40) : upper) },
  );
  const summary = await page.translate();
  expect(document.querySelector("h1")?.getAttribute("title")).toBe("Die Überschrift des Artikels");
  expect(summary).toMatchObject({ failed: 1, failure: { reason: "length-ratio" } });
});

describe("the bounds (decodeUnit and decodeText, the page engine's API)", () => {
  document.body.innerHTML = `<p id="u">Lies <a href="/x">den Artikel</a> über <b>Katzen</b>, die jeden Morgen im Garten in der Sonne liegen.</p>`;
  const unit = encodeUnit(document.querySelector("#u") as Element);
  if (!unit) throw new Error("nothing encoded");
  const translated = "Read <a1>the article</a1> about <b2>cats</b2> that lie in the sun in the garden every morning.";

  test("a translation up to the bound is taken; one character more is refused unparsed", () => {
    const limit = maxReplyLength(unit.html.length);
    const padded = (length: number): string => translated.replace("cats", `cats${" and".repeat(length)}`);
    const fits = padded(Math.floor((limit - translated.length) / 4));
    expect(decodeUnit(window, fits, unit)).toMatchObject({ ok: true });
    expect(decodeUnit(window, `${fits}${"!".repeat(limit - fits.length + 1)}`, unit)).toMatchObject({
      ok: false,
      reason: "length-ratio",
    });
  });

  test("tags: an echo and a repeat or two are parsed (and judged after), a loop of them is not", () => {
    const limit = maxReplyTags(unit.placeholders.size);
    // A short run of empty echoes is judged as it always was, and written without them.
    expect(decodeUnit(window, `${translated}${"<b2>".repeat(100)}`, unit)).toMatchObject({ ok: true });
    expect(decodeUnit(window, `${translated} <a1>the article</a1><b2></b2>`, unit)).toMatchObject({ ok: true });
    expect(decodeUnit(window, `${translated}${"<b2></b2>".repeat(limit / 2 + 1)}`, unit)).toMatchObject({
      ok: false,
      reason: "repeated-placeholder",
      detail: `More than ${limit} tags for 2 placeholders.`,
    });
    // Written in brackets, the loop is counted once repaired into tags.
    expect(decodeUnit(window, `${translated}${"[b2]".repeat(limit + 1)}`, unit)).toMatchObject({
      ok: false,
      detail: `More than ${limit} tags for 2 placeholders.`,
    });
  });

  test("a plain-text reply: a loop of words or of tags is refused", () => {
    const segment = { html: "Katzen im Garten, die jeden Morgen in der Sonne liegen", lead: "", trail: "" };
    expect(decodeText(window, "Cats in the garden", segment)).toEqual({ ok: true, text: "Cats in the garden" });
    expect(decodeText(window, "Cats in the garden ".repeat(3), segment)).toMatchObject({ ok: true });
    expect(decodeText(window, "Cats in the garden ".repeat(80), segment)).toMatchObject({ reason: "length-ratio" });
    expect(decodeText(window, `Cats${"<i>".repeat(maxReplyTags(0) + 1)} in the garden`, segment)).toMatchObject({
      reason: "repeated-placeholder",
    });
  });
});
