// Serves a folder over HTTP on 127.0.0.1 (random port by default): the fixture pages for e2e tests and the demo.
// Pages can be served with extra response headers (a Content-Security-Policy), and the reports a browser sends to
// the policy's report endpoint (`report-uri /csp-report`) are kept, as a site's own endpoint would keep them.
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export interface StaticServer {
  url: string;
  port: number;
  /** Bodies POSTed to /csp-report (parsed JSON), in arrival order. */
  reports: unknown[];
  /** Resolves once `count` reports have arrived. */
  reportsReceived(count: number): Promise<unknown[]>;
  close(): Promise<void>;
}

export const REPORT_PATH = "/csp-report";

/**
 * `aliases` maps path prefixes to files, so a fixture can be served at a realistic address
 * (`{ "/r/de/": "old-reddit-de.html" }` serves it at /r/de/comments/…); `pages` serves generated HTML at exact paths.
 */
export async function startStaticServer(
  root: string,
  options: {
    port?: number;
    aliases?: Record<string, string>;
    pages?: Record<string, () => string>;
    /** Extra response headers for a path (e.g. a Content-Security-Policy). */
    headers?: (path: string) => Record<string, string> | undefined;
    /** Holds the response to a path until the promise settles: a page still on its way, as on a slow network. */
    hold?: (path: string) => Promise<void> | undefined;
  } = {},
): Promise<StaticServer> {
  const base = resolve(root);
  const reports: unknown[] = [];
  const waiters: Array<{ count: number; resolve(reports: unknown[]): void }> = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const held = options.hold?.(path);
    if (held) {
      void held.then(() => serve(req, res, path));
      return;
    }
    serve(req, res, path);
  });
  const serve = (req: IncomingMessage, res: ServerResponse, path: string) => {
    if (req.method === "POST" && path === REPORT_PATH) {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        try {
          reports.push(JSON.parse(body));
        } catch {
          reports.push(body);
        }
        for (const w of waiters.filter((w) => reports.length >= w.count)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve([...reports]);
        }
        res.writeHead(204).end();
      });
      return;
    }
    const extra = options.headers?.(path) ?? {};
    const generated = options.pages?.[path];
    if (generated) {
      res.writeHead(200, { ...extra, "Content-Type": TYPES[".html"]!, "Cache-Control": "no-store" }).end(generated());
      return;
    }
    const alias = Object.entries(options.aliases ?? {}).find(([prefix]) => path.startsWith(prefix));
    let file = normalize(join(base, alias ? alias[1] : path));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    // Extra headers come last: a test may serve a page the browser is allowed to keep (its own Cache-Control).
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Cache-Control": "no-store",
      ...extra,
    });
    createReadStream(file).pipe(res);
  };
  // A port in use fails the start (EADDRINUSE), rather than an "error" event nobody hears.
  await new Promise<void>((done, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", fail);
      done();
    });
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    reports,
    reportsReceived: (count) =>
      reports.length >= count
        ? Promise.resolve([...reports])
        : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
