// The bilingual view in the built Firefox extension (Firefox ESR, see firefox.ts), as reading-chromium.test.ts
// shows it in Chromium: the reader ticks it in the popup, each translation appears under its original while the
// original stays as it was, switching back to replacing sends no request, and "Show original" gives back the exact
// page.
import { resolve } from "node:path";
import type { Page } from "puppeteer-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import { bodyWithoutCopies, COPY } from "./bilingual-copies";
import { launchFirefoxWithExtension, openPopupFor, type FirefoxWithExtension } from "./firefox";

jest.setTimeout(120_000);

let double: DoubleHandle;
let pages: StaticServer;
let firefox: FirefoxWithExtension;

beforeAll(async () => {
  double = await startDouble({ port: 0 });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"));
  firefox = await launchFirefoxWithExtension();
});

afterAll(async () => {
  await firefox?.close();
  await pages?.close();
  await double?.close();
});

/** Clicks what a reader clicks: the element whose visible text is `text` (a button, or a checkbox's label). */
async function click(popup: Page, element: "button" | "label", text: string): Promise<void> {
  const target = await popup.waitForSelector(`xpath/.//${element}[contains(normalize-space(), "${text}")]`);
  await target!.click();
}

const statusText = (popup: Page) => popup.evaluate(() => document.getElementById("status-text")?.textContent);

/** What the background says about the popup's tab. */
function displayMode(popup: Page): Promise<string | undefined> {
  return popup.evaluate(async () => {
    const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
    const tabId = Number(new URLSearchParams(location.search).get("tab"));
    const reply = (await ext.runtime.sendMessage({ name: "getTabState", request: { tabId } })) as {
      value: { displayMode?: string };
    };
    return reply.value.displayMode;
  });
}

const withoutCopies = (page: Page) => page.evaluate(bodyWithoutCopies, COPY);

const copyCount = (page: Page) => page.evaluate((selector) => document.querySelectorAll(selector).length, COPY);

describe("Firefox ESR, bilingual view", () => {
  it("shows each translation under its original, switches back without a request and restores exactly", async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${pages.url}/old-reddit-de.html?bilingual`);
    const originalHtml = await page.evaluate(() => document.body.innerHTML);
    const popup = await openPopupFor(firefox.browser, page, { baseUrl: double.url, targetLang: "en" });

    await click(popup, "label", "Bilingual view");
    await eventually(async () => expect(await displayMode(popup)).toBe("bilingual"));
    await click(popup, "button", "Translate page");
    await eventually(async () => expect(await statusText(popup)).toBe("Translated into English."));

    // The original is untouched, and its translation follows it.
    expect(await page.evaluate(() => document.querySelector("p.title a.title")?.textContent)).toMatch(/^Warum/);
    expect(await page.evaluate((selector) => document.querySelector(`p.title ${selector}`)?.textContent, COPY)).toBe(
      "Why is Deutsche Bahn actually always late?",
    );
    expect(
      await page.evaluate((selector) => document.querySelector(`#thing_t1_kx01 .md p ${selector}`)?.textContent, COPY),
    ).toMatch(/^I have worked in a signal box for twelve years\./);
    expect(await withoutCopies(page)).toBe(originalHtml);
    expect(await copyCount(page)).toBeGreaterThan(5);
    const requests = double.stats().chatRequests;

    // Back to replacing the original: the translations already made are used, no request.
    await click(popup, "label", "Bilingual view");
    await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 0, {}, COPY);
    expect(await page.evaluate(() => document.querySelector("p.title a.title")?.textContent)).toBe(
      "Why is Deutsche Bahn actually always late?",
    );
    expect(double.stats().chatRequests).toBe(requests);

    await click(popup, "button", "Show original");
    await eventually(async () => expect(await statusText(popup)).toBe("Showing the original."));
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(originalHtml);
  });
});
