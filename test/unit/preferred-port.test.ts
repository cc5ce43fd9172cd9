// `npm start` with port 8000 already taken by another program: the demo pages go to a free port instead of ending
// npm start with an unheard "error" event (the static server's listen failed with EADDRINUSE and never settled).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { onPreferredPort } from "../../scripts/preferred-port";
import { startStaticServer, type StaticServer } from "../helpers/static-server";

const fixtures = resolve(__dirname, "../fixtures");
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** A port another program holds for the length of the test. */
async function takenPort(): Promise<number> {
  const other = createServer();
  await new Promise<void>((done) => other.listen(0, "127.0.0.1", done));
  closers.push(() => new Promise<void>((done) => other.close(() => done())));
  return (other.address() as AddressInfo).port;
}

const serve = (port: number) =>
  startStaticServer(fixtures, { port }).then((pages) => {
    closers.push(() => pages.close());
    return pages;
  });

test("the static server's start fails on a port in use, instead of never settling", async () => {
  const port = await takenPort();
  await expect(serve(port)).rejects.toMatchObject({ code: "EADDRINUSE" });
});

test("the default port taken: the demo pages are served on a free one", async () => {
  const port = await takenPort();
  const pages: StaticServer = await onPreferredPort(port, false, serve);
  expect(pages.port).not.toBe(port);
  expect((await fetch(`${pages.url}/english-article.html`)).status).toBe(200);
});

test("a port the user chose and that is taken is said, not swapped for another", async () => {
  const port = await takenPort();
  await expect(onPreferredPort(port, true, serve)).rejects.toMatchObject({ code: "EADDRINUSE" });
});
