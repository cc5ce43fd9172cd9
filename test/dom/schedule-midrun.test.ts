// The order of requests when the reader or the page does something in the middle of a run: scrolling while the first
// requests stream, repeats of the same text in and out of view.

import { installIntersectionStub, type IntersectionStub, sent, setup } from "../helpers/core-page";
import type { FakeTranslator } from "../helpers/fake-translator";

const sentence = (i: number): string =>
  `Absatz Nummer ${i} erzählt eine kurze Geschichte über die Bahn, das Wetter und die Stadt, in der wir leben.`;
const paragraphs = (n: number): string =>
  Array.from({ length: n }, (_, i) => `<p id="p${i + 1}">${sentence(i + 1)}</p>`).join("");
const byId = (id: string): Element => document.getElementById(id) as Element;

let stub: IntersectionStub;
afterEach(() => stub.uninstall());

/**
 * `count` paragraphs, the last saying what paragraph `same` says (it follows that one's request), `inView` in view:
 * translated with one slot, a unit a request, each request held until released; the first one is out.
 */
async function repeatedPage(count: number, same: number, inView: string[]) {
  stub = installIntersectionStub((el) => (inView.includes(el.id) ? "visible" : "far"));
  const html = paragraphs(count).replace(sentence(count), sentence(same));
  const s = setup(html, { maxBatchSegments: 1, maxConcurrent: 1 }, { hold: true });
  const done = s.page.translate();
  expect((await s.fake.nextBatch())[0]?.html).toBe(sentence(1));
  return { ...s, done };
}

/** The last paragraph shows the translation of paragraph `same`, asked for once. */
function sharedOnce(fake: FakeTranslator, count: number, same: number): void {
  expect(byId(`p${count}`).textContent).toBe(sentence(same).toUpperCase());
  expect(sent(fake).filter((h) => h === sentence(same))).toHaveLength(1);
}

/** The request the held one is let go for asks for paragraph `i`'s text. */
async function nextAsks(fake: FakeTranslator, i: number): Promise<void> {
  fake.release();
  expect((await fake.nextBatch())[0]?.html).toBe(sentence(i));
}

/** The translator answers the rest at once; the page is done; paragraph `same`'s text was asked once for both. */
async function sharedOnceAtEnd(
  { fake, done }: { fake: FakeTranslator; done: Promise<unknown> },
  count: number,
  same: number,
): Promise<void> {
  fake.unhold();
  await done;
  sharedOnce(fake, count, same);
}

test("text in view that repeats text scrolled out of view is not sent after the rest of the page", async () => {
  // p2 and p8 say the same: p2 (in view) leads, p8 (far below) follows it.
  const { fake, done } = await repeatedPage(8, 2, ["p1", "p2"]);
  // The reader jumps to the end: p8 comes into view, then p2 leaves it (the observers report one after the other).
  stub.move(byId("p8"), "visible");
  stub.move(byId("p2"), "far");
  fake.release();
  // p8, in view, waits for the request it shares with p2: that one goes next, not after p3 … p7.
  expect((await fake.nextBatch())[0]?.html).toBe(sentence(2));
  fake.unhold();
  await done;
  sharedOnce(fake, 8, 2);
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
  // p8 says what p6 says: p6, found first, leads.
  const { page, fake, done } = await repeatedPage(8, 6, ["p1", "p2"]);
  const range = document.createRange();
  range.selectNodeContents(byId("p8"));
  void page.translatePassage(range);
  fake.release();
  expect((await fake.nextBatch())[0]?.html).toBe(sentence(6));
  fake.unhold();
  await done;
  sharedOnce(fake, 8, 6);
});

test("a repeat waiting for a request whose own passage the page changed meanwhile gets that request's reply", async () => {
  // p6 says what p2 says: p2 leads, p6 waits for its reply.
  const { fake, done } = await repeatedPage(6, 2, ["p1", "p2"]);
  fake.release();
  expect((await fake.nextBatch())[0]?.html).toBe(sentence(2));
  // While p2's request is out, the page rewrites p2 (an edit, a live update): its reply is stale for p2, not for p6.
  byId("p2").textContent = "Ganz neuer Text im zweiten Absatz.";
  await new Promise((resolve) => setTimeout(resolve, 100));
  fake.unhold();
  await done;
  expect(byId("p2").textContent).toBe("GANZ NEUER TEXT IM ZWEITEN ABSATZ.");
  sharedOnce(fake, 6, 2);
});

test("a repeat that scrolled out of view no longer keeps the request it shares ahead of what is in view", async () => {
  // p8 says what p2 says: p2 (far) leads, p8 (in view) follows it and takes it ahead of the rest.
  const s = await repeatedPage(8, 2, ["p1", "p8"]);
  // The reader scrolls on: p8 leaves the view, p5 comes into it.
  stub.move(byId("p8"), "far");
  stub.move(byId("p5"), "visible");
  await nextAsks(s.fake, 5);
  await sharedOnceAtEnd(s, 8, 2);
});

test("a heading in main content that repeats a navigation link's words goes with the main content, not the chrome", async () => {
  stub = installIntersectionStub(() => "visible");
  const links = ["Kontakt und Impressum", "Neuigkeiten aus der Stadt", "Veranstaltungen im Sommer", "Archiv"];
  const nav = `<nav><ul>${links.map((l) => `<li><a href="/x">${l}</a></li>`).join("")}</ul></nav>`;
  const article = `<main><p id="m1">${sentence(1)}</p><h2 id="m2">Neuigkeiten aus der Stadt</h2><p id="m3">${sentence(3)}</p></main>`;
  const { page, fake } = setup(nav + article, { maxBatchSegments: 1, maxConcurrent: 1 });
  await page.translate();
  // The link, found first, leads; the heading follows it: their request goes with the main content in view.
  expect(sent(fake).slice(0, 3)).toEqual([sentence(1), "Neuigkeiten aus der Stadt", sentence(3)]);
  expect(byId("m2").textContent).toBe("NEUIGKEITEN AUS DER STADT");
});

test("a passage the reader asks for while the request for the same text is out waits for that reply, not asked again", async () => {
  // p8 says what p2 says: p2 leads, and its request goes second.
  const s = await repeatedPage(8, 2, ["p1", "p2"]);
  await nextAsks(s.fake, 2);
  const range = document.createRange();
  range.selectNodeContents(byId("p8"));
  void s.page.translatePassage(range);
  await sharedOnceAtEnd(s, 8, 2);
});

test("a passage the page changes and changes back while its request is out gets that request's reply", async () => {
  const s = await repeatedPage(6, 2, ["p1", "p2"]);
  await nextAsks(s.fake, 2);
  // While p2's request is out, the page shows something else there for a moment (a live update), then p2 again.
  byId("p2").textContent = "Wird geladen";
  await new Promise((resolve) => setTimeout(resolve, 50));
  byId("p2").textContent = sentence(2);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await sharedOnceAtEnd(s, 6, 2);
  expect(byId("p2").textContent).toBe(sentence(2).toUpperCase());
});

test("a repeat the page changes no longer keeps the request it waited for ahead of what is in view", async () => {
  // p8 (in view) says what p2 (far) says, and takes p2's request ahead of the rest.
  const { fake, done } = await repeatedPage(8, 2, ["p1", "p8"]);
  // The page rewrites p8 (a live update): nothing in view waits for p2's request any more, p8's new text does.
  byId("p8").textContent = sentence(18);
  await new Promise((resolve) => setTimeout(resolve, 50));
  await nextAsks(fake, 18);
  fake.unhold();
  await done;
  expect(byId("p8").textContent).toBe(sentence(18).toUpperCase());
});

test("a passage the reader asked for that repeats text queued before it keeps its place when the repeat scrolls", async () => {
  // p8 says what p6 says: p6, found first, leads; the reader asks for p8, so p6's request goes next.
  const s = await repeatedPage(8, 6, ["p1", "p2"]);
  const range = document.createRange();
  range.selectNodeContents(byId("p8"));
  void s.page.translatePassage(range);
  // The reader scrolls: p8 comes near the view. What they asked for still goes before p2, which is in view.
  stub.move(byId("p8"), "near");
  await nextAsks(s.fake, 6);
  await sharedOnceAtEnd(s, 8, 6);
});

test("a passage of the page's chrome the reader asks for goes before the main content in view", async () => {
  stub = installIntersectionStub(() => "visible");
  const nav = `<nav><a id="n1" href="/x">Kontakt und Impressum der Stadtverwaltung</a></nav>`;
  const s = setup(`${nav}<main>${paragraphs(5)}</main>`, { maxBatchSegments: 1, maxConcurrent: 1 }, { hold: true });
  const done = s.page.translate();
  expect((await s.fake.nextBatch())[0]?.html).toBe(sentence(1));
  const range = document.createRange();
  range.selectNodeContents(byId("n1"));
  void s.page.translatePassage(range);
  s.fake.release();
  expect((await s.fake.nextBatch())[0]?.html).toBe("Kontakt und Impressum der Stadtverwaltung");
  s.fake.unhold();
  await done;
});

test("the rest of a long passage the reader asks for while its first part is out goes next, not after the page", async () => {
  stub = installIntersectionStub(() => "visible");
  const long = Array.from({ length: 30 }, (_, i) => `Das ist der Satz Nummer ${i} im langen Text.`).join(" ");
  const s = setup(
    `<p id="big">${long}</p>${paragraphs(6)}`,
    { maxBatchChars: 600, maxBatchSegments: 1, maxConcurrent: 1 },
    { hold: true },
  );
  const done = s.page.translate();
  expect((await s.fake.nextBatch())[0]?.html).toMatch(/^Das ist der Satz Nummer 0 /);
  // The reader hovers the paragraph while its first part is out: its other parts go next.
  const range = document.createRange();
  range.selectNodeContents(byId("big"));
  void s.page.translatePassage(range);
  s.fake.unhold();
  await done;
  expect(sent(s.fake).map((html) => html.slice(0, 7))).toEqual([
    ...Array<string>(3).fill("Das ist"),
    ...Array<string>(6).fill("Absatz "),
  ]);
  expect(byId("big").textContent).toBe(long.toUpperCase());
});

test("a passage the reader asks for whose text's reply came and waits to be written is not asked again", async () => {
  stub = installIntersectionStub((el) => (["p1", "p2"].includes(el.id) ? "visible" : "far"));
  // p8 says what p2 says: p2 leads. Its language is told late: its reply waits for that before it is written.
  let told: (lang: string) => void = () => undefined;
  const late = new Promise<string>((resolve) => (told = resolve));
  const detectLang = (text: string): Promise<string | undefined> =>
    text.startsWith("Absatz Nummer 2 ") ? late : Promise.resolve("de");
  const html = paragraphs(8).replace(sentence(8), sentence(2));
  const s = setup(html, { maxBatchSegments: 1, maxConcurrent: 1, detectLang }, { hold: true });
  const done = s.page.translate();
  expect((await s.fake.nextBatch())[0]?.html).toBe(sentence(1));
  await nextAsks(s.fake, 2);
  s.fake.release();
  await new Promise((resolve) => setTimeout(resolve, 50));
  // p2's reply is in, waiting for its language: the reader asks for p8.
  const range = document.createRange();
  range.selectNodeContents(byId("p8"));
  void s.page.translatePassage(range);
  await new Promise((resolve) => setTimeout(resolve, 50));
  told("de");
  s.fake.unhold();
  await done;
  sharedOnce(s.fake, 8, 2);
});
