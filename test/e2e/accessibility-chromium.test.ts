// Gloss's own UI as a reader with a screen reader or only a keyboard meets it, in real Chromium: axe-core's rules (the
// reference engine, the one Lighthouse runs) over the popup, the options page with every part opened, and the in-page
// cards and the userscript's settings dialog, in the light and the dark scheme; then every control of the popup and
// the options page reached with Tab, its focus drawn, and worked with Enter or Space.
import type { Page } from "playwright-core";
import {
  auditCards,
  axeViolations,
  loadAxe,
  openCards,
  startSite,
  tabThrough,
  type DrivenPage,
} from "./accessibility-audit";
import {
  launchWithExtension,
  openOptions,
  openPopup,
  OPTIONS_READY,
  setSettings,
  tabIdOf,
  type ExtensionBrowser,
} from "./chromium";

jest.setTimeout(60_000);

let browser: ExtensionBrowser;
let site: Awaited<ReturnType<typeof startSite>>;

beforeAll(async () => {
  site = await startSite();
  browser = await launchWithExtension();
  // A server address where nothing answers, whatever else runs on this machine: the errors a reader meets first.
  await setSettings(browser, { baseUrl: "http://127.0.0.1:1" });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** axe-core's violations in `page` in the light and the dark scheme, one line each: scheme, rule, nodes. */
async function audit(page: Page): Promise<string[]> {
  await loadAxe(page);
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    found.push(...(await page.evaluate(axeViolations)).map((line) => `${colorScheme} ${line}`));
  }
  return found;
}

/** `page` as the shared Tab walk drives it. */
const driven = (page: Page): DrivenPage => ({
  // Gloss's Tab walk passes only plain values, which playwright hands over as they are.
  run: (fn, arg) => page.evaluate(fn as (arg: unknown) => Awaited<ReturnType<typeof fn>>, arg),
  press: (key) => page.keyboard.press(key),
});

/** The popup for a page of the site, ready: its Translate page enabled. */
async function popupForSite(): Promise<{ page: Page; popup: Page }> {
  const page = await browser.context.newPage();
  await page.goto(site.url);
  const popup = await openPopup(browser, await tabIdOf(browser, page));
  await popup.locator("#toggle:not([disabled])").waitFor();
  return { page, popup };
}

describe("axe-core finds nothing to fix", () => {
  it("in the popup for a page", async () => {
    const { page, popup } = await popupForSite();
    await popup.locator("#diagnostics > summary").click();
    const found = await audit(popup);
    // Translated with no server there: the error and its fix.
    await popup.locator("#toggle").focus();
    await popup.keyboard.press("Enter");
    await popup.locator("#status-box.error, #status-detail:not([hidden])").first().waitFor();
    found.push(...(await audit(popup)));
    expect(found).toEqual([]);
    await popup.close();
    await page.close();
  });

  it("on the options page as it first opens, every part opened", async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#welcome`);
    await options.locator(OPTIONS_READY).waitFor();
    await options.locator("#welcome:not([hidden])").waitFor();
    await options.getByRole("button", { name: "Add a term" }).click();
    await options.getByRole("button", { name: "Add a part" }).click();
    await options.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    const found = await audit(options);
    await options.getByRole("button", { name: "Test connection" }).click();
    await options.locator("#test-result:not(:empty)").waitFor();
    found.push(...(await audit(options)));
    expect(found).toEqual([]);
    await options.close();
  });

  it("in the status card, the look-up card, the reply-box card and the userscript's settings dialog", async () => {
    const page = await browser.context.newPage();
    await openCards(page);
    expect(await auditCards(driven(page), () => audit(page))).toEqual([]);
    await page.close();
  });
});

describe("with the keyboard alone", () => {
  it("every control of the popup is reached with Tab, shows its focus, and works with Space and Enter", async () => {
    const { page, popup } = await popupForSite();
    const { reached, missed } = await tabThrough(driven(popup), 40);
    expect(missed).toEqual([]);
    expect(reached.filter((c) => !c.native || !c.drawn)).toEqual([]);
    expect(reached.length).toBeGreaterThanOrEqual(7);
    // Space ticks a box, Enter opens Diagnostics and follows Settings.
    const bilingual = popup.locator("#bilingual");
    const wasChecked = await bilingual.isChecked();
    await bilingual.focus();
    await popup.keyboard.press("Space");
    expect(await bilingual.isChecked()).toBe(!wasChecked);
    await popup.keyboard.press("Space");
    await popup.locator("#diagnostics > summary").focus();
    await popup.keyboard.press("Enter");
    expect(await popup.locator("#diagnostics").getAttribute("open")).toBe("");
    // The welcome tab Gloss opened when installed would only be brought forward.
    for (const open of browser.context.pages()) if (open.url().includes("/options.html")) await open.close();
    await popup.locator("#open-options").focus();
    const settings = browser.context.waitForEvent("page");
    await popup.keyboard.press("Enter");
    expect((await settings).url()).toContain("/options.html");
    await (await settings).close();
    await popup.close();
    await page.close();
  });

  it("every control of the options page is reached with Tab, shows its focus, and works with Space and Enter", async () => {
    const options = await openOptions(browser);
    await options.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    const { reached, missed } = await tabThrough(driven(options), 150);
    expect(missed).toEqual([]);
    expect(reached.filter((c) => !c.native || !c.drawn)).toEqual([]);
    expect(reached.length).toBeGreaterThanOrEqual(30);
    // Space shows the key and ticks a box; Enter adds a glossary row and takes the focus into it.
    await options.locator("#show-key").focus();
    await options.keyboard.press("Space");
    expect(await options.locator("#apiKey").getAttribute("type")).toBe("text");
    expect(await options.locator("#show-key").getAttribute("aria-pressed")).toBe("true");
    const cue = options.locator("#progressCue");
    const cueWas = await cue.isChecked();
    await cue.focus();
    await options.keyboard.press("Space");
    expect(await cue.isChecked()).toBe(!cueWas);
    await options.getByRole("button", { name: "Add a term" }).focus();
    await options.keyboard.press("Enter");
    await options.keyboard.type("Zug");
    expect(await options.getByRole("textbox", { name: "Term" }).last().inputValue()).toBe("Zug");
    await options.close();
  });
});
