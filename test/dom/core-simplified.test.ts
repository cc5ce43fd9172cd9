// Degrade, don't drop (issue #12, item 3): a unit whose reply still loses structure after its retry is translated with
// simplified formatting. The page gets text; links keep their element, href, listeners and their own (separately
// translated) text; nothing the model writes becomes a tag or an attribute; "Show original" restores the exact HTML.

import type { Progress, TranslateError } from "../../src/core";
import { dropTag } from "../helpers/fake-translator";
import { sent, setup } from "../helpers/core-page";

const LOST = (s: { html: string }) =>
  /<[a-z]\d+>/.test(s.html)
    ? ({ kind: "bad-reply", reason: "lost-placeholder", message: "A placeholder was lost." } as TranslateError)
    : undefined;

/** Every reply for a segment with placeholders loses them all; plain segments are translated. */
const loseAllTags = { fail: LOST };

test("a link keeps its element, href and listeners; its text and the sentence around it are translated apart", async () => {
  document.body.innerHTML = `<p id="p">Lies <a href="/artikel" class="x">den <em>ganzen</em> Artikel</a> über <b>Katzen</b> heute.</p>`;
  const original = document.body.innerHTML;
  const link = document.querySelector("a") as HTMLAnchorElement;
  let clicks = 0;
  link.addEventListener("click", (e) => {
    e.preventDefault();
    clicks++;
  });
  const { page, fake } = setup(null, {}, loseAllTags);
  const summary = await page.translate();
  expect(summary).toMatchObject({ translated: 1, simplified: 1, failed: 0 });
  // Runs cut at the link only; the emphasis inside the link and the bold outside are dropped, their words kept.
  expect(sent(fake)).toEqual(expect.arrayContaining(["Lies", "den ganzen Artikel", "über Katzen heute."]));
  expect(document.querySelector("#p")?.innerHTML).toBe(
    `LIES <a href="/artikel" class="x">DEN GANZEN ARTIKEL</a> ÜBER KATZEN HEUTE.`,
  );
  expect(document.querySelector("a")).toBe(link);
  link.click();
  expect(clicks).toBe(1);
  page.restore();
  expect(document.body.innerHTML).toBe(original);
  expect(document.querySelector("a")).toBe(link);
});

test("elements that are more than formatting stay: an image, code, a spoiler span with a class", async () => {
  document.body.innerHTML = `<p>Das <img src="/i.png" alt=""> Bild und <code>npm test</code> sowie <span class="md-spoiler-text">das Ende</span> <i>hier</i>.</p>`;
  const original = document.body.innerHTML;
  const { page, fake } = setup(null, {}, loseAllTags);
  await page.translate();
  expect(sent(fake)).toEqual(expect.arrayContaining(["Das", "Bild und", "sowie", "das Ende", "hier."]));
  expect(document.querySelector("p")?.innerHTML).toBe(
    `DAS <img src="/i.png" alt=""> BILD UND <code>npm test</code> SOWIE <span class="md-spoiler-text">DAS ENDE</span> HIER.`,
  );
  page.restore();
  expect(document.body.innerHTML).toBe(original);
});

test("a formatting element that holds a link is kept with it, not flattened", async () => {
  document.body.innerHTML = `<p>Siehe <b>die <a href="/q">Quelle</a> dazu</b> bitte.</p>`;
  const original = document.body.innerHTML;
  const { page } = setup(null, {}, loseAllTags);
  await page.translate();
  expect(document.querySelector("p")?.innerHTML).toBe(`SIEHE <b>DIE <a href="/q">QUELLE</a> DAZU</b> BITTE.`);
  page.restore();
  expect(document.body.innerHTML).toBe(original);
});

test("nothing the model writes in a run becomes a tag or an attribute", async () => {
  document.body.innerHTML = `<p>Lies <a href="/a">den Artikel</a> über <b>Katzen</b>.</p>`;
  const before = Array.from(document.body.querySelectorAll("*"));
  const { page } = setup(
    null,
    {},
    {
      ...loseAllTags,
      reply: (upper) =>
        `${upper}<img src=x onerror="window.__pwned=1"><a href="https://evil.example">x</a><script>window.__pwned=1</script>`,
    },
  );
  await page.translate();
  // Only the page's own elements (the bold one dropped from the simplified translation), none from the model.
  expect(Array.from(document.body.querySelectorAll("*"))).toEqual(before.filter((el) => el.localName !== "b"));
  expect(document.querySelector("a")?.getAttribute("href")).toBe("/a");
  expect(document.querySelector("a")?.attributes).toHaveLength(1);
  expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  // The invented link's text is kept as text; its markup is gone.
  expect(document.querySelector("p")?.textContent).toBe("LIESx DEN ARTIKELx ÜBER KATZEN.x");
});

test("the outcome and its reason are reported: simplified, or left original", async () => {
  document.body.innerHTML = `<p>Ein <b>fetter</b> Satz.</p><p>Nur Text hier.</p>`;
  let last: Progress | undefined;
  const { page } = setup(
    null,
    { onProgress: (p) => (last = p) },
    {
      fail: (s) =>
        /<b1>/.test(s.html)
          ? { kind: "bad-reply", reason: "lost-placeholder", message: "Lost." }
          : s.html === "Nur Text hier."
            ? { kind: "bad-reply", reason: "refusal", message: "Refused." }
            : undefined,
    },
  );
  const summary = await page.translate();
  // A plain unit has nothing to simplify: after its retry it stays original.
  expect(last?.failure?.reason).toBe("refusal");
  expect(last?.simplification?.reason).toBe("lost-placeholder");
  expect(summary).toMatchObject({ translated: 1, simplified: 1, failed: 1, failure: { reason: "refusal" } });
  expect(document.body.innerHTML).toBe(`<p lang="en">EIN FETTER SATZ.</p><p>Nur Text hier.</p>`);
});

test("a retry goes with the next batch, and a good retry is a full translation", async () => {
  document.body.innerHTML = `<p>Erster <b>Satz</b>.</p><p>Zweiter Satz.</p><p>Dritter Satz.</p>`;
  const { page, fake } = setup(
    null,
    { maxBatchSegments: 2, maxConcurrent: 1 },
    { reply: (upper, seg, attempt) => (seg.html.includes("<b1>") && attempt === 0 ? dropTag(upper, "b1") : upper) },
  );
  const summary = await page.translate();
  expect(summary).toMatchObject({ translated: 3, simplified: 0, failed: 0 });
  expect(document.body.innerHTML).toBe(
    `<p lang="en">ERSTER <b>SATZ</b>.</p><p lang="en">ZWEITER SATZ.</p><p lang="en">DRITTER SATZ.</p>`,
  );
  // No request of its own: the retried unit rode along with the next batch.
  const retried = fake.batches.find((b, i) => i > 0 && b.some((s) => s.html.includes("<b1>")));
  expect(retried?.length).toBe(2);
});

test("simplified units are counted while shown; translating again after restore starts afresh", async () => {
  document.body.innerHTML = `<p>Ein <b>fetter</b> Satz.</p>`;
  let lose = true;
  const { page, progress } = setup(null, {}, { fail: (s) => (lose ? LOST(s) : undefined) });
  await page.translate();
  expect(progress[progress.length - 1]).toMatchObject({ done: 1, simplified: 1 });
  page.restore();
  expect(document.body.innerHTML).toBe(`<p>Ein <b>fetter</b> Satz.</p>`);
  lose = false;
  const again = await page.translate();
  expect(again).toMatchObject({ translated: 1, simplified: 0 });
});
