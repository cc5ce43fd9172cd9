// Collecting the rest of a large page leaves the page (and the machine) room: after each slice of work, a pause as
// long as the slice took. Walking is given a cost on a fake clock: 1 ms per element it looks at.
import { StyleCache } from "../../src/core/collect/display";
import { Rules } from "../../src/core/collect/rules";
import type { CollectResult } from "../../src/core";
import { MainContent } from "../../src/core/schedule/main-content";
import { StagedCollection } from "../../src/core/schedule/staged-collect";

const originalRect = Element.prototype.getBoundingClientRect;

beforeEach(() => {
  jest.useFakeTimers();
  // Everything has a box, below the viewport: nothing of the main content is in view, and the page is laid out.
  Element.prototype.getBoundingClientRect = () =>
    ({ top: 5000, bottom: 5100, left: 0, right: 1000, width: 1000, height: 100 }) as DOMRect;
});

afterEach(() => {
  Element.prototype.getBoundingClientRect = originalRect;
  jest.useRealTimers();
});

test("after each slice of the rest of the page, the page gets as long a pause as the slice took", async () => {
  document.body.innerHTML = Array.from(
    { length: 40 },
    (_, s) => `<section>${Array.from({ length: 5 }, (_, p) => `<p>Abschnitt ${s} Absatz ${p}</p>`).join("")}</section>`,
  ).join("");
  const starts: number[] = [];
  const ends: number[] = [];
  let units = 0;
  let finished = false;
  const collection = new StagedCollection({
    root: document.body,
    win: window,
    main: new MainContent(document, undefined),
    styles: new StyleCache(window),
    hooks: {
      rules: new Rules(document, "en"),
      styles: new StyleCache(window),
      getShadowRoot: () => {
        if (starts.length === ends.length) starts.push(Date.now()); // a stage's first step
        jest.setSystemTime(Date.now() + 1); // the walk's cost
        return null;
      },
      claimed: () => false,
      attributeClaimed: () => false,
      ignored: () => false,
      onShadowRoot: () => undefined,
    },
    register: (result: CollectResult) => {
      ends.push(Date.now());
      units += result.content.length;
    },
    afterStage: () => undefined,
    current: () => true,
    finished: () => (finished = true),
  });
  collection.start();
  while (!finished) await jest.advanceTimersToNextTimerAsync();

  expect(units).toBe(200); // every paragraph, once
  expect(ends.length).toBeGreaterThan(3);
  // The first stage is followed at once; each later slice by a pause at least as long as it took.
  for (let i = 1; i < ends.length - 1; i++) {
    const took = ends[i]! - starts[i]!;
    expect(took).toBeGreaterThan(0);
    expect(starts[i + 1]! - ends[i]!).toBeGreaterThanOrEqual(took);
  }
});
