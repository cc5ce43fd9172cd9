// Issue 9, items 3 and 4: a unit too long for one request is split into parts that each fit one (at its nodes where
// it has inline markup, else its text at sentence ends), translated and written whole; it never holds the rest of
// the page back. Nesting thousands of levels deep is collected and written without recursion.

import { sent, setup } from "../helpers/core-page";
import { splitText } from "../../src/core/schedule/text-parts";

const MAX = 600;

/** `n` German sentences, each a little different, about 40 characters each. */
function sentences(n: number, from = 0): string {
  return Array.from({ length: n }, (_, i) => `Das ist der Satz Nummer ${i + from} im Text.`).join(" ");
}

test("splitText cuts at sentence ends, keeps every character, and never exceeds the limit", () => {
  const text = sentences(200);
  const parts = splitText(text, MAX);
  expect(parts.join("")).toBe(text);
  for (const part of parts) expect(part.length).toBeLessThanOrEqual(MAX);
  for (const part of parts.slice(0, -1)) expect(part.trimEnd()).toMatch(/\.$/);
  // A text without any sentence end is cut at spaces.
  const words = "wort ".repeat(1000);
  const cut = splitText(words, MAX);
  expect(cut.join("")).toBe(words);
  for (const part of cut) expect(part.length).toBeLessThanOrEqual(MAX);
});

// The 200 KB paragraph itself is tested in the browser (test/e2e/runaway-input.test.ts); jsdom is slower.
test("a 60 KB paragraph is translated in parts that fit a request and written whole; Show original restores it", async () => {
  const long = sentences(1650);
  expect(long.length).toBeGreaterThan(60_000);
  document.body.innerHTML = `<p id="big"></p><p id="small">Ein kurzer Absatz.</p>`;
  const big = document.querySelector("#big") as Element;
  big.textContent = long;
  const before = document.body.innerHTML;
  const { page, fake } = setup(null, { maxBatchChars: MAX, maxConcurrent: 1 });
  const summary = await page.translate();
  expect(summary.failed).toBe(0);
  expect(summary.translated).toBe(2);
  for (const html of sent(fake)) expect(html.length).toBeLessThanOrEqual(MAX);
  expect(big.textContent).toBe(long.toUpperCase());
  expect(big.childNodes.length).toBe(1);
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("two oversized units with one slot never hold back the normal paragraphs after them", async () => {
  document.body.innerHTML =
    `<p id="a"></p><p id="b"></p>` + Array.from({ length: 5 }, (_, i) => `<p>Absatz ${i} hier.</p>`).join("");
  (document.querySelector("#a") as Element).textContent = sentences(300);
  (document.querySelector("#b") as Element).textContent = sentences(300, 300);
  const { page, fake } = setup(null, { maxBatchChars: MAX, maxConcurrent: 1 });
  const summary = await page.translate();
  expect(summary.failed).toBe(0);
  const order = sent(fake);
  const lastSmall = Math.max(...[0, 1, 2, 3, 4].map((i) => order.indexOf(`Absatz ${i} hier.`)));
  // Each long paragraph's first part may go in its place; the other ~40 parts wait until the short ones were sent.
  const longParts = order.filter((h) => h.startsWith("Das ist") || h.startsWith(" Das ist"));
  expect(longParts.length).toBeGreaterThan(20);
  expect(order.slice(0, lastSmall).filter((h) => longParts.includes(h)).length).toBeLessThanOrEqual(2);
});

test("a long paragraph with inline markup is split at its nodes, keeping its links, after a sentence's end", async () => {
  const links = Array.from({ length: 40 }, (_, i) => ` Lies <a href="/a${i}">den Artikel ${i}</a> heute.<br>`).join("");
  document.body.innerHTML = `<p id="p">${links}</p>`;
  const p = document.querySelector("#p") as Element;
  const anchors = Array.from(p.querySelectorAll("a"));
  const before = document.body.innerHTML;
  const { page, fake } = setup(null, { maxBatchChars: MAX });
  const summary = await page.translate();
  expect(summary.failed).toBe(0);
  const requests = sent(fake);
  expect(requests.length).toBeGreaterThan(1);
  for (const html of requests) {
    expect(html.length).toBeLessThanOrEqual(MAX);
    expect(html).toMatch(/<a1>/); // markup still travels
    expect(html.trimEnd()).toMatch(/HEUTE\.$|heute\.$/);
  }
  expect(Array.from(p.querySelectorAll("a"))).toEqual(anchors);
  expect(p.textContent).toBe(p.textContent?.toUpperCase());
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("a part the model cannot translate fails the unit with the rest of the page finished, never 'translating'", async () => {
  document.body.innerHTML = `<p id="big"></p><p>Ein kurzer Absatz.</p>`;
  const big = document.querySelector("#big") as Element;
  big.textContent = sentences(100);
  const before = document.body.innerHTML;
  const { page } = setup(
    null,
    { maxBatchChars: MAX },
    {
      fail: (segment) =>
        segment.html.includes("Nummer 50 ")
          ? { kind: "bad-reply", reason: "untranslated", message: "The reply was not translated." }
          : undefined,
    },
  );
  const summary = await page.translate();
  expect(page.state).toBe("translated");
  expect(summary).toMatchObject({ translated: 1, failed: 1 });
  // Nothing half-written: the long paragraph stays original.
  expect(big.textContent).toBe(sentences(100));
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

// jsdom walks the tree recursively itself (and overflows its own stack a little above 1,000 levels); the real depths
// (2,000 divs, 5,000 spans) are tested in the browser (test/e2e/runaway-input.test.ts).
const DIVS = 200;
const SPANS = 150;

describe("deep nesting", () => {
  function nested(tag: string, depth: number, text: string): string {
    return `${`<${tag}>`.repeat(depth)}${text}${`</${tag}>`.repeat(depth)}`;
  }

  test("hundreds of nested divs: collected, translated, restored, and the rest of the page too", async () => {
    document.body.innerHTML = `<p>Oben ein Absatz.</p>${nested("div", DIVS, "Ganz tief unten.")}<p>Unten ein Absatz.</p>`;
    const before = document.body.innerHTML;
    const { page } = setup(null);
    const summary = await page.translate();
    expect(summary).toMatchObject({ translated: 3, failed: 0 });
    expect(document.body.textContent).toBe("OBEN EIN ABSATZ.GANZ TIEF UNTEN.UNTEN EIN ABSATZ.");
    page.restore();
    expect(document.body.innerHTML).toBe(before);
  });

  test("hundreds of nested spans: wrappers travel as one placeholder", async () => {
    document.body.innerHTML = `<p id="deep">${nested("span", SPANS, "Ganz tief unten.")} Und danach.</p><p>Ein Absatz.</p>`;
    const before = document.body.innerHTML;
    const { page, fake } = setup(null);
    const summary = await page.translate();
    expect(summary).toMatchObject({ translated: 2, failed: 0 });
    expect(sent(fake)).toContain("<s1>Ganz tief unten.</s1> Und danach.");
    expect(document.querySelector("#deep")?.textContent).toBe("GANZ TIEF UNTEN. UND DANACH.");
    page.restore();
    expect(document.body.innerHTML).toBe(before);
  });

  test("nested spans each with words are looked over once per request, not once per word", async () => {
    // Before each request, Gloss checks that the page did not change the passage meanwhile, looking at each of its
    // elements (is it a custom element the page defined?). Sent as plain text, a passage goes a text at a time, 16
    // texts a request: checked once per text, 5,000 nested words kept a browser busy for 20 seconds.
    const words = Array.from({ length: SPANS }, (_, i) => `<span>Wort ${i} `).join("") + "</span>".repeat(SPANS);
    document.body.innerHTML = `<p id="deep">${words}</p>`;
    const { page, fake } = setup(null);
    const looks = jest.spyOn(Element.prototype, "hasAttribute");
    try {
      const summary = await page.translate();
      expect(summary).toMatchObject({ translated: 1, failed: 0 });
      const requests = fake.calls.length;
      expect(requests).toBeLessThan(SPANS / 4);
      const isLooks = looks.mock.calls.filter(([name]) => name === "is").length;
      // Once per request and a few more (collecting, writing): a quarter of once per text (22,500) at most.
      expect(isLooks).toBeLessThan((SPANS * SPANS) / 4);
    } finally {
      looks.mockRestore();
    }
  });

  test("hundreds of nested spans each with words: translated as plain text (no parser reads it back), restored", async () => {
    const words = Array.from({ length: SPANS }, (_, i) => `<span>Wort ${i} `).join("") + "</span>".repeat(SPANS);
    document.body.innerHTML = `<p id="deep">${words}</p><p>Ein Absatz.</p>`;
    const deep = document.querySelector("#deep") as Element;
    const text = deep.textContent as string;
    const before = document.body.innerHTML;
    const { page, fake } = setup(null);
    const summary = await page.translate();
    expect(summary).toMatchObject({ translated: 2, failed: 0 });
    for (const html of sent(fake)) expect(html).not.toMatch(/<s\d+>/);
    expect(deep.textContent).toBe(text.toUpperCase());
    page.restore();
    expect(document.body.innerHTML).toBe(before);
  });
});
