// Issue 13, item 2: translating one passage. The units a selection touches are translated (in the site's display
// mode), the rest of the page is untouched and nothing else is sent; restore gives back the exact page; a passage
// jumps the queue of a page translation; translating the page afterwards adds the rest.
import { sent, setup } from "../helpers/core-page";

const PAGE = `<h1 id="h">Eine Überschrift</h1><div id="d"><p id="a">Erster <b>Absatz</b> hier.</p><p id="b">Zweiter Absatz.</p><p id="c">Dritter Absatz.</p></div>`;

function rangeOver(startId: string, endId = startId): Range {
  const range = document.createRange();
  range.setStart(document.getElementById(startId)!.firstChild!, 2);
  range.setEnd(document.getElementById(endId)!.firstChild!, 4);
  return range;
}

test("only the passages the selection touches are translated; restore is exact", async () => {
  const { page, fake } = setup(PAGE);
  const before = document.body.innerHTML;
  const summary = await page.translatePassage(rangeOver("a", "b"));
  expect(summary.translated).toBe(2);
  expect(sent(fake)).toEqual(["Erster <b1>Absatz</b1> hier.", "Zweiter Absatz."]);
  expect(document.getElementById("a")!.innerHTML).toBe("ERSTER <b>ABSATZ</b> HIER.");
  expect(document.getElementById("b")!.textContent).toBe("ZWEITER ABSATZ.");
  expect(document.getElementById("c")!.textContent).toBe("Dritter Absatz.");
  expect(document.getElementById("h")!.textContent).toBe("Eine Überschrift");
  // Page changes elsewhere are not followed in passage mode.
  document.getElementById("c")!.append(" Mehr.");
  await page.whenSettled();
  expect(sent(fake)).toHaveLength(2);
  document.getElementById("c")!.lastChild!.remove();
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("in bilingual view the passage gets its copy; the page translated later adds the rest without resending", async () => {
  const { page, fake } = setup(PAGE, { displayMode: "bilingual" });
  await page.translatePassage(rangeOver("b"));
  expect(document.getElementById("b")!.innerHTML).toMatch(/^Zweiter Absatz\.<span [^>]*>ZWEITER ABSATZ\.<\/span>$/);
  expect(document.querySelectorAll('[translate="no"]')).toHaveLength(1);
  await page.translate();
  expect(document.querySelectorAll('[translate="no"]')).toHaveLength(4);
  expect(sent(fake).filter((h) => h === "Zweiter Absatz.")).toHaveLength(1);
});

test("a passage picked while the page is being translated jumps the queue", async () => {
  const { page, fake } = setup(PAGE, { maxBatchSegments: 1, maxConcurrent: 1, lazy: false }, { hold: true });
  const done = page.translate();
  const [first] = await fake.nextBatch();
  expect(first?.html).not.toBe("Dritter Absatz.");
  void page.translatePassage(rangeOver("c"));
  fake.unhold();
  await done;
  expect(sent(fake)).toHaveLength(4);
  expect(sent(fake)[1]).toBe("Dritter Absatz.");
});

test("a passage too long for one request, picked while the page is translated, jumps the queue in parts", async () => {
  const long = Array.from({ length: 30 }, (_, i) => `Das ist der Satz Nummer ${i} im Text.`).join(" ");
  document.body.innerHTML = `<p id="a">Erster Absatz.</p><p id="b">Zweiter Absatz.</p><p id="c">${long}</p>`;
  const { page, fake } = setup(null, { maxBatchChars: 400, maxConcurrent: 1, lazy: false }, { hold: true });
  const done = page.translate();
  await fake.nextBatch();
  void page.translatePassage(rangeOver("c"));
  fake.unhold();
  expect((await done).failed).toBe(0);
  for (const batch of fake.batches) expect(batch.reduce((n, s) => n + s.html.length, 0)).toBeLessThanOrEqual(400);
  // Its parts go next, ahead of the rest of the page.
  expect(fake.batches[1]?.[0]?.html).toMatch(/^Das ist der Satz Nummer 0 /);
  expect(document.getElementById("c")!.textContent).toBe(long.toUpperCase());
});
