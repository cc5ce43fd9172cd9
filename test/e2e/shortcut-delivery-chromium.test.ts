// A shortcut press on a page that is still arriving, or that is replaced right after the press reached it, ends
// with the page the reader then sees translated, or with an error on the badge and in the popup; never with
// nothing. Real key presses (xdotool under Xvfb, see x11.ts) in Chromium; then the same on many fresh pages.
import type { Page } from "playwright-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { launchWithExtension, openPopup, serviceWorker, setSettings, type ExtensionBrowser } from "./chromium";
import { pressOnFreshPages, startPressPages, TITLE, TRANSLATED_TITLE, type PressPages } from "./press-scenarios";
import { defaultShortcut, startX11, xdotoolKeys, type X11 } from "./x11";

jest.setTimeout(180_000);

let x11: X11;
let double: DoubleHandle;
let pages: PressPages;
let browser: ExtensionBrowser;
let keys: string;

beforeAll(async () => {
  x11 = await startX11();
  double = await startDouble({ port: 0 });
  pages = await startPressPages();
  browser = await launchWithExtension({ headless: false, env: { DISPLAY: x11.display } });
  await setSettings(browser, { baseUrl: double.url, targetLang: "en" });
  keys = xdotoolKeys(defaultShortcut("chrome"));
});

afterAll(async () => {
  await browser?.close();
  await pages?.server.close();
  await double?.close();
  x11?.close();
});

afterEach(() => double.setFault(null));

async function press(page: Page): Promise<void> {
  await page.bringToFront();
  x11.focusWindow("chromium");
  x11.xdotool("key", "--clearmodifiers", keys);
}

/** The tab the reader looks at (Chromium has one window here). */
function activeTabId(): Promise<number> {
  return serviceWorker(browser).evaluate(async () => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id ?? -1;
  });
}

async function activeBadge(): Promise<string> {
  const tabId = await activeTabId();
  return serviceWorker(browser).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

const titleOf = (page: Page) =>
  page.evaluate((selector) => document.querySelector(selector)?.textContent ?? null, TITLE);

const waitForTranslatedTitle = (page: Page) =>
  page.waitForFunction(([selector, text]) => document.querySelector(selector)?.textContent === text, [
    TITLE,
    TRANSLATED_TITLE,
  ] as const);

/** Navigates `page` to `path`, pressing the shortcut while the response is held back (the old page still shown). */
async function pressWhileArriving(page: Page, path: string): Promise<void> {
  const next = pages.hold(path);
  const navigation = page.goto(`${pages.server.url}${path}`);
  await next.arrived;
  await press(page);
  next.release();
  await navigation;
}

it("a press while the next page is still on its way, in a new tab, translates that page", async () => {
  const page = await browser.context.newPage();
  await pressWhileArriving(page, "/r/de/new-tab"); // the tab still shows its blank page
  await waitForTranslatedTitle(page);
  await page.close();
});

it("a press while leaving a translated page is for the page that comes, which gets translated", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${pages.server.url}/r/de/first`);
  await press(page);
  await waitForTranslatedTitle(page);
  await pressWhileArriving(page, "/r/de/second");
  await waitForTranslatedTitle(page);
  await page.close();
});

it("a page replaced right after the press reached it: the press follows to the new page", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${pages.server.url}/one-passage.html`);
  // The reply to the first page never completes, so the reader sees none of it before the page goes.
  double.setFault("stall;once");
  const requested = new Promise<void>((done) => double.events.once("request", () => done()));
  await press(page);
  await requested;
  // The page moves on by itself (a script's redirect), the press still in flight.
  await page.evaluate((url) => location.replace(url), `${pages.server.url}/r/de/replaced`);
  await waitForTranslatedTitle(page);
  await page.close();
});

it("a press where Gloss cannot get in says so on the badge and in the popup", async () => {
  const page = await browser.context.newPage(); // about:blank: no extension may run there
  await press(page);
  await eventually(async () => expect(await activeBadge()).toBe("!"));
  const popup = await openPopup(browser, await activeTabId());
  await popup.waitForFunction(
    () => document.getElementById("status-text")?.textContent === "Gloss cannot translate this page.",
  );
  await popup.close();
  await page.close();
});

it("36 presses on fresh pages: every one ends with the page translated or an error shown, none with nothing", async () => {
  const outcomes = await pressOnFreshPages(
    { pages, newPage: () => browser.context.newPage(), press, activeBadge, titleOf },
    36,
  );
  expect(outcomes.filter((line) => line.endsWith("nothing"))).toEqual([]);
  // The pages are on 127.0.0.1, which Gloss may always enter: every press gets its page translated.
  expect(outcomes.filter((line) => !line.endsWith("translated"))).toEqual([]);
});
