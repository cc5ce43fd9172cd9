// The server's limits arrive after the first request is out (session-run.ts asks them then): a smaller context than
// the default's means smaller batches. What was queued before they came is cut to the new limit too, at its nodes
// where it has markup, so no request carries more than the server can take.

import { sent, setup } from "../helpers/core-page";

/** A paragraph of `n` sentences, each with a link: about 90 characters of compact HTML each. */
function linked(n: number): string {
  return Array.from(
    { length: n },
    (_, i) => `Das ist der Satz Nummer ${i} im Text, mit <a href="/l${i}">einem Verweis</a> darin.`,
  ).join(" ");
}

/** Translates the page with one slot, the limit of 400 characters coming once the first request is out (what was
 * queued then was sized for the default's): every batch must fit the new limit. */
async function translateWithLimitAfterFirst(): Promise<void> {
  const { page, fake } = setup(null, { maxConcurrent: 1 }, { hold: true });
  const done = page.translate();
  await fake.nextBatch();
  page.setLimits({ maxBatchChars: 400 });
  fake.unhold();
  expect((await done).failed).toBe(0);
  for (const batch of fake.batches) expect(batch.reduce((n, s) => n + s.html.length, 0)).toBeLessThanOrEqual(400);
}

test("a unit queued before a smaller batch limit came is sent cut to it, at its nodes, and written whole", async () => {
  document.body.innerHTML = `<p id="first">Erster Absatz</p><p id="big">${linked(14)}</p>`;
  const big = document.querySelector("#big") as Element;
  const links = Array.from(big.querySelectorAll("a"));
  const { page, fake } = setup(null, { maxConcurrent: 1 }, { hold: true });
  const done = page.translate();
  // The first request (one short unit) is out; the long paragraph waits in the queue, encoded for 1,500 characters.
  await fake.nextBatch();
  expect(big.innerHTML.length).toBeGreaterThan(1000);
  page.setLimits({ maxBatchChars: 400 });
  fake.unhold();
  const summary = await done;
  expect(summary.failed).toBe(0);
  for (const batch of fake.batches) expect(batch.reduce((n, s) => n + s.html.length, 0)).toBeLessThanOrEqual(400);
  // Cut at its nodes, not sent as bare text: the links went with their sentences.
  expect(sent(fake).some((html) => /<a\d+>einem Verweis<\/a\d+>/.test(html))).toBe(true);
  expect(big.textContent).toBe(
    linked(14)
      .replace(/<[^>]+>/g, "")
      .toUpperCase(),
  );
  expect(Array.from(big.querySelectorAll("a"))).toEqual(links);
});

test("two identical long units queued before the limit came are both cut at their nodes and written", async () => {
  document.body.innerHTML = `<p>Erster Absatz</p><p class="big">${linked(14)}</p><p class="big">${linked(14)}</p>`;
  await translateWithLimitAfterFirst();
  for (const big of Array.from(document.querySelectorAll(".big"))) {
    expect(big.textContent).toBe(
      linked(14)
        .replace(/<[^>]+>/g, "")
        .toUpperCase(),
    );
    expect(big.querySelectorAll("a")).toHaveLength(14);
  }
});

test("a long tooltip queued before a smaller batch limit came is sent in parts that fit it, and written whole", async () => {
  const tooltip = Array.from(
    { length: 9 },
    (_, i) => `Das ist der Satz Nummer ${i} im Text, der etwas länger ist als die anderen hier.`,
  ).join(" ");
  document.body.innerHTML = `<p>Erster Absatz</p><p id="tip" title="${tooltip}">Kurz und gut.</p>`;
  // Queued whole for the default limit (700 characters): sent so, it would overflow the server's slot.
  await translateWithLimitAfterFirst();
  expect(document.querySelector("#tip")?.getAttribute("title")).toBe(tooltip.toUpperCase());
});

test("the rest of a text sent in parts when a smaller limit came is cut to it, and the text written whole", async () => {
  // One text of some 3,000 characters, no markup: sent in parts of the default's size, the first one at once.
  const text = Array.from(
    { length: 30 },
    (_, i) => `Das ist der Satz Nummer ${i} eines langen Textes ohne jeden Verweis und ohne Absatz darin.`,
  ).join(" ");
  document.body.innerHTML = `<p>${text}</p>`;
  const { page, fake } = setup(null, { maxConcurrent: 1 }, { hold: true });
  const done = page.translate();
  const first = await fake.nextBatch();
  expect(first[0]?.html.length).toBeGreaterThan(400);
  page.setLimits({ maxBatchChars: 400 });
  fake.unhold();
  expect((await done).failed).toBe(0);
  for (const batch of fake.batches.slice(1))
    expect(batch.reduce((n, s) => n + s.html.length, 0)).toBeLessThanOrEqual(400);
  expect(document.querySelector("p")?.textContent).toBe(text.toUpperCase());
});

test("the rest of a long tooltip sent in parts when a smaller limit came is cut to it, and written whole", async () => {
  const text = Array.from(
    { length: 30 },
    (_, i) => `Das ist der Satz Nummer ${i} eines langen Hinweises ohne jeden Verweis und ohne Absatz darin.`,
  ).join(" ");
  document.body.innerHTML = `<p title="${text}">Hallo Welt, wie geht es dir heute?</p>`;
  // Two slots: the paragraph and the tooltip's first part go at once, the rest of the tooltip waits.
  const { page, fake } = setup(null, { maxConcurrent: 2 }, { hold: true });
  const done = page.translate();
  await fake.nextBatch();
  await fake.nextBatch();
  page.setLimits({ maxBatchChars: 400 });
  fake.unhold();
  expect((await done).failed).toBe(0);
  for (const batch of fake.batches.slice(2))
    expect(batch.reduce((n, s) => n + s.html.length, 0)).toBeLessThanOrEqual(400);
  expect(document.querySelector("p")?.getAttribute("title")).toBe(text.toUpperCase());
});
