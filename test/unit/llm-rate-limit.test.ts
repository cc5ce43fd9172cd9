// Remote APIs' rate limits (HTTP 429): how long the headers say to wait, and a limit that lasts longer than Gloss
// waits for a server (a daily limit) fails the page at once, saying so, instead of holding it.
import { createLlmTranslator, type Transport } from "../../src/llm";
import { retryAfterMs } from "../../src/llm/retry-after";
import { type DoubleHandle, startDouble } from "../double/server";
import { collect, outcome, SEGMENTS } from "../helpers/llm-harness";

const NOW = Date.parse("2026-01-01T00:00:00Z");
const wait = (headers: Record<string, string>): number | undefined => retryAfterMs(new Headers(headers), NOW);

test.each<[Record<string, string>, number | undefined]>([
  [{ "retry-after": "20" }, 20_000],
  [{ "retry-after": "0.5" }, 500],
  [{ "retry-after": "Thu, 01 Jan 2026 00:01:30 GMT" }, 90_000],
  [{ "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" }, 0],
  [{ "retry-after-ms": "1500", "retry-after": "2" }, 1_500],
  [{ "x-ratelimit-reset-requests": "6m0s", "x-ratelimit-reset-tokens": "1.5s" }, 1_500],
  [{ "x-ratelimit-reset-requests": "20ms" }, 20],
  [{ "x-ratelimit-reset-tokens": "1h2m" }, 3_720_000],
  [{ "retry-after": "soon", "x-ratelimit-reset-tokens": "later" }, undefined],
  [{}, undefined],
])("%j → %p ms", (headers, ms) => {
  expect(wait(headers)).toBe(ms);
});

test("a 429 whose Retry-After outlasts the loading wait: one request, a busy error that says how long", async () => {
  let requests = 0;
  const transport: Transport = async (_url, init) => {
    if (init.method !== "POST") return new Response("", { status: 404 });
    requests++;
    const body = { error: { message: "Rate limit reached for requests per day (RPD)", code: "rate_limit_exceeded" } };
    return new Response(JSON.stringify(body), {
      status: 429,
      headers: { "Content-Type": "application/json", "Retry-After": "3600" },
    });
  };
  const config = { preset: "custom" as const, baseUrl: "https://api.example/v1", model: "m", loadingTimeoutMs: 60_000 };
  const results = await collect(createLlmTranslator(config, transport), SEGMENTS);
  expect(outcome(results)).toEqual({ "s-a": "busy", "s-b": "busy", "s-c": "busy" });
  const err = (results.get("s-a") as { error: { message: string; detail?: string } }).error;
  expect(err.message).toContain("60 min");
  expect(err.detail).toContain("requests per day");
  expect(requests).toBe(1);
});

describe("429s that pass, however they are worded", () => {
  let double: DoubleHandle;
  beforeAll(async () => {
    double = await startDouble({ slots: 2, ctx: 4096 });
  });
  afterAll(() => double.close());

  /** The double, behind one 429 answered first. */
  function onceLimited(status: number, body: unknown, headers: Record<string, string>): Transport {
    let limited = false;
    return async (url, init) => {
      if (init.method !== "POST" || limited) return fetch(url, init);
      limited = true;
      return new Response(JSON.stringify(body), {
        status,
        headers: { "Content-Type": "application/json", ...headers },
      });
    };
  }

  test("a request that waited for its slot while another met the limit is not sent into it", async () => {
    let limitedAt: number | undefined;
    let refused = 0;
    // 429 to every request for the second that follows the first 429 (Retry-After: 1).
    const transport: Transport = async (url, init) => {
      if (init.method !== "POST") return fetch(url, init);
      limitedAt ??= Date.now();
      if (Date.now() - limitedAt >= 1000) return fetch(url, init);
      refused++;
      const body = { error: { message: "Rate limit reached for requests", code: "rate_limit_exceeded" } };
      return new Response(JSON.stringify(body), { status: 429, headers: { "Retry-After": "1" } });
    };
    const config = { preset: "custom" as const, baseUrl: double.url, model: "m", maxConcurrent: 1 };
    const translator = createLlmTranslator(config, transport);
    const [first, second] = await Promise.all([
      collect(translator, SEGMENTS.slice(0, 2)),
      collect(translator, SEGMENTS.slice(2)),
    ]);
    expect({ ...outcome(first), ...outcome(second) }).toEqual({ "s-a": "ok", "s-b": "ok", "s-c": "ok" });
    expect(refused).toBe(1);
  });

  test("the computer's clock set back an hour during a rate limit's pause: the batch goes on after the pause", async () => {
    const now = Date.now();
    const clock = jest.spyOn(Date, "now");
    try {
      const body = { error: { message: "Rate limit reached for requests", code: "rate_limit_exceeded" } };
      const config = { preset: "custom" as const, baseUrl: double.url, model: "m" };
      const translator = createLlmTranslator(config, onceLimited(429, body, { "Retry-After": "0.05" }), {
        // Told "busy" as the pause begins: the clock goes back then, for the next looks at it (only those: jest's
        // own test timeout goes by it too).
        onStatus: (s) => {
          if (s === "busy") for (let i = 0; i < 2; i++) clock.mockImplementationOnce(() => now - 3_600_000);
        },
      });
      expect(outcome(await collect(translator, SEGMENTS))).toEqual({ "s-a": "ok", "s-b": "ok", "s-c": "ok" });
    } finally {
      clock.mockRestore();
    }
  });

  test.each<[string, unknown, Record<string, string>]>([
    // Gemini's OpenAI-compatible API: its error in an array, no Retry-After.
    [
      "Gemini's RESOURCE_EXHAUSTED",
      [
        {
          error: {
            code: 429,
            message: "Resource has been exhausted (e.g. check quota).",
            status: "RESOURCE_EXHAUSTED",
          },
        },
      ],
      {},
    ],
    // Quota words, but a time to come back: a limit that passes.
    [
      "'exceeded your current quota' with a Retry-After",
      { error: { code: 429, message: "You exceeded your current quota. Please retry in 1s." } },
      { "Retry-After": "1" },
    ],
  ])("%s: busy, then the batch translated", async (_name, body, headers) => {
    const statuses: string[] = [];
    const config = { preset: "custom" as const, baseUrl: double.url, model: "m", stallTimeoutMs: 5_000 };
    const translator = createLlmTranslator(config, onceLimited(429, body, headers), {
      onStatus: (s) => statuses.push(s),
    });
    expect(outcome(await collect(translator, SEGMENTS))).toEqual({ "s-a": "ok", "s-b": "ok", "s-c": "ok" });
    expect(statuses).toContain("busy");
  });
});
