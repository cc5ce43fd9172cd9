// `npm start` starts the llama-server double only where nothing listens: llama-server still loading its model (503),
// a server that wants a key, or another program on the port made the double's listen fail with EADDRINUSE.
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { planForServer, serverOnPort } from "../../scripts/server-on-port";
import { startDouble } from "../double/server";

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** A plain HTTP server on a free port, answering every request with `handle` (or never, without one). */
async function plainServer(handle?: (res: ServerResponse) => void): Promise<string> {
  const server: Server = createServer((_req, res) => handle?.(res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A port nobody listens on (one just released). */
async function freePort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

test("llama-server still loading its model is used, not taken for a free port", async () => {
  const double = await startDouble({ port: 0, loadingMs: 60_000 });
  closers.push(() => double.close());
  const found = await serverOnPort(double.url);
  expect(found).toEqual({ state: "loading" });
  expect(planForServer(double.url, found)).toEqual({ next: "use", line: expect.stringMatching(/still loading/) });
});

test("a ready server is used, with the model it names", async () => {
  const double = await startDouble({ port: 0, model: "gemma-2-2b-it" });
  closers.push(() => double.close());
  const found = await serverOnPort(double.url);
  expect(found).toEqual({ state: "ready", model: "gemma-2-2b-it" });
  expect(planForServer(double.url, found).next).toBe("use");
});

test("a server that wants a key is used, and the key is asked for", async () => {
  const base = await plainServer((res) => res.writeHead(401).end('{"error":"unauthorized"}'));
  const found = await serverOnPort(base);
  expect(found).toEqual({ state: "needs-key", status: 401 });
  expect(planForServer(base, found)).toEqual({ next: "use", line: expect.stringMatching(/API key/) });
});

test("only a port nobody listens on gets the double", async () => {
  const base = await freePort();
  const found = await serverOnPort(base);
  expect(found).toEqual({ state: "free" });
  expect(planForServer(base, found).next).toBe("double");
});

test("another program on the port is named, and npm start stops instead of failing to listen", async () => {
  const notFound = await plainServer((res) => res.writeHead(404, { "Content-Type": "text/html" }).end("<h1>404</h1>"));
  expect(await serverOnPort(notFound)).toEqual({ state: "other", status: 404 });
  expect(planForServer(notFound, { state: "other", status: 404 })).toEqual({
    next: "stop",
    line: expect.stringMatching(/Another program answers on .*HTTP 404/),
  });
  // A 200 that is not a model list (a web page at that path) is no model server either.
  const page = await plainServer((res) => res.writeHead(200, { "Content-Type": "text/html" }).end("<p>hello</p>"));
  expect(await serverOnPort(page)).toEqual({ state: "other", status: 200 });
  const silent = await plainServer();
  const found = await serverOnPort(silent, 200);
  expect(found).toEqual({ state: "silent" });
  expect(planForServer(silent, found).next).toBe("stop");
});
