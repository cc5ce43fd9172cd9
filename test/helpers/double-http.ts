// Raw HTTP/1.1 for conformance tests: exact status line, header order and body bytes, as curl -i shows them.
import { readFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";

export interface RawResponse {
  statusLine: string;
  headers: [string, string][];
  /** De-chunked body. */
  body: string;
  /** The chunks of a chunked body as sent, in order. */
  chunks: string[];
}

export const TRANSCRIPTS = join(__dirname, "..", "double", "transcripts");

export function header(res: RawResponse, name: string): string | undefined {
  return res.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
}

/** Parses a recorded `curl -sS -i` transcript. */
export function readTranscript(name: string): RawResponse & { command: string } {
  const text = readFileSync(join(TRANSCRIPTS, name), "utf8");
  const nl = text.indexOf("\n");
  const command = text.slice(0, nl);
  const rest = text.slice(nl + 1);
  const split = rest.indexOf("\r\n\r\n") >= 0 ? rest.indexOf("\r\n\r\n") : rest.indexOf("\n\n");
  const sep = rest.indexOf("\r\n\r\n") >= 0 ? 4 : 2;
  const lines = rest.slice(0, split).split(/\r?\n/);
  const statusLine = lines.shift() ?? "";
  const headers = lines.map((l) => {
    const i = l.indexOf(":");
    return [l.slice(0, i), l.slice(i + 1).trim()] as [string, string];
  });
  let body = rest.slice(split + sep);
  // Some recordings have a newline after the body; Content-Length says what the server sent.
  const length = headers.find(([k]) => k.toLowerCase() === "content-length")?.[1];
  if (length !== undefined) body = Buffer.from(body, "utf8").subarray(0, Number(length)).toString("utf8");
  return { command, statusLine, headers, body, chunks: [] };
}

/** Sends one request on a fresh connection and reads exactly one response. */
export function rawRequest(
  port: number,
  req: { method: string; path: string; headers?: [string, string][]; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let buf = Buffer.alloc(0);
    const body = req.body === undefined ? undefined : Buffer.from(req.body, "utf8");
    socket.on("connect", () => {
      const lines = [`${req.method} ${req.path} HTTP/1.1`, "Host: 127.0.0.1", "User-Agent: curl/8.5.0", "Accept: */*"];
      for (const [k, v] of req.headers ?? []) lines.push(`${k}: ${v}`);
      if (body) lines.push(`Content-Length: ${body.length}`);
      socket.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (body) socket.write(body);
    });
    const tryParse = (final: boolean): boolean => {
      const end = buf.indexOf("\r\n\r\n");
      if (end < 0) return false;
      const head = buf.subarray(0, end).toString("latin1").split("\r\n");
      const statusLine = head.shift() ?? "";
      const headers = head.map((l) => {
        const i = l.indexOf(":");
        return [l.slice(0, i), l.slice(i + 1).trim()] as [string, string];
      });
      const rest = buf.subarray(end + 4);
      const get = (n: string): string | undefined => headers.find(([k]) => k.toLowerCase() === n)?.[1];
      const length = get("content-length");
      if (length !== undefined) {
        if (rest.length < Number(length)) return false;
        resolve({ statusLine, headers, body: rest.subarray(0, Number(length)).toString("utf8"), chunks: [] });
        return true;
      }
      if (get("transfer-encoding") === "chunked") {
        const chunks: Buffer[] = [];
        let at = 0;
        for (;;) {
          const lineEnd = rest.indexOf("\r\n", at);
          if (lineEnd < 0) break;
          const size = parseInt(rest.subarray(at, lineEnd).toString("latin1"), 16);
          if (size === 0) {
            const text = chunks.map((c) => c.toString("utf8"));
            resolve({ statusLine, headers, body: Buffer.concat(chunks).toString("utf8"), chunks: text });
            return true;
          }
          if (rest.length < lineEnd + 2 + size + 2) break;
          chunks.push(rest.subarray(lineEnd + 2, lineEnd + 2 + size));
          at = lineEnd + 2 + size + 2;
        }
        if (final) {
          resolve({
            statusLine,
            headers,
            body: Buffer.concat(chunks).toString("utf8"),
            chunks: chunks.map((c) => c.toString("utf8")),
          });
          return true;
        }
        return false;
      }
      if (final) {
        resolve({ statusLine, headers, body: rest.toString("utf8"), chunks: [] });
        return true;
      }
      return false;
    };
    socket.on("data", (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (tryParse(false)) socket.destroy();
    });
    socket.on("end", () => {
      if (!tryParse(true)) reject(new Error(`connection closed before a response: ${JSON.stringify(buf.toString())}`));
    });
    socket.on("error", reject);
  });
}

/** A request reconstructed from a transcript's curl command line (method, path, headers, body). */
export function requestFromCurl(command: string): {
  method: string;
  path: string;
  headers: [string, string][];
  body?: string;
} {
  const args: string[] = [];
  for (const m of command.replace(/^#\s*curl\s+/, "").matchAll(/'([^']*)'|(\S+)/g)) args.push(m[1] ?? m[2] ?? "");
  let method: string | undefined;
  let path = "/";
  const headers: [string, string][] = [];
  let body: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === "-X") method = args[++i];
    else if (a === "-H") {
      const h = args[++i] as string;
      const c = h.indexOf(":");
      const value = h.slice(c + 1).trim();
      // curl drops a header given with an empty value (`-H 'Content-Type:'`).
      if (value) headers.push([h.slice(0, c), value]);
    } else if (a === "-d") body = args[++i];
    else if (a === "--data-binary") {
      const ref = args[++i] as string;
      body = readFileSync(join(TRANSCRIPTS, `${ref.slice(1)}.txt`), "utf8");
    } else if (a.startsWith("http")) path = new URL(a).pathname + new URL(a).search;
  }
  if (body !== undefined && !headers.some(([k]) => k.toLowerCase() === "content-type")) {
    if (!/Content-Type:'/.test(command)) headers.push(["Content-Type", "application/x-www-form-urlencoded"]);
  }
  return { method: method ?? (body !== undefined ? "POST" : "GET"), path, headers, body };
}
