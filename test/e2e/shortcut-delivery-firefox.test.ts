// Firefox ESR under Xvfb: a shortcut press while the next page is still on its way, or on a page that replaces
// itself right after, ends with the page the reader then sees translated; a press where no extension may go ends
// with "!" on the badge; then many presses on fresh pages, none of which does nothing. Firefox does not tell an
// extension where a navigation in flight goes, so the background follows the tab's own updates (see tab-channel.ts,
// press-follow.ts).
import type { Page } from "puppeteer-core";
import type { TabState } from "../../src/shared/messages";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { HIDDEN_TAB_POLLING, launchFirefoxWithExtension, openPopupFor, type FirefoxWithExtension } from "./firefox";
import { pressOnFreshPages, startPressPages, TITLE, TRANSLATED_TITLE, type PressPages } from "./press-scenarios";
import { defaultShortcut, startX11, xdotoolKeys, type X11 } from "./x11";

jest.setTimeout(180_000);

let x11: X11;
let double: DoubleHandle;
let pages: PressPages;
let firefox: FirefoxWithExtension;
/** An extension page kept open behind the pages under test, to read the badge. */
let helper: Page;
let keys: string;

beforeAll(async () => {
  x11 = await startX11();
  double = await startDouble({ port: 0 });
  pages = await startPressPages();
  firefox = await launchFirefoxWithExtension({
    headless: false,
    env: { DISPLAY: x11.display },
    prefs: { "extensions.webextensions.restrictedDomains": "localhost" },
  });
  const first = await firefox.browser.newPage();
  await first.goto(`${pages.server.url}/one-passage.html`);
  helper = await openPopupFor(firefox.browser, first, { baseUrl: double.url, targetLang: "en" });
  await first.close();
  keys = xdotoolKeys(defaultShortcut("firefox"));
});

afterAll(async () => {
  await firefox?.close();
  await pages?.server.close();
  await double?.close();
  x11?.close();
});

afterEach(() => double.setFault(null));

async function press(page: Page): Promise<void> {
  await page.bringToFront();
  x11.focusWindow("firefox");
  x11.xdotool("key", "--clearmodifiers", keys);
}

function activeBadge(): Promise<string> {
  return helper.evaluate(async () => {
    const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
    const [tab] = await ext.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id === undefined ? "" : ext.action.getBadgeText({ tabId: tab.id });
  });
}

const titleOf = (page: Page) =>
  page.evaluate((selector) => document.querySelector(selector)?.textContent ?? null, TITLE);

const waitForTranslatedTitle = (page: Page) =>
  page.waitForFunction(
    (selector, text) => document.querySelector(selector)?.textContent === text,
    HIDDEN_TAB_POLLING,
    TITLE,
    TRANSLATED_TITLE,
  );

it("a press while leaving a translated page is for the page that comes, which gets translated", async () => {
  const page = await firefox.browser.newPage();
  await page.goto(`${pages.server.url}/r/de/first`);
  await press(page);
  await waitForTranslatedTitle(page);
  const next = pages.hold("/r/de/second");
  const navigation = page.goto(`${pages.server.url}/r/de/second`);
  await next.arrived; // the translated page is still shown
  await press(page);
  next.release();
  await navigation;
  await waitForTranslatedTitle(page);
  await page.close();
});

it("a page replaced right after the press reached it: the press follows to the new page", async () => {
  const page = await firefox.browser.newPage();
  await page.goto(`${pages.server.url}/one-passage.html`);
  double.setFault("stall;once");
  const requested = new Promise<void>((done) => double.events.once("request", () => done()));
  await press(page);
  await requested;
  await page.evaluate((url) => location.replace(url), `${pages.server.url}/r/de/replaced`);
  await waitForTranslatedTitle(page);
  await page.close();
});

it("a press on a site no extension may enter says so on the badge and to the popup", async () => {
  // A site no extension may enter (the browser's restricted domains, as for addons.mozilla.org). Firefox lets an
  // extension into about:blank, where it finds no text, and keeps a test from opening its own about: pages.
  const page = await firefox.browser.newPage();
  await page.goto(`${pages.server.url.replace("127.0.0.1", "localhost")}/one-passage.html`);
  await press(page);
  await eventually(async () => expect(await activeBadge()).toBe("!"));
  // What the popup shows for the tab: the background's word on it.
  const state = await helper.evaluate(async () => {
    const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
    const [tab] = await ext.tabs.query({ active: true, lastFocusedWindow: true });
    const reply = (await ext.runtime.sendMessage({ name: "getTabState", request: { tabId: tab!.id } })) as {
      value: TabState;
    };
    return reply.value;
  });
  // Firefox's refusal reads as any lost access (the page changed after the press), so the fix names both.
  expect(state).toMatchObject({ status: "error", error: { message: "Gloss could not get into this page." } });
  expect(state.error?.fix).toMatch(/Extension galleries and some built-in viewers are off limits/);
  await page.close();
});

it("18 presses on fresh pages: every one ends with the page translated or an error shown, none with nothing", async () => {
  const outcomes = await pressOnFreshPages(
    { pages, newPage: () => firefox.browser.newPage(), press, activeBadge, titleOf },
    18,
  );
  expect(outcomes.filter((line) => line.endsWith("nothing"))).toEqual([]);
  expect(outcomes.filter((line) => !line.endsWith("translated"))).toEqual([]);
});
