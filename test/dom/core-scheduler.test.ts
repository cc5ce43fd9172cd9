// Items 12, 13 and 15: batching, bounded concurrency, streaming writes, viewport-first order with a stub
// IntersectionObserver, stop() through the AbortSignal, fatal errors, progress.

import type { Segment, SegmentResult, TranslateOptions, Translator } from "../../src/core";
import { upperCaseText } from "../helpers/fake-translator";
import { installIntersectionStub, type IntersectionStub, sent, setup } from "../helpers/core-page";

const sentence = (i: number): string =>
  `Absatz Nummer ${i} erzählt eine kurze Geschichte über die Bahn, das Wetter und die Stadt, in der wir leben.`;
const paragraphs = (n: number): string =>
  Array.from({ length: n }, (_, i) => `<p id="p${i + 1}">${sentence(i + 1)}</p>`).join("");

describe("item 12: batches and concurrency", () => {
  test("several units go in one request, up to maxBatchChars, after a small first request per slot", async () => {
    const { page, fake } = setup(paragraphs(12), { maxBatchChars: 350 });
    await page.translate();
    expect(fake.batches.length).toBeGreaterThan(1);
    expect(fake.batches.length).toBeLessThan(12);
    for (const batch of fake.batches) expect(batch.reduce((n, s) => n + s.html.length, 0)).toBeLessThanOrEqual(350);
    // Slow start: the first request to each of the two slots holds one unit, so its reply starts soon; later
    // ones fill up to the limit (three of these paragraphs), and the end of the page is split over the slots.
    expect(fake.batches.slice(0, 2).map((b) => b.length)).toEqual([1, 1]);
    expect(Math.max(...fake.batches.map((b) => b.length))).toBe(3);
    expect(fake.batches.flat()).toHaveLength(12);
  });

  /** The page translated, more paragraphs come `after` ms (a feed's next page): the sizes of their requests. */
  async function moreAfter(after: number): Promise<number[]> {
    const { page, fake } = setup(paragraphs(8), { maxBatchChars: 350 });
    await page.translate();
    const before = fake.batches.length;
    const now = performance.now.bind(performance);
    const clock = jest.spyOn(performance, "now").mockImplementation(() => now() + after);
    try {
      const more = document.createElement("div");
      more.append(
        ...Array.from({ length: 8 }, (_, i) =>
          Object.assign(document.createElement("p"), { textContent: sentence(i + 9) }),
        ),
      );
      document.body.append(more);
      await page.whenSettled();
    } finally {
      clock.mockRestore();
    }
    expect(fake.batches.flat()).toHaveLength(16);
    return fake.batches.slice(before).map((b) => b.length);
  }

  test("content that comes after a quiet spell starts with small requests again", async () => {
    // The reader read for a while; then the page loaded more (an infinite scroll): its first words come soon.
    expect((await moreAfter(5000)).slice(0, 2)).toEqual([1, 1]);
  });

  test("content that comes right after the rest does not start small again", async () => {
    expect((await moreAfter(0))[0]).toBeGreaterThan(1);
  });

  test("never more than maxConcurrent requests in flight", async () => {
    const { page, fake } = setup(paragraphs(10), { maxBatchSegments: 1, maxConcurrent: 2 }, { hold: true });
    const done = page.translate();
    await fake.nextBatch();
    await fake.nextBatch();
    // Both slots are taken and the pump has stopped: nothing else was sent.
    expect(fake.batches).toHaveLength(2);
    expect(fake.inFlight).toBe(2);
    fake.unhold();
    await done;
    expect(fake.batches).toHaveLength(10);
    expect(fake.maxInFlight).toBe(2);
  });

  test("requestsAhead: one request more waits in the translator's queue, ready for the next free slot", async () => {
    const { page, fake } = setup(
      paragraphs(10),
      { maxBatchSegments: 1, maxConcurrent: 2, requestsAhead: 1 },
      { hold: true },
    );
    const done = page.translate();
    for (let i = 0; i < 3; i++) await fake.nextBatch();
    expect(fake.inFlight).toBe(3);
    fake.unhold();
    await done;
    expect(fake.maxInFlight).toBe(3);
  });

  test("maxConcurrent 1 sends one request at a time", async () => {
    const { page, fake } = setup(paragraphs(5), { maxBatchSegments: 1, maxConcurrent: 1 }, { delayMs: 2 });
    await page.translate();
    expect(fake.batches).toHaveLength(5);
    expect(fake.maxInFlight).toBe(1);
  });

  test("each segment is written as soon as it arrives, before its batch is complete", async () => {
    let openGate: () => void = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const translator: Translator = async function* (
      batch: Segment[],
      _opts: TranslateOptions,
    ): AsyncIterable<SegmentResult> {
      for (const [i, s] of batch.entries()) {
        if (i === 1) await gate;
        yield { id: s.id, html: upperCaseText(s.html) };
      }
    };
    // One slot: the first request carries the first paragraph alone (slow start), the next one the other two.
    const s = setup(`<p>Erster Absatz</p><p>Zweiter Absatz</p><p>Dritter Absatz</p>`, {
      translator,
      maxConcurrent: 1,
    });
    const done = s.page.translate();
    await s.progressWhere((p) => p.done === 2);
    expect(document.body.innerHTML).toBe(
      `<p lang="en">ERSTER ABSATZ</p><p lang="en">ZWEITER ABSATZ</p><p>Dritter Absatz</p>`,
    );
    openGate();
    await done;
    expect(document.body.innerHTML).toBe(
      `<p lang="en">ERSTER ABSATZ</p><p lang="en">ZWEITER ABSATZ</p><p lang="en">DRITTER ABSATZ</p>`,
    );
  });

  test("identical units are sent once and all receive the translation", async () => {
    const buttons = Array.from(
      { length: 6 },
      () => `<div class="row"><button>Antworten</button><button>Teilen</button></div>`,
    ).join("");
    const { page, fake } = setup(buttons, { maxBatchSegments: 1 });
    await page.translate();
    expect(sent(fake).sort()).toEqual(["Antworten", "Teilen"]);
    expect(Array.from(document.querySelectorAll("button")).map((b) => b.textContent)).toEqual(
      Array.from({ length: 6 }, () => ["ANTWORTEN", "TEILEN"]).flat(),
    );
  });
});

describe("item 13: viewport first", () => {
  let stub: IntersectionStub;
  afterEach(() => stub.uninstall());

  test("visible units are sent before those near the viewport, then the rest", async () => {
    stub = installIntersectionStub((el) =>
      el.id === "p5" ? "visible" : el.id === "p4" || el.id === "p6" ? "near" : "far",
    );
    const { page, fake } = setup(paragraphs(8), { maxBatchSegments: 1, maxConcurrent: 1 });
    await page.translate();
    const order = fake.batches.map((b) => /Nummer (\d+)/.exec(b[0]?.html ?? "")?.[1]);
    expect(order).toEqual(["5", "4", "6", "1", "2", "3", "7", "8"]);
    // Once translated, nothing is watched any more.
    expect(stub.observed()).toEqual([]);
  });

  test("a unit scrolled into view jumps the queue", async () => {
    stub = installIntersectionStub((el) => (el.id === "p1" ? "visible" : "far"));
    const { page, fake } = setup(paragraphs(6), { maxBatchSegments: 1, maxConcurrent: 1 }, { hold: true });
    const done = page.translate();
    const first = await fake.nextBatch();
    expect(first[0]?.html).toContain("Nummer 1 ");
    stub.move(document.querySelector("#p6") as Element, "visible");
    fake.release();
    const second = await fake.nextBatch();
    expect(second[0]?.html).toContain("Nummer 6 ");
    fake.unhold();
    await done;
  });

  test("a unit in view that repeats one far from the view is not left waiting for the far one's turn", async () => {
    stub = installIntersectionStub((el) => (el.id === "p6" ? "visible" : "far"));
    // The same text twice: the first one found (far from the view) leads, the one in view follows it.
    const html = paragraphs(6).replace(sentence(6), sentence(2));
    const { page, fake } = setup(html, { maxBatchSegments: 1, maxConcurrent: 1 });
    await page.translate();
    expect(fake.batches[0]?.[0]?.html).toBe(sentence(2));
    expect(document.querySelector("#p6")?.textContent).toBe(sentence(2).toUpperCase());
    expect(sent(fake)).toHaveLength(5);
  });

  test("lazy: false keeps document order", async () => {
    stub = installIntersectionStub((el) => (el.id === "p3" ? "visible" : "far"));
    const { page, fake } = setup(paragraphs(4), { maxBatchSegments: 1, maxConcurrent: 1, lazy: false });
    await page.translate();
    expect(fake.batches.map((b) => /Nummer (\d+)/.exec(b[0]?.html ?? "")?.[1])).toEqual(["1", "2", "3", "4"]);
  });
});

describe("item 15: stop()", () => {
  test("aborts in-flight requests through the AbortSignal and keeps what was written", async () => {
    const { page, fake } = setup(paragraphs(6), { maxBatchSegments: 1, maxConcurrent: 2 }, { hold: true });
    const done = page.translate();
    await fake.nextBatch();
    await fake.nextBatch();
    fake.release();
    await fake.nextBatch();
    expect(fake.calls[0]?.signal.aborted).toBe(false);
    page.stop();
    expect(fake.calls.every((c) => c.signal.aborted)).toBe(true);
    const summary = await done;
    expect(page.state).toBe("stopped");
    expect(summary.translated).toBe(1);
    expect(document.querySelector("#p1")?.textContent).toBe(sentence(1).toUpperCase());
    expect(document.querySelector("#p2")?.textContent).toBe(sentence(2));
    // Nothing new is sent after stop().
    fake.unhold();
    await page.whenSettled();
    expect(fake.batches).toHaveLength(3);
  });

  test("translate() after stop() resumes with what is left", async () => {
    const { page, fake } = setup(paragraphs(4), { maxBatchSegments: 1, maxConcurrent: 1 }, { hold: true });
    const done = page.translate();
    await fake.nextBatch();
    fake.release();
    await fake.nextBatch();
    page.stop();
    await done;
    fake.unhold();
    const summary = await page.translate();
    expect(summary).toMatchObject({ found: 4, translated: 4, failed: 0 });
    expect(sent(fake).filter((h) => h.includes("Nummer 1 "))).toHaveLength(1);
  });
});

describe("errors and progress", () => {
  test("a fatal error is reported once, nothing more is sent, nothing is half-applied", async () => {
    const errors: unknown[] = [];
    const { page, fake } = setup(
      paragraphs(6),
      { maxBatchSegments: 2, maxConcurrent: 1, onError: (e) => errors.push(e) },
      { fail: () => ({ kind: "unreachable", message: "Gloss cannot reach the server.", fix: "Start llama-server." }) },
    );
    const before = document.body.innerHTML;
    const summary = await page.translate();
    expect(errors).toEqual([expect.objectContaining({ kind: "unreachable" })]);
    expect(fake.batches).toHaveLength(1);
    expect(document.body.innerHTML).toBe(before);
    expect(summary).toMatchObject({ translated: 0, error: { kind: "unreachable" } });
    expect(page.state).toBe("stopped");
  });

  test("progress reports total, done and failed as work progresses", async () => {
    const s = setup(
      paragraphs(5),
      { maxBatchSegments: 1, maxConcurrent: 1 },
      {
        fail: (seg) => (seg.html.includes("Nummer 3 ") ? { kind: "server-error", message: "500" } : undefined),
      },
    );
    const summary = await s.page.translate();
    expect(summary).toMatchObject({ found: 5, translated: 4, failed: 1, skipped: 0 });
    expect(s.progress[0]?.total).toBe(5);
    const last = s.progress[s.progress.length - 1];
    expect(last).toMatchObject({ total: 5, done: 4, failed: 1, inFlight: 0, queued: 0 });
    const dones = s.progress.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(s.progress.some((p) => p.inFlight === 1)).toBe(true);
    expect(s.page.state).toBe("translated");
  });

  test("the translator gets the target and source language", async () => {
    const { page, fake } = setup(`<p>Hallo</p>`, { targetLang: "pt-BR", sourceLang: "de" });
    await page.translate();
    expect(fake.calls[0]).toMatchObject({ targetLang: "pt-BR", sourceLang: "de" });
  });
});
