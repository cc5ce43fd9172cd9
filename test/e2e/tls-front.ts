// HTTPS in front of the fixture server, for sites the browser only reaches over HTTPS (reddit.com is on Chromium's
// HSTS preload list: http://old.reddit.com is upgraded before any request). A throwaway self-signed certificate; the
// browser is started with --ignore-certificate-errors.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:tls";

export interface TlsFront {
  port: number;
  close(): Promise<void>;
}

/** Accepts TLS on a random port of 127.0.0.1 and passes the plain bytes to `targetPort`. */
export async function startTlsFront(targetPort: number, host: string): Promise<TlsFront> {
  const dir = mkdtempSync(join(tmpdir(), "gloss-tls-"));
  const key = join(dir, "key.pem");
  const cert = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "1",
      "-subj",
      `/CN=${host}`,
      "-keyout",
      key,
      "-out",
      cert,
    ],
    { stdio: "ignore" },
  );
  const server = createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (socket) => {
    const plain = connect(targetPort, "127.0.0.1");
    socket.pipe(plain).pipe(socket);
    const end = () => {
      socket.destroy();
      plain.destroy();
    };
    socket.on("error", end);
    plain.on("error", end);
  });
  rmSync(dir, { recursive: true, force: true });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
