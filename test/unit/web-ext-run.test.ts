// `npm run start:firefox` runs web-ext's own script with this Node: `npx` is `npx.cmd` on Windows, which Node does
// not spawn without a shell, so the command failed there before Firefox opened.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { webExtRunCommand } from "../../scripts/web-ext-run";

const root = resolve(__dirname, "../..");

test("web-ext is started through Node, from the installed package, with the demo's arguments", () => {
  const { command, args } = webExtRunCommand(root, {
    sourceDir: "dist/firefox",
    firefox: "firefox-esr",
    startUrl: "http://127.0.0.1:8000/index.html",
  });
  expect(command).toBe(process.execPath);
  expect(existsSync(args[0]!)).toBe(true);
  expect(args[0]).toMatch(/web-ext[\\/]bin[\\/]web-ext\.js$/);
  expect(args.slice(1)).toEqual([
    "run",
    "--source-dir",
    "dist/firefox",
    "--firefox",
    "firefox-esr",
    "--start-url",
    "http://127.0.0.1:8000/index.html",
  ]);
});
