// The computer's clock is set back (by hand, or by a time server after a wake from sleep) while a page is being
// translated: the translations still arriving are written as they come, not an hour later, and what the page
// changes now and then is still translated (not left alone as a ticker for an hour).

import { ChurnGuard } from "../../src/core/watch/churn-guard";
import { setup } from "../helpers/core-page";

const HOUR_MS = 3_600_000;

afterEach(() => jest.restoreAllMocks());

test("a translation that arrives after the clock went back an hour is written at once", async () => {
  const { page, fake, progressWhere } = setup(
    `<p id="a">Erster Absatz</p><p id="b">Zweiter Absatz</p>`,
    { maxBatchSegments: 1, maxConcurrent: 1 },
    { hold: true },
  );
  const done = page.translate();
  await fake.nextBatch();
  fake.release();
  await progressWhere((p) => p.done === 1);
  const now = Date.now();
  jest.spyOn(Date, "now").mockImplementation(() => now - HOUR_MS);
  await fake.nextBatch();
  fake.release();
  await done;
  expect(document.getElementById("b")?.textContent).toBe("ZWEITER ABSATZ");
});

test("a place the page changed a few times is not taken for a ticker an hour later because the clock went back", () => {
  jest.useFakeTimers();
  try {
    const guard = new ChurnGuard();
    const place = document.createElement("p");
    for (let i = 0; i < 4; i++) expect(guard.tooOften(place)).toBe(false);
    jest.setSystemTime(Date.now() - HOUR_MS);
    jest.advanceTimersByTime(60_000);
    expect(guard.tooOften(place)).toBe(false);
  } finally {
    jest.useRealTimers();
  }
});
