// Firefox ESR's back/forward cache with the built extension (see back-forward-chromium.test.ts): a translated page
// the reader leaves and comes back to takes the look saved while it was away, in place and with no request. Firefox
// keeps pages under the test harness as it does for a reader; the fixtures are served cacheable. A page left while
// it translates is kept too, with its open port: Firefox does not evict it, and the replies sent while it is away
// never reach it (left to the browser, the translation stalls for good). So the port is closed as the page goes,
// and what was unanswered is asked again when it comes back. So is every other call the page waits on (a language
// detection, a settings ask): Firefox never answers one left open as the page went (session/kept-page.ts).
import { resolve } from "node:path";
import type { Page } from "puppeteer-core";
import { parsePrompt } from "../../src/llm/prompt";
import type { TabState } from "../../src/shared/messages";
import { startDouble, type DoubleHandle, type RequestRecord } from "../double/server";
import { eventually } from "../helpers/eventually";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import { COPY } from "./bilingual-copies";
import { launchFirefoxWithExtension, openPopupFor, type FirefoxWithExtension } from "./firefox";

jest.setTimeout(120_000);

let double: DoubleHandle;
/** A server that writes slowly enough to leave the page while it translates. */
let slow: DoubleHandle;
let pages: StaticServer;
let firefox: FirefoxWithExtension;

beforeAll(async () => {
  double = await startDouble({ port: 0 });
  slow = await startDouble({ port: 0, genTps: 60 });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"), {
    headers: () => ({ "Cache-Control": "private, max-age=0" }),
  });
  firefox = await launchFirefoxWithExtension();
});

afterEach(async () => {
  slow.resume();
  // Each test finds its tab by its address: the tabs of the one before must be gone.
  for (const page of await firefox.browser.pages()) if (page.url() !== "about:blank") await page.close();
});

afterAll(async () => {
  await firefox?.close();
  await pages?.close();
  await double?.close();
  await slow?.close();
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

/** Waits for the popup to say `text`, asking from here: its tab is behind the page, where the page's own timers and
 * animation frames (puppeteer's polling) hardly run. A failure names what it said instead. */
const popupSays = (popup: Page, text: string) =>
  eventually(async () =>
    expect(await popup.evaluate(() => document.getElementById("status-text")?.textContent)).toBe(text),
  );

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
  await popupSays(popup, "Translated into English.");
  const copy = `article h1 ${COPY}`;
  expect(await background(page, copy)).toBe("rgba(0, 0, 0, 0)");
  await page.evaluate((s) => {
    (window as unknown as { glossMarked: Element }).glossMarked = document.querySelector(s)!;
  }, copy);
  const requests = double.stats().chatRequests;

  await page.goto(`${pages.url}/english-article.html`);
  // Saved as the options page saves it, while the tab shows another page.
  await askBackground(popup, "saveSettings", { patch: { bilingualStyle: "highlight" } });
  await backFromCache(page);

  await eventually(async () => expect(await background(page, copy)).toBe("rgba(255, 204, 0, 0.2)"));
  expect(
    await page.evaluate(
      (s) => document.querySelector(s) === (window as unknown as { glossMarked: Element }).glossMarked,
      copy,
    ),
  ).toBe(true);
  expect(double.stats().chatRequests).toBe(requests);
});

/**
 * Goes back and awaits the page's return from the back/forward cache: the very page, not a new load, seen as its own
 * second `pageshow` (persisted). A page from the cache fires no "load", and puppeteer's `waitForFunction` polls on
 * animation frames, which hardly run in a tab behind the popup's (CI timed out there): the page is asked from here. A
 * failure says what it saw (a page loaded afresh shows [false]; `at` names the page the tab is on).
 */
async function backFromCache(page: Page): Promise<void> {
  void page.goBack().catch(() => undefined);
  const shows = () =>
    page.evaluate(() => ({
      shows: (window as unknown as { glossShows?: boolean[] }).glossShows,
      ready: document.readyState,
      at: location.pathname,
    }));
  await eventually(
    async () => expect(await shows()).toMatchObject({ shows: [false, true], ready: "complete" }),
    30_000,
  );
}

/** The page text of each segment a request asked for, tags and runs of spaces taken out. */
const plain = (html: string) =>
  html
    .replace(/<[^>]*>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
const segmentsOf = (record: RequestRecord): string[] => {
  const user = (record.messages ?? []).filter((m) => m.role === "user").at(-1)?.content ?? "";
  const marked = parsePrompt(user)?.segments.map((segment) => segment.html);
  // A page's first request is one segment in a one-line prompt: the text follows its first blank line.
  const single = user.startsWith("Translate this web page text") ? [user.slice(user.indexOf("\n\n") + 2)] : [];
  return (marked ?? single).map(plain);
};

it("a page left while translating is kept, and finishes when it comes back: no failure, nothing asked twice", async () => {
  const page = await firefox.browser.newPage();
  await page.evaluateOnNewDocument((copySelector) => {
    const world = window as unknown as { glossShows: boolean[]; glossAnswered: string[]; glossShown(): string[] };
    world.glossShows = [];
    addEventListener("pageshow", (event) => world.glossShows.push(event.persisted));
    // What the page shows translated: the original text of each unit with its copy; as the reader left, kept.
    world.glossShown = () =>
      Array.from(document.querySelectorAll(copySelector), (copy) => {
        const unit = copy.parentElement!.cloneNode(true) as Element;
        for (const other of Array.from(unit.querySelectorAll(copySelector))) other.remove();
        return (unit.textContent ?? "").replace(/\s+/g, " ").trim();
      });
    addEventListener("pagehide", () => (world.glossAnswered = world.glossShown()));
  }, COPY);
  await page.goto(`${pages.url}/news-article-de.html`);
  const popup = await openPopupFor(firefox.browser, page, {
    baseUrl: slow.url,
    targetLang: "en",
    displayMode: "bilingual",
    bilingualStyle: "quiet",
  });
  await eventually(async () =>
    expect((await askBackground<{ settings: object }>(popup, "getSettings", {})).settings).toMatchObject({
      baseUrl: slow.url,
    }),
  );
  // The tab the popup was pointed at (puppeteer reports an extension page's address as about:blank over BiDi).
  // Nothing from the test before in the background's cache: the page must wait for the server.
  await askBackground(popup, "translationCache", { clear: true });
  const tabId = Number(await popup.evaluate(() => new URLSearchParams(location.search).get("tab")));
  const tabState = () => askBackground<TabState>(popup, "getTabState", { tabId });
  await (await popup.waitForSelector('xpath/.//button[contains(normalize-space(), "Translate page")]'))!.click();
  // Left with the first copies shown and the rest still on their way from the server: one being written there as the
  // page goes, not only queued in the page (between the first reply and the next requests, none is out).
  await page.waitForSelector(COPY);
  expect((await tabState()).status).toBe("translating");
  await eventually(() => expect(slow.stats().inFlight).toBeGreaterThan(0));
  // What the server has finished stays as it is from here (it writes nothing more until resumed), and the page is
  // left once it shows all of that: a reply finished at the server as the page went may still be on its way to the
  // page, lost with the request's end (asked again, rightly), which would tell nothing about asking twice.
  slow.pause();
  const finishedNow = slow
    .stats()
    .log.filter((record) => record.endedAt !== undefined && !record.aborted)
    .flatMap(segmentsOf);
  await eventually(async () => {
    const shown = await page.evaluate(() => (window as unknown as { glossShown(): string[] }).glossShown());
    expect(finishedNow.filter((text) => !shown.includes(text))).toEqual([]);
  });
  await page.goto(`${pages.url}/english-article.html`);
  // The request the page was waiting for is dropped at the server as the page is kept, freeing it for other pages.
  await eventually(() => expect(slow.stats().log.some((record) => record.aborted)).toBe(true));
  const left = slow.stats().chatRequests;

  await backFromCache(page);
  slow.resume();
  slow.setGenTps(0); // the rest need not come slowly

  await popupSays(popup, "Translated into English.");
  const state = await tabState();
  expect(state).toMatchObject({ status: "translated", progress: { failed: 0 } });
  expect(state.error).toBeUndefined();
  expect(await page.evaluate((s) => document.querySelector(s)!.textContent, `article h1 ${COPY}`)).toBe(
    "Heatwave summer: how cities are preparing for 40 degrees",
  );

  // Only what was still unanswered is asked again after the return, each once: what the server had finished, and
  // what the page already showed, is not.
  const log = slow.stats().log;
  const before = log.filter((record) => record.id <= left);
  const after = log.filter((record) => record.id > left).flatMap(segmentsOf);
  const dropped = new Set(before.filter((record) => record.aborted).flatMap(segmentsOf));
  const finished = new Set(before.filter((record) => !record.aborted).flatMap(segmentsOf));
  const answered = new Set(await page.evaluate(() => (window as unknown as { glossAnswered: string[] }).glossAnswered));
  expect(after.length).toBeGreaterThan(0);
  expect(new Set(after).size).toBe(after.length);
  // A failure names, for each text asked twice, whether the server had finished it or the page had shown it.
  const twice = after.filter((text) => finished.has(text) || answered.has(text));
  expect(twice.map((text) => ({ text, finished: finished.has(text), shown: answered.has(text) }))).toEqual([]);
  // What the server was writing as the page was kept is asked again: the page never showed it.
  expect([...dropped].filter((text) => !answered.has(text) && !after.includes(text))).toEqual([]);
  // The page's own record of what it showed names segments the server was asked for (the checks above bite).
  expect([...answered].filter((text) => finished.has(text) || dropped.has(text))).not.toEqual([]);
});

it("a page left just after the press, its language detections still open, finishes when it comes back", async () => {
  // Firefox drops every answer that reaches a kept page's content script: a detection (or a settings ask) open as
  // the page went never answered, and the page, back, stayed "translating" with a few units never written.
  // The long thread is detected a few units at a time for a while after the press: leaving then leaves some open.
  const page = await firefox.browser.newPage();
  await page.evaluateOnNewDocument(() => {
    const world = window as unknown as { glossShows: boolean[] };
    world.glossShows = [];
    addEventListener("pageshow", (event) => world.glossShows.push(event.persisted));
  });
  await page.goto(`${pages.url}/old-reddit-thread-de.html`);
  const popup = await openPopupFor(firefox.browser, page, { baseUrl: slow.url, targetLang: "en" });
  await eventually(async () =>
    expect((await askBackground<{ settings: object }>(popup, "getSettings", {})).settings).toMatchObject({
      baseUrl: slow.url,
    }),
  );
  await askBackground(popup, "translationCache", { clear: true });
  const tabId = Number(await popup.evaluate(() => new URLSearchParams(location.search).get("tab")));
  // The first request waits at the server: the page leaves with nothing translated yet.
  slow.hold();
  await (await popup.waitForSelector('xpath/.//button[contains(normalize-space(), "Translate page")]'))!.click();
  await eventually(() => expect(slow.stats().inFlight).toBeGreaterThan(0));
  await page.goto(`${pages.url}/english-article.html`);
  slow.release();
  slow.setGenTps(0); // the page is back before anything more is asked: no need to write slowly

  await backFromCache(page);

  await popupSays(popup, "Translated into English.");
  const state = await askBackground<TabState>(popup, "getTabState", { tabId });
  expect(state).toMatchObject({ status: "translated", progress: { failed: 0 } });
  expect(state.progress.done).toBe(state.progress.total);
  expect(await page.evaluate(() => document.querySelector("a.title")!.textContent)).toBe(
    "Why is Deutsche Bahn actually always late?",
  );
});
