// The double against the real server's recordings (test/double/transcripts, from shared/llama-server): same status
// line, same headers in the same order, same bodies where they are deterministic, same JSON key order and SSE
// framing where they contain generated text, ids or timings.
import { type DoubleHandle, startDouble } from "../double/server";
import { header, type RawResponse, rawRequest, readTranscript, requestFromCurl } from "../helpers/double-http";

type Compare = "exact" | "shape" | "sse";
type ServerName = "main" | "apikey" | "loading";

const CASES: [file: string, server: ServerName, compare: Compare][] = [
  ["a_chat_during_loading.txt", "loading", "exact"],
  ["a_health_loading.txt", "loading", "exact"],
  ["a_health_ready.txt", "main", "exact"],
  ["a_v1_health_ready.txt", "main", "exact"],
  ["b_metrics_disabled.txt", "main", "exact"],
  ["b_models.txt", "main", "shape"],
  ["b_v1_models.txt", "main", "shape"],
  ["b_props.txt", "main", "shape"],
  ["b_root_no_ui_assets.txt", "main", "exact"],
  ["b_slots_idle.txt", "main", "exact"],
  ["b_unknown_route_404.txt", "main", "exact"],
  ["c1_chat_nonstream.txt", "main", "shape"],
  ["c2_chat_stream.txt", "main", "sse"],
  ["c3_chat_stream_include_usage.txt", "main", "sse"],
  ["c11_chat_stream_raw_chunked_framing.txt", "main", "sse"],
  ["d1_finish_length_max_tokens_4_stream.txt", "main", "sse"],
  ["e1_prompt_exceeds_context.txt", "main", "shape"],
  ["e2_prompt_exceeds_context_stream.txt", "main", "shape"],
  ["f1_malformed_json.txt", "main", "exact"],
  ["f2_missing_messages.txt", "main", "exact"],
  ["f4_content_type_text_plain.txt", "main", "shape"],
  ["f6_wrong_type_max_tokens.txt", "main", "exact"],
  ["f8_empty_body.txt", "main", "exact"],
  ["f9_malformed_json_stream.txt", "main", "exact"],
  ["f10_bad_role.txt", "main", "exact"],
  ["f11_get_on_post_route.txt", "main", "exact"],
  ["f12_template_raise_exception_alternation.txt", "main", "exact"],
  ["g1_cors_preflight_options.txt", "main", "exact"],
  ["g3_cors_post_with_origin_stream.txt", "main", "sse"],
  ["g4_cors_error_with_origin.txt", "main", "exact"],
  ["g5_cors_preflight_options_unknown_path.txt", "main", "exact"],
  ["g6_cors_get_health_with_origin.txt", "main", "exact"],
  ["h1_apikey_missing.txt", "apikey", "exact"],
  ["h2_apikey_wrong.txt", "apikey", "exact"],
  ["h3_apikey_correct_bearer.txt", "apikey", "shape"],
  ["h4_apikey_health_no_key.txt", "apikey", "exact"],
  ["h5_apikey_v1_models_no_key.txt", "apikey", "shape"],
  ["h6_apikey_props_no_key.txt", "apikey", "exact"],
  ["h7_apikey_x_api_key_header.txt", "apikey", "shape"],
  ["h8_apikey_bare_authorization_no_bearer.txt", "apikey", "shape"],
  ["h9_apikey_missing_stream.txt", "apikey", "exact"],
  ["h10_apikey_preflight_options_no_key.txt", "apikey", "exact"],
  ["h11_apikey_wrong_with_origin.txt", "apikey", "exact"],
  ["h12_apikey_lowercase_bearer.txt", "apikey", "exact"],
  ["k1_tokenize.txt", "main", "shape"],
  ["k3_detokenize.txt", "main", "shape"],
  ["k4_apply_template.txt", "main", "exact"],
  ["k5_chat_input_tokens.txt", "main", "shape"],
];

/** JSON structure with key order: objects keep their keys, values become their type. */
function shape(value: unknown): unknown {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length ? [shape(value[0])] : [];
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, shape(v)]));
  }
  return typeof value;
}

const headerNames = (r: RawResponse): string[] => r.headers.map(([k]) => k);
/** Header values that legitimately differ: body length of generated text. */
const stableHeaders = (r: RawResponse, compare: Compare): [string, string][] =>
  r.headers.filter(([k]) => compare === "exact" || k !== "Content-Length");

function events(body: string): string[] {
  return body
    .split("\n\n")
    .filter(Boolean)
    .map((e) => e.replace(/^data: /, ""));
}

/** First, middle and last events' shapes, and the [DONE] tail. */
function sseOutline(body: string): unknown {
  const evs = events(body);
  const done = evs[evs.length - 1];
  const json = evs.slice(0, -1).map((e) => JSON.parse(e) as Record<string, unknown>);
  const finishIndex = json.findIndex((j) => {
    const c = (j.choices as { finish_reason?: unknown }[])[0];
    return c !== undefined && c.finish_reason !== null;
  });
  const finish = json[finishIndex] as Record<string, unknown>;
  return {
    first: shape(json[0]),
    firstDelta: (json[0]?.choices as { delta: unknown }[])[0]?.delta,
    content: shape(json[1]),
    finish: shape(finish),
    finishReason: (finish.choices as { finish_reason: unknown }[])[0]?.finish_reason,
    afterFinish: json.slice(finishIndex + 1).map(shape),
    done,
  };
}

describe("the double reproduces the recorded llama-server", () => {
  const servers: Partial<Record<ServerName, DoubleHandle>> = {};

  beforeAll(async () => {
    const common = { slots: 2, ctx: 1024, model: "model/tiny.gguf" };
    servers.main = await startDouble(common);
    servers.apikey = await startDouble({ ...common, apiKey: "secret" });
    servers.loading = await startDouble({ ...common, loadingMs: 600_000 });
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => s?.close()));
  });

  test.each(CASES)("%s", async (file, server, compare) => {
    const recorded = readTranscript(file);
    const double = servers[server] as DoubleHandle;
    const got = await rawRequest(double.port, requestFromCurl(recorded.command));

    expect(got.statusLine).toBe(recorded.statusLine);
    expect(headerNames(got)).toEqual(headerNames(recorded));
    expect(stableHeaders(got, compare)).toEqual(stableHeaders(recorded, compare));
    if (header(got, "Content-Length") !== undefined) {
      expect(Number(header(got, "Content-Length"))).toBe(Buffer.byteLength(got.body));
    }

    if (compare === "exact") {
      expect(got.body).toBe(recorded.body);
    } else if (compare === "shape") {
      expect(shape(JSON.parse(got.body))).toEqual(shape(JSON.parse(recorded.body)));
      expect(got.body).not.toMatch(/\n|": /); // compact JSON
    } else {
      const recordedBody = file.startsWith("c11") ? dechunk(recorded.body) : recorded.body;
      expect(sseOutline(got.body)).toEqual(sseOutline(recordedBody));
      // One server result per HTTP chunk; the first carries the role delta and the first token (c11).
      expect(events(got.chunks[0] ?? "")).toHaveLength(2);
      for (const chunk of got.chunks.slice(1)) expect(events(chunk)).toHaveLength(1);
      expect(got.chunks[got.chunks.length - 1]).toBe("data: [DONE]\n\n");
    }
  });

  test("context errors carry the prompt size and the per-slot context", async () => {
    const got = await rawRequest(
      (servers.main as DoubleHandle).port,
      requestFromCurl(readTranscript("e1_prompt_exceeds_context.txt").command),
    );
    const err = (JSON.parse(got.body) as { error: Record<string, unknown> }).error;
    expect(err.type).toBe("exceed_context_size_error");
    expect(err.n_ctx).toBe(1024);
    expect(err.message).toBe(
      `request (${String(err.n_prompt_tokens)} tokens) exceeds the available context size (1024 tokens), try increasing it`,
    );
    expect(err.n_prompt_tokens as number).toBeGreaterThan(1024);
  });
});

function dechunk(raw: string): string {
  let out = "";
  let rest = raw;
  for (;;) {
    const nl = rest.indexOf("\r\n");
    const size = parseInt(rest.slice(0, nl), 16);
    if (!size) return out;
    out += rest.slice(
      nl + 2,
      nl +
        2 +
        Buffer.from(rest.slice(nl + 2))
          .subarray(0, size)
          .toString().length,
    );
    rest = rest.slice(nl + 2 + size + 2);
  }
}
