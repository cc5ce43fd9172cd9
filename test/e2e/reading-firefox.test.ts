// Reading in Firefox ESR (see firefox.ts), as extension-chromium.test.ts and reading-chromium.test.ts show it in
// Chromium: an old-Reddit thread seen before is translated from the saved translations without asking the server; a
// comment that arrives after translation ("load more comments") is translated once; new Reddit's post and comments,
// slotted into its web components, are translated and restored exactly; a thin progress line shows while translating.
import type { Page } from "puppeteer-core";
import { eventually } from "../helpers/eventually";
import {
  askBackground,
  click,
  HIDDEN_TAB_POLLING,
  openPopupFor,
  press,
  reopenPopup,
  settingsTaken,
  statusText,
  tabState,
} from "./firefox";
import { useFirefoxRig } from "./firefox-rig";
import { insertOldRedditComment } from "./old-reddit";

jest.setTimeout(120_000);

const TITLE = "p.title a.title";
const TRANSLATED_TITLE = "Why is Deutsche Bahn actually always late?";

const rig = useFirefoxRig();

const textOf = (page: Page, selector: string) => page.$eval(selector, (element) => element.textContent);
const bodyHtml = (page: Page) => page.evaluate(() => document.body.innerHTML);

async function openWithPopup(path: string): Promise<{ page: Page; popup: Page; originalHtml: string }> {
  const page = await rig.firefox.browser.newPage();
  await page.goto(`${rig.pages.url}${path}`);
  const originalHtml = await bodyHtml(page);
  const popup = await openPopupFor(rig.firefox.browser, page, { baseUrl: rig.double.url, targetLang: "en" });
  return { page, popup, originalHtml };
}

it("old Reddit seen before comes from the saved translations; a comment loaded later is translated once", async () => {
  const { page, popup } = await openWithPopup("/old-reddit-de.html?cache");
  await askBackground(popup, "translationCache", { clear: true });
  rig.double.reset();
  await press(popup, "Translate page", "Translated into English.");
  expect(await textOf(page, TITLE)).toBe(TRANSLATED_TITLE);
  const requests = rig.double.stats().chatRequests;
  expect(requests).toBeGreaterThan(0);

  // The second visit: the same passages, no request.
  await page.reload();
  await page.waitForFunction(
    (s) => document.querySelector(s)?.textContent?.startsWith("Warum"),
    HIDDEN_TAB_POLLING,
    TITLE,
  );
  await reopenPopup(popup);
  await press(popup, "Translate page", "Translated into English.");
  expect(await textOf(page, TITLE)).toBe(TRANSLATED_TITLE);
  expect(await textOf(page, "#thing_t1_kx01 .md p")).toMatch(/^I have worked in a signal box for twelve years\./);
  expect(rig.double.stats().chatRequests).toBe(requests);

  // "load more comments": the new comment is translated; moving a translated one costs nothing and changes nothing.
  await page.evaluate(insertOldRedditComment, [
    "thing_t1_new",
    "Der Zug ist heute wieder zu spät, aber das Wetter ist schön.",
  ] as const);
  await page.waitForFunction(
    () => /^The /.test(document.querySelector("#thing_t1_new .md p")?.textContent ?? ""),
    HIDDEN_TAB_POLLING,
  );
  const requestsAfterNew = rig.double.stats().chatRequests;
  expect(requestsAfterNew).toBeGreaterThan(requests);
  const translated = await bodyHtml(page);
  await page.evaluate(() => {
    const thing = document.querySelector("#thing_t1_kx01")!;
    thing.parentElement!.append(thing);
  });
  // Two frames for the page's change to be seen (in front: a hidden tab draws no frames).
  await page.bringToFront();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await eventually(async () => expect((await tabState(popup)).status).toBe("translated"));
  expect(rig.double.stats().chatRequests).toBe(requestsAfterNew);
  expect(await textOf(page, "#thing_t1_kx01 .md p")).toMatch(/^I have worked in a signal box/);
  expect((await bodyHtml(page)).length).toBe(translated.length);
});

it("new Reddit: the post and comments slotted into its components are translated, names and counters not", async () => {
  const { page, popup, originalHtml } = await openWithPopup("/new-reddit-de.html");
  const author = 'shreddit-comment[thingid="t1_l0a1"] > [slot="commentMeta"] .author-name';
  const score = 'shreddit-comment[thingid="t1_l0a1"] > [slot="actionRow"] faceplate-number';
  const before = { author: await textOf(page, author), score: await textOf(page, score) };

  await press(popup, "Translate page", "Translated into English.");
  expect(await textOf(page, 'shreddit-post h1[slot="title"]')).toBe("Which German words do you miss most abroad?");
  expect(await textOf(page, 'shreddit-comment[thingid="t1_l0b1"] [slot="comment"] a')).toBe("German bakery");
  expect(await textOf(page, "shreddit-post[post-type='crosspost'] .crosspost-title")).toBe(
    "Which German words does nobody in Austria understand?",
  );
  expect(await textOf(page, "shreddit-post[post-type='crosspost'] .crosspost-credit-bar")).toContain("vor 5 Std.");
  expect({ author: await textOf(page, author), score: await textOf(page, score) }).toEqual(before);

  await press(popup, "Show original", "Showing the original.");
  expect(await bodyHtml(page)).toBe(originalHtml);
});

/** Gloss's hosts under <html> (everything there besides <head> and <body>). */
const hostCount = (page: Page) =>
  page.evaluate(
    () =>
      Array.from(document.documentElement.children).filter((el) => el !== document.head && el !== document.body).length,
  );

it("progress on the page: a thin line while translating, never in the way, gone when done; off when turned off", async () => {
  const double = rig.double;
  double.reset();
  const page = await rig.firefox.browser.newPage();
  await page.goto(`${rig.pages.url}/news-article-de.html?progress`);
  const popup = await openPopupFor(rig.firefox.browser, page, { baseUrl: double.url, targetLang: "en" });
  await settingsTaken(popup, { baseUrl: double.url });
  await askBackground(popup, "translationCache", { clear: true });
  // The double holds each request until the page has been looked at: the page is translating meanwhile.
  double.hold();
  await click(popup, "button", "Translate page");
  await page.waitForFunction(() => document.documentElement.lastElementChild !== document.body, HIDDEN_TAB_POLLING);
  expect((await tabState(popup)).status).toBe("translating");
  // Clicks and hit tests go through to the page, along the top edge too.
  expect(
    await page.evaluate(() => {
      const host = document.documentElement.lastElementChild!;
      const at = document.elementFromPoint(600, 1);
      return at === host || host.contains(at);
    }),
  ).toBe(false);
  double.release();
  await eventually(async () => expect(await statusText(popup)).toBe("Translated into English."));
  await page.waitForFunction(() => document.documentElement.lastElementChild === document.body, HIDDEN_TAB_POLLING);

  // Turned off: nothing of Gloss shows while the page, seen afresh, is translated again.
  await askBackground(popup, "saveSettings", { patch: { progressCue: false } });
  await settingsTaken(popup, { progressCue: false });
  await askBackground(popup, "translationCache", { clear: true });
  await page.reload();
  await reopenPopup(popup);
  const requests = double.stats().chatRequests;
  double.hold();
  await click(popup, "button", "Translate page");
  await eventually(() => expect(double.stats().chatRequests).toBeGreaterThan(requests));
  expect(await hostCount(page)).toBe(0);
  double.release();
  await eventually(async () => expect(await statusText(popup)).toBe("Translated into English."));
  expect(await hostCount(page)).toBe(0);
});
