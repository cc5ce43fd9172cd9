// A fetch-compatible Transport over GM.xmlHttpRequest, so src/llm runs unchanged in a userscript. Requests run in
// the manager, outside the page, so the page's CORS and CSP do not apply. Streaming: Tampermonkey hands out a
// ReadableStream (`responseType: "stream"`); elsewhere text arrives through `onprogress`; at worst all at `onload`.
import { RequestRefusedError, type Transport } from "../llm";
import type { GmApi, GmResponse } from "./gm-api";

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

const abortError = () => new DOMException("The request was aborted.", "AbortError");

export function createGmTransport(gm: Pick<GmApi, "xmlHttpRequest" | "info">): Transport {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) return reject(abortError());
      const encoder = new TextEncoder();
      let settled = false;
      let finished = false;
      let seen = 0;
      let piping = false;
      /**
       * Stops the manager's request. Its `abort` is looked up only now: Safari's Userscripts puts it on the promise it
       * returns once its request is under way, not at once. Greasemonkey 4 gives none: an abort then only stops Gloss
       * waiting (the body errors out), while the server keeps generating the reply nobody reads, holding its slot.
       */
      const abortRequest = () => {
        const handle = request as { abort?: unknown } | void;
        if (handle && typeof handle.abort === "function") (handle as { abort(): void }).abort();
      };

      // The body is written through a TransformStream, not a ReadableStream with a source of Gloss's: run apart
      // from the page in Firefox (a content script's world: Violentmonkey's @inject-into content, Tampermonkey's
      // DOM sandbox), the page's ReadableStream never calls such a source's `start`, so no reply would ever arrive.
      const { readable: stream, writable } = new TransformStream<Uint8Array, Uint8Array>();
      const writer = writable.getWriter();
      const body = {
        enqueue: (chunk: Uint8Array) => void writer.write(chunk).catch(() => undefined),
        close: () => void writer.close().catch(() => undefined),
        error: (error: Error) => void writer.abort(error).catch(() => undefined),
      };
      // The reader cancelled the body (Gloss stopped reading): the request stops too.
      writer.closed.catch(() => {
        if (!finished) abortRequest();
      });
      /** `final`: the request is over (onload), so a missing status means that no HTTP answer came. */
      const respond = (r: GmResponse, final = false) => {
        if (settled) return;
        // No status yet: Tampermonkey calls onloadstart with its stream before the headers are in (status 0), and
        // older managers report status 0 or null on progress. The answer is made when a status comes.
        const known = typeof r.status === "number" && r.status > 0;
        if (!known && !final) return;
        settled = true;
        // Status 0 at the end means no HTTP answer at all (refused, DNS, blocked @connect): like fetch, a network error.
        if (!known) return reject(failure(r, url));
        resolve(
          new Response(stream, {
            status: r.status,
            statusText: r.statusText,
            headers: parseHeaders(r.responseHeaders),
          }),
        );
      };
      const pushText = (r: GmResponse) => {
        const text = typeof r.responseText === "string" ? r.responseText : "";
        if (text.length > seen) {
          body.enqueue(encoder.encode(text.slice(seen)));
          seen = text.length;
        }
      };
      const finish = () => {
        if (finished) return;
        finished = true;
        body.close();
      };
      const fail = (error: Error) => {
        if (!settled) {
          settled = true;
          reject(error);
        } else if (!finished) {
          finished = true;
          body.error(error);
        }
      };

      /** Pipes Tampermonkey's stream into the body, from whichever callback first carries it. */
      const takeStream = (r: GmResponse) => {
        if (!streaming || piping || !(r.response instanceof ReadableStream)) return;
        piping = true;
        const reader = (r.response as ReadableStream<Uint8Array>).getReader();
        void (async () => {
          try {
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              body.enqueue(value);
            }
            finish();
          } catch (error) {
            fail(error instanceof Error ? error : new TypeError(String(error)));
          }
        })();
      };

      const streaming = supportsStreams(gm);
      const request = gm.xmlHttpRequest({
        method: init.method ?? "GET",
        url,
        headers: headerRecord(init.headers),
        ...(typeof init.body === "string" ? { data: init.body } : {}),
        ...(streaming ? { responseType: "stream" as const } : {}),
        // Managers send the browser's cookies for the server's host by default, and keep what it sets: a remote API
        // could then tie the pages you translate to you as its site knows you. The extension sends none either.
        anonymous: true,
        onloadstart(r) {
          takeStream(r);
          respond(r);
        },
        onreadystatechange(r) {
          takeStream(r);
          if (r.readyState >= 2) respond(r);
        },
        onprogress(r) {
          takeStream(r);
          respond(r);
          if (!piping) pushText(r);
        },
        onload(r) {
          takeStream(r);
          respond(r, true);
          if (piping) return;
          pushText(r);
          finish();
        },
        onerror: (r) => fail(failure(r, url)),
        ontimeout: () => fail(new TypeError(`Timed out: ${url}`)),
        onabort: () => fail(abortError()),
      });
      // Tampermonkey and Violentmonkey return a promise (with `abort` on it) that rejects when the request fails
      // or is aborted. Gloss hears about both through the callbacks above; left uncaught, each would log
      // "Uncaught (in promise)" in the page's console.
      if (request && typeof (request as { then?: unknown }).then === "function")
        Promise.resolve(request).catch(() => undefined);
      signal?.addEventListener(
        "abort",
        () => {
          abortRequest();
          fail(abortError());
        },
        { once: true },
      );
    });
}
