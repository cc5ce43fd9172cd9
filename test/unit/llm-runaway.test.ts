// Issue 9, item 2: runaway replies are bounded. A server that writes 10 MB in token-sized pieces, or babbles and never
// closes a segment, is read only as far as the input can justify; then the request is aborted (the double sees the
// client leave), the segments already finished are kept, the one that ran away fails with a clear reason, and the
// rest are translated. Parsing is incremental: a long reply costs linear time, and a read that holds megabytes is
// parsed in pieces, letting the background's other work in between.
import { createLlmTranslator } from "../../src/llm";
import { runChat, type Transport } from "../../src/llm/client";
import { ReplyParser } from "../../src/llm/reply-parser";
import { segmentBound } from "../../src/llm/reply-reading";
import { RUNAWAY_CHARS } from "../double/chat";
import { type DoubleHandle, startDouble } from "../double/server";
import { collect, expected, llamaConfig, outcome, SEGMENTS, withFault } from "../helpers/llm-harness";
import type { RequestRecord } from "../double/state";

jest.setTimeout(30_000);

let double: DoubleHandle;
beforeAll(async () => {
  double = await startDouble({ slots: 2, ctx: 4096 });
});
afterAll(() => double.close());
beforeEach(() => double.reset());

async function run(fault: string) {
  const records: RequestRecord[] = [];
  const onDone = (r: RequestRecord): void => void (r.path.includes("chat") && records.push(r));
  double.events.on("done", onDone);
  try {
    const translator = createLlmTranslator(llamaConfig(double.url), withFault(fault));
    const results = await collect(translator, SEGMENTS);
    // The double notices a client that left at its next write: wait until it has seen every request end.
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (records.length < double.stats().chatRequests) return;
        double.events.off("done", check);
        resolve();
      };
      double.events.on("done", check);
      check();
    });
    return { results, outcome: outcome(results), records, stats: double.stats() };
  } finally {
    double.events.off("done", onDone);
  }
}

const maxBound = Math.max(...SEGMENTS.map((s) => segmentBound(s.html)));

describe.each(["runaway", "babble"])("%s", (fault) => {
  test("what ran away fails as too long, each retry is bounded too, what came before is kept; nothing left open", async () => {
    const r = await run(fault);
    // The server does this to every request: s-b ran away, s-c was never reached; each is retried alone once and
    // runs away again (temperature 0 would repeat itself on a real server too).
    expect(r.outcome).toEqual({ "s-a": "ok", "s-b": "bad-reply:length-ratio", "s-c": "bad-reply:length-ratio" });
    expect(r.stats.chatRequests).toBe(3);
    for (const id of ["s-a"]) {
      const seg = SEGMENTS.find((s) => s.id === id) as (typeof SEGMENTS)[number];
      expect(r.results.get(id)).toEqual({ id, html: expected(seg) });
    }
    const err = r.results.get("s-b") as { error: { message: string } };
    expect(err.error.message).toMatch(/\S/);
    // Every request that babbled was left by the client after about the segment's bound, far below 10 MB.
    const babbling = r.records.filter((rec) => rec.babbled !== undefined);
    expect(babbling.length).toBeGreaterThanOrEqual(1);
    for (const rec of babbling) {
      expect(rec.aborted).toBe(true);
      expect(rec.babbled as number).toBeLessThan(Math.min(RUNAWAY_CHARS / 10, maxBound * 20));
    }
    expect(r.stats.inFlight).toBe(0);
  });

  test("once: the retries of the segments it cut are translated", async () => {
    const r = await run(`${fault};once`);
    expect(r.outcome).toEqual({ "s-a": "ok", "s-b": "ok", "s-c": "ok" });
    expect(r.stats.inFlight).toBe(0);
  });
});

// Re-scanning the open segment at every delta (as before) would take many minutes here.
test("the parser scans each delta once: a 2 MB segment in 4-character pieces", () => {
  const got: string[] = [];
  const parser = new ReplyParser(2, ({ raw }) => got.push(raw));
  const piece = " und";
  const pieces = 500_000;
  parser.push("[1]");
  for (let i = 0; i < pieces; i++) parser.push(piece);
  parser.push("[/][2]zwei[");
  parser.push("/]");
  parser.end(true);
  expect(got).toEqual([piece.repeat(pieces), "zwei"]);
  expect(parser.length).toBe(3 + pieces * piece.length + 13);
});

test("a marker split across deltas is still found", () => {
  const got: Array<[number, string]> = [];
  const parser = new ReplyParser(2, ({ n, raw }) => got.push([n, raw]));
  for (const ch of "[1]eins[/][ 2 ]zwei[/]") parser.push(ch);
  parser.end(true);
  expect(got).toEqual([
    [1, "eins"],
    [2, "zwei"],
  ]);
});

describe("one read that holds megabytes (a reader that fell behind a fast server)", () => {
  const EVENTS = 60_000;
  /** A stream whose whole body (about 4 MB of token deltas, then the end) comes in a single read. */
  const bulkTransport = (): Transport => async () => {
    const event = `data: ${JSON.stringify({ choices: [{ delta: { content: "Wort " }, finish_reason: null }] })}\n\n`;
    const last = `data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: "stop" }] })}\n\ndata: [DONE]\n\n`;
    const body = new TextEncoder().encode(event.repeat(EVENTS) + last);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(body);
        controller.close();
      },
    });
    return new Response(stream, { status: 200, headers: { "content-type": "text/event-stream" } });
  };
  const call = (onText: (text: string) => boolean | void, stallTimeoutMs = 5_000) =>
    runChat({
      config: llamaConfig("http://127.0.0.1:9"),
      transport: bulkTransport(),
      url: "http://127.0.0.1:9/v1/chat/completions",
      body: {},
      signal: new AbortController().signal,
      stallTimeoutMs,
      timeoutMs: 20_000,
      onText,
    });

  test("is parsed in pieces: the background's other work (a message, a timer) runs before it is through", async () => {
    let deltas = 0;
    let deltasWhenOtherWorkRan: number | undefined;
    const end = await call(() => {
      if (deltas++ === 0) setTimeout(() => (deltasWhenOtherWorkRan = deltas), 0);
    });
    expect(end.type).toBe("ok");
    expect(deltas).toBe(EVENTS);
    expect(deltasWhenOtherWorkRan).toBeLessThan(EVENTS);
  });

  test("parsing it for longer than the stall limit is not the server stalling: the server sent it all", async () => {
    // A limit of 1 ms passes at the first pause between pieces (the test above shows there are pauses).
    const end = await call(() => undefined, 1);
    expect(end.type).toBe("ok");
  });

  test("stops at the piece where the reply ran past its bound, not at the end of the read", async () => {
    let deltas = 0;
    const end = await call(() => ++deltas < 10);
    expect(end.type).toBe("runaway");
    expect(deltas).toBe(10);
  });
});
