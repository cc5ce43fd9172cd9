// Items 7 and 8 through the whole engine, with the real DOMPurify: nothing a reply invents reaches the page, and a
// reply that loses a placeholder or comes back empty is rejected (retried with the next batch, then translated with
// simplified formatting, then left original and counted as failed), reported through onUnitRejected.

import type { Segment } from "../../src/core";
import { dropTag } from "../helpers/fake-translator";
import { sent, setup } from "../helpers/core-page";

const PAGE = `<article><h1 title="Überschrift">Nachrichten</h1><p>Lies <a href="/artikel">den Artikel</a> und <b>teile</b> ihn.</p><p>Zweiter Absatz ohne Markup.</p></article>`;

function attributesOfEveryElement(): string[] {
  return Array.from(document.body.querySelectorAll("*")).map(
    (el) =>
      `${el.localName}[${Array.from(el.attributes)
        .map((a) => `${a.name}=${a.name === "title" ? "…" : a.value}`)
        .join(",")}]`,
  );
}

const HOSTILE = [
  `<img src=x onerror="window.__pwned=1">`,
  `<a href="https://evil.example/phish">hier klicken</a>`,
  `<script>window.__pwned=1</script>`,
  `<form action="https://evil.example"><input name="password"></form>`,
  `<svg><animate onbegin="window.__pwned=1" attributeName="x"></animate></svg>`,
  `<style>body{display:none}</style>`,
  `<iframe src="javascript:window.__pwned=1"></iframe>`,
  `<a1 href="https://evil.example" onclick="window.__pwned=1">`,
];

test.each(HOSTILE)("a reply with %s changes no element and adds none", async (payload) => {
  const { page } = setup(
    PAGE,
    {},
    {
      // An attribute-laden placeholder replaces the real one; anything else is prepended.
      reply: (upper) => (payload.startsWith("<a1") ? upper.replace("<a1>", payload) : `${payload}${upper}`),
    },
  );
  const elements = Array.from(document.body.querySelectorAll("*"));
  expect(attributesOfEveryElement()).toEqual(["article[]", "h1[title=…]", "p[]", "a[href=/artikel]", "b[]", "p[]"]);
  await page.translate();
  expect(Array.from(document.body.querySelectorAll("*"))).toEqual(elements);
  // No attribute from the reply: only Gloss's mark of the target language on each element it translated.
  expect(attributesOfEveryElement()).toEqual([
    "article[]",
    "h1[title=…,lang=en]",
    "p[lang=en]",
    "a[href=/artikel]",
    "b[]",
    "p[lang=en]",
  ]);
  expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  expect(document.body.querySelector("img,script,form,svg,style,iframe,input")).toBeNull();
  expect(document.querySelector("a")?.getAttribute("href")).toBe("/artikel");
});

describe("rejected replies (item 8)", () => {
  const target = "Lies <a1>den Artikel</a1> und <b2>teile</b2> ihn.";

  test("a reply that loses a link is not applied, reported, and the unit is sent again", async () => {
    const rejected: Array<[Segment, string]> = [];
    const { page, fake } = setup(
      PAGE,
      { onUnitRejected: (segment, reason) => rejected.push([segment, reason]) },
      { reply: (upper, seg, attempt) => (seg.html === target && attempt === 0 ? dropTag(upper, "a1") : upper) },
    );
    const summary = await page.translate();
    expect(rejected).toEqual([[expect.objectContaining({ html: target }), "lost-placeholder"]]);
    const retry = fake.batches.find(
      (b) => b.some((s) => s.html === target && b.indexOf(s) >= 0) && b !== fake.batches[0],
    );
    expect(retry?.map((s) => s.html)).toEqual([target]);
    expect(document.querySelector("p")?.innerHTML).toBe(
      `LIES <a href="/artikel">DEN ARTIKEL</a> UND <b>TEILE</b> IHN.`,
    );
    expect(summary).toMatchObject({ failed: 0 });
  });

  test("rejected twice: translated with simplified formatting (the link kept, the bold dropped)", async () => {
    const rejected: string[] = [];
    const { page, fake } = setup(
      PAGE,
      { onUnitRejected: (_s, reason) => rejected.push(reason) },
      { reply: (upper, seg) => (seg.html === target ? dropTag(upper, "b2") : upper) },
    );
    const link = document.querySelector("a");
    const summary = await page.translate();
    expect(rejected).toEqual(["lost-placeholder", "lost-placeholder"]);
    expect(sent(fake)).toEqual(expect.arrayContaining(["Lies", "den Artikel", "und teile ihn."]));
    expect(document.querySelector("p")?.innerHTML).toBe(`LIES <a href="/artikel">DEN ARTIKEL</a> UND TEILE IHN.`);
    expect(document.querySelector("a")).toBe(link);
    expect(summary).toMatchObject({ failed: 0, simplified: 1 });
  });

  test("when the simplified translation fails too, the unit stays original and is counted as failed", async () => {
    const { page } = setup(
      PAGE,
      {},
      { reply: (upper, seg) => (seg.html === target ? "" : seg.html === "und teile ihn." ? " " : upper) },
    );
    const before = document.querySelector("p")?.innerHTML;
    const summary = await page.translate();
    expect(document.querySelector("p")?.innerHTML).toBe(before);
    expect(summary).toMatchObject({ failed: 1, translated: summary.found - 1 });
    expect(document.querySelectorAll("p")[1]?.textContent).toBe("ZWEITER ABSATZ OHNE MARKUP.");
  });

  test("an empty reply is rejected like a lost placeholder", async () => {
    const reasons: string[] = [];
    const { page } = setup(
      `<p>Hallo <b>Welt</b></p>`,
      { onUnitRejected: (_s, r) => reasons.push(r) },
      { reply: (upper, _seg, attempt) => (attempt === 0 ? "   " : upper) },
    );
    await page.translate();
    expect(reasons).toEqual(["empty"]);
    expect(document.body.innerHTML).toBe(`<p lang="en">HALLO <b>WELT</b></p>`);
  });

  test("a translator that reports a lost placeholder itself: sent again, then simplified", async () => {
    const { page } = setup(
      `<p>Hallo <b>Welt</b></p>`,
      {},
      {
        fail: (s) =>
          s.html === "Hallo <b1>Welt</b1>"
            ? { kind: "bad-reply", reason: "lost-placeholder", message: "A placeholder was lost." }
            : undefined,
      },
    );
    expect(await page.translate()).toMatchObject({ translated: 1, simplified: 1, failed: 0 });
    expect(document.body.innerHTML).toBe(`<p lang="en">HALLO WELT</p>`);
  });

  test("a segment error leaves the unit original and failed; translate() again retries it", async () => {
    let failing = true;
    const { page } = setup(
      `<p>Eins</p><p>Zwei</p>`,
      {},
      {
        fail: (s) => (failing && s.html === "Zwei" ? { kind: "timeout", message: "Too slow." } : undefined),
      },
    );
    expect(await page.translate()).toMatchObject({ translated: 1, failed: 1 });
    expect(document.body.innerHTML).toBe(`<p lang="en">EINS</p><p>Zwei</p>`);
    failing = false;
    expect(await page.translate()).toMatchObject({ translated: 2, failed: 0 });
    expect(document.body.innerHTML).toBe(`<p lang="en">EINS</p><p lang="en">ZWEI</p>`);
  });
});
