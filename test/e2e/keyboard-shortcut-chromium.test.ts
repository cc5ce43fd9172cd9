// The real default shortcut in Chromium: typed with xdotool into a window on Xvfb (see x11.ts).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import { launchWithExtension, setSettings, type ExtensionBrowser } from "./chromium";
import { defaultShortcut, startX11, xdotoolKeys, type X11 } from "./x11";

jest.setTimeout(120_000);

let x11: X11;
let double: DoubleHandle;
let pages: StaticServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  expect(existsSync("/usr/bin/Xvfb")).toBe(true);
  x11 = await startX11();
  double = await startDouble({ port: 0 });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"));
  browser = await launchWithExtension({ headless: false, env: { DISPLAY: x11.display } });
  await setSettings(browser, { baseUrl: double.url, targetLang: "en" });
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await double?.close();
  x11?.close();
});

async function focusPage(page: Page): Promise<void> {
  await page.bringToFront();
  // Click plain text (not a link) so the keyboard focus is in the page, not the address bar.
  await page.locator("#thing_t1_kx01 .tagline time").first().click();
  x11.focusWindow("chromium");
}

it("the default shortcut translates the page, and pressed again shows the original", async () => {
  const keys = xdotoolKeys(defaultShortcut("chrome"));
  expect(keys).toBe("alt+shift+g");
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}/old-reddit-de.html`);
  const original = await page.evaluate(() => document.body.innerHTML);

  await focusPage(page);
  x11.xdotool("key", "--clearmodifiers", keys);
  await page.waitForFunction(
    () => document.querySelector("p.title a.title")?.textContent === "Why is Deutsche Bahn actually always late?",
  );

  await focusPage(page);
  x11.xdotool("key", "--clearmodifiers", keys);
  await page.waitForFunction(() => document.querySelector("p.title a.title")?.textContent?.startsWith("Warum"));
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(original);
});
