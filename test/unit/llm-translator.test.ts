// The translator's behaviour over HTTP against the double: streaming emission, concurrency, abort, context
// splitting, model loading, prompt cache, auth and addressing errors (issue items 2, 3, 5, 6).
import { createLlmTranslator, type LlmStats, type LlmStatus, type Transport, translateText } from "../../src/llm";
import type { SegmentResult } from "../../src/shared/translator";
import { buildInstructions } from "../../src/llm/prompt";
import { CONTEXT_HEADING } from "../../src/llm/prompt-rules";
import { type DoubleHandle, startDouble } from "../double/server";
import { useFakeTimersFromNow } from "../helpers/fake-timers-from-now";
import { withClockRunning } from "../helpers/held-timers";
import {
  collect,
  expected,
  holdingReplyEnds,
  llamaConfig,
  outcome,
  recordingPrompts,
  SEGMENTS,
  withoutProps,
} from "../helpers/llm-harness";

jest.setTimeout(30_000);

const many = (n: number, offset = 0) =>
  Array.from({ length: n }, (_, i) => ({
    id: `m${i + offset}`,
    html: `Die Stadt hat im Jahr ${2000 + i + offset} <a1>viele neue Häuser</a1> für junge Familien gebaut.`,
  }));

describe("against a slow double", () => {
  let double: DoubleHandle;
  beforeAll(async () => {
    double = await startDouble({ slots: 2, genTps: 150, promptTps: 2000 });
  });
  afterAll(() => double.close());
  beforeEach(() => double.reset());

  test("emits each segment as soon as its closing marker arrives, before the stream ends", async () => {
    // The reply's end waits until two segments were handed over: a translator that waited for it would hang here.
    const { transport, release } = holdingReplyEnds();
    const translator = createLlmTranslator(llamaConfig(double.url), transport);
    let handedOver = 0;
    const results = await collect(translator, SEGMENTS, {
      onResult: () => {
        if (++handedOver === 2) release();
      },
    });
    expect(outcome(results)).toEqual({ "s-a": "ok", "s-b": "ok", "s-c": "ok" });
  });

  test("the first request goes out before /props answers, two at once until it does", async () => {
    let answerProps: () => void = () => {};
    const propsHeld = new Promise<void>((resolve) => (answerProps = resolve));
    const held: Transport = async (url, init) => {
      if (url.endsWith("/props")) await propsHeld;
      return fetch(url, init);
    };
    const translator = createLlmTranslator(llamaConfig(double.url), held);
    const slots = new Promise<void>((resolve) => {
      let n = 0;
      double.events.on("slot", function seen() {
        if (++n < 2) return;
        double.events.off("slot", seen);
        resolve();
      });
    });
    const first = collect(translator, many(2));
    const second = collect(translator, many(2, 10));
    await slots; // both requests reached the server while /props was still unanswered
    answerProps();
    expect(Object.values(outcome(await first))).toEqual(["ok", "ok"]);
    expect(Object.values(outcome(await second))).toEqual(["ok", "ok"]);
  });

  test("a page's first short segments go with a one-line prompt; later requests with the instructions", async () => {
    const { prompts, transport: recording } = recordingPrompts();
    const translator = createLlmTranslator(llamaConfig(double.url), recording);
    // Two cold slots: the first two single segments are asked in one line and come back without markers.
    const firsts = await Promise.all([collect(translator, many(1)), collect(translator, many(1, 5))]);
    expect(firsts.map((r) => Object.values(outcome(r)))).toEqual([["ok"], ["ok"]]);
    expect(
      prompts.every(
        (p) => p.startsWith("Translate this web page text from German into English") && !p.includes("Rules:"),
      ),
    ).toBe(true);
    // Batches carry the instructions (and warm the slots); once every slot has had them, a single one does too.
    await collect(translator, many(2, 10));
    await collect(translator, many(2, 20));
    await collect(translator, many(1, 30));
    expect(prompts.slice(2).every((p) => p.startsWith("You translate web page text"))).toBe(true);
  });

  test("abort stops the request: the double sees the connection close and the slot is freed", async () => {
    const translator = createLlmTranslator(llamaConfig(double.url));
    const controller = new AbortController();
    const aborted = new Promise((resolve) => double.events.once("abort", resolve));
    // The reply stops where it is as Gloss aborts: on a loaded machine the double could otherwise write the rest in
    // one go (its speed catches up after a pause) and finish before it saw the connection close.
    double.events.once("first-token", () => (double.pause(), controller.abort()));
    const results = await collect(translator, many(6), { signal: controller.signal });
    await aborted;
    expect(results.size).toBeLessThan(6);
    expect([...results.values()].every((r) => !("error" in r))).toBe(true); // abort is silent
    expect(double.stats().inFlight).toBe(0);
    // The slot works for the next request.
    double.resume();
    expect(outcome(await collect(translator, SEGMENTS.slice(0, 1)))).toEqual({ "s-a": "ok" });
  });

  test("a batch aborted while queued in the translator never reaches the server", async () => {
    const controller = new AbortController();
    // Abort the moment the second batch has to wait for the (single) slot.
    const translator = createLlmTranslator(llamaConfig(double.url, { maxConcurrent: 1 }), undefined, {
      onStatus: (s) => s === "waiting-for-slot" && controller.abort(),
    });
    const first = collect(translator, many(4));
    await new Promise((resolve) => double.events.once("slot", resolve));
    const second = await collect(translator, many(2, 10), { signal: controller.signal });
    expect(controller.signal.aborted).toBe(true);
    expect(second.size).toBe(0);
    expect(outcome(await first)).toEqual(Object.fromEntries(many(4).map((s) => [s.id, "ok"])));
    expect(double.stats().chatRequests).toBe(1);
  });
});

describe("concurrency", () => {
  let double: DoubleHandle;
  beforeAll(async () => {
    double = await startDouble({ slots: 2, genTps: 400 });
  });
  afterAll(() => double.close());
  beforeEach(() => double.reset());

  test("one shared translator never has more requests in flight than the server's slots (from /props)", async () => {
    const statuses: LlmStatus[] = [];
    const translator = createLlmTranslator(llamaConfig(double.url), undefined, { onStatus: (s) => statuses.push(s) });
    const batches = [0, 1, 2, 3, 4, 5].map((i) => many(2, i * 2));
    const all = await Promise.all(batches.map((b) => collect(translator, b)));
    expect(all.every((r) => Object.values(outcome(r)).every((o) => o === "ok"))).toBe(true);
    const stats = double.stats();
    expect(stats.chatRequests).toBe(6);
    expect(stats.maxInFlight).toBe(2);
    expect(stats.maxQueued).toBe(0); // the server never had to queue us
    expect(statuses).toContain("waiting-for-slot");
  });

  test("a hidden page's batch (a background tab) waits for the shown page's, though it asked first", async () => {
    const translator = createLlmTranslator(llamaConfig(double.url, { maxConcurrent: 1 }));
    const finished: string[] = [];
    const run = async (name: string, from: number, hidden: boolean) => {
      const opts = { targetLang: "en", sourceLang: "de", signal: new AbortController().signal, hidden: () => hidden };
      for await (const result of translator(many(1, from), opts)) expect("html" in result).toBe(true);
      finished.push(name);
    };
    const busy = run("in the slot", 0, true);
    await new Promise((resolve) => double.events.once("slot", resolve));
    const later = [run("hidden", 1, true), run("shown", 2, false)];
    await Promise.all([busy, ...later]);
    expect(finished).toEqual(["in the slot", "shown", "hidden"]);
  });

  test("a batch queued while its tab was in the background goes before other background tabs' once the reader is back", async () => {
    const translator = createLlmTranslator(llamaConfig(double.url, { maxConcurrent: 1 }));
    const finished: string[] = [];
    let queued = 0;
    let bothQueued: () => void = () => undefined;
    const waiting = new Promise<void>((resolve) => (bothQueued = resolve));
    const onWaiting = (waits: boolean) => {
      if (waits && ++queued === 2) bothQueued();
    };
    const run = async (name: string, from: number, hidden: () => boolean) => {
      const opts = { targetLang: "en", sourceLang: "de", signal: new AbortController().signal, hidden, onWaiting };
      for await (const result of translator(many(1, from), opts)) expect("html" in result).toBe(true);
      finished.push(name);
    };
    const busy = run("in the slot", 0, () => true);
    await new Promise((resolve) => double.events.once("slot", resolve));
    let readerAway = true;
    const later = [run("still in the background", 1, () => true), run("back in front", 2, () => readerAway)];
    // Both wait for the slot, the second asked last; then the reader comes back to its tab.
    await waiting;
    readerAway = false;
    await Promise.all([busy, ...later]);
    expect(finished).toEqual(["in the slot", "back in front", "still in the background"]);
  });

  test("a look-up asked while page batches are queued is sent before them, told it waited and when it stopped", async () => {
    const { prompts, transport } = recordingPrompts();
    const translator = createLlmTranslator(llamaConfig(double.url, { maxConcurrent: 1 }), transport);
    const sent: string[] = [];
    const run = async (name: string, batch: ReturnType<typeof many>, extra: object = {}) => {
      const opts = { targetLang: "en", sourceLang: "de", signal: new AbortController().signal, ...extra };
      for await (const result of translator(batch, opts)) expect("html" in result).toBe(true);
      sent.push(name);
    };
    const busy = run("in the slot", many(2, 0));
    await new Promise((resolve) => double.events.once("slot", resolve));
    const pages = [run("page 1", many(2, 2)), run("page 2", many(2, 4))];
    const waiting: boolean[] = [];
    const word = { id: "w", html: "Häuser" };
    const lookup = run("look-up", [word], { lookup: true, onWaiting: (w: boolean) => waiting.push(w) });
    await Promise.all([busy, ...pages, lookup]);
    // The batch in the slot ran to its end; the look-up then went first.
    expect(sent).toEqual(["in the slot", "look-up", "page 1", "page 2"]);
    expect(prompts[1]).toMatch(/\]Häuser\[\/\]$/);
    expect(waiting).toEqual([true, false]);
  });

  test("a look-up's sentence goes in as context after the constant instructions, even on a cold slot", async () => {
    const { prompts, transport } = recordingPrompts();
    const translator = createLlmTranslator(llamaConfig(double.url), transport);
    const context = 'Page title: Bahn\nSelected from the sentence: "Der Zug fährt um acht ab."';
    const opts = { targetLang: "en", sourceLang: "de", signal: new AbortController().signal, context, lookup: true };
    for await (const result of translator([{ id: "w", html: "Zug" }], opts)) expect(result.id).toBe("w");
    // The full prompt (the one-line prompt would leave the sentence out), its cached prefix as for any page.
    expect(prompts[0]!.startsWith(buildInstructions({ targetLang: "en", sourceLang: "de" }))).toBe(true);
    expect(prompts[0]).toContain(`${CONTEXT_HEADING}\nPage title: Bahn\nSelected from the sentence: "Der Zug fährt`);
    expect(prompts[0]).toMatch(/\]Zug\[\/\]$/);
  });

  test("maxConcurrent overrides the slot count", async () => {
    const translator = createLlmTranslator(llamaConfig(double.url, { maxConcurrent: 1 }));
    await Promise.all([0, 1, 2].map((i) => collect(translator, many(1, i))));
    expect(double.stats().maxInFlight).toBe(1);
  });
});

describe("context size", () => {
  let double: DoubleHandle;
  beforeAll(async () => {
    // Room for the instructions and a few segments, not for twelve.
    double = await startDouble({ slots: 1, ctx: 700 });
  });
  afterAll(() => double.close());
  beforeEach(() => double.reset());

  test("400 exceed_context_size_error splits the batch in halves until it fits", async () => {
    const translator = createLlmTranslator(llamaConfig(double.url), withoutProps);
    const batch = many(24);
    const results = await collect(translator, batch);
    expect(Object.values(outcome(results))).toEqual(batch.map(() => "ok"));
    const statuses = double.stats().log.map((l) => l.status);
    expect(statuses[0]).toBe(400);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(1);
  });

  test("knowing n_ctx from /props, it splits before asking and max_tokens stays inside the context", async () => {
    // /props is asked alongside the first request, never before it: once its answer was read (its body, then the
    // translator's reactions to it, a task), the context is known.
    let answered!: () => void;
    const propsAnswered = new Promise<void>((resolve) => (answered = resolve));
    const translator = createLlmTranslator(llamaConfig(double.url), async (url, init) => {
      const res = await fetch(url, init);
      if (new URL(url).pathname === "/props")
        void res
          .clone()
          .text()
          .then(() => setTimeout(answered, 0));
      return res;
    });
    await collect(translator, many(1));
    await propsAnswered;
    double.reset();
    const results = await collect(translator, many(24));
    expect(Object.values(outcome(results)).every((o) => o === "ok")).toBe(true);
    const log = double.stats().log;
    expect(log.every((l) => l.status === 200)).toBe(true);
    for (const l of log) expect((l.promptTokens ?? 0) + (l.maxTokens ?? 0)).toBeLessThanOrEqual(700 + 50);
  });

  test("without /props, the n_ctx of one 400 exceed_context_size_error is learnt: later batches fit before asking", async () => {
    const translator = createLlmTranslator(llamaConfig(double.url), withoutProps);
    await collect(translator, many(24));
    expect(double.stats().log.some((l) => l.status === 400)).toBe(true);
    double.reset();
    const results = await collect(translator, many(24, 100));
    expect(Object.values(outcome(results)).every((o) => o === "ok")).toBe(true);
    // Not one refusal more: each batch went out split to the size the first refusal named (n_ctx 700).
    const log = double.stats().log;
    expect(log.map((l) => l.status).filter((s) => s !== 200)).toEqual([]);
    for (const l of log) expect((l.promptTokens ?? 0) + (l.maxTokens ?? 0)).toBeLessThanOrEqual(700 + 50);
  });

  test("a single segment too long for the context is a context-overflow error", async () => {
    const translator = createLlmTranslator(llamaConfig(double.url), withoutProps);
    const long = { id: "long", html: "Ein sehr langer Satz mit vielen Wörtern. ".repeat(120) };
    const results = await collect(translator, [long]);
    expect(outcome(results)).toEqual({ long: "context-overflow" });
    // The fix names llama-server's own way to more room per slot.
    const error = (results.get("long") as Extract<SegmentResult, { error: unknown }>).error;
    expect(error.fix).toContain("llama-server -hf bartowski/gemma-2-2b-it-GGUF:Q4_K_M -np 2 -c 16384");
  });
});

describe("server states and settings", () => {
  test("503 while the model loads: waits (status 'loading'), then translates", async () => {
    // The double's loading goes by its own clock, moved on once Gloss says it waits: on the wall clock a loaded
    // machine could send the first request after the 800 ms were over.
    let now = 0;
    const double = await startDouble({ loadingMs: 800, clock: () => now });
    try {
      const statuses: LlmStatus[] = [];
      const translator = createLlmTranslator(llamaConfig(double.url), undefined, {
        onStatus: (s) => {
          statuses.push(s);
          if (s === "loading") now += 800;
        },
      });
      expect(outcome(await collect(translator, SEGMENTS))).toEqual({ "s-a": "ok", "s-b": "ok", "s-c": "ok" });
      expect(statuses).toContain("loading");
      expect(statuses[statuses.length - 1]).toBe("generating");
    } finally {
      await double.close();
    }
  });

  test('503 "server busy" from a server without /health (Ollama): asked again after ever longer pauses, not hammered', async () => {
    let chats = 0;
    const busy: Transport = async (url) => {
      if (!url.endsWith("/chat/completions")) return new Response("404 page not found", { status: 404 });
      chats++;
      return new Response(
        JSON.stringify({ error: "server busy, please try again.  maximum pending requests exceeded" }),
        {
          status: 503,
          headers: { "Content-Type": "application/json" },
        },
      );
    };
    const config = { preset: "ollama" as const, baseUrl: "http://127.0.0.1:11434/v1", model: "gemma2:2b" };
    const statuses: LlmStatus[] = [];
    const translator = createLlmTranslator({ ...config, loadingTimeoutMs: 4_000 }, busy, {
      onStatus: (s) => statuses.push(s),
    });
    // The pauses on a clock of the test's own, which moves on to the next one whenever nothing else is left to do.
    useFakeTimersFromNow();
    const results = await withClockRunning(collect(translator, [SEGMENTS[0]!])).finally(() => jest.useRealTimers());
    // Pauses of 0.25, 0.5, 1 and 2 s fit in the 4 s it waits: the first request and at most four more (at a fixed
    // quarter second it was sixteen).
    expect(chats).toBeLessThanOrEqual(5);
    // Said as it is: busy, not loading a model (Ollama never answers 503 while it loads).
    expect(outcome(results)).toEqual({ "s-a": "busy" });
    expect(statuses).toContain("busy");
    expect(statuses).not.toContain("loading");
    const error = (results.get("s-a") as Extract<SegmentResult, { error: unknown }>).error;
    expect(error.message).toMatch(/^The server at http:\/\/127\.0\.0\.1:11434\/v1 stayed too busy with other requests/);
    expect(error.message).not.toMatch(/loading/);
    expect(error.fix).toContain("OLLAMA_MAX_QUEUE");
  });

  test("a remote API's 503 'overloaded': said as busy, not as a model loading, with no Ollama advice", async () => {
    const overloaded: Transport = async (url) => {
      if (!url.endsWith("/chat/completions")) return new Response("not found", { status: 404 });
      const error = { message: "The engine is currently overloaded, please try again later", type: "server_error" };
      return new Response(JSON.stringify({ error }), { status: 503, headers: { "Content-Type": "application/json" } });
    };
    const config = { preset: "custom" as const, baseUrl: "https://api.example.com/v1", model: "gpt-4o-mini" };
    const statuses: LlmStatus[] = [];
    const translator = createLlmTranslator({ ...config, loadingTimeoutMs: 1_000 }, overloaded, {
      onStatus: (s) => statuses.push(s),
    });
    useFakeTimersFromNow();
    const results = await withClockRunning(collect(translator, [SEGMENTS[0]!])).finally(() => jest.useRealTimers());
    expect(outcome(results)).toEqual({ "s-a": "busy" });
    expect(statuses).not.toContain("loading");
    const error = (results.get("s-a") as Extract<SegmentResult, { error: unknown }>).error;
    expect(error.message).toMatch(/stayed too busy with other requests/);
    expect(error.fix).not.toContain("OLLAMA");
  });

  test("Ollama's full queue for a moment: Gloss says the server is busy, waits, then translates", async () => {
    let now = 0;
    const double = await startDouble({ mode: "ollama", loadingMs: 800, clock: () => now });
    try {
      const statuses: LlmStatus[] = [];
      const config = { preset: "ollama" as const, baseUrl: `${double.url}/v1`, model: "gemma2:2b" };
      const translator = createLlmTranslator(config, undefined, {
        onStatus: (s) => {
          statuses.push(s);
          if (s === "busy") now += 800; // the queue empties once Gloss says it waits
        },
      });
      expect(outcome(await collect(translator, SEGMENTS))).toEqual({ "s-a": "ok", "s-b": "ok", "s-c": "ok" });
      expect(statuses).toContain("busy");
      expect(statuses).not.toContain("loading");
      expect(statuses[statuses.length - 1]).toBe("generating");
    } finally {
      await double.close();
    }
  });

  test("the request: stream, temperature 0, bounded max_tokens, cache_prompt only for llama-server, Bearer key", async () => {
    const double = await startDouble({ apiKey: "secret" });
    const seen: Record<string, unknown>[] = [];
    const headers: Headers[] = [];
    const spy = (url: string, init: RequestInit) => {
      if (url.endsWith("/chat/completions")) {
        seen.push(JSON.parse(String(init.body)) as Record<string, unknown>);
        headers.push(new Headers(init.headers));
      }
      return fetch(url, init);
    };
    try {
      await collect(createLlmTranslator(llamaConfig(double.url, { apiKey: "secret" }), spy), SEGMENTS);
      await collect(
        createLlmTranslator({ preset: "custom", baseUrl: `${double.url}/v1/`, apiKey: "secret", model: "m" }, spy),
        SEGMENTS,
      );
      const [llama, custom] = seen as [Record<string, unknown>, Record<string, unknown>];
      expect(llama).toMatchObject({ stream: true, temperature: 0, cache_prompt: true });
      expect(llama.model).toBeUndefined();
      expect(llama.max_tokens).toBeGreaterThan(50);
      expect(llama.max_tokens).toBeLessThan(400);
      expect(custom).toMatchObject({ stream: true, temperature: 0, model: "m" });
      expect(custom.cache_prompt).toBeUndefined();
      expect(headers[0]?.get("authorization")).toBe("Bearer secret");
      const noKey = await collect(createLlmTranslator(llamaConfig(double.url)), SEGMENTS.slice(0, 1));
      expect(outcome(noKey)).toEqual({ "s-a": "unauthorized" });
    } finally {
      await double.close();
    }
  });

  test("instructions first: the second request reuses the cached prefix (onStats)", async () => {
    const double = await startDouble({ slots: 1 });
    try {
      const stats: LlmStats[] = [];
      const translator = createLlmTranslator(llamaConfig(double.url), undefined, { onStats: (s) => stats.push(s) });
      await collect(translator, SEGMENTS.slice(0, 2));
      await collect(translator, SEGMENTS.slice(2));
      expect(stats).toHaveLength(2);
      expect(stats[0]?.cachedTokens).toBe(0);
      expect(stats[1]?.cachedTokens).toBeGreaterThan(200);
      expect(stats[1]?.completionTokens).toBeGreaterThan(0);
      expect(stats[1]?.durationMs).toBeGreaterThanOrEqual(0);
    } finally {
      await double.close();
    }
  });

  test("a base URL on the wrong path (Ollama's /api) is not-found, and the message says so", async () => {
    const double = await startDouble();
    try {
      const results = await collect(createLlmTranslator(llamaConfig(`${double.url}/api`)), SEGMENTS.slice(0, 1));
      const r = results.get("s-a") as Extract<SegmentResult, { error: unknown }>;
      expect(r.error.kind).toBe("not-found");
      expect(r.error.message).toContain("/api");
      expect(r.error.fix).toContain("/v1");
    } finally {
      await double.close();
    }
  });

  test("nothing listening: unreachable, with how to start the server", async () => {
    const double = await startDouble();
    const url = double.url;
    await double.close();
    const results = await collect(createLlmTranslator(llamaConfig(url)), SEGMENTS);
    expect(outcome(results)).toEqual({ "s-a": "unreachable", "s-b": "unreachable", "s-c": "unreachable" });
    const r = results.get("s-a") as Extract<SegmentResult, { error: unknown }>;
    expect(r.error.fix).toContain("llama-server");
  });

  test("invalid settings: bad-config without any request", async () => {
    const results = await collect(
      createLlmTranslator({ preset: "ollama", baseUrl: "http://127.0.0.1:1/v1" }),
      SEGMENTS,
    );
    expect(outcome(results)).toEqual({ "s-a": "bad-config", "s-b": "bad-config", "s-c": "bad-config" });
    const empty = await collect(createLlmTranslator({ preset: "custom", baseUrl: " " }), SEGMENTS.slice(0, 1));
    expect(outcome(empty)).toEqual({ "s-a": "bad-config" });
  });
});

describe("Ollama-like double", () => {
  let double: DoubleHandle;
  beforeAll(async () => {
    double = await startDouble({ mode: "ollama", ollamaOrigins: ["moz-extension://*"] });
  });
  afterAll(() => double.close());

  const ollama = (extra = {}) => ({
    preset: "ollama" as const,
    baseUrl: `${double.url}/v1`,
    model: "gemma2:2b",
    ...extra,
  });
  const asExtension = (origin: string) => (url: string, init: RequestInit) =>
    fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), Origin: origin } });

  test("translates with the model named, include_usage stats", async () => {
    const stats: LlmStats[] = [];
    const results = await collect(
      createLlmTranslator(ollama(), undefined, { onStats: (s) => stats.push(s) }),
      SEGMENTS,
    );
    expect(outcome(results)).toEqual({ "s-a": "ok", "s-b": "ok", "s-c": "ok" });
    expect(results.get("s-a")).toEqual({ id: "s-a", html: expected(SEGMENTS[0] as (typeof SEGMENTS)[number]) });
    expect(stats[0]?.promptTokens).toBeGreaterThan(0);
  });

  test("an extension origin gets the empty 403 unless allowed; the error names OLLAMA_ORIGINS", async () => {
    const rejected = await collect(createLlmTranslator(ollama(), asExtension("chrome-extension://abcdef")), SEGMENTS);
    expect(outcome(rejected)).toEqual({ "s-a": "origin-rejected", "s-b": "origin-rejected", "s-c": "origin-rejected" });
    const r = rejected.get("s-a") as Extract<SegmentResult, { error: unknown }>;
    expect(r.error.fix).toContain("OLLAMA_ORIGINS='chrome-extension://*,moz-extension://*' ollama serve");
    expect(r.error.fix).toContain("$env:OLLAMA_ORIGINS='chrome-extension://*,moz-extension://*'; ollama serve");
    const allowed = await collect(createLlmTranslator(ollama(), asExtension("moz-extension://1234-5678")), SEGMENTS);
    expect(outcome(allowed)).toEqual({ "s-a": "ok", "s-b": "ok", "s-c": "ok" });
  });

  test("a cloud model while not signed in (401): sign in to ollama.com, not an API key Ollama never asks for", async () => {
    // Ollama's answer through /v1 (server/routes.go, middleware/openai.go), as the double has no cloud.
    const cloud: Transport = async () =>
      new Response(JSON.stringify({ error: { message: "unauthorized", type: "api_error", param: null, code: null } }), {
        status: 401,
        headers: { "Content-Type": "application/json" },
      });
    const results = await collect(
      createLlmTranslator(ollama({ model: "gpt-oss:120b-cloud" }), cloud),
      SEGMENTS.slice(0, 1),
    );
    const r = results.get("s-a") as Extract<SegmentResult, { error: unknown }>;
    expect(r.error.kind).toBe("unauthorized");
    expect(r.error.message).toContain("gpt-oss:120b-cloud");
    expect(r.error.message).not.toMatch(/API key/);
    expect(r.error.fix).toContain("ollama signin");
    expect(r.error.fix).toMatch(/local model/);
    // A local model behind something that wants a key: the key is the fix.
    const proxied = await collect(createLlmTranslator(ollama({ model: "gemma2:2b" }), cloud), SEGMENTS.slice(0, 1));
    const p = proxied.get("s-a") as Extract<SegmentResult, { error: unknown }>;
    expect(p.error.message).toMatch(/needs an API key/);
  });

  test("a model the server does not have: not-found naming the model and ollama pull", async () => {
    const results = await collect(createLlmTranslator(ollama({ model: "llama9:70b" })), SEGMENTS.slice(0, 1));
    const r = results.get("s-a") as Extract<SegmentResult, { error: unknown }>;
    expect(r.error.kind).toBe("not-found");
    expect(r.error.fix).toContain("ollama pull llama9:70b");
  });
});

describe("LM Studio", () => {
  /** LM Studio 0.4's answer to a model it cannot use: HTTP 400, where other servers (and its 0.3) say 404. */
  const answers =
    (body: unknown): Transport =>
    async () =>
      new Response(JSON.stringify(body), { status: 400, headers: { "Content-Type": "application/json" } });
  const lmstudio = { preset: "lmstudio" as const, baseUrl: "http://127.0.0.1:1234/v1", model: "gemma-2-2b-it" };

  test.each([
    [
      "a model that is not downloaded",
      {
        error: {
          message:
            'Invalid model identifier "gemma-2-2b-it". Please specify a valid downloaded model (e.g., qwen3-8b).',
          type: "invalid_request_error",
          param: "model",
          code: "model_not_found",
        },
      },
    ],
    [
      "none loaded",
      { error: "No models loaded. Please load a model in the developer page or use the 'lms load' command." },
    ],
  ])("%s (HTTP 400): not-found, with how to load the model in LM Studio", async (_case, body) => {
    const results = await collect(createLlmTranslator(lmstudio, answers(body)), SEGMENTS.slice(0, 1));
    const r = results.get("s-a") as Extract<SegmentResult, { error: unknown }>;
    expect(r.error.kind).toBe("not-found");
    expect(r.error.message).toContain('"gemma-2-2b-it"');
    expect(r.error.fix).toContain("lms load gemma-2-2b-it");
  });

  test("any other 400 stays a server error", async () => {
    const body = { error: { message: "Unexpected field 'foo'", type: "invalid_request_error" } };
    const results = await collect(createLlmTranslator(lmstudio, answers(body)), SEGMENTS.slice(0, 1));
    expect(outcome(results)).toEqual({ "s-a": "server-error" });
  });
});

/** A transport whose requests can be awaited to their last byte: the translator asks /props on its own after its first
 * request, and an answer that came after the file ended would reach a test environment jest already took down. */
function awaitedTransport(): { transport: Transport; settled: () => Promise<void> } {
  const pending: Promise<unknown>[] = [];
  const transport: Transport = (url, init) => {
    const response = globalThis.fetch(url, init);
    pending.push(response.then((r) => r.clone().text()).catch(() => undefined));
    return response;
  };
  const settled = async (): Promise<void> => {
    await Promise.allSettled(pending);
    await new Promise((done) => setImmediate(done)); // the reader of the last body runs its end
  };
  return { transport, settled };
}

test("translateText: plain text in, plain text out (the options page's sample)", async () => {
  const double = await startDouble();
  const { transport, settled } = awaitedTransport();
  try {
    const stats: LlmStats[] = [];
    const text = await translateText(llamaConfig(double.url), "Hallo Welt & <alle> Leute", "en", transport, {
      onStats: (s) => stats.push(s),
    });
    expect(text).toBe("Hello world & <all> people");
    expect(stats).toHaveLength(1);
    await expect(
      translateText(llamaConfig(double.url, { apiKey: "x" }), "Hallo", "en", transport),
    ).resolves.toBeTruthy();
  } finally {
    await settled();
    await double.close();
  }
});
