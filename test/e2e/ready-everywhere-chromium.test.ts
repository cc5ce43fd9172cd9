// "Ready on every site", in the built extension (Chromium on Xvfb, the llama-server double): turned on from the
// options page, Gloss's content script loads with every page, so a real Alt+Shift+G asks the script already there
// instead of adding it (which is what holds a first request back: bench/first-request.ts), even after the idle
// worker was stopped, as it is while a reader reads. How often content.js is evaluated in the page is counted from
// the page's own debugger (Debugger.scriptParsed), which sees Gloss's isolated world and no one's state.
import type { CDPSession, Page } from "playwright-core";
import type { DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import type { StaticServer } from "../helpers/static-server";
import {
  extensionGranting,
  openOptions,
  openPopup,
  registeredMatches,
  setSettings,
  stopServiceWorker,
  tabIdOf,
  type ExtensionBrowser,
} from "./chromium";
import { startKeyboardRig, type KeyboardRig } from "./keyboard-rig";
import { defaultShortcut, xdotoolKeys } from "./x11";

jest.setTimeout(120_000);

let rig: KeyboardRig;
let double: DoubleHandle;
let pages: StaticServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  // The user allowed every site when the option asked for it (tests cannot answer the browser's prompt).
  rig = await startKeyboardRig({ extensionDir: extensionGranting(["*://*/*"]) });
  ({ double, pages, browser } = rig);
  await setSettings(browser, { baseUrl: double.url, targetLang: "en" });
});

afterAll(() => rig?.close());

const OPTION = "Start translations sooner: keep Gloss ready on every site";
const HEADLINE = "article h1";

const registered = () => registeredMatches(browser);

async function saveOption(on: boolean): Promise<void> {
  const options = await openOptions(browser);
  await options.getByLabel(OPTION).setChecked(on);
  await options.getByRole("button", { name: "Save", exact: true }).click();
  await options.getByText("Saved.", { exact: true }).waitFor();
  await options.close();
}

/** A page whose debugger counts the evaluations of Gloss's content script in it, from before it loads. */
async function openCounted(): Promise<{ page: Page; cdp: CDPSession; loads: () => number }> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  let loads = 0;
  cdp.on("Debugger.scriptParsed", (event) => {
    if (event.url === `chrome-extension://${browser.extensionId}/content.js`) loads++;
  });
  await cdp.send("Debugger.enable");
  // What the page itself can hear or see of Gloss: the event a new script sends an older, cut-off one
  // (handover.ts), and any change to its DOM, sheets or globals once it has parsed (Gloss loads at document_idle).
  await page.addInitScript(() => {
    const w = window as unknown as { heardGloss: number; sawGloss: () => string[] };
    w.heardGloss = 0;
    addEventListener("gloss-handover", () => w.heardGloss++);
    const seen: string[] = [];
    w.sawGloss = () => ["the page has not parsed"];
    addEventListener("DOMContentLoaded", () => {
      const globals = new Set(Object.getOwnPropertyNames(window));
      const sheets = document.styleSheets.length;
      new MutationObserver((records) => {
        for (const r of records)
          seen.push(`${r.type} ${(r.target as Element).localName ?? "#text"} ${r.attributeName ?? ""}`);
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      w.sawGloss = () => [
        ...seen,
        ...(document.styleSheets.length !== sheets ? ["new sheets"] : []),
        ...(document.adoptedStyleSheets.length ? ["adopted sheets"] : []),
        ...Object.getOwnPropertyNames(window).filter((name) => !globals.has(name)),
      ];
    });
  });
  await page.goto(`${pages.url}/news-article-de.html`);
  return { page, cdp, loads: () => loads };
}

async function press(page: Page): Promise<void> {
  await page.bringToFront();
  await page.locator("article p").nth(2).click(); // keyboard focus in the page, not the address bar
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "--clearmodifiers", xdotoolKeys(defaultShortcut("chrome")));
}

it("on from the options page: Gloss is in each new page before any press, and a real press uses it", async () => {
  expect(await registered()).toEqual([]);
  await saveOption(true);
  await eventually(async () => expect(await registered()).toEqual(["http://*/*", "https://*/*"]));

  const { page, cdp, loads } = await openCounted();
  await eventually(() => expect(loads()).toBe(1));
  const tabId = await tabIdOf(browser, page);
  const original = await page.evaluate(() => document.body.innerHTML);
  const headline = await page.locator(HEADLINE).innerText();
  // Loaded with the page, Gloss tells it nothing until the reader asks: no page learns that Gloss is installed.
  expect(await page.evaluate(() => (window as unknown as { heardGloss: number }).heardGloss)).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { sawGloss: () => string[] }).sawGloss())).toEqual([]);

  // The reader reads a while first: the idle worker is stopped, and the press wakes a new one.
  await stopServiceWorker(browser, cdp);
  await press(page);
  await page.waitForFunction(([selector, text]) => document.querySelector(selector)?.textContent !== text, [
    HEADLINE,
    headline,
  ] as const);
  expect(loads()).toBe(1); // asked, not added a second time

  const popup = await openPopup(browser, tabId);
  await popup.getByRole("button", { name: "Show original" }).click();
  await popup.getByText("Showing the original.").waitFor();
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(original);
  await popup.close();
  await page.close();
});

it("off again: new pages load without Gloss, and a press adds it and translates", async () => {
  await saveOption(false);
  await eventually(async () => expect(await registered()).toEqual([]));

  const { page, loads } = await openCounted();
  const headline = await page.locator(HEADLINE).innerText();
  expect(loads()).toBe(0);
  await press(page);
  await page.waitForFunction(([selector, text]) => document.querySelector(selector)?.textContent !== text, [
    HEADLINE,
    headline,
  ] as const);
  expect(loads()).toBe(1);
  await page.close();
});
