// The double's own behaviour beyond the transcripts: slots and queueing without headers, prompt cache, speed
// simulation, context from the token estimate, pseudo-translation, faults, control endpoints, Ollama-like mode.
import { CLOSE_MARKER, openMarker } from "../../src/llm/markers";
import { buildMessages } from "../../src/llm/prompt";
import { parseFaults } from "../double/faults";
import { loadPhrases, pseudoTranslate } from "../double/pseudo-translate";
import { type DoubleHandle, startDouble } from "../double/server";
import { header, rawRequest } from "../helpers/double-http";

jest.setTimeout(20_000);

const chat = (
  url: string,
  content: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
) =>
  fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ messages: [{ role: "user", content }], ...extra }),
  });

const ourPrompt = (htmls: string[]) => buildMessages(htmls, { targetLang: "en" })[0]?.content ?? "";

describe("slots", () => {
  let double: DoubleHandle;
  beforeAll(async () => {
    double = await startDouble({ slots: 1, genTps: 200 });
  });
  afterAll(() => double.close());

  test("a request beyond the slots gets no headers until a slot frees, then streams", async () => {
    // The first keeps its slot (held) until the second is queued: at 200 tokens a second it would be over before a
    // loaded machine got the second one out.
    double.hold();
    const slotted = new Promise((resolve) => double.events.once("slot", resolve));
    const first = chat(double.url, ourPrompt(["Das ist der erste Satz mit einigen Wörtern."]), { stream: true });
    await slotted;
    let secondHeadersAt = 0;
    const received = new Promise((resolve) => double.events.once("request", resolve));
    const second = chat(double.url, ourPrompt(["Und der zweite."]), { stream: true }).then((r) => {
      secondHeadersAt = Date.now();
      return r.text();
    });
    await received; // queued as it is recorded
    expect(double.stats().queued).toBe(1);
    const firstDone = new Promise<number>((resolve) => double.events.once("done", () => resolve(Date.now())));
    double.release();
    await (await first).text();
    const firstEnded = await firstDone;
    const body = await second;
    expect(secondHeadersAt).toBeGreaterThanOrEqual(firstEnded);
    const content = body
      .split("\n\n")
      .filter((e) => e.startsWith("data: {"))
      .map(
        (e) =>
          (JSON.parse(e.slice(6)) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? "",
      )
      .join("");
    expect(content).toMatch(/^\[1\]And the .*\.\[\/\]$/);
    expect(double.stats().maxQueued).toBe(1);
    expect(double.stats().maxInFlight).toBe(1);
  });

  test("held: a request keeps its slot and sends nothing, the next one waits, until released", async () => {
    const completed = double.stats().completed;
    double.hold();
    const slotted = new Promise((resolve) => double.events.once("slot", resolve));
    let answered = false;
    const first = chat(double.url, ourPrompt(["Der erste."]), { stream: true }).then((r) => {
      answered = true;
      return r.text();
    });
    await slotted;
    const queued = chat(double.url, ourPrompt(["Der zweite."]), { stream: true }).then((r) => r.text());
    await new Promise<void>((resolve) => {
      const poll = () => (double.stats().queued === 1 ? resolve() : setImmediate(poll));
      poll();
    });
    expect(double.stats()).toMatchObject({ inFlight: 1, completed });
    expect(answered).toBe(false);

    double.release();
    expect(await first).toMatch(/\[DONE\]/);
    expect(await queued).toMatch(/\[DONE\]/);
    // Released for good: the next request is not held.
    expect((await (await chat(double.url, ourPrompt(["Der dritte."]))).json()) as object).toMatchObject({
      choices: [{ finish_reason: "stop" }],
    });
  });

  test("setGenTps: a reply under way goes on at the new speed", async () => {
    const crawling = await startDouble({ genTps: 1 }); // a second a token: this reply would take half a minute
    try {
      const started = new Promise((resolve) => crawling.events.once("first-token", resolve));
      const long = "Das ist ein Satz mit recht vielen Wörtern darin, und danach kommt noch ein zweiter. ".repeat(3);
      const reply = chat(crawling.url, ourPrompt([long]), { stream: true }).then((r) => r.text());
      await started;
      crawling.setGenTps(0);
      expect(await reply).toMatch(/\[DONE\]/);
    } finally {
      await crawling.close();
    }
  });

  test("paused: a reply under way writes nothing more, its end included, until resumed; a client leaving is seen", async () => {
    const crawling = await startDouble({ genTps: 50 });
    try {
      const long = "Das ist ein Satz mit recht vielen Wörtern darin, und danach kommt noch ein zweiter. ".repeat(3);
      const firstToken = () => new Promise((resolve) => crawling.events.once("first-token", resolve));
      const started = firstToken();
      const reply = chat(crawling.url, ourPrompt([long]), { stream: true }).then((r) => r.text());
      await started;
      crawling.pause();
      const record = crawling.stats().log.at(-1)!;
      // Instant from here, were it not paused: a few round trips through the server would see it done.
      crawling.setGenTps(0);
      for (let i = 0; i < 3; i++) await fetch(`${crawling.url}/health`);
      expect(record.endedAt).toBeUndefined();
      crawling.resume();
      expect(await reply).toMatch(/\[DONE\]/);
      expect(record.aborted).toBe(false);

      // A client that leaves a paused reply is counted as having left.
      crawling.setGenTps(50);
      const next = firstToken();
      const leaving = await chat(crawling.url, ourPrompt([long]), { stream: true });
      await next;
      crawling.pause();
      const left = new Promise((resolve) => crawling.events.once("abort", resolve));
      await leaving.body!.cancel();
      await left;
      expect(crawling.stats().log.at(-1)!.aborted).toBe(true);
    } finally {
      await crawling.close();
    }
  });

  test("/slots shows the last task", async () => {
    const slots = (await (await fetch(`${double.url}/slots`)).json()) as Record<string, unknown>[];
    expect(slots[0]).toMatchObject({ id: 0, is_processing: false, id_task: expect.any(Number) });
    expect(Object.keys(slots[0] ?? {})).toEqual([
      "id",
      "n_ctx",
      "speculative",
      "is_processing",
      "id_task",
      "n_prompt_tokens",
      "n_prompt_tokens_processed",
      "n_prompt_tokens_cache",
      "params",
      "next_token",
    ]);
  });
});

test("prompt cache: the same prompt again evaluates one token; cache_prompt:false none; a shared prefix counts", async () => {
  const double = await startDouble({ slots: 1 });
  try {
    const timings = async (content: string, extra = {}) => {
      const body = (await (await chat(double.url, content, extra)).json()) as {
        timings: { cache_n: number; prompt_n: number };
        usage: { prompt_tokens: number; prompt_tokens_details: { cached_tokens: number } };
      };
      expect(body.usage.prompt_tokens_details.cached_tokens).toBe(body.timings.cache_n);
      return { ...body.timings, total: body.usage.prompt_tokens };
    };
    const a = ourPrompt(["Erster Satz."]);
    const first = await timings(a);
    expect(first.cache_n).toBe(0);
    const again = await timings(a);
    expect(again).toMatchObject({ prompt_n: 1, cache_n: again.total - 1 });
    const off = await timings(a, { cache_prompt: false });
    expect(off.cache_n).toBe(0);
    const other = await timings(ourPrompt(["Ein ganz anderer Satz."]));
    expect(other.cache_n).toBeGreaterThan(other.total * 0.8); // the instructions
  } finally {
    await double.close();
  }
});

test("generation speed is simulated, and timings agree with it", async () => {
  const double = await startDouble({ genTps: 100, promptTps: 1000 });
  try {
    const started = Date.now();
    const res = await chat(double.url, "Erzähl mir etwas.", { max_tokens: 30 });
    const body = (await res.json()) as { timings: Record<string, number>; choices: { finish_reason: string }[] };
    const elapsed = Date.now() - started;
    expect(body.timings.predicted_n).toBe(30);
    expect(body.choices[0]?.finish_reason).toBe("length");
    expect(elapsed).toBeGreaterThanOrEqual(250); // 30 tokens at 100/s, with slack for timers
    expect(body.timings.predicted_ms).toBeGreaterThanOrEqual(250);
    expect(body.timings.predicted_per_second).toBeLessThan(130);
  } finally {
    await double.close();
  }
});

test("pseudo-translation keeps tags and markers, uses the phrase table and marks unknown words", () => {
  const phrases = new Map([["Guten Morgen", "Good morning"]]);
  expect(pseudoTranslate("Guten Morgen", "English", phrases)).toBe("Good morning");
  expect(pseudoTranslate("<b1>Guten Morgen</b1>, Welt &amp; Sonnenschein", "English", phrases)).toBe(
    "<b1>Good morning</b1>, world &amp; Sónnénschéín",
  );
  expect(pseudoTranslate("Bonjour tout le monde", "French", phrases)).toBe("Bónjóúr tóút lé móndé");
  expect(loadPhrases("does/not/exist.json").size).toBe(0);
});

test("a generic chat prompt gets an honest generic answer", async () => {
  const double = await startDouble();
  try {
    const body = (await (await chat(double.url, "Write a haiku about the sea.")).json()) as {
      choices: { message: { content: string } }[];
      model: string;
    };
    expect(body.choices[0]?.message.content).toMatch(/test double.*no language model/);
    expect(body.model).toBe("gloss-double (demo translator — no model)");
  } finally {
    await double.close();
  }
});

describe("faults and control endpoints", () => {
  let double: DoubleHandle;
  beforeAll(async () => {
    double = await startDouble();
  });
  afterAll(() => double.close());
  beforeEach(() => double.reset());

  test("fault specs parse names and modifiers; unknown names are rejected", () => {
    expect(parseFaults("drop-segment;once, refusal;seg=3;times=2")).toEqual([
      { name: "drop-segment", times: 1, key: "drop-segment;once" },
      { name: "refusal", times: 2, seg: 3, key: "refusal;seg=3;times=2" },
    ]);
    expect(() => parseFaults("explode")).toThrow(/unknown fault/);
  });

  test("a per-request header applies to that request; ;once only to the first", async () => {
    const prompt = ourPrompt(["Eins zwei drei.", "Vier fünf sechs."]);
    const text = async (headers: Record<string, string>) =>
      ((await (await chat(double.url, prompt, {}, headers)).json()) as { choices: { message: { content: string } }[] })
        .choices[0]?.message.content ?? "";
    expect(await text({ "X-Gloss-Fault": "drop-segment;once" })).not.toContain(openMarker(2));
    expect(await text({ "X-Gloss-Fault": "drop-segment;once" })).toContain(openMarker(2));
    expect(await text({})).toContain(`${openMarker(2)}`);
    expect(await text({})).toContain(CLOSE_MARKER);
    expect(double.stats().faultsApplied).toEqual({ "drop-segment": 1 });
  });

  test("POST /__double/fault sets a server-wide fault, DELETE clears it, /__double/stats reports", async () => {
    const set = await fetch(`${double.url}/__double/fault`, {
      method: "POST",
      body: JSON.stringify({ fault: "unauthorized" }),
    });
    expect(set.status).toBe(200);
    expect((await chat(double.url, "hi")).status).toBe(401);
    await fetch(`${double.url}/__double/fault`, { method: "DELETE" });
    expect((await chat(double.url, "hi")).status).toBe(200);
    const stats = (await (await fetch(`${double.url}/__double/stats`)).json()) as { chatRequests: number };
    expect(stats.chatRequests).toBe(2);
    const bad = await fetch(`${double.url}/__double/fault`, { method: "POST", body: "explode" });
    expect(bad.status).toBe(400);
  });

  test("POST /__double/loading: 503 Loading model everywhere for a while, then ready", async () => {
    // Its own clock, moved on by hand: on the wall clock a loaded machine could spend the while before the first look.
    let now = 0;
    const timed = await startDouble({ clock: () => now });
    try {
      await fetch(`${timed.url}/__double/loading`, { method: "POST", body: JSON.stringify({ ms: 300 }) });
      const loading = await fetch(`${timed.url}/health`);
      expect(loading.status).toBe(503);
      expect(await loading.json()).toEqual({
        error: { message: "Loading model", type: "unavailable_error", code: 503 },
      });
      now += 299;
      expect((await chat(timed.url, "hi")).status).toBe(503);
      now += 1;
      expect((await fetch(`${timed.url}/health`)).status).toBe(200);
    } finally {
      await timed.close();
    }
  });

  test("reset: the connection is destroyed without a response", async () => {
    await expect(chat(double.url, "hi", {}, { "X-Gloss-Fault": "reset" })).rejects.toThrow();
  });
});

describe("Ollama-like mode", () => {
  let double: DoubleHandle;
  beforeAll(async () => {
    double = await startDouble({ mode: "ollama" });
  });
  afterAll(() => double.close());

  test("an extension origin gets an empty 403 with only Date and Content-Length", async () => {
    const res = await rawRequest(double.port, {
      method: "POST",
      path: "/v1/chat/completions",
      headers: [
        ["Origin", "chrome-extension://abcdefghijklmnop"],
        ["Content-Type", "application/json"],
      ],
      body: '{"model":"gemma2:2b","messages":[{"role":"user","content":"hi"}]}',
    });
    expect(res.statusLine).toBe("HTTP/1.1 403 Forbidden");
    expect(res.headers.map(([k]) => k)).toEqual(["Date", "Content-Length"]);
    expect(header(res, "Content-Length")).toBe("0");
    expect(res.body).toBe("");
  });

  test("/, /api/tags, /api/version and /v1/models answer like Ollama; no /health or /props", async () => {
    expect(await (await fetch(`${double.url}/`)).text()).toBe("Ollama is running");
    const tags = (await (await fetch(`${double.url}/api/tags`)).json()) as { models: { name: string }[] };
    expect(tags.models[0]?.name).toBe("gemma2:2b");
    const models = (await (await fetch(`${double.url}/v1/models`)).json()) as { data: { owned_by: string }[] };
    expect(models.data[0]?.owned_by).toBe("library");
    expect((await fetch(`${double.url}/health`)).status).toBe(404);
    expect((await fetch(`${double.url}/props`)).status).toBe(404);
  });

  test("streams OpenAI-style chunks with include_usage, ending in [DONE]", async () => {
    const res = await chat(double.url, ourPrompt(["Hallo Welt, wie geht es dir heute?"]), {
      model: "gemma2:2b",
      stream: true,
      stream_options: { include_usage: true },
    });
    const text = await res.text();
    const events = text.split("\n\n").filter(Boolean);
    expect(events[events.length - 1]).toBe("data: [DONE]");
    const usage = JSON.parse((events[events.length - 2] ?? "").slice(6)) as { choices: unknown[]; usage: unknown };
    expect(usage.choices).toEqual([]);
    expect(usage.usage).toMatchObject({ prompt_tokens: expect.any(Number) });
  });
});
