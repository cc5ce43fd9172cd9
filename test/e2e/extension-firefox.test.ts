// The built Firefox extension in Firefox ESR (see firefox.ts): the popup, opened as a tab, translates a page and
// shows the original again.
import { resolve } from "node:path";
import type { Page } from "puppeteer-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
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

async function clickButton(popup: Page, label: string): Promise<void> {
  const button = await popup.waitForSelector(`xpath/.//button[normalize-space()="${label}"]`);
  await button!.click();
}

describe("Firefox ESR", () => {
  it("translates an old-Reddit page from the popup and shows the original again, exactly", async () => {
    const page = await firefox.browser.newPage();
    await page.goto(`${pages.url}/old-reddit-de.html`);
    const originalHtml = await page.evaluate(() => document.body.innerHTML);

    const popup = await openPopupFor(firefox.browser, page, { baseUrl: double.url, targetLang: "en" });
    await clickButton(popup, "Translate page");
    await page.waitForFunction(
      () => document.querySelector("p.title a.title")?.textContent === "Why is Deutsche Bahn actually always late?",
    );
    await popup.waitForFunction(
      () => document.getElementById("status-text")?.textContent === "Translated into English.",
    );
    expect(await page.evaluate(() => document.querySelector("#thing_t1_kx01 .tagline .author")?.textContent)).toBe(
      "Weichensteller",
    );

    await clickButton(popup, "Show original");
    await page.waitForFunction(() => document.querySelector("p.title a.title")?.textContent?.startsWith("Warum"));
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(originalHtml);
  });
});
