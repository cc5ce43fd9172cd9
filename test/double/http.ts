// Byte-exact llama-server responses. Node adds `Connection`, `Keep-Alive`, `Date` and `Transfer-Encoding` on its
// own; removing the `connection` header and disabling the date lets every header come from the lists below, in
// the recorded order (shared/llama-server/README.md "Cross-cutting protocol facts").
import type { IncomingMessage, ServerResponse } from "node:http";

export type Headers = [string, string][];

export const KEEP_ALIVE = "timeout=5, max=100";

export function origin(req: IncomingMessage): string {
  const o = req.headers.origin;
  return typeof o === "string" ? o : "";
}

function raw(res: ServerResponse, status: number, headers: Headers): void {
  res.sendDate = false;
  res.removeHeader("connection");
  res.writeHead(status, headers.flat());
}

/** Compact JSON with llama-server's header order; errors close the connection, successes keep it alive. */
export function sendJson(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const bytes = Buffer.from(text, "utf8");
  const first: [string, string] = status >= 400 ? ["Connection", "close"] : ["Keep-Alive", KEEP_ALIVE];
  raw(res, status, [
    first,
    ["Content-Type", "application/json; charset=utf-8"],
    ["Server", "llama.cpp"],
    ["Content-Length", String(bytes.length)],
    ["Access-Control-Allow-Origin", origin(req)],
  ]);
  res.end(bytes);
}

/** Errors raised by route handlers: key order code, message, type (+ extra fields). */
export function handlerError(
  req: IncomingMessage,
  res: ServerResponse,
  code: number,
  message: string,
  type: string,
  extra: Record<string, unknown> = {},
): void {
  sendJson(req, res, code, { error: { code, message, type, ...extra } });
}

/** Errors raised by middleware (401, 404 File Not Found, 503 Loading model): key order message, type, code. */
export function middlewareError(
  req: IncomingMessage,
  res: ServerResponse,
  code: number,
  message: string,
  type: string,
): void {
  sendJson(req, res, code, { error: { message, type, code } });
}

export const notFound = (req: IncomingMessage, res: ServerResponse): void =>
  middlewareError(req, res, 404, "File Not Found", "not_found_error");

/** SSE headers, sent only when a slot starts the task (a queued request gets nothing at all). */
export function startSse(req: IncomingMessage, res: ServerResponse): void {
  raw(res, 200, [
    ["Keep-Alive", KEEP_ALIVE],
    ["Transfer-Encoding", "chunked"],
    ["Access-Control-Allow-Origin", origin(req)],
    ["X-Accel-Buffering", "no"],
    ["Server", "llama.cpp"],
    ["Content-Type", "text/event-stream"],
  ]);
}

/** OPTIONS on any path, no API key needed. */
export function preflight(req: IncomingMessage, res: ServerResponse): void {
  raw(res, 200, [
    ["Keep-Alive", KEEP_ALIVE],
    ["Content-Length", "0"],
    ["Content-Type", "text/html"],
    ["Server", "llama.cpp"],
    ["Access-Control-Allow-Origin", origin(req)],
    ["Access-Control-Allow-Credentials", "true"],
    ["Access-Control-Allow-Headers", "*"],
    ["Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS"],
  ]);
  res.end();
}

/** Plain responses for the Ollama-like mode (Go's net/http style: Date, Content-Type, Content-Length). */
export function sendGo(
  res: ServerResponse,
  status: number,
  body: string,
  contentType: string,
  extra: Headers = [],
): void {
  const bytes = Buffer.from(body, "utf8");
  res.sendDate = false;
  res.removeHeader("connection");
  const headers: Headers = [...extra, ["Date", new Date().toUTCString()]];
  if (bytes.length > 0 || status !== 403) headers.unshift(["Content-Type", contentType]);
  headers.push(["Content-Length", String(bytes.length)]);
  res.writeHead(status, headers.flat());
  res.end(bytes);
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
