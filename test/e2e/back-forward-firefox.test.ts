// Firefox ESR's back/forward cache with the built extension (see back-forward-chromium.test.ts): a translated page
// the reader leaves and comes back to takes the look saved while it was away, in place and with no request. Firefox
// keeps pages under the test harness as it does for a reader; the fixtures are served cacheable.
import { resolve } from "node:path";
import type { Page } from "puppeteer-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import { COPY } from "./bilingual-copies";
import { launchFirefoxWithExtension, openPopupFor, type FirefoxWithExtension } from "./firefox";

jest.setTimeout(120_000);

let double: DoubleHandle;
let pages: StaticServer;
let firefox: FirefoxWithExtension;

beforeAll(async () => {
  double = await startDouble({ port: 0 });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"), {
    headers: () => ({ "Cache-Control": "private, max-age=0" }),
  });
  firefox = await launchFirefoxWithExtension();
});

afterAll(async () => {
  await firefox?.close();
  await pages?.close();
  await double?.close();
});

/** Asks the background from the popup, as the popup and the options page do; the reply's value. */
function askBackground<T>(popup: Page, name: string, request: object): Promise<T> {
  return popup.evaluate(
    async (n, r) => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      return ((await ext.runtime.sendMessage({ name: n, request: r })) as { value: unknown }).value;
    },
    name,
    request,
  ) as Promise<T>;
}

const background = (page: Page, selector: string) =>
  page.evaluate((s) => getComputedStyle(document.querySelector(s)!).backgroundColor, selector);

it("a page back from the cache takes the look saved while the reader was away: same copy, no request", async () => {
  const settings = {
    baseUrl: double.url,
    targetLang: "en",
    displayMode: "bilingual",
    bilingualStyle: "quiet",
  } as const;
  const page = await firefox.browser.newPage();
  await page.evaluateOnNewDocument(() => {
    const world = window as unknown as { glossShows: boolean[] };
    world.glossShows = [];
    addEventListener("pageshow", (event) => world.glossShows.push(event.persisted));
  });
  await page.goto(`${pages.url}/news-article-de.html`);
  const popup = await openPopupFor(firefox.browser, page, settings);
  await eventually(async () =>
    expect((await askBackground<{ settings: object }>(popup, "getSettings", {})).settings).toMatchObject(settings),
  );
  await (await popup.waitForSelector('xpath/.//button[contains(normalize-space(), "Translate page")]'))!.click();
  await popup.waitForFunction(() => document.getElementById("status-text")?.textContent === "Translated into English.");
  const copy = `article h1 ${COPY}`;
  expect(await background(page, copy)).toBe("rgba(0, 0, 0, 0)");
  await page.evaluate((s) => {
    (window as unknown as { glossMarked: Element }).glossMarked = document.querySelector(s)!;
  }, copy);
  const requests = double.stats().chatRequests;

  await page.goto(`${pages.url}/english-article.html`);
  // Saved as the options page saves it, while the tab shows another page.
  await askBackground(popup, "saveSettings", { patch: { bilingualStyle: "highlight" } });
  // A page from the cache fires no "load": the return is awaited as the page's own second `pageshow`.
  void page.goBack().catch(() => undefined);
  await page.waitForFunction(() => {
    const { glossShows } = window as unknown as { glossShows?: boolean[] };
    return !!glossShows && glossShows.length >= 2 && document.readyState === "complete";
  });
  expect(await page.evaluate(() => (window as unknown as { glossShows: boolean[] }).glossShows)).toEqual([false, true]);

  await page.waitForFunction(
    (s) => getComputedStyle(document.querySelector(s)!).backgroundColor === "rgba(255, 204, 0, 0.2)",
    {},
    copy,
  );
  expect(
    await page.evaluate(
      (s) => document.querySelector(s) === (window as unknown as { glossMarked: Element }).glossMarked,
      copy,
    ),
  ).toBe(true);
  expect(double.stats().chatRequests).toBe(requests);
});
