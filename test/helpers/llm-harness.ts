// Shared pieces for the translator tests: segments, a fault-injecting transport, result collection.
import { loadPhrases, pseudoTranslate } from "../double/pseudo-translate";
import type { LlmConfig, Transport } from "../../src/llm";
import type { Segment, SegmentResult, Translator } from "../../src/shared/translator";

/** Realistic German segments: several words each (so "untranslated" can be judged), placeholders that hold text. */
export const SEGMENTS: Segment[] = [
  { id: "s-a", html: "Die Regierung hat heute <a1>neue Regeln</a1> für den Verkehr in der Stadt beschlossen." },
  { id: "s-b", html: "Viele Menschen lesen <b1>jeden Morgen</b1> die Nachrichten auf ihrem Telefon." },
  { id: "s-c", html: "Das Wetter wird morgen in der ganzen Region sonnig und warm." },
];

const phrases = loadPhrases();
/** What the double answers for a segment when nothing goes wrong. */
export const expected = (seg: Segment): string => pseudoTranslate(seg.html, "English", phrases);

/** fetch with extra request headers (a fault for the double, an Origin like a browser extension's). */
export function withHeaders(headers: Record<string, string>, base: Transport = (u, i) => fetch(u, i)): Transport {
  return (url, init) => base(url, { ...init, headers: { ...(init.headers as Record<string, string>), ...headers } });
}

export const withFault = (fault: string): Transport => withHeaders({ "X-Gloss-Fault": fault });

/**
 * fetch that keeps the first message (the prompt, with the instructions in one user turn) of each chat request the
 * server answered. Kept once the answer came, not as the request leaves: a request sent on a kept-alive connection the
 * server had just closed never reached it, and the client's quiet retry (client.ts) would have counted it twice; a
 * test whose CPU-heavy start outlasted the double's 5 s keep-alive met that under load.
 */
export function recordingPrompts(): { prompts: string[]; transport: Transport } {
  const prompts: string[] = [];
  const transport: Transport = async (url, init) => {
    const response = await fetch(url, init);
    if (url.endsWith("/chat/completions") && typeof init.body === "string") {
      prompts.push((JSON.parse(init.body) as { messages: { content: string }[] }).messages[0]?.content ?? "");
    }
    return response;
  };
  return { prompts, transport };
}

/**
 * fetch whose chat replies stop before their end (the event with a `finish_reason`, or `[DONE]`) until `release()`:
 * what the translator hands over meanwhile it handed over while the stream went on, however slow the machine.
 */
export function holdingReplyEnds(): { transport: Transport; release: () => void } {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const transport: Transport = async (url, init) => {
    const response = await fetch(url, init);
    if (!url.endsWith("/chat/completions") || !response.body) return response;
    return new Response(heldAtEnd(response.body, released), { status: response.status, headers: response.headers });
  };
  return { transport, release: () => release() };
}

/** The SSE stream up to the event that ends it; that event and the rest once `released` settles. */
function heldAtEnd(body: ReadableStream<Uint8Array>, released: Promise<void>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let seen = "";
  let passed = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      async transform(chunk, controller) {
        seen += decoder.decode(chunk, { stream: true });
        const end = seen.search(/"finish_reason":"|\[DONE\]/);
        const upTo = end < 0 ? seen.length : Math.max(passed, seen.lastIndexOf("data:", end));
        if (upTo > passed) controller.enqueue(encoder.encode(seen.slice(passed, upTo)));
        passed = upTo;
        if (end < 0) return;
        await released;
        controller.enqueue(encoder.encode(seen.slice(passed)));
        passed = seen.length;
      },
    }),
  );
}

/** Hides llama-server's /props, so the translator cannot pre-split by context size. */
export const withoutProps: Transport = (url, init) =>
  new URL(url).pathname === "/props" ? Promise.resolve(new Response("", { status: 404 })) : fetch(url, init);

export function llamaConfig(url: string, extra: Partial<LlmConfig> = {}): LlmConfig {
  return { preset: "llama-server", baseUrl: url, stallTimeoutMs: 5_000, timeoutMs: 20_000, ...extra };
}

export async function collect(
  translator: Translator,
  batch: Segment[],
  opts: { targetLang?: string; signal?: AbortSignal; onResult?: (r: SegmentResult) => void } = {},
): Promise<Map<string, SegmentResult>> {
  const out = new Map<string, SegmentResult>();
  const signal = opts.signal ?? new AbortController().signal;
  for await (const r of translator(batch, { targetLang: opts.targetLang ?? "en", sourceLang: "de", signal })) {
    if (out.has(r.id)) throw new Error(`segment ${r.id} yielded twice`);
    out.set(r.id, r);
    opts.onResult?.(r);
  }
  return out;
}

/** The error kind (and reason) per segment id, or "ok". */
export function outcome(results: Map<string, SegmentResult>): Record<string, string> {
  return Object.fromEntries(
    [...results].map(([id, r]) => [
      id,
      "error" in r ? `${r.error.kind}${r.error.reason ? `:${r.error.reason}` : ""}` : "ok",
    ]),
  );
}

/** A server that streams the given replies, one per chat request, a few characters at a time. */
export function scripted(replies: string[]): { transport: Transport; asked: () => number } {
  let asked = 0;
  const transport: Transport = async (url) => {
    if (!url.endsWith("/chat/completions")) return new Response("", { status: 404 });
    const reply = replies[asked++] ?? "";
    const chunk = (content: string) =>
      `data: ${JSON.stringify({ choices: [{ delta: { content }, finish_reason: null }] })}\n\n`;
    let sse = "";
    for (let i = 0; i < reply.length; i += 5) sse += chunk(reply.slice(i, i + 5));
    sse += `data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: "stop" }] })}\n\ndata: [DONE]\n\n`;
    return new Response(sse, { status: 200, headers: { "content-type": "text/event-stream" } });
  };
  return { transport, asked: () => asked };
}
