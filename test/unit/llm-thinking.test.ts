// A thinking model (Qwen3 and the like) behind each server: Gloss asks the servers that have a switch not to let it
// think, leaves room for a model that thinks anyway, and says so when the thinking still left no room for the reply.
// The real translator against the double over HTTP (its `reasoning` faults: test/double/reasoning.ts).
import { createLlmTranslator, type LlmStats } from "../../src/llm";
import type { TranslateError } from "../../src/shared/translator";
import { type DoubleHandle, startDouble } from "../double/server";
import { collect, expected, llamaConfig, outcome, SEGMENTS, withFault, withoutProps } from "../helpers/llm-harness";
import type { Transport } from "../../src/llm";

jest.setTimeout(30_000);

const ALL_OK = { "s-a": "ok", "s-b": "ok", "s-c": "ok" };

/** fetch with a fault for the double, keeping each chat request's body. */
function recording(fault: string): { bodies: Record<string, unknown>[]; transport: Transport } {
  const bodies: Record<string, unknown>[] = [];
  const faulty = withFault(fault);
  const transport: Transport = (url, init) => {
    if (url.endsWith("/chat/completions") && typeof init.body === "string") bodies.push(JSON.parse(init.body));
    return faulty(url, init);
  };
  return { bodies, transport };
}

function expectTranslated(results: Map<string, unknown>): void {
  for (const seg of SEGMENTS) expect(results.get(seg.id)).toEqual({ id: seg.id, html: expected(seg) });
}

/** llama-server (the double's default: 2 slots, 4096 tokens each), for every test here but Ollama's. */
let double: DoubleHandle;
beforeAll(async () => {
  double = await startDouble({ slots: 2, ctx: 4096 });
});
afterAll(() => double.close());
beforeEach(() => double.reset());

describe("llama-server", () => {
  test("asks the model not to think: one request, no reasoning, every segment translated", async () => {
    const { bodies, transport } = recording("reasoning");
    const results = await collect(createLlmTranslator(llamaConfig(double.url), transport), SEGMENTS);
    expect(outcome(results)).toEqual(ALL_OK);
    expectTranslated(results);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]?.chat_template_kwargs).toEqual({ enable_thinking: false });
    expect(double.stats().log.map((r) => r.reasoningTokens)).toEqual([0]);
  });

  test("a model that thinks anyway: the cut reply is asked again with room for the thinking, and later batches get it at once", async () => {
    const stats: LlmStats[] = [];
    const { bodies, transport } = recording("reasoning-always");
    const translator = createLlmTranslator(llamaConfig(double.url), transport, { onStats: (s) => stats.push(s) });
    const results = await collect(translator, SEGMENTS);
    expect(outcome(results)).toEqual(ALL_OK);
    expectTranslated(results);
    // The first reply spent its whole limit reasoning; each segment then alone, with room for the reasoning.
    const log = double.stats().log;
    expect(log[0]?.reasoningTokens).toBe(log[0]?.maxTokens);
    expect(log.slice(1).map((r) => r.status)).toEqual([200, 200, 200]);
    expect(stats[0]?.reasoningChars).toBeGreaterThan(0);
    for (const body of bodies.slice(1)) expect(body.max_tokens).toBeGreaterThan(1024);

    // The next batch goes whole, in one request, with the room from the start.
    double.reset();
    const again = await collect(translator, SEGMENTS);
    expect(outcome(again)).toEqual(ALL_OK);
    expect(double.stats().chatRequests).toBe(1);
  });

  test("reasoning longer than the usual room: the retry gets half as much again as the reasoning it saw", async () => {
    const REASONING = 6000; // characters, about 1,900 tokens: more than the 1,024 left for reasoning by default
    const bodies: Record<string, unknown>[] = [];
    const transport: Transport = async (url, init) => {
      if (!url.endsWith("/chat/completions")) return fetch(url, init);
      bodies.push(JSON.parse(init.body as string));
      if (bodies.length > 1) return fetch(url, init);
      const event = (delta: object, finish: string | null = null) =>
        `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      const body =
        event({ reasoning_content: "Hmm. ".repeat(REASONING / 5) }) + event({}, "length") + "data: [DONE]\n\n";
      return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
    };
    const results = await collect(createLlmTranslator(llamaConfig(double.url), transport), SEGMENTS);
    expect(outcome(results)).toEqual(ALL_OK);
    expect(bodies).toHaveLength(4);
    for (const body of bodies.slice(1)) expect(body.max_tokens).toBeGreaterThan(((REASONING / 3.2) * 3) / 2);
  });

  test("thinking that leaves no room for the reply however much it gets says so, and how to turn it off", async () => {
    // A context so small that the reasoning (352 tokens) fills what the prompt (~320) leaves of it.
    const small = await startDouble({ slots: 1, ctx: 700 });
    try {
      const results = await collect(
        createLlmTranslator(llamaConfig(small.url), withFault("reasoning-always")),
        SEGMENTS,
      );
      expect(outcome(results)).toEqual({ "s-a": "thinking", "s-b": "thinking", "s-c": "thinking" });
      const { error } = results.get("s-a") as { error: TranslateError };
      expect(error.message).toBe("The model spent its reply thinking and stopped before it finished the translation.");
      expect(error.fix).toContain("start llama-server with --reasoning off");
    } finally {
      await small.close();
    }
  });

  // Long reasoning streamed token by token, against the stream's byte bound (client.ts).
  /** One token of a stream as llama-server sends it: some 230 bytes of JSON around a few characters. */
  const token = (delta: object, finish: string | null = null) =>
    `data: ${JSON.stringify({
      choices: [{ finish_reason: finish, index: 0, delta }],
      created: 1767225600,
      id: "chatcmpl-3kQy8WcQm4Xr0Jb1nT7vZpL2sHdA9eFg",
      model: "Qwen3-8B-Q4_K_M.gguf",
      system_fingerprint: "b6500-3c01157",
      object: "chat.completion.chunk",
    })}\n\n`;
  const TOKENS = 8000; // about 1.9 MB of stream: more than a short segment's reply may take on the wire

  /** First a reply whose reasoning the limit cut (so that the room for reasoning grows past TOKENS), then
   * TOKENS tokens of reasoning, each in its own chunk, and the double's reply. */
  function longThinker(inline: boolean): { bodies: Record<string, unknown>[]; transport: Transport } {
    const bodies: Record<string, unknown>[] = [];
    const transport: Transport = async (url, init) => {
      if (!url.endsWith("/chat/completions")) return withoutProps(url, init);
      bodies.push(JSON.parse(init.body as string));
      if (bodies.length === 1) {
        const cut = token({ reasoning_content: " Hmm".repeat(TOKENS * 2) }, "length") + "data: [DONE]\n\n";
        return new Response(cut, { status: 200, headers: { "content-type": "text/event-stream" } });
      }
      const thought = Array.from({ length: TOKENS }, () =>
        token(inline ? { content: " Hmm" } : { reasoning_content: " Hmm" }),
      );
      const reply = await (await fetch(url, init)).text();
      const body = inline
        ? token({ content: "<think>" }) + thought.join("") + token({ content: "</think>\n" }) + reply
        : thought.join("") + reply;
      return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
    };
    return { bodies, transport };
  }
  const seg = SEGMENTS[2] as (typeof SEGMENTS)[number];

  test.each([
    ["apart, in reasoning_content", false],
    ["in the reply, in a think block", true],
  ])("reasoning %s within the token limit is not taken for a runaway stream", async (_how, inline) => {
    const { bodies, transport } = longThinker(inline);
    const results = await collect(createLlmTranslator(llamaConfig(double.url), transport), [seg]);
    expect(outcome(results)).toEqual({ [seg.id]: "ok" });
    expect(results.get(seg.id)).toEqual({ id: seg.id, html: expected(seg) });
    expect(bodies).toHaveLength(2);
    expect(bodies[1]?.max_tokens).toBeGreaterThan(TOKENS);
  });

  test("reasoning past what max_tokens could hold (a server that ignores it) is still stopped", async () => {
    let cancelled = 0;
    const endless: Transport = async (url, init) => {
      if (!url.endsWith("/chat/completions")) return withoutProps(url, init);
      const stream = new ReadableStream<Uint8Array>({
        pull: (c) => c.enqueue(new TextEncoder().encode(token({ reasoning_content: " Hmm" }).repeat(64))),
        cancel: () => void cancelled++,
      });
      return new Response(stream, { status: 200, headers: { "content-type": "text/event-stream" } });
    };
    const results = await collect(createLlmTranslator(llamaConfig(double.url), endless), [seg]);
    expect(outcome(results)).toEqual({ [seg.id]: "bad-reply:length-ratio" });
    expect(cancelled).toBe(2);
  });
});

describe("reasoning left in the reply as <think>…</think> (a server that does not split it off)", () => {
  const event = (content: string, finish: string | null = null) =>
    `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;
  /** Long reasoning that quotes the markers, as a thinking model's does. */
  const THOUGHT = "Segment [1] is about the city; [2] keeps <b1> around the same words. ".repeat(120);

  /** The double's reply, with the model's reasoning written into it first. */
  const thinkingFirst: Transport = async (url, init) => {
    const res = await fetch(url, init);
    if (!url.endsWith("/chat/completions")) return res;
    const body = event(`<think>${THOUGHT}</think>\n`) + (await res.text());
    return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
  };

  test("long reasoning before the reply is not taken for a runaway reply: every segment translated", async () => {
    expect(THOUGHT.length).toBeGreaterThan(6000); // more than the three segments' reply may run to
    const stats: LlmStats[] = [];
    const results = await collect(
      createLlmTranslator(llamaConfig(double.url), thinkingFirst, { onStats: (s) => stats.push(s) }),
      SEGMENTS,
    );
    expect(outcome(results)).toEqual(ALL_OK);
    expectTranslated(results);
    expect(double.stats().chatRequests).toBe(1);
    expect(stats[0]?.reasoningChars).toBe(THOUGHT.length);
  });

  test("the same reasoning sent both apart and in the reply counts once", async () => {
    const both: Transport = async (url, init) => {
      const res = await fetch(url, init);
      if (!url.endsWith("/chat/completions")) return res;
      const delta = { reasoning_content: THOUGHT, content: `<think>${THOUGHT}</think>\n` };
      const first = `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`;
      return new Response(first + (await res.text()), {
        status: 200,
        headers: { "content-type": "text/event-stream" },
      });
    };
    const stats: LlmStats[] = [];
    const results = await collect(
      createLlmTranslator(llamaConfig(double.url), both, { onStats: (s) => stats.push(s) }),
      SEGMENTS,
    );
    expect(outcome(results)).toEqual(ALL_OK);
    expect(stats[0]?.reasoningChars).toBe(THOUGHT.length);
  });

  test("reasoning that the token limit cuts before the reply says so", async () => {
    const cutInThought: Transport = async (url, init) => {
      if (!url.endsWith("/chat/completions")) return fetch(url, init);
      const body = event(`<think>${THOUGHT.slice(0, 500)}`) + event("", "length") + "data: [DONE]\n\n";
      return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
    };
    const results = await collect(createLlmTranslator(llamaConfig(double.url), cutInThought), SEGMENTS);
    expect(outcome(results)).toEqual({ "s-a": "thinking", "s-b": "thinking", "s-c": "thinking" });
  });

  test("an empty think block (a model that skipped its thinking, as R1's distills do) is no reasoning", async () => {
    const stats: LlmStats[] = [];
    const bodies: Record<string, unknown>[] = [];
    const cutAfterEmptyThought: Transport = async (url, init) => {
      const res = await withFault("finish-length")(url, init);
      if (!url.endsWith("/chat/completions")) return res;
      bodies.push(JSON.parse(init.body as string));
      const body = event("<think>\n\n</think>\n\n") + (await res.text());
      return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
    };
    const translator = createLlmTranslator(llamaConfig(double.url), cutAfterEmptyThought, {
      onStats: (s) => stats.push(s),
    });
    const results = await collect(translator, SEGMENTS);
    // Cut by the token limit for want of room for the translation, not for thinking; no room is added for it.
    expect(Object.values(outcome(results))).toContain("truncated");
    expect(Object.values(outcome(results))).not.toContain("thinking");
    expect(stats.every((s) => !s.reasoningChars)).toBe(true);
    const first = bodies[0]?.max_tokens as number;
    double.reset();
    bodies.length = 0;
    await collect(translator, SEGMENTS);
    expect(bodies[0]?.max_tokens).toBe(first);
  });
});

describe("reasoning whose <think> the chat template wrote (only its close is in the reply)", () => {
  test("the reasoning, quoting the markers, never becomes a translation: every segment translated, counted as reasoning", async () => {
    const stats: LlmStats[] = [];
    const translator = createLlmTranslator(llamaConfig(double.url), withFault("reasoning-in-reply"), {
      onStats: (s) => stats.push(s),
    });
    const results = await collect(translator, SEGMENTS);
    expect(outcome(results)).toEqual(ALL_OK);
    expectTranslated(results);
    // The first reply was cut while it reasoned: nothing of it was taken, and the retries had room for the reasoning.
    expect(stats.some((s) => (s.reasoningChars ?? 0) > 0)).toBe(true);
    const log = double.stats().log;
    expect(log[0]?.reasoningTokens).toBe(log[0]?.maxTokens);
    expect(log.at(-1)?.status).toBe(200);
  });

  test("reasoning that ends within the limit: one request, the reply after it taken whole", async () => {
    const event = (content: string) =>
      `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
    const THOUGHT = "Okay, [1] is about the city, [2] keeps <b1> around the same words. ".repeat(40);
    const unopened: Transport = async (url, init) => {
      const res = await fetch(url, init);
      if (!url.endsWith("/chat/completions")) return res;
      const body = event(THOUGHT) + event("</think>\n\n") + (await res.text());
      return new Response(body, { status: 200, headers: { "content-type": "text/event-stream" } });
    };
    const stats: LlmStats[] = [];
    const translator = createLlmTranslator(llamaConfig(double.url), unopened, { onStats: (s) => stats.push(s) });
    const results = await collect(translator, SEGMENTS);
    expect(outcome(results)).toEqual(ALL_OK);
    expectTranslated(results);
    expect(double.stats().chatRequests).toBe(1);
    expect(stats[0]?.reasoningChars).toBe(THOUGHT.length);
  });
});

describe("Ollama", () => {
  let double: DoubleHandle;
  beforeAll(async () => {
    double = await startDouble({ mode: "ollama" });
  });
  afterAll(() => double.close());
  beforeEach(() => double.reset());

  const config = () => ({ preset: "ollama" as const, baseUrl: `${double.url}/v1`, model: "gemma2:2b" });

  test("asks for reasoning_effort none: one request, no reasoning, every segment translated", async () => {
    const { bodies, transport } = recording("reasoning");
    const results = await collect(createLlmTranslator(config(), transport), SEGMENTS);
    expect(outcome(results)).toEqual(ALL_OK);
    expectTranslated(results);
    expect(bodies.map((b) => b.reasoning_effort)).toEqual(["none"]);
    expect(bodies[0]).not.toHaveProperty("chat_template_kwargs");
    expect(double.stats().log.map((r) => r.reasoningTokens)).toEqual([0]);
  });

  test("an Ollama that refuses the switch (0.11.5–0.12.3) is asked again without it, and never sent it again", async () => {
    const bodies: Record<string, unknown>[] = [];
    // What those versions answered: "none" was not a think level they knew.
    const oldOllama: Transport = (url, init) => {
      if (!url.endsWith("/chat/completions")) return fetch(url, init);
      const body = JSON.parse(init.body as string) as Record<string, unknown>;
      bodies.push(body);
      if (body.reasoning_effort === undefined) return fetch(url, init);
      const message = 'invalid think value: "none" (must be "high", "medium", "low", true, or false)';
      return Promise.resolve(
        Response.json({ error: { message, type: "invalid_request_error", param: null, code: null } }, { status: 400 }),
      );
    };
    // Two requests at once, both sent with the switch before the first refusal came back.
    const translator = createLlmTranslator({ ...config(), maxConcurrent: 2 }, oldOllama);
    const both = await Promise.all([collect(translator, SEGMENTS), collect(translator, SEGMENTS)]);
    expect(both.map(outcome)).toEqual([ALL_OK, ALL_OK]);
    expect(outcome(await collect(translator, SEGMENTS))).toEqual(ALL_OK);
    expect(bodies.map((b) => b.reasoning_effort ?? null)).toEqual(["none", "none", null, null, null]);
  });

  test("a model that thinks anyway (its reasoning in `reasoning`) is still translated", async () => {
    const stats: LlmStats[] = [];
    const results = await collect(
      createLlmTranslator(config(), withFault("reasoning-always"), { onStats: (s) => stats.push(s) }),
      SEGMENTS,
    );
    expect(outcome(results)).toEqual(ALL_OK);
    expectTranslated(results);
    expect(stats.every((s) => (s.reasoningChars ?? 0) > 0)).toBe(true);
  });
});

describe("servers without a documented switch", () => {
  /** The bodies of two batches in a row through one translator (the second after /props could answer). */
  async function twoBatches(preset: "lmstudio" | "custom", base: Transport = (u, i) => fetch(u, i)) {
    const bodies: Record<string, unknown>[] = [];
    /** Settles once the translator has the answer to its question for /props, if it asks one. */
    let propsAnswered: Promise<unknown> = Promise.resolve();
    const transport: Transport = (url, init) => {
      if (url.endsWith("/chat/completions")) bodies.push(JSON.parse(init.body as string));
      if (!url.endsWith("/props")) return base(url, init);
      // Read here, so that the test knows when the answer is in.
      const answered = base(url, init).then(
        async (res) => new Response(await res.text(), { status: res.status, headers: res.headers }),
      );
      propsAnswered = answered;
      return answered;
    };
    const translator = createLlmTranslator({ preset, baseUrl: `${double.url}/v1`, model: "any" }, transport);
    expect(outcome(await collect(translator, SEGMENTS))).toEqual(ALL_OK);
    // The first request does not wait for /props; the next one goes once its answer is in (microtasks drained).
    await propsAnswered.catch(() => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    expect(outcome(await collect(translator, SEGMENTS))).toEqual(ALL_OK);
    return bodies;
  }

  test("LM Studio: no switch is sent (it may refuse fields it does not know)", async () => {
    for (const body of await twoBatches("lmstudio")) {
      expect(body).not.toHaveProperty("chat_template_kwargs");
      expect(body).not.toHaveProperty("reasoning_effort");
    }
  });

  test("another server: no switch, unless it answers llama-server's /props (then from the next request on)", async () => {
    const [first, second] = await twoBatches("custom");
    expect(first).not.toHaveProperty("chat_template_kwargs");
    expect(second?.chat_template_kwargs).toEqual({ enable_thinking: false });
    for (const body of await twoBatches("custom", withoutProps)) {
      expect(body).not.toHaveProperty("chat_template_kwargs");
      expect(body).not.toHaveProperty("reasoning_effort");
    }
  });
});
