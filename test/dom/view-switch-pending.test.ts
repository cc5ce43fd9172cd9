// A view switched while a translation that has arrived waits for its batch to be written (writes go at most once a
// ~frame): that one is shown in the new view too, as every other one is.

import { setup } from "../helpers/core-page";

const COPY = 'span[translate="no"][lang="en"]';
const PAGE = `<p id="a">Erster Absatz</p><p id="b">Zweiter Absatz</p>`;

test("a translation waiting for its batch when the view switches is written in the new view", async () => {
  const { page, fake, progressWhere } = setup(PAGE, { maxBatchSegments: 1, maxConcurrent: 2 }, { hold: true });
  const done = page.translate();
  await fake.nextBatch();
  await fake.nextBatch();
  fake.release();
  await progressWhere((p) => p.done === 1);
  // The second reply comes just after the first was written: it waits for the next batch (a timer, not a task),
  // and the reader switches to the bilingual view meanwhile.
  fake.release();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(document.getElementById("b")?.textContent).toBe("Zweiter Absatz");
  page.setDisplayMode("bilingual");
  await done;
  for (const id of ["a", "b"]) {
    const p = document.getElementById(id) as Element;
    expect(p.firstChild?.textContent).toMatch(/^(Erster|Zweiter) Absatz$/);
    expect(p.querySelectorAll(COPY).length).toBe(1);
  }
  page.restore();
  expect(document.body.innerHTML).toBe(PAGE);
});
