// First screen first (issue 8): on a large laid-out page the first request leaves before the page is collected,
// the main content in view before the sidebar beside it, small first requests then larger ones, each translation
// written as its segment arrives, nothing translated twice, and stale replies still dropped.
// jsdom has no layout: a stub gives elements with `data-y` a box (100 px high, stacked by the test), containers the
// box around their children, and the stub IntersectionObserver reports what those boxes say.

import type { Segment } from "../../src/core";
import { FIRST_ALONE_MAX_MS } from "../../src/core/schedule/request-dispatch";
import { FIRST_BATCH_CHARS } from "../../src/core/schedule/slow-start";
import { oldReddit } from "../../src/sites/reddit";
import { unitHtml } from "../helpers/core-collect";
import {
  installIntersectionStub,
  type IntersectionStub,
  sent,
  type Setup,
  setup,
  WHOLE_PAGE_TIMEOUT_MS,
} from "../helpers/core-page";
import { holdTimersOf } from "../helpers/held-window-timers";

const VIEW_HEIGHT = 800;
let stub: IntersectionStub;
const originalRect = Element.prototype.getBoundingClientRect;

function box(top: number, height: number): DOMRect {
  return { top, bottom: top + height, left: 0, right: 1000, width: 1000, height, x: 0, y: top, toJSON: () => ({}) };
}

/** Boxes from `data-y` (elements) and around them (containers); nothing for the rest. */
function rectOf(el: Element): DOMRect {
  const y = el.getAttribute("data-y");
  if (y !== null) return box(Number(y), 100);
  const inner = [...el.querySelectorAll("[data-y]")].map((e) => Number(e.getAttribute("data-y")));
  if (!inner.length) return box(0, 0);
  const top = Math.min(...inner);
  return box(top, Math.max(...inner) + 100 - top);
}

beforeEach(() => {
  Element.prototype.getBoundingClientRect = function (this: Element) {
    return rectOf(this);
  };
  Object.defineProperty(window, "innerHeight", { configurable: true, value: VIEW_HEIGHT });
  stub = installIntersectionStub((el) => {
    const r = rectOf(el);
    if (!r.height) return "far";
    return r.bottom > 0 && r.top < VIEW_HEIGHT ? "visible" : r.top < VIEW_HEIGHT * 2.5 ? "near" : "far";
  });
});

afterEach(() => {
  stub.uninstall();
  Element.prototype.getBoundingClientRect = originalRect;
});

const comment = (i: number) => `Kommentar Nummer ${i} erzählt, warum der Zug heute wieder verspätet war.`;

/** A forum page: header, a sidebar beside the thread (before it in the document), the thread as main content. */
function forum(comments: number): string {
  const thread = Array.from({ length: comments }, (_, i) => `<p data-y="${100 + i * 100}">${comment(i + 1)}</p>`);
  return (
    `<header><nav><a href="/" data-y="0">Startseite der Seite</a></nav></header>` +
    `<aside><p data-y="100">Willkommen in der Seitenleiste mit den Regeln</p><p data-y="200">Bitte seid nett zueinander</p></aside>` +
    `<main><h1 data-y="50">Warum ist die Bahn immer zu spät?</h1>${thread.join("")}</main>`
  );
}

test(
  "the first request is sent before a large page has been collected",
  async () => {
    const found: number[] = [];
    const s = setup(forum(250), { maxConcurrent: 2 }, { hold: true });
    const done = s.page.translate();
    await s.fake.nextBatch();
    found.push(s.page.summary.found);
    s.fake.unhold();
    const summary = await done;
    expect(found[0]).toBeLessThan(summary.found);
    expect(summary).toMatchObject({ found: 254, translated: 254, failed: 0 });
  },
  WHOLE_PAGE_TIMEOUT_MS,
);

test("the first request leaves as soon as the main content in view is collected, even on a small page", async () => {
  const s = setup(forum(4), { maxConcurrent: 2 }, { hold: true });
  const done = s.page.translate();
  await s.fake.nextBatch();
  // The title and the four comments; the header and the sidebar are walked after the request left.
  const foundAtFirstRequest = s.page.summary.found;
  s.fake.unhold();
  const summary = await done;
  expect(foundAtFirstRequest).toBe(5);
  expect(summary).toMatchObject({ found: 8, translated: 8, failed: 0 });
});

test("on a long thread, the first request leaves once the first block in view is collected", async () => {
  const s = setup(forum(100), { maxConcurrent: 2 }, { hold: true });
  const done = s.page.translate();
  const first = await s.fake.nextBatch();
  // Only the title was walked: the comments in view are collected while its request is on its way.
  expect(first.map((segment) => segment.html)).toEqual(["Warum ist die Bahn immer zu spät?"]);
  expect(s.page.summary.found).toBe(1);
  // The comments in view come next, before anything beside them.
  const second = await s.fake.nextBatch();
  expect(second[0]?.html).toBe(comment(1));
  s.fake.unhold();
  expect(await done).toMatchObject({ found: 104, translated: 104, failed: 0 });
});

test("the main content in view is requested before the sidebar and header beside it", async () => {
  const s = setup(forum(30), { maxConcurrent: 1 });
  await s.page.translate();
  const order = sent(s.fake);
  const at = (text: string) => order.findIndex((h) => h.includes(text));
  // Reading order: the title, then the comments in view top to bottom, then the chrome in view.
  expect(order[0]).toBe("Warum ist die Bahn immer zu spät?");
  expect(at("Nummer 1 ")).toBeLessThan(at("Nummer 2 "));
  expect(at("Nummer 7 ")).toBeLessThan(at("Seitenleiste"));
  expect(at("Nummer 7 ")).toBeLessThan(at("Startseite"));
  expect(at("Nummer 7 ")).toBeLessThan(at("Bitte seid nett"));
});

// The "visually hidden" pattern (Tailwind's and Bootstrap's `.sr-only`, also GitHub's and new Reddit's): text for
// screen readers alone, in a 1px box clipped to nothing that lies in view. (Here the stub gives it a full box.)
const SR_ONLY =
  ".sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; " +
  "clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0 }";

test("text only screen readers hear is translated, but after the text in view, never in the first request", async () => {
  const style = document.head.appendChild(document.createElement("style"));
  style.textContent = SR_ONLY;
  try {
    const html =
      `<header><a class="sr-only" href="#main" data-y="0">Zum Inhalt springen</a></header>` +
      `<main id="main"><h2 class="sr-only" data-y="0">Die neuesten Beiträge im Forum</h2>` +
      `<section data-y="100"><h3 class="sr-only" data-y="100">Kommentar von Anna, vor zwei Stunden</h3>` +
      `<p data-y="100">${comment(1)} <a href="/plan" target="_blank">Zum Fahrplan<span class="sr-only"> (öffnet in neuem Fenster)</span></a></p></section>` +
      `<p data-y="200">${comment(2)}</p><p data-y="300">${comment(3)}</p></main>`;
    const s = setup(html, { maxConcurrent: 1 });
    const before = document.body.innerHTML;
    await s.page.translate();
    const order = sent(s.fake);
    const at = (text: string) => order.findIndex((h) => h.includes(text));
    // The first request is what a sighted reader sees, and the text in view goes before the hidden headings.
    expect(order[0]).toContain("Nummer 1 ");
    for (const hidden of ["Die neuesten", "Kommentar von Anna"]) expect(at(hidden)).toBeGreaterThan(at("Nummer 3 "));
    // Yet all of it is translated: a screen reader reads it among the translated text.
    const spoken = (selector: string) => document.querySelector(selector)?.textContent;
    expect(spoken("header a")).toBe("ZUM INHALT SPRINGEN");
    expect(spoken("h2")).toBe("DIE NEUESTEN BEITRÄGE IM FORUM");
    expect(spoken("h3")).toBe("KOMMENTAR VON ANNA, VOR ZWEI STUNDEN");
    expect(spoken("section a")).toBe("ZUM FAHRPLAN (ÖFFNET IN NEUEM FENSTER)");
    s.page.restore();
    expect(document.body.innerHTML).toBe(before);
  } finally {
    style.remove();
  }
});

test("labels only screen readers say or tooltips show go after the main text in view, a field's hint with it", async () => {
  // Mastodon labels each status with its whole text again, for screen readers; a link's tooltip says where it goes.
  const status = (i: number) =>
    `<article data-y="${100 * i}" aria-label="Anna, ${comment(i)}, vor zwei Stunden, anna@chaos.social">` +
    `<p data-y="${100 * i}">${comment(i)} <a href="/plan" title="Fahrplan der Bahn öffnen">Fahrplan</a></p></article>`;
  const html =
    `<main>${status(1)}${status(2)}${status(3)}` +
    `<form data-y="400"><textarea data-y="400" placeholder="Was gibt's Neues?"></textarea></form></main>`;
  const s = setup(html, { maxConcurrent: 1, maxBatchSegments: 1 });
  await s.page.translate();
  const order = sent(s.fake);
  const at = (text: string) => order.findIndex((h) => h.includes(text));
  const paragraph = (i: number) => order.findIndex((h) => h.startsWith(comment(i)));
  expect(order[0]).toContain("Nummer 1 ");
  // The statuses in view and the box's hint (which the reader sees) first, then what is heard or hovered.
  expect(at("Was gibt")).toBeLessThan(at("Anna,"));
  expect(paragraph(3)).toBeLessThan(at("Anna,"));
  expect(paragraph(3)).toBeLessThan(at("Fahrplan der Bahn"));
  // Yet all of it is translated: a screen reader hears the translated summary.
  expect(document.querySelector("article")?.getAttribute("aria-label")).toContain("KOMMENTAR NUMMER 1");
  expect(document.querySelector("a")?.getAttribute("title")).toBe("FAHRPLAN DER BAHN ÖFFNEN");
});

test("a page cannot push its visible headline behind the rest by dressing it as text for screen readers", async () => {
  const style = document.head.appendChild(document.createElement("style"));
  // The .sr-only rule's look, but a box anyone sees: padding where the overflow still shows, or a fixed banner inside
  // a clipped box (a clip and a hidden overflow do not reach it).
  style.textContent =
    ".fake { position: absolute; width: 1px; height: 1px; overflow: hidden; padding: 0 600px 40px 0; white-space: nowrap }" +
    SR_ONLY +
    ".banner { position: fixed; top: 0; left: 0 }";
  try {
    const html =
      `<main><h1 class="fake" data-y="0">Großer Streik legt den Bahnverkehr lahm</h1>` +
      `<div class="sr-only"><p class="banner" data-y="0">Eilmeldung: Züge fallen bundesweit aus</p></div>` +
      `<p data-y="100">${comment(1)}</p><p data-y="200">${comment(2)}</p><p data-y="300">${comment(3)}</p></main>`;
    const s = setup(html, { maxConcurrent: 1 });
    await s.page.translate();
    const order = sent(s.fake);
    const at = (text: string) => order.findIndex((h) => h.includes(text));
    expect(at("Großer Streik")).toBeLessThan(at("Nummer 3 "));
    expect(at("Eilmeldung")).toBeLessThan(at("Nummer 3 "));
  } finally {
    style.remove();
  }
});

// A FAQ in view: each question is seen, its answer folded away in a closed <details> until the reader opens it.
// (The stub gives the answers a box in view, as a browser may lay out content it does not show.)
const faq = (i: number, open = "") =>
  `<details${open} data-y="${100 * i}"><summary data-y="${100 * i}">Frage ${i}: Wann fährt der Zug?</summary>` +
  `<p data-y="${100 * i}">Antwort ${i}: Der Zug fährt jede Stunde, außer am Sonntag.</p></details>`;

test("answers folded in a closed <details> are translated after the text in view, their questions with it", async () => {
  const html =
    `<main><h1 data-y="0">Häufige Fragen zur Bahn</h1>${faq(1)}${faq(2, " open")}` +
    `<p data-y="300">${comment(1)}</p><p data-y="400">${comment(2)}</p></main>`;
  const s = setup(html, { maxConcurrent: 1 });
  await s.page.translate();
  const order = sent(s.fake);
  const at = (text: string) => order.findIndex((h) => h.includes(text));
  expect(order[0]).toBe("Häufige Fragen zur Bahn");
  // The question and an open answer are text in view; the closed answer waits for all of it, yet is translated.
  expect(at("Frage 1")).toBeLessThan(at("Nummer 2 "));
  expect(at("Antwort 2")).toBeLessThan(at("Nummer 2 "));
  expect(at("Antwort 1")).toBeGreaterThan(at("Nummer 2 "));
  expect(document.querySelector("details p")?.textContent).toBe(
    "ANTWORT 1: DER ZUG FÄHRT JEDE STUNDE, AUSSER AM SONNTAG.",
  );
});

/** The reader opens `details` (a toggle) while the first request is held: what the next request carries. */
async function openedNext(s: Setup, details: HTMLDetailsElement): Promise<string[]> {
  const toggled = new Promise((resolve) => details.addEventListener("toggle", resolve, { once: true }));
  details.open = true;
  await toggled;
  s.fake.release();
  return (await s.fake.nextBatch()).map((segment) => segment.html);
}

test("opening a folded answer (by hand or find-in-page: a toggle) sends it next, ahead of the rest of the page", async () => {
  const rest = Array.from({ length: 12 }, (_, i) => `<p data-y="${200 + i * 100}">${comment(i + 1)}</p>`).join("");
  const html = `<main><h1 data-y="0">Häufige Fragen zur Bahn</h1>${faq(1)}${rest}</main>`;
  const s = setup(html, { maxConcurrent: 1, maxBatchSegments: 1 }, { hold: true });
  const done = s.page.translate();
  await s.fake.nextBatch();
  await s.progressWhere((p) => p.total === 15);
  // Ahead of the comments in view still waiting: the reader opened it to read it.
  expect(await openedNext(s, document.querySelector("details") as HTMLDetailsElement)).toEqual([
    "Antwort 1: Der Zug fährt jede Stunde, außer am Sonntag.",
  ]);
  s.fake.unhold();
  expect(await done).toMatchObject({ found: 15, translated: 15, failed: 0 });
});

test("opening a folded answer that repeats another one still folded sends their request next", async () => {
  const rest = Array.from({ length: 12 }, (_, i) => `<p data-y="${300 + i * 100}">${comment(i + 1)}</p>`).join("");
  // The same answer under two questions: the first one found leads, the second waits for its reply.
  const html = `<main><h1 data-y="0">Häufige Fragen zur Bahn</h1>${faq(1)}${faq(2).replace("Antwort 2", "Antwort 1")}${rest}</main>`;
  const s = setup(html, { maxConcurrent: 1, maxBatchSegments: 1 }, { hold: true });
  const done = s.page.translate();
  await s.fake.nextBatch();
  await s.progressWhere((p) => p.total === 17);
  // The reader opens the second question; the first stays closed.
  expect(await openedNext(s, document.querySelectorAll("details")[1] as HTMLDetailsElement)).toEqual([
    "Antwort 1: Der Zug fährt jede Stunde, außer am Sonntag.",
  ]);
  s.fake.unhold();
  expect(await done).toMatchObject({ found: 17, translated: 17, failed: 0 });
  expect(sent(s.fake).filter((h) => h.startsWith("Antwort 1"))).toHaveLength(1);
});

test("first requests are small, later ones larger", async () => {
  const s = setup(forum(60), { maxConcurrent: 2, maxBatchChars: 1500 }, { hold: true });
  const done = s.page.translate();
  // Both slots have their first request, and the whole page is queued behind them.
  await s.fake.nextBatch();
  await s.fake.nextBatch();
  await s.progressWhere((p) => p.total === 64);
  s.fake.unhold();
  await done;
  const sizes = s.fake.batches.map((b: Segment[]) => b.length);
  const chars = s.fake.batches.map((b) => b.reduce((n, seg) => n + seg.html.length, 0));
  // Each slot's first request: one unit.
  expect(sizes.slice(0, 2)).toEqual([1, 1]);
  expect(Math.max(...chars.slice(0, 2))).toBeLessThanOrEqual(FIRST_BATCH_CHARS);
  // Then twice as much per round, up to the limit.
  expect(Math.max(...sizes.slice(2))).toBeGreaterThan(2);
  expect(Math.max(...chars)).toBeGreaterThan(4 * FIRST_BATCH_CHARS);
});

test("with firstAlone, the first request goes alone until its reply comes, then the other slots fill", async () => {
  // The first request goes alone for 1.5 s at most (a server slow to answer holds the others back only so long). A
  // busy machine can spend that on collecting the page before the test looks: here the limit never runs out.
  const release = holdTimersOf(FIRST_ALONE_MAX_MS);
  try {
    const s = setup(forum(30), { maxConcurrent: 2, requestsAhead: 1, firstAlone: true }, { hold: true });
    const done = s.page.translate();
    const first = await s.fake.nextBatch();
    await s.progressWhere((p) => p.total === 34);
    // However deep the queue, no second request while the first has no answer: its prompt is the only one.
    expect(s.fake.batches).toHaveLength(1);
    expect(first).toHaveLength(1);
    s.fake.unhold();
    await done;
    expect(s.fake.maxInFlight).toBe(3);
    expect(s.fake.answered[0]).toBe(first[0]!.id);
  } finally {
    release();
  }
});

test("with firstAlone, a run stopped before its first reply does not cut the next run's first request short", async () => {
  // The window's 1.5 s limits, fired by hand.
  const limits: Array<() => void> = [];
  const win = window as unknown as { setTimeout: typeof setTimeout };
  const realSetTimeout = win.setTimeout;
  win.setTimeout = ((fn: () => void, delay?: number, ...args: unknown[]) => {
    if (delay !== FIRST_ALONE_MAX_MS) return realSetTimeout(fn, delay, ...args);
    limits.push(fn);
    return 0;
  }) as unknown as typeof setTimeout;
  try {
    const s = setup(forum(30), { maxConcurrent: 2, requestsAhead: 1, firstAlone: true }, { hold: true });
    void s.page.translate();
    await s.fake.nextBatch();
    s.page.stop();
    await s.page.whenSettled();
    void s.page.translate();
    await s.fake.nextBatch();
    expect(limits).toHaveLength(2);
    // The stopped run's limit runs out while the new run's first request waits for its reply: that one still goes
    // alone (its prompt is the only one the server reads), until its own limit or its reply.
    limits[0]!();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(s.fake.batches).toHaveLength(2);
    limits[1]!();
    await s.fake.nextBatch();
    s.fake.unhold();
    await s.page.whenSettled();
  } finally {
    win.setTimeout = realSetTimeout;
  }
});

test("with firstAlone, the first reply is in the page before the other slots' requests are sent", async () => {
  const s = setup(forum(30), { maxConcurrent: 2, requestsAhead: 1, firstAlone: true }, { hold: true });
  const done = s.page.translate();
  const first = await s.fake.nextBatch();
  expect(first.map((seg) => seg.html)).toEqual(["Warum ist die Bahn immer zu spät?"]);
  s.fake.unhold();
  await s.fake.nextBatch();
  // Checked as the second request leaves: the reader already sees the first translation.
  expect(document.querySelector("h1")?.textContent).toBe("WARUM IST DIE BAHN IMMER ZU SPÄT?");
  await done;
});

test("the first reply is in the page when the task that brought it ends, ahead of the tasks queued before it", async () => {
  const s = setup(forum(30), { maxConcurrent: 2, requestsAhead: 1, firstAlone: true }, { hold: true });
  const done = s.page.translate();
  await s.fake.nextBatch();
  // A task already waiting when the reply comes: a slice of collection, a frame of the page's own.
  const seen = new Promise<string | undefined>((resolve) =>
    setTimeout(() => resolve(document.querySelector("h1")?.textContent ?? undefined), 0),
  );
  s.fake.unhold();
  expect(await seen).toBe("WARUM IST DIE BAHN IMMER ZU SPÄT?");
  await done;
});

test(
  "nothing is translated twice while the page is collected in stages",
  async () => {
    const s = setup(forum(400), { maxConcurrent: 2 });
    const summary = await s.page.translate();
    const html = sent(s.fake);
    expect(new Set(html).size).toBe(html.length);
    expect(summary).toMatchObject({ found: 404, translated: 404 });
    expect(document.querySelector("main p:last-child")?.textContent).toBe(comment(400).toUpperCase());
  },
  WHOLE_PAGE_TIMEOUT_MS,
);

/**
 * A hidden tab as browsers make it: its short timers fire a second late at best (here: not within the test), while a
 * message on a private channel is delivered at once. Returns the undo.
 */
function hideTab(): () => void {
  const win = window as unknown as { setTimeout: typeof setTimeout; MessageChannel?: unknown };
  const realSetTimeout = win.setTimeout;
  let held = 0;
  win.setTimeout = ((fn: () => void, ms?: number) =>
    (ms ?? 0) < 1000 ? 1e9 + held++ : realSetTimeout(fn, ms)) as unknown as typeof setTimeout;
  class Channel {
    port1: { onmessage: (() => void) | null } = { onmessage: null };
    port2 = { postMessage: () => void realSetTimeout(() => this.port1.onmessage?.(), 0) };
  }
  win.MessageChannel = Channel;
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
  return () => {
    win.setTimeout = realSetTimeout;
    delete win.MessageChannel;
    delete (document as unknown as { visibilityState?: string }).visibilityState;
  };
}

test(
  "in a hidden tab, whose timers are a second late at best, the page is translated without waiting for one",
  async () => {
    const showTab = hideTab();
    try {
      const s = setup(forum(250), { maxConcurrent: 2 });
      expect(await s.page.translate()).toMatchObject({ found: 254, translated: 254, failed: 0 });
      expect(document.querySelector("main p:last-child")?.textContent).toBe(comment(250).toUpperCase());
    } finally {
      showTab();
    }
  },
  WHOLE_PAGE_TIMEOUT_MS,
);

test("a reply for text the page changed while it was in flight is dropped, and the new text translated", async () => {
  const s = setup(forum(4), { maxConcurrent: 1, maxBatchSegments: 1 }, { hold: true });
  const done = s.page.translate();
  const first = await s.fake.nextBatch();
  expect(first[0]?.html).toBe("Warum ist die Bahn immer zu spät?");
  const title = document.querySelector("h1") as HTMLElement;
  (title.firstChild as Text).data = "Warum ist die Bahn heute pünktlich?";
  s.fake.unhold();
  await done;
  await s.page.whenSettled();
  expect(title.textContent).toBe("WARUM IST DIE BAHN HEUTE PÜNKTLICH?");
  expect(sent(s.fake)).toContain("Warum ist die Bahn heute pünktlich?");
});

test("page chrome the site excludes stays in place at a unit's edges, unsent (fewer tokens to write back)", () => {
  document.body.innerHTML =
    `<p class="title"><a class="title" href="/r/de/x">Warum ist die Bahn immer zu spät?</a> ` +
    `<span class="linkflairlabel">Frage/Diskussion</span> <span class="domain">(<a href="/r/de/">self.de</a>)</span></p>`;
  expect(unitHtml(document.body, { site: oldReddit.rules })).toEqual(["Warum ist die Bahn immer zu spät?"]);
  // Not at an edge, it keeps its place in the sentence.
  document.body.innerHTML = `<p class="title">Heute <span class="flair">neu</span> im Angebot</p>`;
  expect(unitHtml(document.body, { site: { exclude: [".flair"] } })).toEqual(["Heute <x1></x1> im Angebot"]);
});
