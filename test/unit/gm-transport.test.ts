import type { GmApi, GmRequestDetails, GmResponse } from "../../src/userscript/gm-api";
import { resolveGmApi } from "../../src/userscript/gm-api";
import { createGmTransport } from "../../src/userscript/gm-transport";
import { watchUnhandled } from "../helpers/unhandled";
import { LlmRequestError, probeServer, translateText } from "../../src/llm";

/** A scripted fake manager: each test says what the "server" sends and how the manager reports it. */
function fakeGm(
  behave: (details: GmRequestDetails, respond: (r: Partial<GmResponse>) => GmResponse) => void,
  scriptHandler = "Violentmonkey",
): GmApi & { requests: GmRequestDetails[]; aborted: number } {
  const requests: GmRequestDetails[] = [];
  const api = {
    requests,
    aborted: 0,
    info: { scriptHandler },
    xmlHttpRequest(details: GmRequestDetails) {
      requests.push(details);
      const respond = (r: Partial<GmResponse>): GmResponse => ({
        status: 200,
        statusText: "OK",
        responseHeaders: "content-type: text/event-stream\r\nserver: llama.cpp\r\n",
        readyState: 4,
        ...r,
      });
      queueMicrotask(() => behave(details, respond));
      return {
        abort() {
          api.aborted++;
          details.onabort?.(respond({ status: 0 }));
        },
      };
    },
    getValue: async <T>(_key: string, fallback: T) => fallback,
    setValue: async () => undefined,
    deleteValue: async () => undefined,
    listValues: async () => [],
    registerMenuCommand: () => undefined,
    hasMenu: true,
    stores: true,
    notify: () => undefined,
    onValueChange: undefined,
  };
  return api;
}

async function readAll(response: Response): Promise<string[]> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const chunks: string[] = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return chunks;
    chunks.push(decoder.decode(value, { stream: true }));
  }
}

describe("GM.xmlHttpRequest transport", () => {
  it("streams text as onprogress reports it, with status and headers", async () => {
    const gm = fakeGm((details, respond) => {
      details.onreadystatechange?.(respond({ readyState: 2, responseText: "" }));
      details.onprogress?.(respond({ readyState: 3, responseText: "data: a\n\n" }));
      details.onprogress?.(respond({ readyState: 3, responseText: "data: a\n\ndata: b\n\n" }));
      details.onload?.(respond({ responseText: "data: a\n\ndata: b\n\ndata: [DONE]\n\n" }));
    });
    const transport = createGmTransport(gm);
    const response = await transport("http://127.0.0.1:8080/v1/chat/completions", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: "Bearer k" },
      body: '{"stream":true}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("server")).toBe("llama.cpp");
    expect(await readAll(response)).toEqual(["data: a\n\n", "data: b\n\n", "data: [DONE]\n\n"]);
    expect(gm.requests[0]).toMatchObject({
      method: "POST",
      data: '{"stream":true}',
      headers: { "content-type": "application/json", authorization: "Bearer k" },
    });
  });

  it("sends the server no cookies and keeps none it sets, as the extension's requests do", async () => {
    const gm = fakeGm((details, respond) => details.onload?.(respond({ responseText: "{}" })));
    const transport = createGmTransport(gm);
    await transport("https://api.example.com/v1/models", { method: "GET" });
    await transport("https://api.example.com/v1/chat/completions", { method: "POST", body: "{}" });
    expect(gm.requests.map((request) => request.anonymous)).toEqual([true, true]);
  });

  it("streams where the page's ReadableStream never calls a source of the script's (Firefox, apart from the page)", async () => {
    // In a Firefox content script's world (Violentmonkey's @inject-into content), the page's constructor, seen
    // through Xray wrappers, does not call the `start` of a source object the script hands it.
    const Real = globalThis.ReadableStream;
    globalThis.ReadableStream = class extends Real<Uint8Array> {
      constructor() {
        super();
      }
    } as typeof ReadableStream;
    try {
      const gm = fakeGm((details, respond) => {
        details.onprogress?.(respond({ readyState: 3, responseText: "data: a\n\n" }));
        details.onload?.(respond({ responseText: "data: a\n\ndata: [DONE]\n\n" }));
      });
      const response = await createGmTransport(gm)("http://127.0.0.1:8080/x", { method: "POST", body: "{}" });
      expect(await readAll(response)).toEqual(["data: a\n\n", "data: [DONE]\n\n"]);
    } finally {
      globalThis.ReadableStream = Real;
    }
  });

  it("pipes Tampermonkey's ReadableStream when it offers one", async () => {
    const gm = fakeGm((details, respond) => {
      const encoder = new TextEncoder();
      const response = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode("data: x\n\n"));
          controller.enqueue(encoder.encode("data: [DONE]\n\n"));
          controller.close();
        },
      });
      details.onloadstart?.(respond({ readyState: 2, response }));
    }, "Tampermonkey");
    const response = await createGmTransport(gm)("http://127.0.0.1:8080/x", { method: "POST", body: "{}" });
    expect(gm.requests[0]!.responseType).toBe("stream");
    expect((await readAll(response)).join("")).toBe("data: x\n\ndata: [DONE]\n\n");
  });

  /** A stream of the server's reply as Tampermonkey hands it out (`responseType: "stream"`). */
  function replyStream(...chunks: string[]): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
        controller.close();
      },
    });
  }

  it("takes Tampermonkey's stream at onloadstart, before the status is in (readyState 1, status 0)", async () => {
    // Tampermonkey calls onloadstart as the request opens, with the stream but no status or headers yet; they come
    // with readyState 2. Status 0 there is no network error.
    const gm = fakeGm((details, respond) => {
      const response = replyStream('{"error":', '"key"}');
      details.onloadstart?.(respond({ readyState: 1, status: 0, statusText: "", responseHeaders: "", response }));
      details.onreadystatechange?.(respond({ readyState: 2, status: 401, statusText: "Unauthorized", response }));
      details.onload?.(respond({ readyState: 4, status: 401, statusText: "Unauthorized", response }));
    }, "Tampermonkey");
    const response = await createGmTransport(gm)("http://127.0.0.1:8080/x", { method: "POST", body: "{}" });
    expect(response.status).toBe(401);
    expect(response.headers.get("server")).toBe("llama.cpp");
    expect(await response.text()).toBe('{"error":"key"}');
  });

  it("takes Tampermonkey's stream when only onload carries it", async () => {
    const gm = fakeGm((details, respond) => {
      details.onloadstart?.(respond({ readyState: 1, status: 0, responseHeaders: "" }));
      details.onload?.(respond({ response: replyStream("data: x\n\n", "data: [DONE]\n\n") }));
    }, "Tampermonkey");
    const response = await createGmTransport(gm)("http://127.0.0.1:8080/x", { method: "POST", body: "{}" });
    expect(await response.text()).toBe("data: x\n\ndata: [DONE]\n\n");
  });

  it("waits for a status when progress comes without one (older managers: 0 or null)", async () => {
    const gm = fakeGm((details, respond) => {
      details.onprogress?.(respond({ readyState: 3, status: 0, responseText: "data: a\n\n" }));
      details.onprogress?.(
        respond({ readyState: 3, status: null as unknown as number, responseHeaders: null as unknown as string }),
      );
      details.onload?.(respond({ responseText: "data: a\n\ndata: [DONE]\n\n" }));
    });
    const response = await createGmTransport(gm)("http://127.0.0.1:8080/x", { method: "POST", body: "{}" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("data: a\n\ndata: [DONE]\n\n");
  });

  it("gives the whole body at onload when the manager reports no progress", async () => {
    const gm = fakeGm((details, respond) => details.onload?.(respond({ status: 401, responseText: '{"error":1}' })));
    const response = await createGmTransport(gm)("http://127.0.0.1:8080/props", { method: "GET" });
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('{"error":1}');
  });

  describe("a status whose answer a Response cannot carry as it came", () => {
    const answering = (status: number, statusText: string) =>
      fakeGm((details, respond) => {
        details.onreadystatechange?.(respond({ readyState: 2, status, statusText, responseText: "" }));
        details.onload?.(respond({ status, statusText, responseText: "" }));
      });
    const config = { preset: "llama-server" as const, baseUrl: "http://192.168.1.20:8080", model: "" };

    it("204 No Content is answered at once, with no body, as fetch answers it", async () => {
      const response = await createGmTransport(answering(204, "No Content"))("http://127.0.0.1:8080/x", {
        method: "POST",
        body: "{}",
      });
      expect(response.status).toBe(204);
      expect(await response.text()).toBe("");
    });

    it("a translation the server answers with 204 ends in an error, not a wait until the time limit", async () => {
      const failure = await translateText(config, "Hallo Welt", "en", createGmTransport(answering(204, "No Content")))
        .then(() => undefined)
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(LlmRequestError);
    });

    it("a status outside 200–599 is a network error, as fetch has it", async () => {
      await expect(
        createGmTransport(answering(999, "?"))("http://127.0.0.1:8080/x", { method: "GET" }),
      ).rejects.toBeInstanceOf(TypeError);
    });
  });

  it("rejects like fetch when nothing answers (status 0 or onerror)", async () => {
    const refused = fakeGm((details, respond) => details.onerror?.(respond({ status: 0 })));
    await expect(createGmTransport(refused)("http://127.0.0.1:9/", { method: "GET" })).rejects.toBeInstanceOf(
      TypeError,
    );
    const blocked = fakeGm((details, respond) => details.onload?.(respond({ status: 0, responseText: "" })));
    await expect(createGmTransport(blocked)("http://127.0.0.1:9/", { method: "GET" })).rejects.toBeInstanceOf(
      TypeError,
    );
  });

  describe("a host the manager will not let Gloss reach (Tampermonkey's @connect list and XHR security)", () => {
    const config = { preset: "llama-server" as const, baseUrl: "http://192.168.1.20:8080", model: "" };
    const refusing = () =>
      fakeGm(
        (details, respond) =>
          details.onerror?.({
            ...respond({ status: 0, readyState: 4 }),
            error: `Refused to connect to "${details.url}": URL is not a part of the @connect list`,
          }),
        "Tampermonkey",
      );

    it("says the manager blocked it and how to allow it, not that the server is down, and asks once", async () => {
      const gm = refusing();
      const failure = await translateText(config, "Hallo Welt", "en", createGmTransport(gm)).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(LlmRequestError);
      const { error } = failure as LlmRequestError;
      expect(error.message).toBe(
        "Your userscript manager blocked Gloss's requests to the server at http://192.168.1.20:8080.",
      );
      expect(error.fix).toContain("User domain whitelist");
      expect(error.fix).not.toMatch(/start llama-server/i);
      // A blocked request is blocked again: no quiet retry of the translation request.
      expect(gm.requests.filter((r) => r.url.endsWith("/chat/completions"))).toHaveLength(1);
    });

    it("the options page's connection check says the same", async () => {
      const probe = await probeServer(config, createGmTransport(refusing()));
      expect(probe.ok).toBe(false);
      expect(probe.error?.message).toMatch(/^Your userscript manager blocked/);
    });

    it("a plain network failure still reads as an unreachable server", async () => {
      const down = fakeGm((details, respond) => details.onerror?.({ ...respond({ status: 0 }), error: "" }));
      const probe = await probeServer(config, createGmTransport(down));
      expect(probe.error?.message).toBe("Gloss cannot reach the server at http://192.168.1.20:8080.");
    });
  });

  it("aborts the manager's request when the signal fires, mid-stream too", async () => {
    const gm = fakeGm((details, respond) =>
      details.onprogress?.(respond({ readyState: 3, responseText: "data: a\n\n" })),
    );
    const controller = new AbortController();
    const response = await createGmTransport(gm)("http://127.0.0.1:8080/x", {
      method: "POST",
      signal: controller.signal,
    });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    expect(gm.aborted).toBe(1);
    await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
  });

  describe("the promise Tampermonkey, Violentmonkey and Greasemonkey 4 return", () => {
    /** A manager whose GM.xmlHttpRequest returns a promise that rejects when the request fails or is aborted. */
    function promiseGm(behave: (details: GmRequestDetails) => void, withAbort: boolean) {
      const calls = { aborted: 0 };
      const gm: GmApi = {
        info: { scriptHandler: withAbort ? "Violentmonkey" : "Greasemonkey" },
        onValueChange: undefined,
        xmlHttpRequest(details: GmRequestDetails) {
          let rejectRequest!: (reason: unknown) => void;
          const request = new Promise<unknown>((_resolve, reject) => (rejectRequest = reject));
          const response = (r: Partial<GmResponse> = {}): GmResponse => ({
            status: 0,
            statusText: "",
            responseHeaders: "",
            readyState: 4,
            ...r,
          });
          const wrapped = { ...details };
          wrapped.onerror = (r) => {
            details.onerror?.(r);
            rejectRequest(new Error("network error"));
          };
          queueMicrotask(() => behave(wrapped));
          if (!withAbort) return request;
          return Object.assign(request, {
            abort() {
              calls.aborted++;
              details.onabort?.(response());
              rejectRequest(new Error("aborted"));
            },
          });
        },
        getValue: async <T>(_key: string, fallback: T) => fallback,
        setValue: async () => undefined,
        deleteValue: async () => undefined,
        listValues: async () => [],
        registerMenuCommand: () => undefined,
        hasMenu: true,
        stores: true,
        notify: () => undefined,
      };
      return { gm, calls };
    }

    it("is caught when the request fails", async () => {
      const unhandled = watchUnhandled();
      const { gm } = promiseGm((details) => details.onerror?.({ status: 0 } as GmResponse), true);
      await expect(createGmTransport(gm)("http://127.0.0.1:9/", { method: "GET" })).rejects.toBeInstanceOf(TypeError);
      expect(await unhandled()).toEqual([]);
    });

    it("is caught when Gloss aborts the request", async () => {
      const unhandled = watchUnhandled();
      const { gm, calls } = promiseGm(() => undefined, true);
      const controller = new AbortController();
      const pending = createGmTransport(gm)("http://127.0.0.1:8080/x", { method: "POST", signal: controller.signal });
      controller.abort();
      await expect(pending).rejects.toMatchObject({ name: "AbortError" });
      expect(calls.aborted).toBe(1);
      expect(await unhandled()).toEqual([]);
    });

    /** The first of the reply, as a manager reports it on progress. */
    const firstProgress = (): GmResponse => ({
      status: 200,
      statusText: "OK",
      responseHeaders: "",
      readyState: 3,
      responseText: "data: a\n\n",
    });

    /** Reads the first of the reply, then aborts (Show original): the body ends in an AbortError at once. */
    async function abortMidStream(gm: GmApi): Promise<void> {
      const controller = new AbortController();
      const response = await createGmTransport(gm)("http://127.0.0.1:8080/x", {
        method: "POST",
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      await reader.read();
      controller.abort();
      await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
    }

    it("with its abort put on it only once the request is under way (Safari's Userscripts), Show original stops it", async () => {
      let aborted = 0;
      const gm: GmApi = {
        ...promiseGm(() => undefined, false).gm,
        info: { scriptHandler: "Userscripts" },
        xmlHttpRequest(details: GmRequestDetails) {
          const request = new Promise<unknown>(() => undefined);
          // The manager's port to its background opens a moment later; `abort` comes with it.
          setTimeout(() => {
            Object.assign(request, { abort: () => aborted++ });
            details.onprogress?.(firstProgress());
          });
          return request;
        },
      };
      await abortMidStream(gm);
      expect(aborted).toBe(1);
    });

    it("without an abort handle (Greasemonkey 4), an abort still ends the wait at once", async () => {
      const unhandled = watchUnhandled();
      const { gm } = promiseGm((details) => details.onprogress?.(firstProgress()), false);
      await abortMidStream(gm);
      expect(await unhandled()).toEqual([]);
    });
  });

  it("finds GM.* or falls back to GM_xmlhttpRequest, and says what is missing", () => {
    const legacy = { GM_xmlhttpRequest: () => undefined };
    expect(resolveGmApi(legacy).xmlHttpRequest).toBeInstanceOf(Function);
    expect(() => resolveGmApi({})).toThrow(/GM\.xmlHttpRequest/);
  });
});
