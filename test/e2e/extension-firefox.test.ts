// The built Firefox extension (dist/firefox) in Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core.
// BiDi refuses to navigate a tab to moz-extension://, so the test installs a copy of the build whose manifest also
// lists the popup as web-accessible to 127.0.0.1, pins the extension's UUID, and lets the fixture page open the
// popup. Everything else is the shipped build.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { startStaticServer, type StaticServer } from "../helpers/static-server";

jest.setTimeout(120_000);

const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
const DIST = resolve(__dirname, "../../dist/firefox");
const EXTENSION_ID = "gloss@gloss-translate.org";
const UUID = "6a0c2f4e-3b1d-4e8a-9c5f-7d2e1b0a9f31";

let double: DoubleHandle;
let pages: StaticServer;
let browser: Browser;
let copy: string;

beforeAll(async () => {
  double = await startDouble({ port: 0 });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"));
  copy = mkdtempSync(join(tmpdir(), "gloss-firefox-"));
  cpSync(DIST, copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, "manifest.json"), "utf8")) as Record<string, unknown>;
  manifest.web_accessible_resources = [{ resources: ["popup.html"], matches: ["http://127.0.0.1/*"] }];
  writeFileSync(join(copy, "manifest.json"), JSON.stringify(manifest));
  browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: { "extensions.webextensions.uuids": JSON.stringify({ [EXTENSION_ID]: UUID }) },
  });
  expect(await browser.installExtension(copy)).toBe(EXTENSION_ID);
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await double?.close();
  if (copy) rmSync(copy, { recursive: true, force: true });
});

/** Opens the extension's popup (as a tab) for the tab showing `page`, configured to use the double. */
async function openPopupFor(page: Page): Promise<Page> {
  const opened = new Promise<Page>((done) =>
    browser.once("targetcreated", (target) => void target.page().then((p) => p && done(p))),
  );
  await page.evaluate((url) => void window.open(url), `moz-extension://${UUID}/popup.html`);
  const popup = await opened;
  // Inside the page, `browser` is Firefox's WebExtension API (typed here as chrome's, which has the same shape).
  await popup.waitForFunction(() => !!(globalThis as unknown as { browser?: typeof chrome }).browser?.tabs);
  const pageUrl = page.url();
  const tabId = await popup.evaluate(
    async (url, server) => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      await ext.storage.local.set({ settings: { schemaVersion: 1, baseUrl: server, targetLang: "en" } });
      const tabs = await ext.tabs.query({});
      return tabs.find((tab) => tab.url === url)?.id ?? -1;
    },
    pageUrl,
    double.url,
  );
  expect(tabId).toBeGreaterThan(0);
  await popup.evaluate((id) => void (location.search = `?tab=${id}`), tabId);
  await popup.waitForFunction(() => /tab=\d+/.test(location.search) && document.readyState === "complete");
  return popup;
}

async function clickButton(popup: Page, label: string): Promise<void> {
  const button = await popup.waitForSelector(`xpath/.//button[normalize-space()="${label}"]`);
  await button!.click();
}

describe("Firefox ESR", () => {
  it("translates an old-Reddit page from the popup and shows the original again, exactly", async () => {
    const page = await browser.newPage();
    await page.goto(`${pages.url}/old-reddit-de.html`);
    const originalHtml = await page.evaluate(() => document.body.innerHTML);

    const popup = await openPopupFor(page);
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

describe("Firefox ESR, a page in the way", () => {
  it("shows Gloss's status card under a host it verified through Firefox's own view of closed roots", async () => {
    const page = await browser.newPage();
    await page.goto(`${pages.url}/news-article-de.html`);
    const popup = await openPopupFor(page);
    await popup.evaluate(async () => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      await ext.storage.local.set({ settings: { schemaVersion: 2, baseUrl: "http://127.0.0.1:9", targetLang: "en" } });
    });
    // The background has taken the new address before the click.
    await eventually(async () =>
      expect(
        await popup.evaluate(async () => {
          const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
          const reply = (await ext.runtime.sendMessage({ name: "getSettings", request: {} })) as {
            value: { settings: { baseUrl: string } };
          };
          return reply.value.settings.baseUrl;
        }),
      ).toBe("http://127.0.0.1:9"),
    );
    await clickButton(popup, "Translate page");
    await eventually(async () =>
      expect(await popup.evaluate(() => document.getElementById("status-text")?.textContent)).toMatch(
        /^Gloss cannot reach the server/,
      ),
    );
    // The card is in the page (an unmarked element with a root the page cannot open), not reported as blocked.
    await eventually(async () =>
      expect(await page.evaluate(() => document.documentElement.lastElementChild?.localName)).toBe("div"),
    );
    expect(
      await page.evaluate(() => {
        const host = document.documentElement.lastElementChild!;
        return { attributes: host.getAttributeNames(), shadowRoot: host.shadowRoot, text: host.textContent };
      }),
    ).toEqual({ attributes: [], shadowRoot: null, text: "" });
    const state = await popup.evaluate(async () => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      const tabId = Number(new URLSearchParams(location.search).get("tab"));
      return (await ext.runtime.sendMessage({ name: "getTabState", request: { tabId } })) as {
        value: { uiBlocked?: boolean };
      };
    });
    expect(state.value.uiBlocked).toBeUndefined();
  });
});
