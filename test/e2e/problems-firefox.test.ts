// Problems, as the popup shows them, in Firefox ESR (see firefox.ts), as extension-chromium.test.ts shows them in
// Chromium: a rejected API key; an error part-way through, with "Show original" beside "Try again"; a server still
// loading its model, which Gloss waits for; a hostile reply, which never reaches the page.
import type { Page } from "puppeteer-core";
import type { Settings } from "../../src/shared/settings";
import { startDouble } from "../double/server";
import type { RequestRecord } from "../double/state";
import { eventually } from "../helpers/eventually";
import { click, openPopupFor, press, settingsTaken, tabState } from "./firefox";
import { useFirefoxRig } from "./firefox-rig";

jest.setTimeout(120_000);

const rig = useFirefoxRig();

beforeEach(() => {
  rig.double.reset();
  rig.double.setFault(null);
});

const bodyHtml = (page: Page) => page.evaluate(() => document.body.innerHTML);
const statusDetail = (popup: Page) => popup.evaluate(() => document.getElementById("status-detail")?.textContent);

/** A new tab on the fixture at `path` (an address of its own), and a popup for it with `settings` taken. */
async function openWithPopup(path: string, settings: Partial<Settings>): Promise<{ page: Page; popup: Page }> {
  const page = await rig.firefox.browser.newPage();
  await page.goto(`${rig.pages.url}${path}`);
  const popup = await openPopupFor(rig.firefox.browser, page, { targetLang: "en", ...settings });
  await settingsTaken(popup, settings);
  return { page, popup };
}

it("says the API key was rejected, and how to set it", async () => {
  const locked = await startDouble({ port: 0, apiKey: "secret" });
  try {
    const { popup } = await openWithPopup("/old-reddit-de.html?key", { baseUrl: locked.url, apiKey: "wrong" });
    await press(popup, "Translate page", /rejected the API key/);
    await eventually(async () => expect(await statusDetail(popup)).toMatch(/--api-key/));
  } finally {
    await locked.close();
  }
});

it("offers 'Show original' beside 'Try again' when an error stops a translation part-way", async () => {
  const { page, popup } = await openWithPopup("/old-reddit-de.html?partway", {
    baseUrl: rig.double.url,
    maxBatchChars: 200,
    maxConcurrent: 1,
  });
  const originalHtml = await bodyHtml(page);
  // The server answers the first request, then wants an API key.
  const lockAfterFirst = (record: RequestRecord) => {
    if (!/chat\/completions$/.test(record.path) || record.status !== 200) return;
    rig.double.setFault("unauthorized");
    rig.double.events.off("done", lockAfterFirst);
  };
  rig.double.events.on("done", lockAfterFirst);
  try {
    await press(popup, "Translate page", /needs an API key/);
    const state = await tabState(popup);
    expect(state.status).toBe("error");
    expect(state.progress.done).toBeGreaterThan(0);
    expect(await bodyHtml(page)).not.toBe(originalHtml);

    // Keyboard: the main action first, the way back next.
    await popup.bringToFront();
    await popup.$eval("xpath/.//button[normalize-space()='Try again']", (button) => (button as HTMLElement).focus());
    await popup.keyboard.press("Tab");
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe("Show original");
    await popup.keyboard.press("Enter");
    await eventually(async () =>
      expect(await popup.evaluate(() => document.getElementById("status-text")?.textContent)).toBe(
        "Showing the original.",
      ),
    );
    expect(await bodyHtml(page)).toBe(originalHtml);
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe("Translate page");
  } finally {
    rig.double.events.off("done", lockAfterFirst);
  }
});

it("waits for a server still loading its model, says so, then translates", async () => {
  const { page, popup } = await openWithPopup("/news-article-de.html?loading", { baseUrl: rig.double.url });
  await fetch(`${rig.double.url}/__double/loading`, { method: "POST", body: JSON.stringify({ ms: 4000 }) });
  await click(popup, "button", "Translate page");
  await eventually(async () => expect(await statusDetail(popup)).toMatch(/still loading the model; Gloss waits/));
  await eventually(async () =>
    expect(await popup.evaluate(() => document.getElementById("status-text")?.textContent)).toBe(
      "Translated into English.",
    ),
  );
  expect(await page.$eval("article h1", (h1) => h1.textContent)).toMatch(/^Heatwave/);
});

it("never lets a hostile reply reach the page", async () => {
  rig.double.setFault("hostile-html");
  const { page, popup } = await openWithPopup("/old-reddit-de.html?hostile", { baseUrl: rig.double.url });
  const counts = () =>
    page.evaluate(() => ({
      imgs: document.querySelectorAll("img").length,
      scripts: document.querySelectorAll("script").length,
      jsLinks: [...document.querySelectorAll("a")].filter((a) => a.href.startsWith("javascript:")).length,
      handlers: document.querySelectorAll("[onerror], [onload], [onclick]").length,
      pwned: (window as Window & { pwned?: boolean }).pwned ?? false,
    }));
  const before = await counts();
  await press(popup, "Translate page", /Translated into English\./);
  expect(await counts()).toEqual({ ...before, handlers: 0, pwned: false });
  expect(rig.double.stats().faultsApplied["hostile-html"]).toBeGreaterThan(0);
});
