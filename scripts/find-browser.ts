// Where `npm start` finds a browser to open: the user's choice (CHROMIUM_PATH, FIREFOX) first, then the usual places
// on Linux, macOS and Windows. Google Chrome is not among them: branded Chrome ignores --load-extension since 137.
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** The first of `names` found on PATH (with Windows' extensions), or undefined. */
function onPath(names: readonly string[]): string | undefined {
  const dirs = (process.env.PATH ?? "").split(delimiter).filter(Boolean);
  const extensions = process.platform === "win32" ? ["", ".exe", ".cmd"] : [""];
  for (const name of names)
    for (const dir of dirs)
      for (const ext of extensions) {
        const candidate = join(dir, name + ext);
        if (existsSync(candidate)) return candidate;
      }
  return undefined;
}

function chromiumInstalls(): string[] {
  if (process.platform === "darwin") return ["/Applications/Chromium.app/Contents/MacOS/Chromium"];
  if (process.platform === "win32") {
    const local = process.env.LOCALAPPDATA ?? "";
    return [join(local, "Chromium", "Application", "chrome.exe")];
  }
  return ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium"];
}

/** A Chromium to load the unpacked extension into, or an explanation of how to name one. */
export function findChromium(): { path: string } | { problem: string } {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    return existsSync(chosen)
      ? { path: chosen }
      : { problem: `CHROMIUM_PATH is ${chosen}, and there is no file there.` };
  }
  const found = chromiumInstalls().find((path) => existsSync(path)) ?? onPath(["chromium", "chromium-browser"]);
  if (found) return { path: found };
  return {
    problem:
      "No Chromium found. Install Chromium (Google Chrome no longer loads extensions from the command line) and set " +
      "CHROMIUM_PATH to it if it is somewhere else, or run `npm run start:firefox`.",
  };
}

/** What to pass to `web-ext run --firefox`: the user's choice, Debian's ESR if installed, else "firefox". */
export function findFirefox(): string {
  return process.env.FIREFOX ?? onPath(["firefox-esr"]) ?? "firefox";
}
