// A translated page the reader leaves and comes back to through the back/forward cache (Chromium, the built
// extension, the llama-server double). The page comes back as it was, translations and content script alive, but
// the background forgot it when the tab moved on: a look saved meanwhile must still reach it, in place and with no
// request, and a translation after the return must work on a fresh port. Playwright turns the cache off; this
// browser keeps it, and the fixtures are served cacheable (a `no-store` page is never kept).
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import {
  callBackground,
  closePages,
  launchWithExtension,
  openOptions,
  openPopup,
  serviceWorker,
  setSettings,
  tabIdOf,
  tabState,
  type ExtensionBrowser,
} from "./chromium";
import { COPY } from "./bilingual-copies";

jest.setTimeout(120_000);

let double: DoubleHandle;
/** A server that writes slowly enough to leave the page while it translates. */
let slow: DoubleHandle;
let pages: StaticServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  double = await startDouble({ port: 0 });
  slow = await startDouble({ port: 0, genTps: 60 });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"), {
    headers: () => ({ "Cache-Control": "private, max-age=0" }),
  });
  browser = await launchWithExtension({ backForwardCache: true });
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await double?.close();
  await slow?.close();
});

beforeEach(async () => {
  double.reset();
  slow.reset();
  await setSettings(
    browser,
    { baseUrl: double.url, targetLang: "en", displayMode: "bilingual", bilingualStyle: "quiet" },
    { replace: true },
  );
  await callBackground(browser, "translationCache", { clear: true });
});

afterEach(() => closePages(browser));

/** The copy's computed look in the page. */
const look = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const s = getComputedStyle(el);
    return { opacity: s.opacity, background: s.backgroundColor };
  });

const QUIET = { opacity: "0.82", background: "rgba(0, 0, 0, 0)" };
const HIGHLIGHT = { opacity: "1", background: "rgba(255, 204, 0, 0.2)" };

/** Records, from the page's world, each `pageshow` and whether the page came from the back/forward cache. */
async function recordPageShows(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const world = window as unknown as { glossShows: boolean[] };
    world.glossShows = [];
    addEventListener("pageshow", (event) => world.glossShows.push(event.persisted));
  });
}

/** Why Chromium did not keep the page, when it did not (to tell a broken test rig from a broken Gloss). */
const notRestoredReasons = (page: Page) =>
  page.evaluate(() =>
    JSON.stringify(
      (performance.getEntriesByType("navigation")[0] as PerformanceEntry & { notRestoredReasons?: unknown })
        ?.notRestoredReasons ?? null,
    ),
  );

/** Translates the page in the bilingual view through the popup, as the reader would. */
async function translate(tabId: number): Promise<void> {
  const popup = await openPopup(browser, tabId);
  await popup.getByRole("button", { name: "Translate page" }).click();
  await popup.getByText("Translated into English.").waitFor();
  await popup.close();
}

/** Leaves the page for another of the same site, and comes back to it through the back/forward cache. */
async function awayAndBack(page: Page, meanwhile: () => Promise<void>): Promise<void> {
  await page.goto(`${pages.url}/english-article.html`);
  await meanwhile();
  // A page from the cache fires no "load": the return is awaited as the page's own second `pageshow`.
  await page.goBack({ waitUntil: "commit" });
  await page.waitForFunction(() => {
    const { glossShows } = window as unknown as { glossShows?: boolean[] };
    return !!glossShows && glossShows.length >= 2 && document.readyState === "complete";
  });
  const shows = await page.evaluate(() => (window as unknown as { glossShows: boolean[] }).glossShows);
  if (shows.at(-1) !== true) throw new Error(`the page was not kept: ${await notRestoredReasons(page)}`);
  expect(shows).toEqual([false, true]);
}

describe("a page back from the back/forward cache", () => {
  it("takes the look saved on the options page while the reader was away: same copies, no request", async () => {
    const page = await browser.context.newPage();
    await recordPageShows(page);
    await page.goto(`${pages.url}/news-article-de.html`);
    const tabId = await tabIdOf(browser, page);
    await translate(tabId);
    const copy = `article h1 ${COPY}`;
    expect(await look(page, copy)).toEqual(QUIET);
    // The copy marked from the page's world: the page that comes back must be this one, with this very copy.
    await page.evaluate((selector) => {
      (window as unknown as { glossMarked: Element }).glossMarked = document.querySelector(selector)!;
    }, copy);
    const requests = double.stats().chatRequests;

    await awayAndBack(page, async () => {
      const options = await openOptions(browser);
      const choice = options.getByLabel("Look of translations below the original");
      await eventually(async () => expect(await choice.inputValue()).toBe("quiet"));
      await choice.selectOption("highlight");
      await options.getByRole("button", { name: "Save", exact: true }).click();
      await options.getByText("Saved.", { exact: true }).waitFor();
      await options.close();
    });

    await eventually(async () => expect(await look(page, copy)).toEqual(HIGHLIGHT));
    expect(
      await page.evaluate(
        (selector) => document.querySelector(selector) === (window as unknown as { glossMarked: Element }).glossMarked,
        copy,
      ),
    ).toBe(true);
    expect(double.stats().chatRequests).toBe(requests);
    expect((await tabState(browser, tabId)).status).toBe("translated");
    // The background knows the page again: a press there asks its script instead of injecting a second one.
    await eventually(async () =>
      expect(
        await serviceWorker(browser).evaluate(
          async () => (await chrome.storage.session.get("contentPresence")).contentPresence,
        ),
      ).toContain(tabId),
    );
  });

  it("takes a look saved after its return too, and translates again on a fresh port with no error", async () => {
    const page = await browser.context.newPage();
    await recordPageShows(page);
    await page.goto(`${pages.url}/news-article-de.html`);
    const tabId = await tabIdOf(browser, page);
    await translate(tabId);
    const copy = `article h1 ${COPY}`;
    await awayAndBack(page, async () => undefined);

    // Saved after the return: the background knows the page again, so the push reaches it.
    const options = await openOptions(browser);
    const choice = options.getByLabel("Look of translations below the original");
    await eventually(async () => expect(await choice.inputValue()).toBe("quiet"));
    await choice.selectOption("highlight");
    await options.getByRole("button", { name: "Save", exact: true }).click();
    await options.getByText("Saved.", { exact: true }).waitFor();
    await options.close();
    await eventually(async () => expect(await look(page, copy)).toEqual(HIGHLIGHT));

    // A paragraph the page adds now is translated on a fresh port (the cache closed the ones from before), with no
    // error anywhere.
    const requests = double.stats().chatRequests;
    await page.evaluate(() => {
      const p = document.createElement("p");
      p.id = "added";
      p.textContent = "Warum ist die Deutsche Bahn eigentlich immer zu spät?";
      document.querySelector("article")!.append(p);
    });
    await eventually(async () =>
      expect(await page.locator(`#added ${COPY}`).innerText()).toBe("Why is Deutsche Bahn actually always late?"),
    );
    expect(double.stats().chatRequests).toBeGreaterThan(requests);
    expect(await look(page, `#added ${COPY}`)).toEqual(HIGHLIGHT);
    const state = await tabState(browser, tabId);
    expect(state).toMatchObject({ status: "translated", progress: { failed: 0 } });
    expect(state.error).toBeUndefined();
  });

  it("left while translating, finishes the translation when it comes back, with no error", async () => {
    await setSettings(browser, { baseUrl: slow.url });
    const page = await browser.context.newPage();
    await recordPageShows(page);
    await page.goto(`${pages.url}/news-article-de.html`);
    const tabId = await tabIdOf(browser, page);
    const popup = await openPopup(browser, tabId);
    await popup.getByRole("button", { name: "Translate page" }).click();
    // Left with the first copies shown and the rest still on their way from the server.
    await page.locator(COPY).first().waitFor();
    expect((await tabState(browser, tabId)).status).toBe("translating");
    await awayAndBack(page, async () => undefined);
    slow.setGenTps(0); // the rest need not come slowly

    await popup.getByText("Translated into English.").waitFor();
    const state = await tabState(browser, tabId);
    expect(state).toMatchObject({ status: "translated", progress: { failed: 0 } });
    expect(state.error).toBeUndefined();
    expect(await page.locator(`article h1 ${COPY}`).innerText()).toBe(
      "Heatwave summer: how cities are preparing for 40 degrees",
    );
  });

  it("left just after the press, its language detections still open, finishes when it comes back", async () => {
    // The long thread is still being detected a few units at a time just after the press. Firefox never answers the
    // calls open as a page goes (back-forward-firefox.test.ts); Chromium answers them on the return, and nothing
    // may be lost on the way here either (session/kept-page.ts asks again, and takes one answer).
    await setSettings(browser, { baseUrl: slow.url, displayMode: "replace" });
    const page = await browser.context.newPage();
    await recordPageShows(page);
    await page.goto(`${pages.url}/old-reddit-thread-de.html`);
    const tabId = await tabIdOf(browser, page);
    const popup = await openPopup(browser, tabId);
    // The first request waits at the server: the page leaves with nothing translated yet.
    slow.hold();
    await popup.getByRole("button", { name: "Translate page" }).click();
    await eventually(() => expect(slow.stats().inFlight).toBeGreaterThan(0));
    await awayAndBack(page, async () => {
      slow.release();
      slow.setGenTps(0);
    });

    await popup.getByText("Translated into English.").waitFor();
    const state = await tabState(browser, tabId);
    expect(state).toMatchObject({ status: "translated", progress: { failed: 0 } });
    expect(state.progress.done).toBe(state.progress.total);
    expect(await page.locator("a.title").first().innerText()).toBe("Why is Deutsche Bahn actually always late?");
  });
});
