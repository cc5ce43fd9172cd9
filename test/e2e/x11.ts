// Real key presses for the e2e tests: extension shortcuts cannot be pressed through CDP or WebDriver BiDi, so the
// browser runs with a window on a private X server (Xvfb) and xdotool types the keys, as a person's keyboard would.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export interface X11 {
  display: string;
  /** Runs xdotool on this display; returns its output. */
  xdotool(...args: string[]): string;
  /** Focuses the first visible window whose class matches (e.g. "chromium", "firefox"). */
  focusWindow(windowClass: string): void;
  /** A real left click at a place on the screen. */
  clickAt(x: number, y: number): void;
  close(): void;
}

export async function startX11(): Promise<X11> {
  // Pick a free display number; Xvfb writes the number it got to the given file descriptor (-displayfd).
  const xvfb: ChildProcess = spawn("Xvfb", ["-displayfd", "1", "-screen", "0", "1280x900x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  const display = await new Promise<string>((done, fail) => {
    xvfb.stdout!.once("data", (data: Buffer) => done(`:${data.toString().trim()}`));
    xvfb.once("exit", (code) => fail(new Error(`Xvfb exited with ${code}`)));
  });
  const xdotool = (...args: string[]) => {
    const run = spawnSync("xdotool", args, { env: { ...process.env, DISPLAY: display }, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`xdotool ${args.join(" ")} failed: ${run.stderr}`);
    return run.stdout.trim();
  };
  return {
    display,
    xdotool,
    focusWindow(windowClass) {
      const window = xdotool("search", "--sync", "--onlyvisible", "--class", windowClass).split("\n")[0]!;
      xdotool("windowfocus", "--sync", window);
    },
    clickAt(x, y) {
      // `mousemove --sync` waits for the pointer to leave where it is: already there, it would wait ~15 s for nothing.
      const here = xdotool("getmouselocation", "--shell");
      if (!here.includes(`X=${x}\n`) || !here.includes(`Y=${y}\n`))
        xdotool("mousemove", "--sync", String(x), String(y));
      xdotool("click", "1");
    },
    close: () => void xvfb.kill(),
  };
}

/** The shipped default shortcut of a command (dist/<target>/manifest.json), e.g. "Alt+Shift+G" for the toggle. */
export function defaultShortcut(target: "chrome" | "firefox", command = "toggle-translation"): string {
  const manifest = JSON.parse(readFileSync(resolve(__dirname, "../../dist", target, "manifest.json"), "utf8")) as {
    commands: Record<string, { suggested_key: { default: string } }>;
  };
  return manifest.commands[command]!.suggested_key.default;
}

/** A manifest shortcut in xdotool's key syntax: "Alt+Shift+G" → "alt+shift+g". */
export function xdotoolKeys(shortcut: string): string {
  const names: Record<string, string> = { Ctrl: "ctrl", Alt: "alt", Shift: "shift", Comma: "comma", Period: "period" };
  return shortcut
    .split("+")
    .map((key) => names[key] ?? key.toLowerCase())
    .join("+");
}
