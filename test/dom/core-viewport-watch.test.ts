// Which anchors the viewport observers watch: only those of units waiting to be sent (every observed target costs the
// page's renderer at each frame it changes), and again those of units that wait to be sent once more.

import {
  installIntersectionStub,
  type IntersectionStub,
  type Place,
  sent,
  type Setup,
  setup,
} from "../helpers/core-page";

const sentence = (i: number): string =>
  `Absatz Nummer ${i} erzählt eine kurze Geschichte über die Bahn, das Wetter und die Stadt, in der wir leben.`;
const paragraphs = (n: number): string =>
  Array.from({ length: n }, (_, i) => `<p id="p${i + 1}">${sentence(i + 1)}</p>`).join("");
const numbers = (htmls: string[]): string[] => htmls.map((h) => /Nummer (\d+)/.exec(h)?.[1] ?? h);
const byId = (id: string): Element => document.getElementById(id) as Element;

const VIEW_HEIGHT = 800;
const TOPS: Record<Place, number> = { visible: 100, near: VIEW_HEIGHT * 1.5, far: VIEW_HEIGHT * 10 };
const originalRect = Element.prototype.getBoundingClientRect;
/** Where each paragraph is: `p1` in view, the rest far below, until the reader scrolls. */
let places: Map<Element, Place>;
let stub: IntersectionStub;

const placeOf = (el: Element): Place => places.get(el) ?? (el.id === "p1" ? "visible" : "far");

/** The reader scrolled: `id` is at `place` now (its box says so at once; the observers report it). */
function scroll(id: string, place: Place): void {
  places.set(byId(id), place);
  stub.move(byId(id), place);
}

/** A paragraph's box says where it is; any other element's holds them all (the page). */
function rectOf(el: Element): DOMRect {
  const paragraph = el.localName === "p";
  const top = paragraph ? TOPS[placeOf(el)] : 0;
  const height = paragraph ? 50 : TOPS.far + 50;
  return { top, bottom: top + height, left: 0, right: 1000, width: 1000, height, x: 0, y: top, toJSON: () => ({}) };
}

// As in a browser, a box can be measured at once, before the observers' report (Visibility.seed).
beforeEach(() => {
  places = new Map();
  Element.prototype.getBoundingClientRect = function (this: Element): DOMRect {
    return rectOf(this);
  };
  Object.defineProperty(window, "innerHeight", { configurable: true, value: VIEW_HEIGHT });
  stub = installIntersectionStub(placeOf);
});

afterEach(() => {
  stub.uninstall();
  Element.prototype.getBoundingClientRect = originalRect;
});

test("a translated unit is no longer observed while the rest of the page still is", async () => {
  const { page, fake, progressWhere } = setup(paragraphs(4), { maxBatchSegments: 1, maxConcurrent: 1 }, { hold: true });
  const done = page.translate();
  await fake.nextBatch();
  await progressWhere((p) => p.total === 4);
  expect(stub.observed().map((el) => el.id)).toEqual(["p1", "p2", "p3", "p4"]);
  fake.release();
  await progressWhere((p) => p.done === 1);
  // p1 is written: the observers no longer compute where it is at every frame.
  expect(stub.observed().map((el) => el.id)).toEqual(["p2", "p3", "p4"]);
  fake.unhold();
  await done;
  expect(stub.observed()).toEqual([]);
});

test("a failed unit that Translate page tries again is watched again: scrolled into view meanwhile, it goes first", async () => {
  let failing = true;
  const { page, fake } = setup(
    paragraphs(4),
    { maxBatchSegments: 1, maxConcurrent: 1 },
    { fail: () => (failing ? { kind: "server-error", message: "500" } : undefined) },
  );
  const summary = await page.translate();
  expect(summary).toMatchObject({ translated: 0, failed: 4 });
  expect(stub.observed()).toEqual([]);
  // The reader scrolled down to the last paragraph; the server is back.
  scroll("p1", "far");
  scroll("p4", "visible");
  failing = false;
  const before = sent(fake).length;
  expect(await page.translate()).toMatchObject({ translated: 4, failed: 0 });
  expect(numbers(sent(fake).slice(before))).toEqual(["4", "1", "2", "3"]);
  expect(stub.observed()).toEqual([]);
});

test("a unit whose text the site changes after translation is observed again: in view, it goes ahead of what is not", async () => {
  const { page, fake, progress, progressWhere } = setup(paragraphs(4), { maxBatchSegments: 1, maxConcurrent: 1 });
  await page.translate();
  expect(stub.observed()).toEqual([]);
  // The reader scrolls from p1 to p4; then the site edits both (a live thread updating its posts).
  scroll("p1", "far");
  scroll("p4", "visible");
  const before = sent(fake).length;
  const edited = progress.length;
  byId("p1").textContent = sentence(11);
  byId("p4").textContent = sentence(14);
  await progressWhere((p) => progress.indexOf(p) >= edited && p.done === 4 && p.queued + p.inFlight === 0);
  // Where p1 was when it was translated no longer counts: the edit in view goes first.
  expect(numbers(sent(fake).slice(before))).toEqual(["14", "11"]);
  expect(byId("p4").textContent).toBe(sentence(14).toUpperCase());
  expect(byId("p1").textContent).toBe(sentence(11).toUpperCase());
  expect(stub.observed()).toEqual([]);
});

/** Four paragraphs, one request at a time, held: `written` of them are written and the next is on its way. */
async function partlyTranslated(written: number): Promise<Setup> {
  const s = setup(paragraphs(4), { maxBatchSegments: 1, maxConcurrent: 1 }, { hold: true });
  void s.page.translate();
  for (let i = 0; i < written; i++) {
    await s.fake.nextBatch();
    s.fake.release();
  }
  await s.fake.nextBatch();
  await s.progressWhere((p) => p.done === written && p.total === 4);
  return s;
}

/** Translate page again, the translator answering at once: the paragraphs it asked for, in order. */
async function translateAgain({ page, fake }: Setup): Promise<string[]> {
  fake.unhold();
  const before = sent(fake).length;
  expect(await page.translate()).toMatchObject({ translated: 4, failed: 0 });
  return numbers(sent(fake).slice(before));
}

test("Show original, then Translate page again: what needs a request is observed again, in view first, nothing sent twice", async () => {
  const s = await partlyTranslated(2);
  // p3 is on its way: the reader shows the original, scrolls to p4 and translates again.
  s.page.restore();
  scroll("p1", "far");
  scroll("p4", "visible");
  // p1 and p2 come from the session's translations; p4, in view, is asked before p3.
  expect(await translateAgain(s)).toEqual(["4", "3"]);
  expect(byId("p4").textContent).toBe(sentence(4).toUpperCase());
  expect(stub.observed()).toEqual([]);
});

test("Stop, then Translate page again: what was left is observed again, in view first", async () => {
  const s = await partlyTranslated(1);
  // p2 is on its way: the reader stops, scrolls to p3 and translates again.
  s.page.stop();
  expect(stub.observed()).toEqual([]);
  scroll("p1", "far");
  scroll("p3", "visible");
  expect(await translateAgain(s)).toEqual(["3", "2", "4"]);
  expect(stub.observed()).toEqual([]);
});
