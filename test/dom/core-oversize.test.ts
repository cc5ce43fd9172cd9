// Issue 9, items 3 and 4: a unit too long for one request is split into parts that each fit one (at its nodes where
// it has inline markup, else its text at sentence ends), translated and written whole; it never holds the rest of
// the page back. Nesting thousands of levels deep is collected and written without recursion.

import { sent, setup } from "../helpers/core-page";
import { joinParts, splitText } from "../../src/core/schedule/text-parts";

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

describe("a long text in a script that puts no space between its sentences, or out of one", () => {
  const chinese = (n: number): string => Array.from({ length: n }, (_, i) => `这是文本中的第${i}句话。`).join("");
  const english = (n: number): string[] => Array.from({ length: n }, (_, i) => `This is sentence ${i} of the text.`);

  test("a Chinese paragraph is cut after its full stops, and its English parts are spaced as sentences", async () => {
    const long = chinese(300);
    expect(
      splitText(long, MAX)
        .slice(0, -1)
        .every((part) => part.endsWith("。")),
    ).toBe(true);
    document.body.innerHTML = `<p id="big"></p>`;
    const big = document.querySelector("#big") as Element;
    big.textContent = long;
    // The model translates whole sentences; a sentence cut in two would come back half in Chinese.
    const reply = (_: string, { html }: { html: string }) =>
      html.replace(/这是文本中的第(\d+)句话。/g, "This is sentence $1 of the text. ").trimEnd();
    const { page, fake } = setup(null, { maxBatchChars: MAX, maxConcurrent: 1 }, { reply });
    const summary = await page.translate();
    expect(summary.failed).toBe(0);
    expect(sent(fake).length).toBeGreaterThan(5);
    expect(big.textContent).toBe(english(300).join(" "));
  });

  test("an English paragraph translated into Chinese in parts has no spaces between its sentences", async () => {
    const long = english(300).join(" ");
    document.body.innerHTML = `<p id="big"></p>`;
    const big = document.querySelector("#big") as Element;
    big.textContent = long;
    const reply = (_: string, { html }: { html: string }) =>
      html.replace(/This is sentence (\d+) of the text\.\s*/g, "这是文本中的第$1句话。");
    const { page, fake } = setup(null, { maxBatchChars: MAX, maxConcurrent: 1, targetLang: "zh" }, { reply });
    const summary = await page.translate();
    expect(summary.failed).toBe(0);
    expect(sent(fake).length).toBeGreaterThan(5);
    expect(big.textContent).toBe(chinese(300));
  });

  test("an Arabic or Hindi text is cut after its own sentence marks", () => {
    const arabic = Array.from({ length: 200 }, (_, i) => `هل هذه الجملة رقم ${i} في النص؟`).join(" ");
    const hindi = Array.from({ length: 200 }, (_, i) => `यह पाठ का वाक्य संख्या ${i} है।`).join(" ");
    for (const [text, end] of [
      [arabic, /؟$/],
      [hindi, /।$/],
    ] as const) {
      const parts = splitText(text, MAX);
      expect(parts.join("")).toBe(text);
      for (const part of parts.slice(0, -1)) expect(part.trimEnd()).toMatch(end);
    }
  });

  test("parts cut mid-word or at a line break are joined as they were cut", () => {
    expect(joinParts(["Ein sehr langes Wo", "rt hier."], ["A very long wo", "rd here."])).toBe(
      "Ein sehr langes Wort hier.",
    );
    expect(joinParts(["第一行。\n", "第二行。"], ["First line.\n", "Second line."])).toBe("第一行。\n第二行。");
    expect(joinParts(["Erste Zeile.\n", "Zweite."], ["第一行。\n", "第二行。"])).toBe("Erste Zeile.\nZweite.");
  });

  // The model copies a number or an address as it is: cut at the limit, mid-word, it must come back whole.
  test("a long text cut inside a number or an address is written back without a space in it", async () => {
    const number = `${(sentences(12) + " Er kostet").padEnd(596, " ja")} 13.5 Euro. ${sentences(30)}`;
    expect(number.slice(596, 602)).toBe(" 13.5 ");
    // The limit falls after "13.": the part ends at the sentence before, not mid-sentence.
    expect(splitText(number, MAX)[0]).toBe(`${sentences(12)} `);
    const address = `${sentences(5)} Siehe auch https://de.wikipedia.org/wiki/${"Satz_(Text).".repeat(60)}html ${sentences(30)}`;
    expect(address.slice(598, 601)).toBe(").S");
    for (const long of [number, address]) {
      document.body.innerHTML = `<p id="big"></p>`;
      const big = document.querySelector("#big") as Element;
      big.textContent = long;
      const { page, fake } = setup(null, { maxBatchChars: MAX, maxConcurrent: 1 });
      const summary = await page.translate();
      expect(summary.failed).toBe(0);
      expect(sent(fake).length).toBeGreaterThan(2);
      expect(big.textContent).toBe(long.toUpperCase());
      page.restore();
    }
  });
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

test("a tooltip too long for one request is translated in parts that fit one and written whole", async () => {
  const long = ` ${sentences(150)} `;
  document.body.innerHTML = `<p id="p">Ein kurzer Absatz.</p>`;
  const p = document.querySelector("#p") as Element;
  p.setAttribute("title", long);
  const before = document.body.innerHTML;
  const { page, fake } = setup(null, { maxBatchChars: MAX, maxConcurrent: 1 });
  const summary = await page.translate();
  expect(summary.failed).toBe(0);
  // Sent whole it was one segment ten times the batch size: past a small model's context, failed as "too long".
  for (const html of sent(fake)) expect(html.length).toBeLessThanOrEqual(MAX);
  expect(p.getAttribute("title")).toBe(long.toUpperCase());
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("identical tooltips too long for one request are cut and asked once, and each gets the translation", async () => {
  const long = sentences(50);
  document.body.innerHTML = [1, 2, 3].map((i) => `<p id="p${i}" title="${long}">Absatz ${i} im Text.</p>`).join("");
  const { page, fake } = setup(null, { maxBatchChars: MAX, maxConcurrent: 1 });
  expect(await page.translate()).toMatchObject({ failed: 0 });
  const parts = sent(fake).filter((html) => !html.startsWith("Absatz"));
  expect(parts.length).toBeGreaterThan(1);
  expect(new Set(parts).size).toBe(parts.length);
  for (const i of [1, 2, 3]) expect(document.querySelector(`#p${i}`)?.getAttribute("title")).toBe(long.toUpperCase());
});

test("a tooltip too long for one request, already in the target language, is left as it is", async () => {
  const english = Array.from({ length: 100 }, (_, i) => `This is sentence number ${i} of the text.`).join(" ");
  document.body.innerHTML = `<p id="p">Ein kurzer Absatz, der lang genug ist, um ihn zu erkennen.</p>`;
  const p = document.querySelector("#p") as Element;
  p.setAttribute("title", english);
  const detectLang = (text: string): Promise<string> => Promise.resolve(text.startsWith("This") ? "en" : "de");
  const { page, fake } = setup(null, { maxBatchChars: MAX, detectLang });
  await page.translate();
  expect(p.getAttribute("title")).toBe(english);
  expect(sent(fake).some((html) => html.includes("sentence number 99"))).toBe(false);
});

test("a tooltip part the model cannot translate leaves the whole tooltip original", async () => {
  const long = sentences(100);
  document.body.innerHTML = `<p id="p">Ein kurzer Absatz.</p>`;
  const p = document.querySelector("#p") as Element;
  p.setAttribute("title", long);
  const fail = { kind: "bad-reply", reason: "untranslated", message: "The reply was not translated." } as const;
  const { page } = setup(
    null,
    { maxBatchChars: MAX },
    { fail: (segment) => (segment.html.includes("Nummer 50 ") ? fail : undefined) },
  );
  const summary = await page.translate();
  expect(summary).toMatchObject({ translated: 1, failed: 1 });
  expect(p.getAttribute("title")).toBe(long);
  expect(p.textContent).toBe("EIN KURZER ABSATZ.");
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

test("a long text full of & < > (code quoted in prose) goes in requests that fit the limit as sent, escaped", async () => {
  const code = Array.from({ length: 60 }, (_, i) => `Prüfe, ob a < b && c > d gilt, sonst x${i} = y & z.`).join(" ");
  // As sent, each & is &amp; and each < &lt;: counted as they were in the text, parts went half as long again.
  for (const part of splitText(code, MAX))
    expect(part.replace(/&/g, "&amp;").replace(/[<>]/g, "&lt;").length).toBeLessThanOrEqual(MAX);
  document.body.innerHTML = `<p id="code"></p>`;
  const p = document.querySelector("#code") as Element;
  p.textContent = code;
  const { page, fake } = setup(null, { maxBatchChars: MAX, maxConcurrent: 1 });
  expect((await page.translate()).failed).toBe(0);
  expect(fake.batches.length).toBeGreaterThan(1);
  for (const batch of fake.batches) expect(batch.reduce((n, s) => n + s.html.length, 0)).toBeLessThanOrEqual(MAX);
  expect(p.textContent).toBe(code.toUpperCase());
});
