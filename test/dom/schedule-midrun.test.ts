// The order of requests when the reader or the page does something in the middle of a run: scrolling while the first
// requests stream, repeats of the same text in and out of view.

import { installIntersectionStub, type IntersectionStub, sent, setup } from "../helpers/core-page";

const sentence = (i: number): string =>
  `Absatz Nummer ${i} erzählt eine kurze Geschichte über die Bahn, das Wetter und die Stadt, in der wir leben.`;
const paragraphs = (n: number): string =>
  Array.from({ length: n }, (_, i) => `<p id="p${i + 1}">${sentence(i + 1)}</p>`).join("");
const byId = (id: string): Element => document.getElementById(id) as Element;

let stub: IntersectionStub;
afterEach(() => stub.uninstall());

test("text in view that repeats text scrolled out of view is not sent after the rest of the page", async () => {
  // p2 and p8 say the same: p2 (in view) leads, p8 (far below) follows it.
  stub = installIntersectionStub((el) => (el.id === "p1" || el.id === "p2" ? "visible" : "far"));
  const html = paragraphs(8).replace(sentence(8), sentence(2));
  const { page, fake } = setup(html, { maxBatchSegments: 1, maxConcurrent: 1 }, { hold: true });
  const done = page.translate();
  expect((await fake.nextBatch())[0]?.html).toBe(sentence(1));
  // The reader jumps to the end: p8 comes into view, then p2 leaves it (the observers report one after the other).
  stub.move(byId("p8"), "visible");
  stub.move(byId("p2"), "far");
  fake.release();
  // p8, in view, waits for the request it shares with p2: that one goes next, not after p3 … p7.
  expect((await fake.nextBatch())[0]?.html).toBe(sentence(2));
  fake.unhold();
  await done;
  expect(byId("p8").textContent).toBe(sentence(2).toUpperCase());
  expect(sent(fake).filter((h) => h === sentence(2))).toHaveLength(1);
});

test("repeats of a passage whose reply was unusable wait for its retry instead of being asked again beside it", async () => {
  stub = installIntersectionStub(() => "visible");
  const post = `Lies den <a href="/regeln">Leitfaden</a> vor dem Schreiben.`;
  const html = `<p id="a">${post}</p><p id="b">${post}</p><p id="c">${post}</p>`;
  // The first reply loses its link: unusable, the passage is asked again once.
  const { page, fake } = setup(
    html,
    {},
    { reply: (upper, _s, attempt) => (attempt === 0 ? upper.replace(/<\/?a1>/g, "") : upper) },
  );
  await page.translate();
  expect(fake.requests.get(sent(fake)[0] ?? "")).toBe(2);
  expect(sent(fake)).toHaveLength(2);
  for (const id of ["a", "b", "c"]) expect(byId(id).textContent).toBe("LIES DEN LEITFADEN VOR DEM SCHREIBEN.");
});

test("a passage the reader asks for that repeats text queued before it goes first with that text's request, sent once", async () => {
  stub = installIntersectionStub((el) => (el.id === "p1" || el.id === "p2" ? "visible" : "far"));
  // p8 says what p6 says: p6, found first, leads.
  const html = paragraphs(8).replace(sentence(8), sentence(6));
  const { page, fake } = setup(html, { maxBatchSegments: 1, maxConcurrent: 1 }, { hold: true });
  const done = page.translate();
  expect((await fake.nextBatch())[0]?.html).toBe(sentence(1));
  const range = document.createRange();
  range.selectNodeContents(byId("p8"));
  void page.translatePassage(range);
  fake.release();
  expect((await fake.nextBatch())[0]?.html).toBe(sentence(6));
  fake.unhold();
  await done;
  expect(byId("p8").textContent).toBe(sentence(6).toUpperCase());
  expect(sent(fake).filter((h) => h === sentence(6))).toHaveLength(1);
});

test("a repeat waiting for a request whose own passage the page changed meanwhile gets that request's reply", async () => {
  stub = installIntersectionStub((el) => (el.id === "p1" || el.id === "p2" ? "visible" : "far"));
  // p6 says what p2 says: p2 leads, p6 waits for its reply.
  const html = paragraphs(6).replace(sentence(6), sentence(2));
  const { page, fake } = setup(html, { maxBatchSegments: 1, maxConcurrent: 1 }, { hold: true });
  const done = page.translate();
  await fake.nextBatch();
  fake.release();
  expect((await fake.nextBatch())[0]?.html).toBe(sentence(2));
  // While p2's request is out, the page rewrites p2 (an edit, a live update): its reply is stale for p2, not for p6.
  byId("p2").textContent = "Ganz neuer Text im zweiten Absatz.";
  await new Promise((resolve) => setTimeout(resolve, 100));
  fake.unhold();
  await done;
  expect(byId("p6").textContent).toBe(sentence(2).toUpperCase());
  expect(byId("p2").textContent).toBe("GANZ NEUER TEXT IM ZWEITEN ABSATZ.");
  expect(sent(fake).filter((h) => h === sentence(2))).toHaveLength(1);
});
