// What real servers answer, byte for byte as they send it (llama-server's transcripts in shared/llama-server, and
// where no transcript caught a case, the shapes its source and Ollama's write), read the way the user needs it: the
// right error, no retry that cannot help, the numbers the connection test shows.
import { modelsOf, testConnection } from "../../src/connection/test-connection";
import { createLlmTranslator, type Transport } from "../../src/llm";
import { DEFAULTS } from "../../src/shared/settings";
import { isFatalError, type TranslateError } from "../../src/shared/translator";
import { holdTimers, withClockRunning } from "../helpers/held-timers";
import { collect, SEGMENTS } from "../helpers/llm-harness";

const BASE = "http://127.0.0.1:8080";

/** llama-server's answer to a route it has (or a chat request it will not take), as its handlers write errors:
 * `Connection: close`, JSON with key order code, message, type; or with `page`, a web server's or proxy's page
 * ("untyped": sent with no content type, as some proxies and file servers do). */
function answering(
  status: number,
  body: string,
  page: boolean | "untyped" = false,
): { transport: Transport; chats: () => number } {
  let chats = 0;
  const headers: Record<string, string> =
    page === "untyped"
      ? { Server: "SimpleHTTP/0.6 Python/3.12.3" }
      : page
        ? { "Content-Type": "text/html", Server: "nginx/1.24.0" }
        : { Connection: "close", "Content-Type": "application/json; charset=utf-8", Server: "llama.cpp" };
  const transport: Transport = async (url) => {
    if (url.endsWith("/chat/completions")) chats++;
    // A Blob without a type adds no Content-Type header, where a string body would add text/plain.
    return new Response(page === "untyped" ? new Blob([body]) : body, { status, headers });
  };
  return { transport, chats: () => chats };
}

test("a llama-server started with --embeddings (501): the user is told to restart it without, and no passage is asked again", async () => {
  // server.cpp's handle_completions_impl, with the shape of b_metrics_disabled's 501.
  const body =
    '{"error":{"code":501,"message":"This server does not support completions. Start it without `--embeddings`","type":"not_supported_error"}}';
  const { transport, chats } = answering(501, body);
  const results = await collect(createLlmTranslator({ preset: "llama-server", baseUrl: BASE }, transport), SEGMENTS);
  for (const seg of SEGMENTS) {
    const error = (results.get(seg.id) as { error: Parameters<typeof isFatalError>[0] }).error;
    expect(error.message).toBe(
      `The server at ${BASE} does not offer chat completions (HTTP 501), so it cannot translate.`,
    );
    expect(error.fix).toMatch(/without --embeddings/);
    expect(error.detail).toContain("This server does not support completions");
    expect(isFatalError(error)).toBe(true);
  }
  // One request for the batch; each passage alone again would get the same answer.
  expect(chats()).toBe(1);
});

describe("a server that counts tokens but sends no timings (Ollama's OpenAI route)", () => {
  const OLLAMA = "http://127.0.0.1:11434/v1";
  const REPLY = "The weather is nice today, so we are going to the park this afternoon.";
  /** Ollama's chunk (openai.ChatCompletionChunk), field order and all; `usage` only on the last. */
  const chunk = (choices: string, usage = "") =>
    `data: {"id":"chatcmpl-412","object":"chat.completion.chunk","created":1767000000,"model":"gemma2:2b","system_fingerprint":"fp_ollama","choices":[${choices}]${usage}}\n\n`;
  const delta = (content: string, finish = "null") =>
    `{"index":0,"delta":{"role":"assistant","content":${JSON.stringify(content)}},"finish_reason":${finish}}`;

  let clock = 0;
  beforeEach(() => {
    clock = 0;
    jest.spyOn(Date, "now").mockImplementation(() => clock);
  });
  afterEach(() => jest.restoreAllMocks());

  /** One token each 100 ms (the clock moves as Gloss reads each), then the finish, usage and [DONE] at once. */
  function tokenStream(tokens: string[]): ReadableStream<Uint8Array> {
    const events = [
      ...tokens.map((t) => chunk(delta(t))),
      chunk(delta("", '"stop"')),
      chunk(
        "",
        `,"usage":{"prompt_tokens":58,"completion_tokens":${tokens.length},"total_tokens":${58 + tokens.length}}`,
      ),
      "data: [DONE]\n\n",
    ];
    const encoder = new TextEncoder();
    let next = 0;
    return new ReadableStream(
      {
        pull(controller) {
          if (next < tokens.length) clock += 100;
          const event = events[next++];
          if (event === undefined) controller.close();
          else controller.enqueue(encoder.encode(event));
        },
      },
      { highWaterMark: 0 },
    );
  }

  const ollama: Transport = async (url) => {
    const path = new URL(url).pathname;
    if (path === "/v1/models") {
      const list =
        '{"object":"list","data":[{"id":"gemma2:2b","object":"model","created":1767000000,"owned_by":"library"}]}\n';
      return new Response(list, { status: 200, headers: { "Content-Type": "application/json; charset=utf-8" } });
    }
    if (path !== "/v1/chat/completions") {
      return new Response("404 page not found", { status: 404, headers: { "Content-Type": "text/plain" } });
    }
    const tokens = REPLY.split(/(?= )/);
    return new Response(tokenStream(tokens), { status: 200, headers: { "Content-Type": "text/event-stream" } });
  };

  test("an Ollama with no model pulled yet: the model list is empty, not a failure to translate", async () => {
    // openai.ToListCompletion leaves its slice nil when there is no model: `"data":null`.
    const none: Transport = async () =>
      new Response('{"object":"list","data":null}\n', {
        status: 200,
        headers: { "Content-Type": "application/json; charset=utf-8" },
      });
    const settings = { ...DEFAULTS, preset: "ollama" as const, baseUrl: OLLAMA, model: "" };
    await expect(modelsOf(settings, none)).resolves.toEqual([]);
  });

  test("a model too large for the memory: said as such, with what to do, and not asked again for each passage", async () => {
    // The scheduler's refusal before it loads the model, through the OpenAI route's error writer (openai.NewError).
    const body =
      '{"error":{"message":"model requires more system memory (9.1 GiB) than is available (3.2 GiB)","type":"api_error","param":null,"code":null}}\n';
    let chats = 0;
    const transport: Transport = async (url) => {
      if (url.endsWith("/chat/completions")) chats++;
      return new Response(body, { status: 500, headers: { "Content-Type": "application/json" } });
    };
    const config = { preset: "ollama" as const, baseUrl: OLLAMA, model: "gemma2:27b" };
    const results = await collect(createLlmTranslator(config, transport), SEGMENTS);
    for (const seg of SEGMENTS) {
      const error = (results.get(seg.id) as { error: Parameters<typeof isFatalError>[0] }).error;
      expect(error.message).toBe(
        `The server at ${OLLAMA} could not load the model "gemma2:27b": it needs more memory than the computer has free.`,
      );
      expect(error.fix).toMatch(/^Pick a smaller model or a smaller quantisation/);
      expect(error.detail).toBe("HTTP 500: model requires more system memory (9.1 GiB) than is available (3.2 GiB)");
      expect(isFatalError(error)).toBe(true);
    }
    expect(chats).toBe(1);
  });

  test("the connection test shows the speed, measured on the stream from its token count", async () => {
    const settings = { ...DEFAULTS, preset: "ollama" as const, baseUrl: OLLAMA, model: "gemma2:2b" };
    const report = await testConnection(settings, "en", { transport: ollama });
    expect(report.sample?.translation).toBe(REPLY);
    // 14 tokens, 100 ms apart: 13 after the first in 1.3 s.
    expect(report.sample?.tokensPerSecond).toBe(10);
  });
});

describe("vLLM's flat error body (its older releases: no `error` wrapper)", () => {
  const VLLM = "http://127.0.0.1:8000/v1";
  const config = { preset: "custom" as const, baseUrl: VLLM, model: "google/gemma-2-2b-it" };
  /** What vLLM's server (uvicorn) sends with an error. */
  const vllm =
    (status: number, body: string): Transport =>
    async () =>
      new Response(body, { status, headers: { "content-type": "application/json", server: "uvicorn" } });

  test("a model the server does not have is said as such, not as a wrong address", async () => {
    const body =
      '{"object":"error","message":"The model `google/gemma-2-2b-it` does not exist.","type":"NotFoundError","param":null,"code":404}';
    const results = await collect(createLlmTranslator(config, vllm(404, body)), SEGMENTS.slice(0, 1));
    const error = (results.get("s-a") as { error: { message: string; detail?: string } }).error;
    expect(error.message).toBe('The server does not have the model "google/gemma-2-2b-it".');
    expect(error.detail).toBe("The model `google/gemma-2-2b-it` does not exist.");
  });

  test("a passage longer than the context is said as too long for the model's context, with how to give it more", async () => {
    const body =
      '{"object":"error","message":"This model\'s maximum context length is 2048 tokens. However, you requested 2101 tokens (1933 in the messages, 168 in the completion). Please reduce the length of the messages or completion.","type":"BadRequestError","param":null,"code":400}';
    const results = await collect(createLlmTranslator(config, vllm(400, body)), SEGMENTS.slice(0, 1));
    const error = (results.get("s-a") as { error: { kind: string; message: string; fix?: string } }).error;
    expect(error.kind).toBe("context-overflow");
    expect(error.message).toBe("This text is too long for the model's context window.");
    expect(error.fix).toBe("Use a larger context window on the server, or a model that has one.");
  });
});

describe("a llama-server still loading its model (a_chat_during_loading, a_health_loading)", () => {
  const LOADING = '{"error":{"message":"Loading model","type":"unavailable_error","code":503}}';

  afterEach(() => jest.useRealTimers());

  test("a page closed while Gloss waits for the model: /health is no longer polled", async () => {
    jest.useFakeTimers();
    let healthPolls = 0;
    const transport: Transport = async (url) => {
      if (url.endsWith("/health")) healthPolls++;
      return new Response(LOADING, {
        status: 503,
        headers: { Connection: "close", "Content-Type": "application/json; charset=utf-8", Server: "llama.cpp" },
      });
    };
    const page = new AbortController();
    let waiting: () => void = () => undefined;
    const loading = new Promise<void>((resolve) => (waiting = resolve));
    const translator = createLlmTranslator({ preset: "llama-server", baseUrl: BASE }, transport, {
      onStatus: (status) => status === "loading" && waiting(),
    });
    const translating = collect(translator, SEGMENTS, { signal: page.signal });
    await loading;
    await jest.advanceTimersByTimeAsync(1_000); // a few polls while the page waits
    expect(healthPolls).toBeGreaterThan(0);

    page.abort();
    await translating;
    const polled = healthPolls;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(healthPolls).toBe(polled);
  });

  test("a server that dies while it loads (its listener gone after the 503) is said unreachable, not still loading", async () => {
    // llama-server answered 503 while loading, then quit (a model too large, a bad file): nothing listens any more.
    let chats = 0;
    const transport: Transport = async (url) => {
      if (url.endsWith("/chat/completions") && chats++ === 0) {
        return new Response(LOADING, {
          status: 503,
          headers: { Connection: "close", "Content-Type": "application/json; charset=utf-8", Server: "llama.cpp" },
        });
      }
      throw new TypeError("fetch failed");
    };
    // Not told only once the time Gloss waits for a model to load has passed.
    const config = { preset: "llama-server" as const, baseUrl: BASE, loadingTimeoutMs: 8_000 };
    const results = await collect(createLlmTranslator(config, transport), SEGMENTS);
    expect([...results.values()].map((r) => "error" in r && r.error.kind)).toEqual(Array(3).fill("unreachable"));
  });
});

test("an older llama-server whose model failed to load (/health: 500 'Model failed to load') says so, not 'still loading'", async () => {
  // Its server.cpp answered 503 while loading, then 500 on every route once the load failed.
  let loading = true;
  const transport: Transport = async () => {
    const [status, message, type] = loading
      ? [503, "Loading model", "unavailable_error"]
      : [500, "Model failed to load", "server_error"];
    loading = false;
    return new Response(JSON.stringify({ error: { code: status, message, type } }), {
      status,
      headers: { "Content-Type": "application/json; charset=utf-8" },
    });
  };
  const config = { preset: "llama-server" as const, baseUrl: BASE, loadingTimeoutMs: 8_000 };
  const results = await collect(createLlmTranslator(config, transport), SEGMENTS.slice(0, 1));
  const error = (results.get(SEGMENTS[0]!.id) as { error: TranslateError }).error;
  expect(error.kind).toBe("server-error");
  expect(error.detail).toBe("HTTP 500: Model failed to load");
});

test("a web server that takes no POST at the address (405 Method Not Allowed): said as no chat endpoint there, asked once", async () => {
  // nginx serving files where the API should be answers a POST so, with its own page.
  const page =
    "<html>\r\n<head><title>405 Not Allowed</title></head>\r\n<body>\r\n<center><h1>405 Not Allowed</h1></center>\r\n</body>\r\n</html>\r\n";
  const { transport, chats } = answering(405, page, true);
  const results = await collect(createLlmTranslator({ preset: "llama-server", baseUrl: BASE }, transport), SEGMENTS);
  const error = (results.get(SEGMENTS[0]!.id) as { error: TranslateError }).error;
  expect(error.kind).toBe("not-found");
  expect(error.message).toBe(`The server at ${BASE} has no chat endpoint at ${BASE}/v1/chat/completions (HTTP 405).`);
  expect(chats()).toBe(1);
});

test("a web page sent with no content type where the chat should answer (a file server, some proxies): said as a web page, asked once", async () => {
  const page = "<!DOCTYPE html>\n<html><head><title>Directory listing for /v1/chat/completions</title></head></html>\n";
  const { transport, chats } = answering(200, page, "untyped");
  const results = await collect(createLlmTranslator({ preset: "llama-server", baseUrl: BASE }, transport), SEGMENTS);
  const error = (results.get(SEGMENTS[0]!.id) as { error: TranslateError }).error;
  // Not "the reply ended before the server finished it", asked again passage by passage.
  expect(error.message).toBe(`The server at ${BASE} answered with a web page, not a model server's API.`);
  expect(isFatalError(error)).toBe(true);
  expect(chats()).toBe(1);
});

test("a whole JSON reply sent with no content type is read as the reply it is", async () => {
  const english = "The weather will be sunny and warm across the whole region tomorrow.";
  const reply = `{"choices":[{"finish_reason":"stop","index":0,"message":{"role":"assistant","content":"${english}"}}]}`;
  const { transport } = answering(200, reply, "untyped");
  const config = { preset: "llama-server" as const, baseUrl: BASE };
  const results = await collect(createLlmTranslator(config, transport), [SEGMENTS[2]!]);
  expect(results.get(SEGMENTS[2]!.id)).toEqual({ id: SEGMENTS[2]!.id, html: english });
});

describe("a chat template that refuses the request's form (the same for every passage): said once, with the fix", () => {
  // f12_template_raise_exception_alternation: llama-server's 400 when the model's Jinja template raises.
  const LLAMA_400 =
    '{"error":{"code":400,"message":"Unable to generate parser for this template. Automatic parser generation failed: \\n------------\\nWhile executing CallExpression at line 1, column 226 in source:\\n...op.index0 % 2 == 0) %}{{ raise_exception(\'Conversation roles must alternate user...\\n                                           ^\\nError: Jinja Exception: Conversation roles must alternate user/assistant/user/assistant/...","type":"invalid_request_error"}}';
  // Older llama-server builds: the template's exception as a 500 server_error.
  const LLAMA_500 =
    '{"error":{"code":500,"message":"\\n------------\\nWhile executing CallExpression at line 43, column 28 in source:\\n... {%- else %}\\n {{- raise_exception(\'Only user, system and assistant roles ...\\n ^\\nError: Jinja Exception: Only user, system and assistant roles are supported!","type":"server_error"}}';
  // vLLM's flat error for Gemma's template.
  const VLLM_400 =
    '{"object":"error","message":"System role not supported","type":"BadRequestError","param":null,"code":400}';

  test.each([
    ["llama-server's 400", 400, LLAMA_400],
    ["an older llama-server's 500", 500, LLAMA_500],
    ["vLLM's 400", 400, VLLM_400],
  ])("%s with instructions in a system message: turn that off", async (_, status, body) => {
    const { transport, chats } = answering(status, body);
    const config = { preset: "llama-server" as const, baseUrl: BASE, instructionsInSystem: true };
    const results = await collect(createLlmTranslator(config, transport), SEGMENTS);
    for (const seg of SEGMENTS) {
      const error = (results.get(seg.id) as { error: TranslateError }).error;
      expect(error.message).toMatch(/chat template/);
      expect(error.fix).toMatch(/Turn off Send instructions as a system message/);
      expect(isFatalError(error)).toBe(true);
    }
    // Each passage alone would be refused alike: one request.
    expect(chats()).toBe(1);
  });

  test("without a system message the template itself is at fault: the fix names the server's template", async () => {
    const { transport, chats } = answering(400, LLAMA_400);
    const results = await collect(createLlmTranslator({ preset: "llama-server", baseUrl: BASE }, transport), SEGMENTS);
    const error = (results.get(SEGMENTS[0]!.id) as { error: TranslateError }).error;
    expect(error.fix).toMatch(/--chat-template/);
    expect(error.fix).not.toMatch(/system message/);
    expect(error.detail).toContain("Conversation roles must alternate");
    expect(chats()).toBe(1);
  });

  test("a remote API's 400 about one passage's content is still asked passage by passage", async () => {
    const body = '{"error":{"message":"Invalid prompt: your prompt was flagged","type":"invalid_request_error"}}';
    const { transport, chats } = answering(400, body);
    await collect(createLlmTranslator({ preset: "custom", baseUrl: `${BASE}/v1`, model: "m" }, transport), SEGMENTS);
    expect(chats()).toBe(1 + SEGMENTS.length);
  });
});

test("a server that sends its finish chunk and then never closes the stream: the passage shows, not after the stall limit", async () => {
  const english = "The weather will be sunny and warm across the whole region tomorrow.";
  const event = (delta: object, finish: string | null) =>
    `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const hanging: Transport = async (url, init) => {
    if (!url.endsWith("/chat/completions")) return new Response("", { status: 404 });
    const encoder = new TextEncoder();
    // Every token and the finish, then nothing: no usage chunk, no [DONE], no end of the connection.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const word of english.split(/(?= )/)) controller.enqueue(encoder.encode(event({ content: word }, null)));
        controller.enqueue(encoder.encode(event({}, "stop")));
        init.signal?.addEventListener("abort", () => controller.error(new DOMException("aborted", "AbortError")));
      },
    });
    return new Response(stream, { status: 200, headers: { "Content-Type": "text/event-stream" } });
  };
  const config = { preset: "llama-server" as const, baseUrl: BASE, stallTimeoutMs: 45_000 };
  holdTimers();
  const started = jest.now();
  const seg = SEGMENTS[2]!;
  const results = await withClockRunning(collect(createLlmTranslator(config, hanging), [seg]));
  const waited = jest.now() - started;
  jest.useRealTimers();
  // A passage alone is handed on at the end of its reply: the finish is that end.
  expect(results.get(seg.id)).toEqual({ id: seg.id, html: english });
  expect(waited).toBeLessThan(5_000);
});

test("a server's long error text cut for the details keeps an emoji whole at the cut", async () => {
  // A proxy's plain-text 500 page: 299 letters, then an emoji written as two UTF-16 units across the 300th.
  const { transport } = answering(500, `${"x".repeat(299)}😀 and more`);
  const results = await collect(createLlmTranslator({ preset: "llama-server", baseUrl: BASE }, transport), SEGMENTS);
  const error = (results.get(SEGMENTS[0]!.id) as { error: { detail?: string } }).error;
  expect(error.detail).toBe(`HTTP 500: ${"x".repeat(299)}`);
});

test("a proxy whose model server is down (nginx's 502 page): said unreachable through the proxy, asked once, no markup in the details", async () => {
  const page =
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.24.0</center>\r\n</body>\r\n</html>\r\n";
  const { transport, chats } = answering(502, page, true);
  const config = { preset: "llama-server" as const, baseUrl: BASE };
  const results = await collect(createLlmTranslator(config, transport), SEGMENTS);
  const error = (results.get(SEGMENTS[0]!.id) as { error: TranslateError }).error;
  expect(error.kind).toBe("unreachable");
  expect(error.message).toMatch(/proxy/);
  expect(error.detail).toBe("HTTP 502: 502 Bad Gateway");
  // Nothing a passage alone could change: the other passages are not asked again one by one.
  expect(chats()).toBe(1);

  // The connection test says the same, not that the address has no chat endpoint (HTTP 404).
  const report = await testConnection({ ...DEFAULTS, baseUrl: BASE }, "en", { transport, sample: false });
  expect(report.error?.kind).toBe("unreachable");
  expect(report.error?.message).toMatch(/proxy/);
});

test("a proxy with no server behind it left (HAProxy's 503 page): said as such, not waited on as a model loading", async () => {
  const page =
    "<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n";
  const { transport, chats } = answering(503, page, true);
  const config = { preset: "llama-server" as const, baseUrl: BASE, loadingTimeoutMs: 8_000 };
  const results = await collect(createLlmTranslator(config, transport), SEGMENTS);
  const error = (results.get(SEGMENTS[0]!.id) as { error: TranslateError }).error;
  expect(error.kind).toBe("unreachable");
  expect(error.detail).toBe("HTTP 503: 503 Service Unavailable");
  expect(chats()).toBe(1);

  const report = await testConnection({ ...DEFAULTS, baseUrl: BASE }, "en", { transport, sample: false });
  expect(report.error?.kind).toBe("unreachable");
});

describe("Ollama and LM Studio loading the model a request names (no headers until it is loaded)", () => {
  afterEach(() => jest.useRealTimers());

  /** Chat requests get no headers until the page closes; `look` answers the server's own question about its models. */
  async function statusWhileHeld(
    config: Parameters<typeof createLlmTranslator>[0],
    look: (path: string, signal: AbortSignal | null | undefined) => Promise<Response>,
  ): Promise<string[]> {
    jest.useFakeTimers();
    const statuses: string[] = [];
    const transport: Transport = (url, init) => {
      const path = new URL(url).pathname;
      if (path.endsWith("/chat/completions"))
        return new Promise((_, reject) =>
          init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
        );
      return look(path, init.signal);
    };
    const page = new AbortController();
    const translating = collect(
      createLlmTranslator(config, transport, { onStatus: (s) => statuses.push(s) }),
      [SEGMENTS[0]!],
      { signal: page.signal },
    );
    await jest.advanceTimersByTimeAsync(5_000);
    page.abort();
    await translating;
    return statuses;
  }

  const json = (body: unknown) =>
    Promise.resolve(new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } }));
  const OLLAMA = { preset: "ollama" as const, baseUrl: "http://127.0.0.1:11434/v1", model: "gemma2" };

  test("Ollama with no model loaded says the model is loading, not that it finishes other work", async () => {
    const statuses = await statusWhileHeld(OLLAMA, (path) =>
      path === "/api/ps" ? json({ models: [] }) : Promise.resolve(new Response("", { status: 404 })),
    );
    expect(statuses).toContain("loading");
    expect(statuses).not.toContain("waiting-for-slot");
  });

  test("Ollama holding /api/ps while its scheduler loads the model says so too", async () => {
    const statuses = await statusWhileHeld(OLLAMA, (_, signal) => {
      return new Promise((_, reject) =>
        signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
      );
    });
    expect(statuses).toContain("loading");
  });

  test("Ollama with the model loaded: the request waits its turn", async () => {
    const statuses = await statusWhileHeld(OLLAMA, () =>
      json({ models: [{ name: "gemma2:latest", model: "gemma2:latest" }] }),
    );
    expect(statuses).toContain("waiting-for-slot");
    expect(statuses).not.toContain("loading");
  });

  test("LM Studio loading the model Just-in-Time says the model is loading", async () => {
    const config = { preset: "lmstudio" as const, baseUrl: "http://127.0.0.1:1234/v1", model: "gemma-2-2b-it" };
    const statuses = await statusWhileHeld(config, (path) =>
      path === "/api/v0/models/gemma-2-2b-it"
        ? json({ id: "gemma-2-2b-it", object: "model", state: "not-loaded" })
        : Promise.resolve(new Response("", { status: 404 })),
    );
    expect(statuses).toContain("loading");
  });
});
