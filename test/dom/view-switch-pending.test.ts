// A view switched while a translation that has arrived waits for its batch to be written (writes go at most once a
// ~frame): that one is shown in the new view too, as every other one is.

import { setup } from "../helpers/core-page";
import { useFakeTimersFromNow } from "../helpers/fake-timers-from-now";
import { withClockRunning, withClockStill } from "../helpers/held-timers";

const COPY = 'span[translate="no"][lang="en"]';
const PAGE = `<p id="a">Erster Absatz</p><p id="b">Zweiter Absatz</p>`;

afterEach(() => jest.useRealTimers());

test("a translation waiting for its batch when the view switches is written in the new view", async () => {
  // The clock stands still until the end: the second reply must come within a frame of the first write, and on a
  // loaded machine the real clock let the frame pass first (the reply was then written at once, with no batch to wait
  // for).
  useFakeTimersFromNow();
  const { page, fake, progressWhere } = setup(PAGE, { maxBatchSegments: 1, maxConcurrent: 2 }, { hold: true });
  const done = page.translate();
  await withClockStill(fake.nextBatch());
  await withClockStill(fake.nextBatch());
  fake.release();
  await withClockStill(progressWhere((p) => p.done === 1));
  // The second reply comes just after the first was written: it waits for the next batch (a timer, not a task),
  // and the reader switches to the bilingual view meanwhile.
  fake.release();
  await withClockStill(progressWhere((p) => p.done === 1 && p.inFlight === 0));
  expect(document.getElementById("b")?.textContent).toBe("Zweiter Absatz");
  page.setDisplayMode("bilingual");
  await withClockRunning(done);
  for (const id of ["a", "b"]) {
    const p = document.getElementById(id) as Element;
    expect(p.firstChild?.textContent).toMatch(/^(Erster|Zweiter) Absatz$/);
    expect(p.querySelectorAll(COPY).length).toBe(1);
  }
  page.restore();
  expect(document.body.innerHTML).toBe(PAGE);
});
