// The real default shortcut in Chromium: typed with xdotool into a window on Xvfb (see x11.ts).
import type { Page } from "playwright-core";
import type { DoubleHandle } from "../double/server";
import type { StaticServer } from "../helpers/static-server";
import { setSettings, type ExtensionBrowser } from "./chromium";
import { startKeyboardRig, type KeyboardRig } from "./keyboard-rig";
import { defaultShortcut, xdotoolKeys } from "./x11";

jest.setTimeout(120_000);

let rig: KeyboardRig;
let double: DoubleHandle;
let pages: StaticServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  rig = await startKeyboardRig();
  ({ double, pages, browser } = rig);
  await setSettings(browser, { baseUrl: double.url, targetLang: "en" });
});

afterAll(() => rig?.close());

async function focusPage(page: Page): Promise<void> {
  await page.bringToFront();
  // Click plain text (not a link) so the keyboard focus is in the page, not the address bar.
  await page.locator("#thing_t1_kx01 .tagline time").first().click();
  rig.x11.focusWindow("chromium");
}

it("the default shortcut translates the page, and pressed again shows the original", async () => {
  const keys = xdotoolKeys(defaultShortcut("chrome"));
  expect(keys).toBe("alt+shift+g");
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}/old-reddit-de.html`);
  const original = await page.evaluate(() => document.body.innerHTML);

  await focusPage(page);
  rig.x11.xdotool("key", "--clearmodifiers", keys);
  await page.waitForFunction(
    () => document.querySelector("p.title a.title")?.textContent === "Why is Deutsche Bahn actually always late?",
  );

  await focusPage(page);
  rig.x11.xdotool("key", "--clearmodifiers", keys);
  await page.waitForFunction(() => document.querySelector("p.title a.title")?.textContent?.startsWith("Warum"));
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(original);
});

// A reader who tabbed to a link and then pressed the shortcut stays on that link: writing its paragraph's
// translation (same order) takes no node out, so the focus does not fall to the page's body.
it("a link the reader tabbed to keeps the keyboard focus when its paragraph's translation is written", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}/old-reddit-de.html`);
  await page.bringToFront();
  const link = 'a[href="https://www.allianz-pro-schiene.de/"]';
  // Click the word before the link ("Quelle:"), then Tab: the next focusable element is the link.
  await page.locator("p", { has: page.locator(link) }).click({ position: { x: 3, y: 5 } });
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "Tab");
  await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), link);
  await page.evaluate(() => ((window as unknown as { tabbed: Element | null }).tabbed = document.activeElement));

  rig.x11.xdotool("key", "--clearmodifiers", xdotoolKeys(defaultShortcut("chrome")));
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.parentElement?.textContent?.startsWith("Source:"),
    link,
  );
  expect(
    await page.evaluate(() => document.activeElement === (window as unknown as { tabbed: Element | null }).tabbed),
  ).toBe(true);
  await page.close();
});
