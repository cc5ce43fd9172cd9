// A fetch-compatible Transport over GM.xmlHttpRequest, so src/llm runs unchanged in a userscript. Requests run in
// the manager, outside the page, so the page's CORS and CSP do not apply. Streaming: Tampermonkey hands out a
// ReadableStream (`responseType: "stream"`); elsewhere text arrives through `onprogress`; at worst all at `onload`.
import { RequestRefusedError, type Transport } from "../llm";
import type { GmApi, GmRequestDetails, GmResponse } from "./gm-api";

function parseHeaders(raw: string | null | undefined): Headers {
  const headers = new Headers();
  // Greasemonkey 4 before 4.10 gave no headers (null) before the end.
  for (const line of (raw ?? "").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    try {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    } catch {
      // A header name the Headers class refuses; nothing Gloss reads.
    }
  }
  return headers;
}

function headerRecord(init: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(init).forEach((value, key) => (out[key] = value));
  return out;
}

function supportsStreams(gm: Pick<GmApi, "info">): boolean {
  return gm.info?.scriptHandler === "Tampermonkey";
}

/**
 * Tampermonkey (and ScriptCat) fail a request to a host the user has not allowed for the script with "Refused to
 * connect to …" (not on the @connect list, blocked by the user in its prompt, on its blacklist): no server was asked.
 */
const MANAGER_REFUSAL = /\bRefused to connect\b|@connect\b|blocked by the user|blacklisted/i;

/** What a failed request was: a manager's refusal, or (like fetch) a network error. */
function failure(r: GmResponse | undefined, url: string): Error {
  const why = typeof r?.error === "string" ? r.error : "";
  return MANAGER_REFUSAL.test(why) ? new RequestRefusedError(why) : new TypeError(`Network error for ${url}`);
}

/** Statuses whose answer has no body (No Content, Reset Content, Not Modified): a Response with one cannot be made. */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

const abortError = () => new DOMException("The request was aborted.", "AbortError");

/** One request under way: how far its answer has come, and where it goes (the promise, then the body). */
interface Exchange {
  url: string;
  resolve(response: Response): void;
  reject(error: Error): void;
  /** Tampermonkey's: the answer comes as a stream of its own. */
  streaming: boolean;
  stream: ReadableStream<Uint8Array>;
  body: WritableStreamDefaultWriter<Uint8Array>;
  encoder: TextEncoder;
  /** What the manager returned for the request, once it has. */
  request?: ReturnType<GmApi["xmlHttpRequest"]>;
  /** The promise is resolved or rejected. */
  settled: boolean;
  /** The body is closed or errored. */
  finished: boolean;
  /** How much of the manager's text the body has. */
  seen: number;
  /** Tampermonkey's stream is being piped into the body. */
  piping: boolean;
}

/**
 * Stops the manager's request. Its `abort` is looked up only now: Safari's Userscripts puts it on the promise it
 * returns once its request is under way, not at once. Greasemonkey 4 gives none: an abort then only stops Gloss
 * waiting (the body errors out), while the server keeps generating the reply nobody reads, holding its slot.
 */
function abortRequest(x: Exchange): void {
  const handle = x.request as { abort?: unknown } | void;
  if (handle && typeof handle.abort === "function") (handle as { abort(): void }).abort();
}

/** `final`: the request is over (onload), so a missing status means that no HTTP answer came. */
function respond(x: Exchange, r: GmResponse, final = false): void {
  if (x.settled) return;
  // No status yet: Tampermonkey calls onloadstart with its stream before the headers are in (status 0), and
  // older managers report status 0 or null on progress. The answer is made when a status comes.
  const known = typeof r.status === "number" && r.status > 0;
  if (!known && !final) return;
  x.settled = true;
  // Status 0 at the end means no HTTP answer at all (refused, DNS, blocked @connect): like fetch, a network error.
  if (!known) return x.reject(failure(r, x.url));
  const bodyless = NULL_BODY_STATUSES.has(r.status);
  try {
    x.resolve(
      new Response(bodyless ? null : x.stream, {
        status: r.status,
        statusText: r.statusText,
        headers: parseHeaders(r.responseHeaders),
      }),
    );
  } catch {
    // A status no Response can carry (outside 200–599): fetch fails such an answer as a network error.
    return x.reject(new TypeError(`Network error for ${x.url}`));
  }
  if (bodyless) finish(x);
}

function pushText(x: Exchange, r: GmResponse): void {
  const text = typeof r.responseText === "string" ? r.responseText : "";
  if (text.length > x.seen) {
    void x.body.write(x.encoder.encode(text.slice(x.seen))).catch(() => undefined);
    x.seen = text.length;
  }
}

function finish(x: Exchange): void {
  if (x.finished) return;
  x.finished = true;
  void x.body.close().catch(() => undefined);
}

function fail(x: Exchange, error: Error): void {
  if (!x.settled) {
    x.settled = true;
    x.reject(error);
  } else if (!x.finished) {
    x.finished = true;
    void x.body.abort(error).catch(() => undefined);
  }
}

/** Pipes Tampermonkey's stream into the body, from whichever callback first carries it. */
function takeStream(x: Exchange, r: GmResponse): void {
  if (!x.streaming || x.piping || !(r.response instanceof ReadableStream)) return;
  x.piping = true;
  void pipe(x, (r.response as ReadableStream<Uint8Array>).getReader());
}

async function pipe(x: Exchange, reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      void x.body.write(value).catch(() => undefined);
    }
    finish(x);
  } catch (error) {
    fail(x, error instanceof Error ? error : new TypeError(String(error)));
  }
}

/** The manager's request for `init`, its callbacks feeding the exchange. */
function requestDetails(x: Exchange, init: RequestInit): GmRequestDetails {
  return {
    method: init.method ?? "GET",
    url: x.url,
    headers: headerRecord(init.headers),
    ...(typeof init.body === "string" ? { data: init.body } : {}),
    ...(x.streaming ? { responseType: "stream" as const } : {}),
    // Managers send the browser's cookies for the server's host by default, and keep what it sets: a remote API
    // could then tie the pages you translate to you as its site knows you. The extension sends none either.
    anonymous: true,
    onloadstart(r) {
      takeStream(x, r);
      respond(x, r);
    },
    onreadystatechange(r) {
      takeStream(x, r);
      if (r.readyState >= 2) respond(x, r);
    },
    onprogress(r) {
      takeStream(x, r);
      respond(x, r);
      if (!x.piping) pushText(x, r);
    },
    onload(r) {
      takeStream(x, r);
      respond(x, r, true);
      if (x.piping) return;
      pushText(x, r);
      finish(x);
    },
    onerror: (r) => fail(x, failure(r, x.url)),
    ontimeout: () => fail(x, new TypeError(`Timed out: ${x.url}`)),
    onabort: () => fail(x, abortError()),
  };
}

export function createGmTransport(gm: Pick<GmApi, "xmlHttpRequest" | "info">): Transport {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(abortError());
      // The body is written through a TransformStream, not a ReadableStream with a source of Gloss's: run apart
      // from the page in Firefox (a content script's world: Violentmonkey's @inject-into content, Tampermonkey's
      // DOM sandbox), the page's ReadableStream never calls such a source's `start`, so no reply would ever arrive.
      const { readable: stream, writable } = new TransformStream<Uint8Array, Uint8Array>();
      const x: Exchange = {
        url,
        resolve,
        reject,
        streaming: supportsStreams(gm),
        stream,
        body: writable.getWriter(),
        encoder: new TextEncoder(),
        settled: false,
        finished: false,
        seen: 0,
        piping: false,
      };
      // The reader cancelled the body (Gloss stopped reading): the request stops too.
      x.body.closed.catch(() => {
        if (!x.finished) abortRequest(x);
      });
      x.request = gm.xmlHttpRequest(requestDetails(x, init));
      // Tampermonkey and Violentmonkey return a promise (with `abort` on it) that rejects when the request fails
      // or is aborted. Gloss hears about both through the callbacks above; left uncaught, each would log
      // "Uncaught (in promise)" in the page's console.
      if (x.request && typeof (x.request as { then?: unknown }).then === "function")
        Promise.resolve(x.request).catch(() => undefined);
      signal?.addEventListener(
        "abort",
        () => {
          abortRequest(x);
          fail(x, abortError());
        },
        { once: true },
      );
    });
}
