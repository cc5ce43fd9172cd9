// Regenerates the README's screenshots (docs/*.png) from the built extension in Chromium against the llama-server
// double: a translated old-Reddit page with the popup, the same thread in the bilingual view, a word looked up in its
// card, and the options page after "Test connection".
// Run: node build.mjs && node scripts/run-ts.mjs scripts/screenshots.ts
import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { startDouble } from "../test/double/server";
import { closedShadowText } from "../test/e2e/closed-shadow";
import { launchWithExtension, openOptions, openPopup, serviceWorker, setSettings, tabIdOf } from "../test/e2e/chromium";
import { startStaticServer } from "../test/helpers/static-server";

const root = process.cwd();
const out = resolve(root, "docs");

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  // Speeds of a small model on a desktop GPU, so "Test connection" shows believable numbers.
  // On llama-server's own port when it is free, so the options page shows the address a reader would have.
  const speeds = { promptTps: 3000, genTps: 400 };
  const double = await startDouble({ port: 8080, ...speeds }).catch(() => startDouble({ port: 0, ...speeds }));
  const pages = await startStaticServer(resolve(root, "test/fixtures"));
  const browser = await launchWithExtension();
  try {
    await setSettings(browser, { baseUrl: double.url, targetLang: "en" }, { replace: true });

    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1100, height: 760 });
    await page.goto(`${pages.url}/old-reddit-de.html`);
    const popup = await openPopup(browser, await tabIdOf(browser, page));
    await popup.setViewportSize({ width: 320, height: 225 });
    await popup.getByRole("button", { name: "Translate page" }).click();
    await popup.getByText("Translated into English.").waitFor();
    // As tall as its content, as the browser sizes a popup.
    const height = await popup.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    await popup.setViewportSize({ width: 320, height });
    await popup.screenshot({ path: resolve(out, "popup.png") });
    await page.bringToFront();
    // Show the popup where the browser would: under the toolbar, at the top right of the page.
    const popupPng = readFileSync(resolve(out, "popup.png")).toString("base64");
    await page.evaluate((png) => {
      const img = document.createElement("img");
      img.src = `data:image/png;base64,${png}`;
      img.id = "gloss-screenshot-popup";
      img.style.cssText =
        "position:fixed;top:8px;right:12px;z-index:99999;border:1px solid #ccc;border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.25)";
      document.documentElement.append(img);
      return img.decode();
    }, popupPng);
    await page.screenshot({ path: resolve(out, "old-reddit-translated.png") });

    // The bilingual view on a Reddit thread: each comment, and under it its translation.
    const thread = await browser.context.newPage();
    await thread.setViewportSize({ width: 1100, height: 760 });
    await thread.goto(`${pages.url}/old-reddit-de.html?view=bilingual`);
    const threadPopup = await openPopup(browser, await tabIdOf(browser, thread));
    await threadPopup.getByLabel(/Bilingual view/).check();
    await threadPopup.getByRole("button", { name: "Translate page" }).click();
    await threadPopup.getByText("Translated into English.").waitFor();
    await thread.bringToFront();
    await thread.evaluate(() => document.querySelector("#thing_t1_kx01")!.scrollIntoView({ block: "start" }));
    await thread.screenshot({ path: resolve(out, "old-reddit-bilingual.png") });

    // A word looked up: "Translate selection" on one word of a comment shows it in a card, the page untouched.
    const word = await browser.context.newPage();
    await word.setViewportSize({ width: 1100, height: 560 });
    await word.goto(`${pages.url}/old-reddit-de.html?view=lookup`);
    await word.evaluate(() => {
      const p = document.querySelector("#thing_t1_kx01 .md p")!;
      const text = p.firstChild as Text;
      const at = text.data.indexOf("Stellwerk");
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + "Stellwerk".length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      p.scrollIntoView({ block: "center" });
    });
    const wordTab = await tabIdOf(browser, word);
    await serviceWorker(browser).evaluate(async (id) => {
      const { gloss } = globalThis as unknown as {
        gloss: { onCommand(command: string, tab: { id: number }): Promise<unknown> };
      };
      await gloss.onCommand("translate-selection", { id });
    }, wordTab);
    await waitForLookup(word);
    await word.screenshot({ path: resolve(out, "lookup.png") });

    const options = await openOptions(browser);
    await options.setViewportSize({ width: 900, height: 1000 });
    await options.getByRole("button", { name: "Test connection" }).click();
    await options.locator("#test-result").getByText("Connected.").waitFor();
    // The model check runs after the connection test; the page is done when the button is back.
    await options.getByRole("button", { name: "Test connection" }).waitFor({ timeout: 120_000 });
    await options.screenshot({ path: resolve(out, "options.png"), fullPage: false });
    console.log(`screenshots written to ${out}`);
  } finally {
    await browser.close();
    await pages.close();
    await double.close();
  }
}

/** Until the look-up card shows its translation (read through its closed root, as the tests do). */
async function waitForLookup(page: Page): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if ((await closedShadowText(page, "lookup"))?.includes("signal box")) return;
    await page.waitForTimeout(100);
  }
  throw new Error("the look-up card did not show its translation");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
