// Collecting the rest of a large page leaves the page (and the machine) room: after each slice of work, a pause as
// long as the slice took; the rest of the view goes in bounded slices too, and no slice holds back first words about
// to be written. Walking is given a cost on a fake clock: 1 ms per element it looks at.
import { StyleCache } from "../../src/core/collect/display";
import { Rules } from "../../src/core/collect/rules";
import type { CollectResult } from "../../src/core";
import { MainContent } from "../../src/core/schedule/main-content";
import { StagedCollection } from "../../src/core/schedule/staged-collect";
import { TaskClock } from "../../src/core/schedule/task-clock";

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

/** The pipeline's clock on the wall clock that walking's cost moves (jest.setSystemTime leaves performance.now). */
class WallClock extends TaskClock {
  override now(): number {
    return Date.now();
  }
}

/** A collection of document.body with walking that costs `cost()` ms per element, recording each stage. */
function staged(options: {
  cost: () => number;
  writeImminent?: () => boolean;
  log?: string[];
  clock?: TaskClock;
  /** How long a unit may be, read at each walk. */
  maxUnitChars?: () => number;
}) {
  const stages: { start: number; end: number; units: number }[] = [];
  const results: CollectResult[] = [];
  let start: number | undefined;
  const state = { finished: false, units: 0 };
  const collection = new StagedCollection({
    root: document.body,
    win: window,
    clock: options.clock ?? new WallClock(window),
    main: new MainContent(document, undefined),
    styles: new StyleCache(window),
    hooks: () => ({
      rules: new Rules(document, "en"),
      styles: new StyleCache(window),
      getShadowRoot: () => {
        start ??= Date.now();
        jest.setSystemTime(Date.now() + options.cost());
        return null;
      },
      claimed: () => false,
      attributeClaimed: () => false,
      ignored: () => false,
      onShadowRoot: () => undefined,
      ...(options.maxUnitChars ? { maxUnitChars: options.maxUnitChars() } : {}),
    }),
    register: (result: CollectResult) => {
      results.push(result);
      stages.push({ start: start ?? Date.now(), end: Date.now(), units: result.content.length });
      start = undefined;
      state.units += result.content.length;
      options.log?.push(`register ${result.content.length}`);
    },
    afterStage: () => undefined,
    writeImminent: options.writeImminent ?? (() => false),
    current: () => true,
    finished: () => (state.finished = true),
  });
  return { collection, stages, state, results };
}

const inView = (): void => {
  Element.prototype.getBoundingClientRect = () =>
    ({ top: 10, bottom: 40, left: 0, right: 1000, width: 1000, height: 30 }) as DOMRect;
};

test("after each slice of the rest of the page, the page gets as long a pause as the slice took", async () => {
  document.body.innerHTML = Array.from(
    { length: 40 },
    (_, s) => `<section>${Array.from({ length: 5 }, (_, p) => `<p>Abschnitt ${s} Absatz ${p}</p>`).join("")}</section>`,
  ).join("");
  const { collection, stages, state } = staged({ cost: () => 1 });
  collection.start();
  while (!state.finished) await jest.advanceTimersToNextTimerAsync();

  expect(state.units).toBe(200); // every paragraph, once
  expect(stages.length).toBeGreaterThan(3);
  // The first stage is followed at once; each later slice by a pause at least as long as it took.
  for (let i = 1; i < stages.length - 1; i++) {
    const took = stages[i]!.end - stages[i]!.start;
    expect(took).toBeGreaterThan(0);
    expect(stages[i + 1]!.start - stages[i]!.end).toBeGreaterThanOrEqual(took);
  }
});

test("the rest of what is in view is collected in slices of bounded time, one after the other", async () => {
  inView();
  document.body.innerHTML = `<main>${Array.from({ length: 60 }, (_, i) => `<p>Absatz ${i} im Bild</p>`).join("")}</main>`;
  const { collection, stages, state } = staged({ cost: () => 1 });
  collection.start();
  while (!state.finished) await jest.advanceTimersToNextTimerAsync();

  expect(state.units).toBe(60); // every paragraph, once
  const view = stages.slice(1).filter((s) => s.units > 0);
  expect(view.length).toBeGreaterThan(3);
  // No slice of the view holds the page for much longer than a slice (8 ms), and the next follows at once.
  for (const s of view) expect(s.end - s.start).toBeLessThanOrEqual(9);
  for (let i = 1; i < view.length; i++) expect(view[i]!.start - view[i - 1]!.end).toBeLessThanOrEqual(1);
});

test("a slice due when first words are about to be written runs after the write", async () => {
  inView();
  // More paragraphs than one region holds, so each is a block of its own.
  document.body.innerHTML = `<main>${Array.from({ length: 65 }, (_, i) => `<p>Absatz ${i} im Bild</p>`).join("")}</main>`;
  const log: string[] = [];
  let imminent = false;
  const { collection, state } = staged({ cost: () => 0, writeImminent: () => imminent, log });
  collection.start(); // the first paragraph; the rest of the view is due next
  // A reply came back: its write is queued (after a quiet frame) behind the slice already due.
  imminent = true;
  setTimeout(() => {
    log.push("write");
    imminent = false;
  }, 0);
  while (!state.finished) await jest.advanceTimersToNextTimerAsync();

  expect(log.slice(0, 3)).toEqual(["register 1", "write", "register 64"]);
});

test("the computer's clock put forward an hour during a slice does not hold the rest of the page back an hour", async () => {
  document.body.innerHTML = Array.from(
    { length: 40 },
    (_, s) => `<section>${Array.from({ length: 5 }, (_, p) => `<p>Abschnitt ${s} Absatz ${p}</p>`).join("")}</section>`,
  ).join("");
  // Walking costs 1 ms a page element, on the pipeline's own clock as on the wall clock; in a later slice the wall
  // clock is also put forward an hour (a time server's correction after the laptop woke).
  const clock = new TaskClock(window);
  let spent = 0;
  clock.now = () => spent;
  const { collection, state } = staged({
    clock,
    cost: () => (++spent === 100 ? 1 + 3_600_000 : 1),
  });
  collection.start();
  await jest.advanceTimersByTimeAsync(5_000);
  expect(state.finished).toBe(true);
  expect(state.units).toBe(200);
});

test("a limit on a unit's length that changes while the page is collected holds for what is collected after", async () => {
  const sentence = (i: number): string =>
    `Das ist der Satz Nummer ${i} im Text, mit <a href="/l${i}">einem Verweis</a>.`;
  const long = Array.from({ length: 14 }, (_, i) => sentence(i)).join(" ");
  document.body.innerHTML = Array.from(
    { length: 40 },
    (_, s) => `<section><p>Abschnitt ${s}</p><p>${long}</p></section>`,
  ).join("");
  let max = 1500;
  const { collection, state, results } = staged({ cost: () => 1, maxUnitChars: () => max });
  collection.start();
  // The server's limits came after the first stage: a smaller context.
  max = 400;
  while (!state.finished) await jest.advanceTimersToNextTimerAsync();

  const [first, ...rest] = results.map((r) => r.content.map((u) => u.encoded.html.length));
  expect(Math.max(...(first ?? []))).toBeGreaterThan(400);
  expect(rest.flat().length).toBeGreaterThan(0);
  expect(Math.max(...rest.flat())).toBeLessThanOrEqual(400);
});

test("the reader jumping down the page while it is collected has what is in view now collected next", async () => {
  document.body.innerHTML = Array.from(
    { length: 30 },
    (_, s) =>
      `<section id="s${s}">${Array.from({ length: 5 }, (_, p) => `<p>Abschnitt ${s} Absatz ${p}</p>`).join("")}</section>`,
  ).join("");
  // Each section is a screen high, the page scrolled by `scrollY`: section 0 is in view at first.
  let scrollY = 0;
  Object.defineProperty(window, "scrollY", { configurable: true, get: () => scrollY });
  Object.defineProperty(window, "innerHeight", { configurable: true, value: 800 });
  Element.prototype.getBoundingClientRect = function (this: Element): DOMRect {
    const section = this.closest("section");
    const top = section ? Number(section.id.slice(1)) * 1000 - scrollY : -scrollY;
    const height = section ? 800 : 30_000;
    return { top, bottom: top + height, left: 0, right: 1000, width: 1000, height } as DOMRect;
  };
  const { collection, results, state } = staged({ cost: () => 1 });
  collection.start();
  // The first slices of the rest of the page are under way when the reader follows a link to section 25.
  await jest.advanceTimersToNextTimerAsync();
  scrollY = 25_000;
  const sections = (): number[] =>
    results.flatMap((r) => r.content.map((u) => Number(/Abschnitt (\d+)/.exec(u.encoded.text)?.[1])));
  while (!state.finished && !sections().includes(25)) await jest.advanceTimersToNextTimerAsync();
  // Section 25 comes within the next slices, not after the 24 above it.
  expect(new Set(sections()).size).toBeLessThan(8);
  while (!state.finished) await jest.advanceTimersToNextTimerAsync();
  expect(state.units).toBe(150); // every paragraph, once
  Object.defineProperty(window, "scrollY", { configurable: true, value: 0 });
});
