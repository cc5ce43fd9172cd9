// Gloss's popup, options page and in-page cards as a reader with a screen reader or only a keyboard meets them in
// Firefox ESR, whose form controls, focus rings and dark-scheme colours are its own: axe-core's rules over each page
// (every part opened, and after the errors a reader meets first), over each card and the userscript's settings dialog,
// and every control of the popup and the options page reached with Tab and its focus drawn, in the light and the dark
// scheme (accessibility-chromium.test.ts does the same in Chromium).
import type { KeyInput, Page } from "puppeteer-core";
import {
  auditCards,
  axeViolations,
  loadAxe,
  openCards,
  startSite,
  tabThrough,
  type DrivenPage,
} from "./accessibility-audit";
import { extensionPage, launchFirefoxWithExtension, openPopupFor, type FirefoxWithExtension } from "./firefox";

jest.setTimeout(60_000);

let site: Awaited<ReturnType<typeof startSite>>;
/**
 * One Firefox for both schemes: a launch is 4–10 s of this file on a loaded machine. Its copy of the extension may
 * also set the colour scheme Firefox tells pages (browserSettings), which the audits change between schemes.
 */
let firefox: FirefoxWithExtension;
/** The extension's storage as Firefox left it after the install, put back before each scheme's audits. */
let installed: { local: Record<string, unknown>; sync: Record<string, unknown> };
/** The options page Firefox opened on install (the driver cannot open moz-extension:// pages itself). */
let options: Page;

/** The extension's API inside one of its pages (Firefox's own `browser`, typed here as chrome's). */
type Ext = {
  browser: typeof chrome & { browserSettings: { overrideContentColorScheme: { set(d: object): Promise<boolean> } } };
};

beforeAll(async () => {
  site = await startSite();
  firefox = await launchFirefoxWithExtension({
    editManifest: (manifest) => void (manifest.permissions as string[]).push("browserSettings"),
  });
  options = await extensionPage(firefox.browser, "/options.html");
  await options.waitForSelector("#settings:not([inert])");
  installed = await options.evaluate(async () => {
    const ext = (globalThis as unknown as Ext).browser;
    return { local: await ext.storage.local.get(null), sync: await ext.storage.sync.get(null) };
  });
});

afterAll(async () => {
  await firefox?.close();
  await site?.close();
});

/**
 * Starts a scheme's audits as a Firefox of their own would: pages are told `scheme` (what the pref
 * layout.css.prefers-color-scheme.content-override says), the storage is as the install left it, no tab is open but
 * the options page, and that is opened afresh.
 */
async function startScheme(scheme: string): Promise<void> {
  for (const page of await firefox.browser.pages()) if (page !== options) await page.close();
  await options.evaluate(
    async (value, stored) => {
      const ext = (globalThis as unknown as Ext).browser;
      await ext.browserSettings.overrideContentColorScheme.set({ value });
      await ext.storage.local.clear();
      await ext.storage.local.set(stored.local);
      await ext.storage.sync.clear();
      await ext.storage.sync.set(stored.sync);
    },
    scheme,
    installed,
  );
  await options.evaluate(() => void (document.title = "old"));
  await options.evaluate(() => location.reload());
  await options.waitForFunction(() => document.title !== "old" && document.readyState === "complete");
  await options.waitForSelector("#settings:not([inert])");
}

/** axe-core's violations in `page`, one line each: rule, nodes. */
async function audit(page: Page): Promise<string[]> {
  await loadAxe(page);
  return page.evaluate(axeViolations);
}

/**
 * `page` in front, as the shared Tab walk drives it. Until its window has the focus (a tab just opened gets it a moment
 * later), Firefox draws no focus ring: :focus-visible does not match in a document without focus.
 */
async function driven(page: Page): Promise<DrivenPage> {
  await page.bringToFront();
  await page.waitForFunction(() => document.hasFocus());
  return {
    run: (fn, arg) => page.evaluate(fn as (arg: unknown) => Awaited<ReturnType<typeof fn>>, arg),
    press: (key) => page.keyboard.press(key as KeyInput),
  };
}

// Firefox over BiDi cannot emulate a colour scheme for a page, so Firefox itself is told each scheme in turn.
describe.each(["light", "dark"])("Firefox ESR in the %s scheme", (scheme) => {
  beforeAll(async () => {
    await startScheme(scheme);
    // The audit is of the scheme it names, or of nothing.
    expect(await options.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(scheme === "dark");
  });

  /** The popup for a page of the site, whose server address answers nothing: its Translate page enabled. */
  async function popupForSite(): Promise<Page> {
    const page = await firefox.browser.newPage();
    await page.goto(site.url);
    const popup = await openPopupFor(firefox.browser, page, { baseUrl: "http://127.0.0.1:1" });
    await popup.waitForSelector("#toggle:not([disabled])");
    return popup;
  }

  it("axe-core finds nothing to fix in the popup, before and after a translation that fails", async () => {
    const popup = await popupForSite();
    await popup.click("#diagnostics > summary");
    const found = await audit(popup);
    await popup.focus("#toggle");
    await popup.keyboard.press("Enter");
    await popup.waitForSelector("#status-box.error, #status-detail:not([hidden])");
    found.push(...(await audit(popup)));
    expect(found).toEqual([]);
  });

  it("axe-core finds nothing to fix on the options page, every part opened, and after Test connection", async () => {
    await options.evaluate(() => {
      for (const button of document.querySelectorAll("button"))
        if (/^Add a (term|part)$/.test(button.textContent ?? "")) button.click();
      document.querySelectorAll("details").forEach((d) => (d.open = true));
    });
    const found = await audit(options);
    await options.click("#test-connection");
    await options.waitForSelector("#test-result:not(:empty)");
    found.push(...(await audit(options)));
    expect(found).toEqual([]);
  });

  it("axe-core finds nothing to fix in the status card, the look-up card, the reply-box card and the userscript's settings dialog", async () => {
    const page = await firefox.browser.newPage();
    await openCards(page);
    // Firefox tells this page the scheme too, or the cards' audit is of the other one.
    expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(scheme === "dark");
    expect(await auditCards(await driven(page), () => audit(page))).toEqual([]);
  });

  it("every control of the popup is reached with Tab and shows its focus", async () => {
    const popup = await popupForSite();
    const { reached, missed } = await tabThrough(await driven(popup), 40);
    expect(missed).toEqual([]);
    expect(reached.filter((c) => !c.native || !c.drawn)).toEqual([]);
    expect(reached.length).toBeGreaterThanOrEqual(7);
  });

  it("every control of the options page is reached with Tab and shows its focus", async () => {
    await options.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    const { reached, missed } = await tabThrough(await driven(options), 150);
    expect(missed).toEqual([]);
    expect(reached.filter((c) => !c.native || !c.drawn)).toEqual([]);
    expect(reached.length).toBeGreaterThanOrEqual(30);
  });
});
