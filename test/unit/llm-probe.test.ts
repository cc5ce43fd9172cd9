// Issue item 7: probeServer against the double as llama-server, as Ollama, with nothing listening, and against
// canned LM Studio / generic answers; listModels for the model picker.
import {
  createLlmTranslator,
  listModels,
  LlmRequestError,
  probeServer,
  translateText,
  type Transport,
} from "../../src/llm";
import { isFatalError, type TranslateError } from "../../src/shared/translator";
import { type DoubleHandle, startDouble } from "../double/server";
import { collect, SEGMENTS, withHeaders } from "../helpers/llm-harness";
import { testConnection } from "../../src/connection/test-connection";
import { DEFAULTS } from "../../src/shared/settings";
import { useFakeTimersFromNow } from "../helpers/fake-timers-from-now";
import { withClockRunning } from "../helpers/held-timers";

jest.setTimeout(20_000);

describe("llama-server double", () => {
  let double: DoubleHandle;
  beforeAll(async () => {
    double = await startDouble({ slots: 3, ctx: 2048 });
  });
  afterAll(() => double.close());

  test("kind, model, slots, context size and latency", async () => {
    const probe = await probeServer({ preset: "llama-server", baseUrl: double.url });
    expect(probe).toMatchObject({
      ok: true,
      kind: "llama-server",
      model: "gloss-double (demo translator — no model)",
      models: ["gloss-double (demo translator — no model)"],
      contextSize: 2048,
      slots: 3,
    });
    expect(probe.latencyMs).toBeGreaterThanOrEqual(0);
    expect(probe.error).toBeUndefined();
  });

  test("an extension origin is fine for llama-server", async () => {
    const probe = await probeServer(
      { preset: "llama-server", baseUrl: `${double.url}/v1` },
      withHeaders({ Origin: "chrome-extension://abcdefghijklmnop" }),
    );
    expect(probe.ok).toBe(true);
  });

  test("while loading: not ok, a loading error", async () => {
    double.setLoading(5_000);
    try {
      const probe = await probeServer({ preset: "llama-server", baseUrl: double.url });
      expect(probe.ok).toBe(false);
      expect(probe.error?.kind).toBe("loading");
      // The probe asked once: it says the server is loading, not that it waited "0 s".
      expect(probe.error?.message).toBe(`The server at ${double.url} is still loading the model.`);
    } finally {
      double.setLoading(0);
    }
  });
});

test("a remote API whose model list takes longer than the probe waits is not said to have no chat endpoint", async () => {
  // /health and /props are not there (404); /v1/models, hundreds of models on a slow link, does not answer in time.
  const slowList: Transport = (url, init) =>
    url.endsWith("/models")
      ? new Promise((_, reject) => init?.signal?.addEventListener("abort", () => reject(new Error("aborted"))))
      : Promise.resolve(new Response("not found", { status: 404 }));
  // The probe's wait on a clock of the test's own, which moves on once nothing else is left to do.
  useFakeTimersFromNow();
  const probe = await withClockRunning(
    probeServer({ preset: "custom", baseUrl: "https://api.example.com/v1", model: "gpt-4o-mini" }, slowList),
  ).finally(() => jest.useRealTimers());
  expect(probe.error?.kind).not.toBe("not-found");
  expect(probe.error).toBeUndefined();
});

test("llama-server with --api-key: /health and /v1/models are public, /props needs the key", async () => {
  const double = await startDouble({ apiKey: "secret" });
  try {
    const without = await probeServer({ preset: "llama-server", baseUrl: double.url });
    expect(without.ok).toBe(false);
    expect(without.error?.kind).toBe("unauthorized");
    expect(without.kind).toBe("llama-server"); // known from /v1/models' owned_by
    const withKey = await probeServer({ preset: "llama-server", baseUrl: double.url, apiKey: "secret" });
    expect(withKey).toMatchObject({ ok: true, slots: 2, contextSize: 4096 });
  } finally {
    await double.close();
  }
});

describe("Ollama-like double", () => {
  let double: DoubleHandle;
  beforeAll(async () => {
    double = await startDouble({ mode: "ollama" });
  });
  afterAll(() => double.close());

  test("kind ollama, its models; no slots from this API, the loaded model's context from /api/ps", async () => {
    // (Before /api/ps was asked, the context was unknown, and batches went up to the cap whatever num_ctx was.)
    const probe = await probeServer({ preset: "ollama", baseUrl: `${double.url}/v1`, model: "gemma2:2b" });
    expect(probe).toMatchObject({
      ok: true,
      kind: "ollama",
      model: "gemma2:2b",
      models: ["gemma2:2b"],
      slots: null,
      contextSize: 4096,
    });
  });

  test("from an extension origin: origin-rejected with the OLLAMA_ORIGINS fix", async () => {
    const probe = await probeServer(
      { preset: "ollama", baseUrl: `${double.url}/v1`, model: "gemma2:2b" },
      withHeaders({ Origin: "moz-extension://0a1b2c3d" }),
    );
    expect(probe.ok).toBe(false);
    expect(probe.kind).toBe("ollama");
    expect(probe.error?.kind).toBe("origin-rejected");
    expect(probe.error?.fix).toContain("OLLAMA_ORIGINS='chrome-extension://*,moz-extension://*' ollama serve");
    expect(probe.error?.fix).toContain("$env:OLLAMA_ORIGINS='chrome-extension://*,moz-extension://*'; ollama serve");
    // Linux runs Ollama as a systemd service: it holds the port, and its models are not those of an `ollama serve`.
    expect(probe.error?.fix).toContain(
      'sudo systemctl edit ollama.service, add the lines [Service] and Environment="OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*", then sudo systemctl restart ollama',
    );
  });

  test("a model the server does not have: not ok, not-found", async () => {
    const probe = await probeServer({ preset: "ollama", baseUrl: `${double.url}/v1`, model: "qwen3:4b" });
    expect(probe.ok).toBe(false);
    expect(probe.error?.kind).toBe("not-found");
  });

  test("a model named as Ollama takes it (no tag means :latest, any case): ok, with the listed id", async () => {
    const latest = await startDouble({ mode: "ollama", model: "gemma3:latest" });
    try {
      for (const model of ["gemma3", "Gemma3:latest"]) {
        const config = { preset: "ollama" as const, baseUrl: `${latest.url}/v1`, model };
        const probe = await probeServer(config);
        expect(probe).toMatchObject({ ok: true, kind: "ollama", model: "gemma3:latest" });
        expect(probe.error).toBeUndefined();
        // And a translation under that name works, as Ollama's own lookup would have it.
        await expect(translateText(config, "Guten Morgen, wie geht es dir heute?", "en")).resolves.toBeTruthy();
      }
      const other = await probeServer({ preset: "ollama", baseUrl: `${latest.url}/v1`, model: "gemma3:4b" });
      expect(other.error?.kind).toBe("not-found");
    } finally {
      await latest.close();
    }
  });

  test("listModels for the picker", async () => {
    await expect(listModels({ preset: "ollama", baseUrl: double.url })).resolves.toEqual(["gemma2:2b"]);
  });
});

test("nothing listening: unreachable, quickly", async () => {
  const double = await startDouble();
  const url = double.url;
  await double.close();
  const probe = await probeServer({ preset: "llama-server", baseUrl: url });
  expect(probe).toMatchObject({ ok: false, kind: "unknown", model: null, slots: null, contextSize: null });
  expect(probe.error?.kind).toBe("unreachable");
  expect(probe.error?.message).toContain(url);
  await expect(listModels({ preset: "llama-server", baseUrl: url })).rejects.toBeInstanceOf(LlmRequestError);
});

const canned =
  (routes: Record<string, [number, unknown]>): Transport =>
  (url) => {
    const hit = routes[new URL(url).pathname];
    if (!hit) return Promise.resolve(new Response("404 page not found", { status: 404 }));
    const [status, body] = hit;
    return Promise.resolve(new Response(typeof body === "string" ? body : JSON.stringify(body), { status }));
  };

test("LM Studio is recognised by its /v1/models", async () => {
  const probe = await probeServer(
    { preset: "lmstudio", baseUrl: "http://127.0.0.1:1234/v1", model: "google/gemma-2-2b-it" },
    canned({
      "/v1/models": [
        200,
        { data: [{ id: "google/gemma-2-2b-it", object: "model", owned_by: "organization_owner" }], object: "list" },
      ],
    }),
  );
  expect(probe).toMatchObject({ ok: true, kind: "lmstudio", model: "google/gemma-2-2b-it" });
});

describe("the context Ollama and LM Studio run a model with (they have no /props)", () => {
  const lmModels = {
    data: [{ id: "google/gemma-2-2b-it", object: "model", owned_by: "organization_owner" }],
    object: "list",
  };
  const lmStudio = { preset: "lmstudio" as const, baseUrl: "http://127.0.0.1:1234/v1", model: "google/gemma-2-2b-it" };
  const ollama = { preset: "ollama" as const, baseUrl: "http://127.0.0.1:11434/v1", model: "gemma3" };
  const ollamaModels = { object: "list", data: [{ id: "gemma3:latest", object: "model", owned_by: "library" }] };

  test("LM Studio: the loaded model's loaded_context_length from /api/v0/models", async () => {
    const probe = await probeServer(
      lmStudio,
      canned({
        "/v1/models": [200, lmModels],
        "/api/v0/models": [
          200,
          {
            object: "list",
            data: [
              { id: "qwen2-vl-7b-instruct", state: "loaded", max_context_length: 32768, loaded_context_length: 32768 },
              { id: "google/gemma-2-2b-it", state: "loaded", max_context_length: 8192, loaded_context_length: 3072 },
            ],
          },
        ],
      }),
    );
    expect(probe).toMatchObject({ ok: true, kind: "lmstudio", contextSize: 3072 });
  });

  test("Ollama: the context_length of the model /api/ps lists, under the name Ollama resolves it to", async () => {
    const ps = {
      models: [
        { name: "qwen3:4b", model: "qwen3:4b", context_length: 32768 },
        { name: "gemma3:latest", model: "gemma3:latest", context_length: 8192 },
      ],
    };
    const probe = await probeServer(ollama, canned({ "/v1/models": [200, ollamaModels], "/api/ps": [200, ps] }));
    expect(probe).toMatchObject({ ok: true, kind: "ollama", contextSize: 8192 });
  });

  test("where it is not said (the model not loaded yet, an Ollama before /api/ps told it): 2,048, the least either loads with", async () => {
    const notLoaded = await probeServer(
      ollama,
      canned({ "/v1/models": [200, ollamaModels], "/api/ps": [200, { models: [] }] }),
    );
    expect(notLoaded.contextSize).toBe(2048);
    const old = await probeServer(
      ollama,
      canned({ "/v1/models": [200, ollamaModels], "/api/ps": [200, { models: [{ name: "gemma3:latest" }] }] }),
    );
    expect(old.contextSize).toBe(2048);
    const unloaded = {
      object: "list",
      data: [{ id: "google/gemma-2-2b-it", state: "not-loaded", max_context_length: 8192 }],
    };
    const lm = await probeServer(
      lmStudio,
      canned({ "/v1/models": [200, lmModels], "/api/v0/models": [200, unloaded] }),
    );
    expect(lm.contextSize).toBe(2048);
    // Gloss's guess, marked as one: batches are made to fit it, but it is not reported as the server's.
    expect([notLoaded, old, lm].map((probe) => probe.contextAssumed)).toEqual([true, true, true]);
  });

  test("Test connection with the model not loaded yet names no context size: 2,048 is Gloss's guess, not the server's", async () => {
    const transport = canned({ "/v1/models": [200, ollamaModels], "/api/ps": [200, { models: [] }] });
    const report = await testConnection({ ...DEFAULTS, ...ollama }, "en", { transport, sample: false });
    expect(report).toMatchObject({ ok: true, model: "gemma3:latest" });
    expect(report.contextSize).toBeUndefined();
    const loaded = { models: [{ name: "gemma3:latest", model: "gemma3:latest", context_length: 8192 }] };
    const known = canned({ "/v1/models": [200, ollamaModels], "/api/ps": [200, loaded] });
    expect(await testConnection({ ...DEFAULTS, ...ollama }, "en", { transport: known, sample: false })).toMatchObject({
      contextSize: 8192,
    });
  });
});

test("a generic OpenAI-compatible API: kind openai-compatible; a 401 on /v1/models is unauthorized", async () => {
  const ok = await probeServer(
    { preset: "custom", baseUrl: "https://api.example.com/v1", model: "m1", apiKey: "k" },
    canned({ "/v1/models": [200, { object: "list", data: [{ id: "m1", object: "model", owned_by: "acme" }] }] }),
  );
  expect(ok).toMatchObject({ ok: true, kind: "openai-compatible", model: "m1" });
  const denied = await probeServer(
    { preset: "custom", baseUrl: "https://api.example.com/v1", model: "m1" },
    canned({ "/v1/models": [401, { error: { message: "no key" } }] }),
  );
  expect(denied.error?.kind).toBe("unauthorized");
  const nothing = await probeServer({ preset: "custom", baseUrl: "https://example.com/api" }, canned({}));
  expect(nothing.error?.kind).toBe("not-found");
});

test("vLLM: the context it was started with, from the configured model's max_model_len", async () => {
  const vllm = { owned_by: "vllm", object: "model" };
  const probe = await probeServer(
    { preset: "custom", baseUrl: "http://127.0.0.1:8000/v1", model: "Qwen/Qwen2.5-3B-Instruct" },
    canned({
      "/v1/models": [
        200,
        {
          object: "list",
          data: [
            { ...vllm, id: "meta-llama/Llama-3.2-1B-Instruct", max_model_len: 131072 },
            { ...vllm, id: "Qwen/Qwen2.5-3B-Instruct", max_model_len: 8192 },
          ],
        },
      ],
    }),
  );
  expect(probe).toMatchObject({ ok: true, model: "Qwen/Qwen2.5-3B-Instruct", contextSize: 8192 });
});

describe("a web page where the server should be (a network's sign-in page, another program on port 8080)", () => {
  const PAGE = "<!DOCTYPE html><html><head><title>Sign in to Hotel WiFi</title></head><body>…</body></html>";
  let chatRequests = 0;
  const portal: Transport = (url) => {
    if (new URL(url).pathname.endsWith("/chat/completions")) chatRequests++;
    return Promise.resolve(
      new Response(PAGE, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } }),
    );
  };
  const config = { preset: "llama-server" as const, baseUrl: "http://127.0.0.1:8080" };
  const saysWebPage = expect.objectContaining({
    kind: "not-found",
    message: "The server at http://127.0.0.1:8080 answered with a web page, not a model server's API.",
    fix: expect.stringContaining("Check the address and port"),
  });

  test("Test connection says so, with the fix", async () => {
    const probe = await probeServer(config, portal);
    expect(probe.ok).toBe(false);
    expect(probe.error).toEqual(saysWebPage);
    await expect(listModels(config, portal)).rejects.toMatchObject({ error: saysWebPage });
  });

  test("a translation says so too, once, and stops asking (not a server error to retry)", async () => {
    chatRequests = 0;
    const results = await collect(createLlmTranslator({ ...config, model: "m" }, portal), SEGMENTS);
    for (const segment of SEGMENTS) expect(results.get(segment.id)).toEqual({ id: segment.id, error: saysWebPage });
    expect(isFatalError((results.get(SEGMENTS[0]!.id) as { error: TranslateError }).error)).toBe(true);
    expect(chatRequests).toBe(1);
  });
});

test("https with a certificate the browser does not trust: the fix says how to accept it", async () => {
  // The browser tells nothing but "Failed to fetch", as when nothing listens.
  const refused: Transport = () => Promise.reject(new TypeError("Failed to fetch"));
  const https = await probeServer({ preset: "llama-server", baseUrl: "https://gpu-box.lan:8443/v1" }, refused);
  expect(https.error).toMatchObject({ kind: "unreachable", fix: expect.stringContaining("accept the certificate") });
  const http = await probeServer({ preset: "llama-server", baseUrl: "http://127.0.0.1:8080" }, refused);
  expect(http.error?.fix).not.toContain("certificate");
});

test("a server that takes the connection but never answers is not said to be off: it says it hangs, and what to do", async () => {
  // Port open, no answer (busy with a huge prompt, stopped in a debugger): every look times out. A refused
  // connection fails at once, as the test above shows.
  const hanging: Transport = (_url, init) =>
    new Promise((_, reject) =>
      init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
    );
  useFakeTimersFromNow();
  const probe = await withClockRunning(
    probeServer({ preset: "llama-server", baseUrl: "http://127.0.0.1:8080" }, hanging),
  ).finally(() => jest.useRealTimers());
  expect(probe.error?.kind).toBe("unreachable");
  expect(probe.error?.message).toBe(
    "The server at http://127.0.0.1:8080 does not answer (nothing came back within 3 s).",
  );
  expect(probe.error?.message).not.toContain("cannot reach");
  expect(probe.error?.fix).not.toContain("Start llama-server");
  expect(probe.error?.fix).toContain("restart");
});
