// One Firefox with the built extension, the llama-server double and the fixture pages, shared by a test file's tests:
// started before them, closed after them.
import { resolve } from "node:path";
import { startDouble, type DoubleHandle } from "../double/server";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import { launchFirefoxWithExtension, type FirefoxWithExtension } from "./firefox";

export interface FirefoxRig {
  double: DoubleHandle;
  pages: StaticServer;
  firefox: FirefoxWithExtension;
}

/**
 * Registers the rig's beforeAll and afterAll; its parts are there once beforeAll has run. `launch` changes the
 * extension's copy or Firefox's preferences (see launchFirefoxWithExtension).
 */
export function useFirefoxRig(
  options: Parameters<typeof startStaticServer>[1] = {},
  launch: Parameters<typeof launchFirefoxWithExtension>[0] = {},
): FirefoxRig {
  const rig = {} as FirefoxRig;
  beforeAll(async () => {
    rig.double = await startDouble({ port: 0 });
    rig.pages = await startStaticServer(resolve(__dirname, "../fixtures"), options);
    rig.firefox = await launchFirefoxWithExtension(launch);
  });
  afterAll(async () => {
    await rig.firefox?.close();
    await rig.pages?.close();
    await rig.double?.close();
  });
  return rig;
}
