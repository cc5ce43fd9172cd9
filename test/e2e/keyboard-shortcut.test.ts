// The real Alt+T: extension commands cannot be pressed through CDP, so this test runs Chromium with a window on a
// private X server (Xvfb) and types the shortcut with xdotool, as a person's keyboard would.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import { launchWithExtension, setSettings, type ExtensionBrowser } from "./chromium";

jest.setTimeout(120_000);

let xvfb: ChildProcess;
let display: string;
let double: DoubleHandle;
let pages: StaticServer;
let browser: ExtensionBrowser;

async function startXvfb(): Promise<void> {
  // Pick a free display number; Xvfb writes the number it got to the given file descriptor (-displayfd).
  xvfb = spawn("Xvfb", ["-displayfd", "1", "-screen", "0", "1280x900x24", "-nolisten", "tcp"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  display = await new Promise<string>((done, fail) => {
    xvfb.stdout!.once("data", (data: Buffer) => done(`:${data.toString().trim()}`));
    xvfb.once("exit", (code) => fail(new Error(`Xvfb exited with ${code}`)));
  });
}

function xdotool(...args: string[]): string {
  const run = spawnSync("xdotool", args, { env: { ...process.env, DISPLAY: display }, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`xdotool ${args.join(" ")} failed: ${run.stderr}`);
  return run.stdout.trim();
}

beforeAll(async () => {
  expect(existsSync("/usr/bin/Xvfb")).toBe(true);
  await startXvfb();
  double = await startDouble({ port: 0 });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"));
  browser = await launchWithExtension({ headless: false, env: { DISPLAY: display } });
  await setSettings(browser, { baseUrl: double.url, targetLang: "en" });
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await double?.close();
  xvfb?.kill();
});

async function focusPage(page: Page): Promise<void> {
  await page.bringToFront();
  // Click plain text (not a link) so the keyboard focus is in the page, not the address bar.
  await page.locator("#thing_t1_kx01 .tagline time").first().click();
  const window = xdotool("search", "--sync", "--onlyvisible", "--class", "chromium").split("\n")[0]!;
  xdotool("windowfocus", "--sync", window);
}

it("Alt+T on the keyboard translates the page, and Alt+T again shows the original", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}/old-reddit-de.html`);
  const original = await page.evaluate(() => document.body.innerHTML);

  await focusPage(page);
  xdotool("key", "--clearmodifiers", "alt+t");
  await page.waitForFunction(
    () => document.querySelector("p.title a.title")?.textContent === "Why is Deutsche Bahn actually always late?",
  );

  await focusPage(page);
  xdotool("key", "--clearmodifiers", "alt+t");
  await page.waitForFunction(() => document.querySelector("p.title a.title")?.textContent?.startsWith("Warum"));
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(original);
});
