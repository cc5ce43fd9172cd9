// Remote APIs' shapes. OpenAI's newer models (o-series, GPT-5) refuse two fields every other server takes:
// `max_tokens` (they want `max_completion_tokens`) and a temperature other than 1. Behind the "other server" preset,
// Gloss learns that from the 400 and asks again, instead of failing every passage of the page with "HTTP 400".
// Gemini wraps its errors in an array.
import { createLlmTranslator, type Transport } from "../../src/llm";
import { type DoubleHandle, startDouble } from "../double/server";
import { collect, outcome, SEGMENTS } from "../helpers/llm-harness";

let double: DoubleHandle;
beforeAll(async () => {
  double = await startDouble({ slots: 2, ctx: 4096 });
});
afterAll(() => double.close());

const ALL_OK = { "s-a": "ok", "s-b": "ok", "s-c": "ok" };

/** The double behind OpenAI's checks for a GPT-5 model (its error bodies, word for word). */
function likeGpt5(sent: Record<string, unknown>[]): Transport {
  const refuse = (message: string, param: string, code: string): Response =>
    new Response(JSON.stringify({ error: { message, type: "invalid_request_error", param, code } }), {
      status: 400,
      headers: { "Content-Type": "application/json" },
    });
  return async (url, init) => {
    if (init.method !== "POST") return fetch(url, init);
    const body = JSON.parse(String(init.body)) as Record<string, unknown>;
    sent.push(body);
    if ("max_tokens" in body) {
      return refuse(
        "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        "max_tokens",
        "unsupported_parameter",
      );
    }
    if ("temperature" in body && body.temperature !== 1) {
      return refuse(
        "Unsupported value: 'temperature' does not support 0 with this model. Only the default (1) value is supported.",
        "temperature",
        "unsupported_value",
      );
    }
    return fetch(url, init);
  };
}

test("a model that refuses max_tokens and temperature 0: asked again without them, then every request goes so", async () => {
  const sent: Record<string, unknown>[] = [];
  const config = { preset: "custom" as const, baseUrl: double.url, model: "gpt-5-mini", stallTimeoutMs: 5_000 };
  const translator = createLlmTranslator(config, likeGpt5(sent));
  expect(outcome(await collect(translator, SEGMENTS))).toEqual(ALL_OK);
  // Refused twice (one field each time), then the batch whole, as it was.
  expect(sent).toHaveLength(3);
  const last = sent[2] as Record<string, unknown>;
  expect(last).not.toHaveProperty("max_tokens");
  expect(last).not.toHaveProperty("temperature");
  expect(last.max_completion_tokens).toEqual(expect.any(Number));

  // The next page's batch is sent right the first time.
  expect(outcome(await collect(translator, SEGMENTS))).toEqual(ALL_OK);
  expect(sent).toHaveLength(4);
});

test("Gemini's errors come in an array: its message is read, so a missing model is named as such", async () => {
  const message = "models/gemini-9-pro is not found for API version v1main, or is not supported for generateContent.";
  const transport: Transport = async (_url, init) =>
    init.method !== "POST"
      ? new Response("", { status: 404 })
      : new Response(JSON.stringify([{ error: { code: 404, message, status: "NOT_FOUND" } }]), {
          status: 404,
          headers: { "Content-Type": "application/json" },
        });
  const config = { preset: "custom" as const, baseUrl: "https://gemini.example/v1beta/openai", model: "gemini-9-pro" };
  const results = await collect(createLlmTranslator(config, transport), SEGMENTS);
  const err = (results.get("s-a") as { error: { message: string; detail?: string } }).error;
  expect(err.message).toBe('The server does not have the model "gemini-9-pro".');
  expect(err.detail).toBe(message);
});

/** The double behind a model that reasons unseen (OpenAI's o-series, GPT-5): `hidden` tokens of reasoning spend the
 * request's limit first; a limit they use up ends the reply with no text, finish_reason "length" and the usage. */
function reasoningUnseen(hidden: number): Transport {
  return async (url, init) => {
    if (init.method !== "POST") return fetch(url, init);
    const limit = (JSON.parse(String(init.body)) as { max_tokens: number }).max_tokens;
    if (limit > hidden) return fetch(url, init);
    const chunks = [
      { choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
      { choices: [{ index: 0, delta: {}, finish_reason: "length" }] },
      {
        choices: [],
        usage: {
          prompt_tokens: 300,
          completion_tokens: limit,
          completion_tokens_details: { reasoning_tokens: limit },
        },
      },
    ];
    const sse = `${chunks.map((c) => `data: ${JSON.stringify(c)}\n\n`).join("")}data: [DONE]\n\n`;
    return new Response(sse, { status: 200, headers: { "Content-Type": "text/event-stream" } });
  };
}

describe("a model that reasons unseen (usage.completion_tokens_details.reasoning_tokens)", () => {
  const config = { preset: "custom" as const, baseUrl: "", model: "o4-mini", stallTimeoutMs: 5_000 };

  test("its reasoning is given room, as reasoning streamed apart is: the retries translate", async () => {
    const translator = createLlmTranslator({ ...config, baseUrl: double.url }, reasoningUnseen(1_000));
    expect(outcome(await collect(translator, SEGMENTS))).toEqual(ALL_OK);
  });

  test("reasoning no room is enough for: a thinking error, not 'token limit reached'", async () => {
    const translator = createLlmTranslator({ ...config, baseUrl: double.url }, reasoningUnseen(1_000_000));
    const results = await collect(translator, SEGMENTS);
    expect(outcome(results)).toEqual({ "s-a": "thinking", "s-b": "thinking", "s-c": "thinking" });
    const err = (results.get("s-a") as { error: { detail?: string } }).error;
    expect(err.detail).toMatch(/tokens of reasoning \(not shown by the server\), then finish_reason: length/);
  });
});
