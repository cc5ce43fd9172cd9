// Issue item 3: SSE parsing with chunks split anywhere, including inside multi-byte UTF-8 characters and inside
// events; `:` pings, CRLF, [DONE], error events. Split tests use a recorded real-server stream and a stream of
// our own format captured from the double, then run the whole chain (SSE → JSON → reply parser → validation).
import { createLlmTranslator, type Transport } from "../../src/llm";
import { createSseDecoder } from "../../src/llm/sse";
import { startDouble } from "../double/server";
import { readTranscript } from "../helpers/double-http";
import { collect, llamaConfig, outcome } from "../helpers/llm-harness";

jest.setTimeout(60_000);

const enc = new TextEncoder();

function decodeAll(parts: Uint8Array[]): string[] {
  const out: string[] = [];
  const d = createSseDecoder((data) => out.push(data));
  for (const p of parts) d.push(p);
  d.end();
  return out;
}

/** A Response whose body arrives in the given byte chunks. */
function streamed(parts: Uint8Array[], contentType = "text/event-stream"): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(p);
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "Content-Type": contentType } });
}

test("a recorded llama-server stream (with Cyrillic and CJK tokens) decodes the same at every split offset", () => {
  const bytes = enc.encode(readTranscript("c2_chat_stream.txt").body);
  const whole = decodeAll([bytes]);
  expect(whole).toHaveLength(19);
  expect(whole[whole.length - 1]).toBe("[DONE]");
  const contents = whole
    .slice(0, -1)
    .map((d) => (JSON.parse(d) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content ?? "")
    .join("");
  expect(contents).toContain("ск");
  for (let k = 0; k <= bytes.length; k++) {
    expect(decodeAll([bytes.subarray(0, k), bytes.subarray(k)])).toEqual(whole);
  }
  // And byte by byte.
  expect(decodeAll([...bytes].map((b) => Uint8Array.of(b)))).toEqual(whole);
});

test("pings, CRLF line endings and multi-line data are handled; a cut last event is not delivered", () => {
  const text = ':\n\ndata: {"a":1}\r\n\r\n: keep-alive\n\ndata: line1\ndata: line2\n\ndata: {"cut":';
  expect(decodeAll([enc.encode(text)])).toEqual(['{"a":1}', "line1\nline2"]);
});

test("the whole chain gives the same translations at every split offset of our own stream", async () => {
  const double = await startDouble();
  const segments = [
    { id: "a", html: "Die Straße führt <a1>über die Brücke</a1> zum Bahnhof der kleinen Stadt." },
    { id: "b", html: "Sonnenschein und Regen wechseln sich heute ab, sagt der Wetterdienst." },
    { id: "c", html: "東京の天気は晴れです。" },
  ];
  let captured = "";
  const capture: Transport = async (url, init) => {
    const res = await fetch(url, init);
    if (!url.endsWith("/chat/completions")) return res;
    captured = await res.text();
    return streamed([enc.encode(captured)]);
  };
  const reference = await collect(createLlmTranslator(llamaConfig(double.url), capture), segments);
  await double.close();
  expect(Object.values(outcome(reference))).toEqual(["ok", "ok", "ok"]);
  const bytes = enc.encode(captured);
  expect(bytes.length).toBeGreaterThan(captured.length); // there are multi-byte characters to split

  // Each event decodes the same split at any of its offsets (a split carries no state from one event to the next:
  // each event before it has ended, which the whole chain below checks).
  const events = decodeAll([bytes]);
  const starts = [...captured.matchAll(/^data:/gm)].map((m) => enc.encode(captured.slice(0, m.index)).length);
  expect(starts).toHaveLength(events.length);
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? bytes.length;
    for (let k = start + 1; k < end; k++) {
      const got = decodeAll([bytes.subarray(start, k), bytes.subarray(k, end)]);
      if (got.length !== 1 || got[0] !== events[i]) throw new Error(`split at byte ${k} changed event ${i}`);
    }
  });
  // Past the decoder, the chain sees those events and which read they came in: a split is one of the offsets where
  // that grouping changes (each event's start and middle), or one inside a multi-byte character (each of them). The
  // other 14,000 offsets repeat one of those cases and took half a minute.
  const offsets = new Set<number>();
  starts.forEach((start, i) => offsets.add(start).add((start + (starts[i + 1] ?? bytes.length)) >> 1));
  bytes.forEach((byte, k) => (byte & 0xc0) === 0x80 && offsets.add(k));
  offsets.delete(0);

  let k = 1;
  const split: Transport = (url) =>
    Promise.resolve(
      url.endsWith("/props") ? new Response("", { status: 404 }) : streamed([bytes.subarray(0, k), bytes.subarray(k)]),
    );
  const translator = createLlmTranslator(llamaConfig("http://127.0.0.1:9"), split);
  for (k of offsets) {
    const got = await collect(translator, segments);
    if (JSON.stringify([...got]) !== JSON.stringify([...reference])) {
      throw new Error(`split at byte ${k} changed the result: ${JSON.stringify([...got])}`);
    }
  }
});

// Media types are case-insensitive (RFC 9110 §8.3.1): a proxy or a small server may spell it its own way.
test.each(["application/json", "Application/JSON; charset=utf-8"])(
  "a server that ignores stream:true (one JSON body, %s) still works",
  async (contentType) => {
    const body = JSON.stringify({
      choices: [
        {
          finish_reason: "stop",
          index: 0,
          message: { role: "assistant", content: "[1]Hello world, how are you today?[/]" },
        },
      ],
    });
    const transport: Transport = (url) =>
      Promise.resolve(
        url.endsWith("/props") ? new Response("", { status: 404 }) : streamed([enc.encode(body)], contentType),
      );
    const got = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), [
      { id: "x", html: "Hallo Welt, wie geht es dir heute?" },
    ]);
    expect(got.get("x")).toEqual({ id: "x", html: "Hello world, how are you today?" });
  },
);

test("an error event mid-stream keeps finished segments and reports the rest after a retry", async () => {
  const chunk = (content: string) =>
    `data: ${JSON.stringify({ choices: [{ finish_reason: null, index: 0, delta: { content } }] })}\n\n`;
  const sse =
    chunk("[1]The first sentence is here.[/][2]The sec") +
    'data: {"error":{"code":500,"message":"boom","type":"server_error"}}\n\n';
  let calls = 0;
  const transport: Transport = (url) => {
    if (url.endsWith("/props")) return Promise.resolve(new Response("", { status: 404 }));
    // The retry alone fails at once the same way.
    const body = calls++ === 0 ? sse : 'data: {"error":{"code":500,"message":"boom","type":"server_error"}}\n\n';
    return Promise.resolve(streamed([enc.encode(body)]));
  };
  const got = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), [
    { id: "1", html: "Der erste Satz steht hier." },
    { id: "2", html: "Der zweite Satz steht dort." },
  ]);
  expect(outcome(got)).toEqual({ "1": "ok", "2": "server-error" });
  expect((got.get("2") as { error: { detail?: string } }).error.detail).toContain("boom");
});

/** Segments 1 and 2 of three streamed whole, segment 3 begun, then `error` mid-stream; `alone` answers each later
 * request (segment 3 on its own). */
function cutByError(error: string, alone: () => string): { transport: Transport; chats: () => number } {
  const chunk = (content: string) =>
    `data: ${JSON.stringify({ choices: [{ finish_reason: null, index: 0, delta: { content } }] })}\n\n`;
  const first =
    chunk("[1]The first sentence is here.[/][2]The second sentence is there.[/][3]The thi") + `data: ${error}\n\n`;
  let chats = 0;
  const transport: Transport = (url) => {
    if (url.endsWith("/props")) return Promise.resolve(new Response("", { status: 404 }));
    return Promise.resolve(streamed([enc.encode(chats++ === 0 ? first : alone())]));
  };
  return { transport, chats: () => chats };
}

const THREE = [
  { id: "1", html: "Der erste Satz steht hier." },
  { id: "2", html: "Der zweite Satz steht dort." },
  { id: "3", html: "Der dritte Satz steht da." },
];

test("a context overflow mid-stream with one segment left unfinished: that segment is asked again alone, not failed as too long", async () => {
  const overflow =
    '{"error":{"code":400,"message":"request (1100 tokens) exceeds the available context size (1024 tokens), try increasing it","type":"exceed_context_size_error","n_prompt_tokens":1100,"n_ctx":1024}}';
  const third = `data: ${JSON.stringify({ choices: [{ finish_reason: "stop", index: 0, delta: { content: "The third sentence is there." } }] })}\n\ndata: [DONE]\n\n`;
  const { transport, chats } = cutByError(overflow, () => third);
  const got = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), THREE);
  expect(outcome(got)).toEqual({ "1": "ok", "2": "ok", "3": "ok" });
  expect(chats()).toBe(2);
});

test("llama-server's mid-reply 'context shift is disabled' (the slot's context ran full) is said as too long for the context", async () => {
  // server-context.cpp sends it as a server_error when a reply reaches the end of the slot's context.
  const full = '{"error":{"code":500,"message":"context shift is disabled","type":"server_error"}}';
  const { transport, chats } = cutByError(full, () => `data: ${full}\n\n`);
  const got = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), THREE);
  expect(outcome(got)).toEqual({ "1": "ok", "2": "ok", "3": "context-overflow" });
  expect(chats()).toBe(2);
});

test("an older llama-server's `error:` line in the stream (not `data:`) is read as its error, not as a reply cut off", async () => {
  // Its server.cpp (2024) wrote a stream's error as `error: {…}`, the envelope's inside without {"error": …}, after
  // a 200: an SSE parser drops the unknown field, and the reply read as ended early for no said reason.
  const overflow =
    'error: {"code":400,"message":"the request exceeds the available context size, try increasing the context size or enable context shift","type":"invalid_request_error"}\n\n';
  const transport: Transport = (url) =>
    Promise.resolve(url.endsWith("/props") ? new Response("", { status: 404 }) : streamed([enc.encode(overflow)]));
  const got = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), THREE.slice(0, 1));
  const error = (got.get("1") as { error: { kind: string; detail?: string } }).error;
  expect(error.kind).toBe("context-overflow");
  expect(error.detail).toMatch(/^the request exceeds the available context size/);
});

// A proxy may send both names of the reasoning field, one of them empty: the reasoning is in the other, and counts
// (a reply cut by its thinking is said as such, and its retries leave room for it).
test("reasoning sent as `reasoning` beside an empty `reasoning_content` is counted as reasoning", async () => {
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ choices: [{ finish_reason: finish, index: 0, delta }] })}\n\n`;
  const sse =
    chunk({ reasoning_content: "", reasoning: "Let me think about this sentence. ".repeat(20) }) +
    chunk({}, "length") +
    "data: [DONE]\n\n";
  const transport: Transport = (url) =>
    Promise.resolve(url.endsWith("/props") ? new Response("", { status: 404 }) : streamed([enc.encode(sse)]));
  const got = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), [
    { id: "x", html: "Hallo Welt, wie geht es dir heute?" },
  ]);
  const result = got.get("x") as { error?: { kind: string; detail?: string } };
  expect(result.error?.kind).toBe("thinking");
  expect(result.error?.detail).toMatch(/^\d+ characters of reasoning, then finish_reason: length/);
});
