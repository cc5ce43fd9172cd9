// A reply that repeats or nests placeholders (a repetition loop, tags left unclosed) must not multiply the page's
// markup: each placeholder merge writes again is a copy of the page's element, and one nested in itself is copied
// with everything written so far. The page engine bounds it on its own (its API takes any translator): such a reply
// is rejected like a broken one (retried, then translated with simplified formatting), never written.

import { decodeUnit, type DisplayMode, encodeUnit, type EncodedUnit } from "../../src/core";
import { MAX_USES } from "../../src/core/markup/reply-copies";
import { setup } from "../helpers/core-page";

/** A Reddit comment: links and bold, one link inside the bold. */
const REDDIT = `<div class="md"><p>Ich finde <a href="https://example.com/artikel">diesen Artikel</a> <strong>wirklich <a href="/r/de">gut</a></strong>, aber <a href="/u/jemand">u/jemand</a> sieht das <em>anders</em>.</p></div>`;

/** Inline markup ten levels deep, each level with a word. */
const NESTED = `<div class="post"><p>Vorne ${[
  "b",
  "i",
  "a",
  "span",
  "em",
  "strong",
  "u",
  "s",
  "abbr",
  "mark",
].reduceRight(
  (inner, tag, i) => `<${tag}${tag === "a" ? ` href="/x"` : ""}>Wort${i} ${inner}</${tag}>`,
  "Kern",
)} hinten.</p></div>`;

/**
 * The translation, then its placeholders opened again and never closed, a letter in each, up to 3.4 times the
 * source's text (under the server client's length check): each placeholder nests in itself many times over.
 */
function unclosedLoop(translated: string): string {
  const tags = translated.match(/<[a-z]\d+>/g) ?? [];
  const source = translated.replace(/<[^>]*>/g, "").length;
  let reply = `${translated} `;
  for (let i = 0, text = source; text < source * 3.4; i++, text++) reply += `${tags[i % tags.length]}Y`;
  return reply;
}

const elementCount = (): number => document.body.querySelectorAll("*").length;

describe.each<[string, string]>([
  ["a Reddit comment with links and bold", REDDIT],
  ["inline markup ten levels deep", NESTED],
])("%s, answered with its placeholders reopened unclosed", (_name, html) => {
  test.each<DisplayMode>(["replace", "bilingual"])(
    "%s: nothing is copied; the text is translated with its links in place, and Show original restores it",
    async (displayMode) => {
      const reasons: string[] = [];
      const { page } = setup(
        html,
        { displayMode, lazy: false, onUnitRejected: (_s, reason) => reasons.push(reason) },
        { reply: (upper, seg) => (/<[a-z]\d+>/.test(seg.html) ? unclosedLoop(upper) : upper) },
      );
      const before = document.body.innerHTML;
      const elements = elementCount();
      const links = Array.from(document.querySelectorAll("a"));
      const original = document.querySelector("p")?.textContent ?? "";
      const summary = await page.translate();
      expect(reasons).toEqual(["repeated-placeholder", "repeated-placeholder"]);
      expect(summary).toMatchObject({ failed: 0, simplified: 1 });
      expect(document.body.textContent).not.toContain("Y");
      // Replace: the passage as it was, less the formatting dropped; bilingual: and one copy of it.
      expect(elementCount()).toBeLessThanOrEqual(displayMode === "replace" ? elements : elements * 2 + 2);
      for (const link of links) expect(link.isConnected).toBe(true);
      const shown = document.querySelector("p")?.textContent;
      expect(shown).toBe(displayMode === "replace" ? original.toUpperCase() : original + original.toUpperCase());
      page.restore();
      expect(document.body.innerHTML).toBe(before);
    },
  );
});

describe("decodeUnit (the page engine API): how often a placeholder may come back", () => {
  function unitOf(html: string): EncodedUnit {
    document.body.innerHTML = `<p id="u">${html}</p>`;
    const unit = encodeUnit(document.querySelector("#u") as Element, { role: () => "inline" });
    if (!unit) throw new Error("nothing encoded");
    return unit;
  }
  const verdict = (unit: EncodedUnit, reply: string): string => {
    const d = decodeUnit(window, reply, unit);
    return d.ok ? "ok" : d.reason;
  };

  test(`a link repeated up to ${MAX_USES} times is a translation; more, or one nested in itself, is rejected`, () => {
    const unit = unitOf(`Siehe <a href="/faq">FAQ</a> oben.`);
    expect(unit.html).toBe("Siehe <a1>FAQ</a1> oben.");
    expect(verdict(unit, "See <a1>FAQ</a1> above, or <a1>the FAQ page</a1>.")).toBe("ok");
    expect(verdict(unit, "See <a1>FAQ</a1> above, <a1>the FAQ</a1>, or <a1>the FAQ page</a1>.")).toBe("ok");
    expect(verdict(unit, "See <a1>FAQ</a1> <a1>above</a1>, <a1>the FAQ</a1>, or <a1>the FAQ page</a1>.")).toBe(
      "repeated-placeholder",
    );
    expect(verdict(unit, "See <a1>FAQ <a1>above</a1></a1>.")).toBe("repeated-placeholder");
    // Echoes without words are left out by merge, however many.
    expect(verdict(unit, `See <a1>FAQ</a1> above.${"<a1></a1>".repeat(20)}`)).toBe("ok");
  });

  test("ten nested placeholders: the translation, reordered or said twice, is accepted; three times over is not", () => {
    const unit = unitOf(NESTED.replace(/^<div class="post"><p>|<\/p><\/div>$/g, ""));
    const translated = unit.html.replace(/Wort/g, "Word");
    expect(verdict(unit, translated)).toBe("ok");
    expect(verdict(unit, `${translated} ${translated}`)).toBe("ok");
    expect(verdict(unit, `${translated} ${translated} ${translated}`)).toBe("repeated-placeholder");
  });
});
