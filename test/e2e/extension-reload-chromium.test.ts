// Gloss reloaded (as an update does) while a page is shown translated, in Chromium: the old content script stays in
// the page, cut off. The next press must start from the page's own text (not translate the translations), and Show
// original must bring the original back.
import type { Page } from "playwright-core";
import type { DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import type { StaticServer } from "../helpers/static-server";
import { COPY } from "./bilingual-copies";
import { closedShadowText, countUi } from "./closed-shadow";
import {
  callBackground,
  closePages,
  openPopup,
  reloadExtension,
  setSettings,
  tabIdOf,
  tabState,
  type ExtensionBrowser,
} from "./chromium";
import { startKeyboardRig, type KeyboardRig } from "./keyboard-rig";
import { defaultShortcut, xdotoolKeys } from "./x11";

jest.setTimeout(60_000);

let rig: KeyboardRig;
let double: DoubleHandle;
let pages: StaticServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  rig = await startKeyboardRig({ args: ["--enable-unsafe-extension-debugging"] });
  ({ double, pages, browser } = rig);
});

afterAll(() => rig?.close());

afterEach(() => closePages(browser));

const GERMAN_TITLE = "Hitzesommer: Wie Städte sich auf 40 Grad vorbereiten";
const ENGLISH_TITLE = "Heatwave summer: how cities are preparing for 40 degrees";

async function openArticle(displayMode: "replace" | "bilingual"): Promise<{ page: Page; tabId: number }> {
  double.reset();
  await setSettings(browser, { baseUrl: double.url, targetLang: "en", displayMode }, { replace: true });
  // Each test's first translation asks the server (the mid-translation one needs a request to be under way).
  await callBackground(browser, "translationCache", { clear: true });
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}/news-article-de.html`);
  return { page, tabId: await tabIdOf(browser, page) };
}

async function pressInPopup(tabId: number, button: string, then: string): Promise<void> {
  const popup = await openPopup(browser, tabId);
  await popup.getByRole("button", { name: button }).click();
  await popup.getByText(then).waitFor();
  await popup.close();
}

async function pressShortcut(page: Page): Promise<void> {
  await page.bringToFront();
  await page.locator("h1").click();
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "--clearmodifiers", xdotoolKeys(defaultShortcut("chrome")));
}

/** The page text the server was asked to translate since the `from`-th request. */
const askedSince = (from: number) =>
  double
    .stats()
    .log.slice(from)
    .map((entry) => JSON.stringify(entry.messages));

/** How many of Gloss's in-page hosts (status card, progress line) the old and new scripts left under <html>. */
const ownHosts = (page: Page) =>
  page.evaluate(
    () => [...document.documentElement.children].filter((e) => e !== document.head && e !== document.body).length,
  );

async function expectOriginal(page: Page): Promise<void> {
  expect(await page.locator("h1").innerText()).toBe(GERMAN_TITLE);
  expect(await page.getByText(ENGLISH_TITLE).count()).toBe(0);
  expect(await page.locator(COPY).count()).toBe(0);
  expect(await ownHosts(page)).toBeLessThanOrEqual(1);
}

it("after a reload, the popup says the page is translated, gives the original back, and translates it from its own text", async () => {
  const { page, tabId } = await openArticle("replace");
  await pressInPopup(tabId, "Translate page", "Translated into English.");
  await page.getByText(ENGLISH_TITLE).waitFor();

  await reloadExtension(browser);
  const asked = double.stats().chatRequests;
  // The page still shows the old script's translation: the popup says so, and its Show original has the old script
  // give the page back (the new script has translated nothing yet: Translate page is offered, as on any page).
  const popup = await openPopup(browser, tabId);
  await popup.getByText("This page was translated before Gloss was updated or reloaded.").waitFor();
  await popup.close();
  await pressInPopup(tabId, "Show original", "Translate this page into English.");
  await expectOriginal(page);
  await pressInPopup(tabId, "Translate page", "Translated into English.");
  await page.getByText(ENGLISH_TITLE).waitFor();
  // Nothing of the translation went to the server as page text.
  expect(askedSince(asked).filter((text) => text.includes("Heatwave"))).toEqual([]);

  await pressInPopup(tabId, "Show original", "Showing the original.");
  await expectOriginal(page);
});

it("after a reload, Alt+Shift+G on a page shown bilingual shows the original, and pressed again translates it afresh", async () => {
  const { page, tabId } = await openArticle("bilingual");
  await pressShortcut(page);
  await eventually(async () => expect((await tabState(browser, tabId)).status).toBe("translated"));
  expect(await page.locator(COPY).count()).toBeGreaterThan(0);

  await reloadExtension(browser);
  const asked = double.stats().chatRequests;
  // A toggle: the page showed a translation, so the press means the original (the old script gives it back).
  await pressShortcut(page);
  await eventually(() => expectOriginal(page));
  // The new script has translated nothing yet: the popup offers Translate page, as on any page shown as written.
  expect((await tabState(browser, tabId)).status).toBe("idle");

  await pressShortcut(page);
  await eventually(async () => expect((await tabState(browser, tabId)).status).toBe("translated"));
  expect(askedSince(asked).filter((text) => text.includes("Heatwave"))).toEqual([]);
  expect(await page.locator(COPY).count()).toBeGreaterThan(0);
});

it("reloaded mid-translation, the page stops waiting: its card says to reload the page, the progress line goes", async () => {
  const { page, tabId } = await openArticle("replace");
  double.hold();
  const popup = await openPopup(browser, tabId);
  await popup.getByRole("button", { name: "Translate page" }).click();
  await eventually(async () => expect(double.stats().inFlight).toBeGreaterThan(0));
  await popup.close();

  await reloadExtension(browser);
  await eventually(async () =>
    expect(await closedShadowText(page, "status")).toContain(
      "Gloss was updated, reloaded or turned off while this page was open. Reload the page to use Gloss on it again.",
    ),
  );
  expect(await countUi(page, "cue")).toBe(0);
  double.release();
});
