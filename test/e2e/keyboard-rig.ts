// What the tests that press real keys share: Xvfb, Chromium with the built extension in a window on it, the
// llama-server double and the fixture pages, started together and closed together.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { startDouble, type DoubleHandle } from "../double/server";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import { launchWithExtension, type ExtensionBrowser } from "./chromium";
import { startX11, type X11 } from "./x11";

export interface KeyboardRig {
  x11: X11;
  double: DoubleHandle;
  pages: StaticServer;
  browser: ExtensionBrowser;
  close(): Promise<void>;
}

/**
 * `extensionDir`: a build other than dist/chrome (e.g. one with permissions granted, see extensionGranting); `args`:
 * more Chromium switches (e.g. --host-resolver-rules, for more sites than 127.0.0.1 and localhost); `aliases`: fixtures
 * served at realistic paths (see startStaticServer).
 */
export async function startKeyboardRig(
  options: { extensionDir?: string; args?: string[]; aliases?: Record<string, string> } = {},
): Promise<KeyboardRig> {
  expect(existsSync("/usr/bin/Xvfb")).toBe(true);
  const started: Partial<Omit<KeyboardRig, "close">> = {};
  const close = async (): Promise<void> => {
    await started.browser?.close();
    await started.pages?.close();
    await started.double?.close();
    started.x11?.close();
  };
  try {
    const x11 = (started.x11 = await startX11());
    started.double = await startDouble({ port: 0 });
    started.pages = await startStaticServer(
      resolve(__dirname, "../fixtures"),
      options.aliases ? { aliases: options.aliases } : {},
    );
    started.browser = await launchWithExtension({
      headless: false,
      env: { DISPLAY: x11.display },
      ...(options.extensionDir ? { extensionDir: options.extensionDir } : {}),
      ...(options.args ? { args: options.args } : {}),
    });
    return { ...(started as Omit<KeyboardRig, "close">), close };
  } catch (error) {
    await close();
    throw error;
  }
}
