// Issue items 4, 5 and 11: the real translator against the double over HTTP, one test per fault, checking the
// typed outcome per segment. The fault hits segment 2 (of 3) unless it is about the whole reply or request.
import { createLlmTranslator, type LlmStatus, type Transport } from "../../src/llm";
import { isFatalError, type SegmentResult } from "../../src/shared/translator";
import { type DoubleHandle, startDouble } from "../double/server";
import { once } from "node:events";
import { holdTimers, withClockRunning, withClockStill } from "../helpers/held-timers";
import { collect, expected, llamaConfig, outcome, SEGMENTS, withFault, withHeaders } from "../helpers/llm-harness";

jest.setTimeout(30_000);

let double: DoubleHandle;
beforeAll(async () => {
  double = await startDouble({ slots: 2, ctx: 4096, loadingFaultMs: 300 });
});
afterAll(() => double.close());
beforeEach(() => double.reset());

const ALL_OK = { "s-a": "ok", "s-b": "ok", "s-c": "ok" };

async function run(
  fault: string,
  extra: Parameters<typeof llamaConfig>[1] = {},
  onResult?: (result: SegmentResult) => void,
) {
  const statuses: LlmStatus[] = [];
  const translator = createLlmTranslator(llamaConfig(double.url, extra), withFault(fault), {
    onStatus: (s) => statuses.push(s),
  });
  const results = await collect(translator, SEGMENTS, { onResult });
  return { results, outcome: outcome(results), statuses, requests: double.stats().chatRequests };
}

/**
 * Runs a request the double stops answering after the first segment, with the translator's time limits on a clock
 * of the test's own: it stands still until the first segment was handed over, then goes on to the next limit. On the
 * wall clock a loaded machine could spend the limit between two of the double's chunks, before that segment came.
 */
async function runToSilence(extra: Parameters<typeof llamaConfig>[1]) {
  holdTimers();
  try {
    let handedOver: () => void = () => undefined;
    const firstSegment = new Promise<void>((resolve) => (handedOver = resolve));
    const running = run("stall", extra, (r) => r.id === "s-a" && handedOver());
    await withClockStill(Promise.race([firstSegment, running]));
    return await withClockRunning(running);
  } finally {
    jest.useRealTimers();
  }
}

function expectTranslated(results: Map<string, unknown>, ids = ["s-a", "s-b", "s-c"]): void {
  for (const id of ids) {
    const seg = SEGMENTS.find((s) => s.id === id);
    expect(results.get(id)).toEqual({ id, html: expected(seg as (typeof SEGMENTS)[number]) });
  }
}

test("no fault: one request, every segment translated", async () => {
  const r = await run("");
  expect(r.outcome).toEqual(ALL_OK);
  expectTranslated(r.results);
  expect(r.requests).toBe(1);
});

describe("content faults", () => {
  test.each([
    ["drop-segment", "bad-reply:missing"],
    ["refusal", "bad-reply:refusal"],
    ["echo-source", "bad-reply:untranslated"],
    ["invented-tag", "bad-reply:unknown-placeholder"],
    ["new-href", "bad-reply:unknown-placeholder"],
    ["hostile-html", "bad-reply:unknown-placeholder"],
    ["lose-placeholder", "bad-reply:lost-placeholder"],
    ["empty-segment", "bad-reply:empty"],
  ])("%s: the good segments are kept, the bad one is retried alone once, then fails as %s", async (fault, kind) => {
    const r = await run(fault);
    expect(r.outcome).toEqual({ "s-a": "ok", "s-b": kind, "s-c": "ok" });
    expectTranslated(r.results, ["s-a", "s-c"]);
    expect(r.requests).toBe(2);
    const err = r.results.get("s-b") as { error: { message: string; fix?: string } };
    expect(err.error.message.length).toBeGreaterThan(10);
  });

  test.each(["drop-segment", "refusal", "echo-source", "hostile-html", "lose-placeholder", "empty-segment"])(
    "%s;once: the retry alone succeeds",
    async (fault) => {
      const r = await run(`${fault};once`);
      expect(r.outcome).toEqual(ALL_OK);
      expectTranslated(r.results);
      expect(r.requests).toBe(2);
    },
  );

  test.each(["chatter", "code-fence", "think", "reorder-segments"])(
    "%s: cleaned up, every segment translated in one request",
    async (fault) => {
      const r = await run(fault);
      expect(r.outcome).toEqual(ALL_OK);
      expectTranslated(r.results);
      expect(r.requests).toBe(1);
    },
  );

  test("duplicate-segment: the first copy wins in a batch; alone, two different copies are a bad reply", async () => {
    const r = await run("duplicate-segment");
    expect(r.outcome).toEqual(ALL_OK);
    expectTranslated(r.results);

    double.reset();
    const alone = await collect(
      createLlmTranslator(llamaConfig(double.url), withFault("duplicate-segment")),
      SEGMENTS.slice(1, 2),
    );
    expect(outcome(alone)).toEqual({ "s-b": "bad-reply:duplicate" });
  });

  test("empty-reply: every segment retried alone, then reported empty", async () => {
    const r = await run("empty-reply");
    expect(r.outcome).toEqual({ "s-a": "bad-reply:empty", "s-b": "bad-reply:empty", "s-c": "bad-reply:empty" });
    expect(r.requests).toBe(4);
  });
});

describe("stream faults", () => {
  test("truncate-stream: segments before the cut are kept; the rest are retried alone, then fail", async () => {
    const r = await run("truncate-stream");
    expect(r.outcome).toEqual({ "s-a": "ok", "s-b": "server-error", "s-c": "server-error" });
    expectTranslated(r.results, ["s-a"]);
    expect(r.requests).toBe(3);
  });

  test("truncate-stream;once: the retries succeed", async () => {
    const r = await run("truncate-stream;once");
    expect(r.outcome).toEqual(ALL_OK);
    expectTranslated(r.results);
  });

  test("stall: aborted after stallTimeoutMs; finished segments kept, the rest stalled", async () => {
    const aborted = once(double.events, "abort");
    const r = await runToSilence({ stallTimeoutMs: 400 });
    expect(r.outcome).toEqual({ "s-a": "ok", "s-b": "stalled", "s-c": "stalled" });
    expect(r.requests).toBe(1);
    await aborted;
    expect(double.stats().aborted).toBe(1);
  });

  test("a stream that outlasts timeoutMs: a timeout error for the unfinished segments", async () => {
    const aborted = once(double.events, "abort");
    const r = await runToSilence({ stallTimeoutMs: 20_000, timeoutMs: 500 });
    expect(r.outcome).toEqual({ "s-a": "ok", "s-b": "timeout", "s-c": "timeout" });
    await aborted;
    expect(double.stats().aborted).toBe(1);
  });

  test("a request the server never starts answering (queued, or held by a proxy): says so, not that the model is slow", async () => {
    // Chat requests hang without headers until Gloss gives up; the server's other endpoints answer.
    const held: Transport = (url, init) =>
      url.endsWith("/chat/completions")
        ? new Promise((_, reject) => init.signal?.addEventListener("abort", () => reject(new Error("aborted"))))
        : fetch(url, init);
    const translator = createLlmTranslator(llamaConfig(double.url, { timeoutMs: 300 }), held);
    const results = await collect(translator, SEGMENTS.slice(0, 1));
    const result = results.get("s-a")!;
    expect("error" in result && result.error.kind).toBe("timeout");
    expect("error" in result && result.error.message).toMatch(/^The server did not start answering within \d+ s\.$/);
    expect("error" in result && result.error.fix).toMatch(/busy with requests from other tabs or programs/);
  });

  test("stream-error: a mid-stream error event; the unfinished segments are retried alone", async () => {
    const r = await run("stream-error");
    expect(r.outcome).toEqual({ "s-a": "ok", "s-b": "server-error", "s-c": "server-error" });
    const once = await run("stream-error;once");
    expect(once.outcome).toEqual(ALL_OK);
  });

  test("malformed-chunk: treated as a server error; the unfinished segments are retried alone", async () => {
    const r = await run("malformed-chunk");
    expect(r.outcome).toEqual({ "s-a": "ok", "s-b": "server-error", "s-c": "server-error" });
    const err = r.results.get("s-b") as { error: { detail?: string } };
    expect(err.error.detail).toMatch(/malformed/);
  });

  test("finish-length: complete segments kept, the cut ones retried alone with a bigger budget, then truncated", async () => {
    const r = await run("finish-length");
    expect(r.outcome).toEqual({ "s-a": "ok", "s-b": "truncated", "s-c": "truncated" });
    const maxTokens = double.stats().log.map((l) => l.maxTokens ?? 0);
    expect(Math.min(...maxTokens.slice(1))).toBeGreaterThan(0);
    const once = await run("finish-length;once");
    expect(once.outcome).toEqual(ALL_OK);
  });
});

test("content-filter: the cut segments are retried alone, then said to be stopped by the filter, not by a token limit", async () => {
  const r = await run("content-filter");
  expect(r.outcome).toEqual({ "s-a": "ok", "s-b": "bad-reply:refusal", "s-c": "bad-reply:refusal" });
  const err = r.results.get("s-b") as { error: { message: string; reason?: string } };
  expect(err.error.message).toMatch(/content filter/);
  expect(err.error.message).not.toMatch(/token limit/);
  const once = await run("content-filter;once");
  expect(once.outcome).toEqual(ALL_OK);
});

describe("request faults", () => {
  test("loading;once: 503, the translator polls /health and continues", async () => {
    const r = await run("loading;once");
    expect(r.outcome).toEqual(ALL_OK);
    expect(r.statuses).toContain("loading");
    expect(r.requests).toBe(2);
  });

  test("loading that never ends: a loading error after loadingTimeoutMs", async () => {
    const r = await run("loading", { loadingTimeoutMs: 1_200 });
    expect(r.outcome).toEqual({ "s-a": "loading", "s-b": "loading", "s-c": "loading" });
  });

  test.each([
    ["unauthorized", "unauthorized"],
    ["origin-403", "origin-rejected"],
    ["reset", "unreachable"],
  ])("%s: a fatal %s error for every segment, with a fix", async (fault, kind) => {
    const r = await run(fault);
    expect(r.outcome).toEqual({ "s-a": kind, "s-b": kind, "s-c": kind });
    const err = (r.results.get("s-a") as { error: Parameters<typeof isFatalError>[0] }).error;
    expect(isFatalError(err)).toBe(true);
    expect(err.fix).toBeTruthy();
    if (kind === "origin-rejected") expect(err.fix).toContain("OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*");
  });

  test("reset;once: one quiet reconnect, then success", async () => {
    const r = await run("reset;once");
    expect(r.outcome).toEqual(ALL_OK);
  });

  test("server-error (HTTP 500 peg-native): retried alone, then a server-error with the server's message", async () => {
    const r = await run("server-error");
    expect(r.outcome).toEqual({ "s-a": "server-error", "s-b": "server-error", "s-c": "server-error" });
    const err = r.results.get("s-a") as { error: { detail?: string } };
    expect(err.error.detail).toContain("peg-native");
    expect((await run("server-error;once")).outcome).toEqual(ALL_OK);
  });

  test("rate-limit;once (429 with Retry-After): the translator says busy, waits, and sends the batch again", async () => {
    const r = await run("rate-limit;once");
    expect(r.outcome).toEqual(ALL_OK);
    expect(r.statuses).toContain("busy");
    // The batch once more as it was, not each segment alone at once into the same limit.
    expect(r.requests).toBe(2);
  });

  test("a rate limit that outlasts the wait: a busy error that names the limit, after a few requests", async () => {
    const r = await run("rate-limit", { loadingTimeoutMs: 1_500 });
    expect(r.outcome).toEqual({ "s-a": "busy", "s-b": "busy", "s-c": "busy" });
    const err = (r.results.get("s-a") as { error: { message: string; detail?: string } }).error;
    expect(err.message).toMatch(/rate limit|too many requests/i);
    expect(err.detail).toContain("Rate limit reached");
    expect(r.requests).toBeLessThanOrEqual(3);
  });

  test("quota (429 insufficient_quota): a fatal error about the account's credit, asked once", async () => {
    const r = await run("quota");
    expect(r.outcome).toEqual({ "s-a": "quota", "s-b": "quota", "s-c": "quota" });
    const err = (r.results.get("s-a") as { error: Parameters<typeof isFatalError>[0] }).error;
    expect(isFatalError(err)).toBe(true);
    expect(err.message).toMatch(/quota|credit/i);
    expect(err.detail).toContain("exceeded your current quota");
    expect(r.requests).toBe(1);
  });

  test("context-overflow that never goes away: split down to single segments, each a context-overflow", async () => {
    const r = await run("context-overflow");
    expect(r.outcome).toEqual({
      "s-a": "context-overflow",
      "s-b": "context-overflow",
      "s-c": "context-overflow",
    });
    // 3 → [2, 1] → [1, 1]: five requests.
    expect(r.requests).toBe(5);
  });
});

test("an extension origin is accepted by llama-server (echoed), as the real one does", async () => {
  const translator = createLlmTranslator(
    llamaConfig(double.url),
    withHeaders({ Origin: "chrome-extension://abcdefghijklmnop" }),
  );
  expect(outcome(await collect(translator, SEGMENTS))).toEqual(ALL_OK);
});
