// The context menu, the selection command and "Always translate" in Firefox ESR (see firefox.ts), as the Chromium
// tests drive them: the menu's items (Firefox's menus API, clicked through the background page's own handler) translate
// the page, a selected passage, show the original, the bilingual view, and turn "Always translate" on; a site checked in
// the popup is then translated on each page of it that opens, and only the part of a site a rule names; a word looked
// up shows its English in a card whose button translates its paragraph. A selection in a frame from another site is
// translated in that frame and put back from the menu there.
import type { Page } from "puppeteer-core";
import { eventually } from "../helpers/eventually";
import {
  askBackground,
  click,
  clickInCard,
  firefoxCard,
  HIDDEN_TAB_POLLING,
  menuClick,
  openPopupFor,
  runCommand,
  settingsTaken,
  tabState,
} from "./firefox";
import { COPY } from "./bilingual-copies";
import { useFirefoxRig } from "./firefox-rig";

jest.setTimeout(120_000);

const HEADLINE = "article h1";
const TITLE = "p.title a.title";

// granted.test is another site (a name Firefox resolves to the fixture server) the user allowed before: tests cannot
// answer the browser's prompt. webNavigation only lets the test learn a frame's id, which a real menu click carries.
const GRANTED = "granted.test";
const rig = useFirefoxRig(
  { aliases: { "/r/de/": "old-reddit-de.html" } },
  {
    editManifest: (manifest) => {
      manifest.host_permissions = [...(manifest.host_permissions as string[]), `http://${GRANTED}/*`];
      manifest.permissions = [...(manifest.permissions as string[]), "webNavigation"];
    },
    prefs: { "network.dns.localDomains": GRANTED },
  },
);

const settings = () => ({ baseUrl: rig.double.url, targetLang: "en", autoTranslate: [] as string[] });

async function openWithPopup(path: string): Promise<{ page: Page; popup: Page }> {
  const page = await rig.firefox.browser.newPage();
  await page.goto(`${rig.pages.url}${path}`);
  const popup = await openPopupFor(rig.firefox.browser, page, settings());
  await settingsTaken(popup, settings());
  return { page, popup };
}

const startsWith = (page: Page, selector: string, text: string) =>
  page.waitForFunction(
    (s, t) => document.querySelector(s)?.textContent?.startsWith(t) === true,
    HIDDEN_TAB_POLLING,
    selector,
    text,
  );

it("the context menu translates, shows the original, and turns on 'Always translate'", async () => {
  const { page, popup } = await openWithPopup("/news-article-de.html?menu");
  const original = await page.evaluate(() => document.body.innerHTML);

  await menuClick(popup, page, "gloss-translate-page");
  await startsWith(page, HEADLINE, "Heatwave");
  await eventually(async () => expect((await tabState(popup)).status).toBe("translated"));
  await menuClick(popup, page, "gloss-show-original");
  await eventually(async () => expect(await page.evaluate(() => document.body.innerHTML)).toBe(original));

  await menuClick(popup, page, "gloss-always-translate", { checked: true });
  await startsWith(page, HEADLINE, "Heatwave");
  expect((await tabState(popup)).autoTranslate).toBe(true);
});

it("'Always translate' checked in the popup translates each page of the site that opens", async () => {
  const { popup } = await openWithPopup("/news-article-de.html?always");
  await click(popup, "label", `Always translate 127.0.0.1:${rig.pages.port}`);
  await eventually(async () =>
    expect(
      (await askBackground<{ settings: { autoTranslate: string[] } }>(popup, "getSettings", {})).settings,
    ).toMatchObject({ autoTranslate: [`127.0.0.1:${rig.pages.port}`] }),
  );

  const next = await rig.firefox.browser.newPage();
  await next.goto(`${rig.pages.url}/old-reddit-de.html?always`);
  await startsWith(next, TITLE, "Why");
});

it("a rule for one subreddit translates it, and not the rest of the site", async () => {
  const { popup } = await openWithPopup("/english-article.html?rule");
  await askBackground(popup, "setAutoTranslate", { rule: `127.0.0.1:${rig.pages.port}/r/de`, enabled: true });

  const inside = await rig.firefox.browser.newPage();
  await inside.goto(`${rig.pages.url}/r/de/comments/1b2c3d/warum_ist_die_deutsche_bahn/`);
  await startsWith(inside, TITLE, "Why");

  const outside = await rig.firefox.browser.newPage();
  await outside.goto(`${rig.pages.url}/old-reddit-de.html?outside`);
  const outsideTab = await popup.evaluate(async (url) => {
    const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
    return (await ext.tabs.query({})).find((t) => t.url === url)!.id;
  }, outside.url());
  await eventually(async () =>
    expect(await askBackground(popup, "getTabState", { tabId: outsideTab })).toMatchObject({ autoTranslate: false }),
  );
  expect(await outside.$eval(TITLE, (a) => a.textContent)).toMatch(/^Warum/);
});

it("'Translate selection' translates the selected passage only, 'Bilingual view' shows it under its original", async () => {
  const { page, popup } = await openWithPopup("/old-reddit-de.html?selection");
  const originalHtml = await page.evaluate(() => document.body.innerHTML);
  const textOf = (selector: string) => page.$eval(selector, (element) => element.textContent);
  const title = await textOf(TITLE);
  const second = await textOf("#thing_t1_kx01 .md p:nth-of-type(2)");
  // The reader selects the comment's first paragraph.
  await page.evaluate(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector("#thing_t1_kx01 .md p")!);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(range);
  });

  await menuClick(popup, page, "gloss-translate-selection", { selectionText: "…" });
  await startsWith(page, "#thing_t1_kx01 .md p", "I have worked in a signal box");
  await eventually(async () => expect((await tabState(popup)).status).toBe("translated"));
  expect(await textOf(TITLE)).toBe(title);
  expect(await textOf("#thing_t1_kx01 .md p:nth-of-type(2)")).toBe(second);

  await menuClick(popup, page, "gloss-bilingual-view", { checked: true });
  await page.waitForSelector(`#thing_t1_kx01 .md p ${COPY}`);
  await startsWith(page, "#thing_t1_kx01 .md p", "Ich arbeite");
  expect(await textOf(TITLE)).toBe(title);

  await menuClick(popup, page, "gloss-show-original");
  await eventually(async () => expect(await page.evaluate(() => document.body.innerHTML)).toBe(originalHtml));
  await menuClick(popup, page, "gloss-bilingual-view", { checked: false }); // the site's view back, for what follows
});

/** Selects the word `word` in the element `selector` finds, as a double click does (scrolled into view first, as a
 * reader sees a word to pick it: how far down the page a paragraph lies depends on the machine's fonts). */
const selectWord = (page: Page, selector: string, word: string) =>
  page.evaluate(
    (s, w) => {
      document.querySelector(s)!.scrollIntoView({ block: "center" });
      const text = document.querySelector(s)!.firstChild as Text;
      const at = text.data.indexOf(w);
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + w.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    },
    selector,
    word,
  );

it("a word looked up (the selection command) shows its English in a card; the card's button translates the paragraph", async () => {
  const { page, popup } = await openWithPopup("/old-reddit-de.html?lookup");
  const paragraph = "#thing_t1_kx01 .md p";
  const original = await page.evaluate(() => document.body.innerHTML);
  await selectWord(page, paragraph, "Stellwerk");
  await runCommand(popup, page, "translate-selection");
  await eventually(async () => expect((await firefoxCard(popup, page, ".lookup"))?.text).toMatch(/signal box/));
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(original);

  await clickInCard(popup, page, ".lookup", "Translate the paragraph");
  await startsWith(page, paragraph, "I have worked in a signal box");
  await eventually(async () => expect(await firefoxCard(popup, page, ".lookup")).toBeNull());
  expect(await page.$eval("#thing_t1_kx01 .md p:nth-of-type(2)", (p) => p.textContent)).toMatch(/^Wenn auf einer/);
  expect(await page.$eval(TITLE, (a) => a.textContent)).toMatch(/^Warum/);

  // A word of Gloss's own translation: the card shows the passage's German, and neither server nor page is touched.
  const requests = rig.double.stats().chatRequests;
  const translated = await page.evaluate(() => document.body.innerHTML);
  await selectWord(page, paragraph, "signal");
  await runCommand(popup, page, "translate-selection");
  await eventually(async () =>
    expect((await firefoxCard(popup, page, ".lookup"))?.text).toMatch(
      /This is Gloss's translation\. The passage's original:.*Ich arbeite seit zwölf Jahren im Stellwerk/,
    ),
  );
  expect(rig.double.stats().chatRequests).toBe(requests);
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(translated);
});

/** What a menu click in the frame showing `frameUrl` in `page` tells the handler: the frame's id and address. */
const inFrame = (popup: Page, page: Page, frameUrl: string) =>
  popup.evaluate(
    async (url, inside) => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      const tab = (await ext.tabs.query({})).find((t) => t.url === url)!;
      const frames = (await ext.webNavigation.getAllFrames({ tabId: tab.id! })) ?? [];
      return { frameId: frames.find((frame) => frame.url === inside)!.frameId, frameUrl: inside };
    },
    page.url(),
    frameUrl,
  );

it("a selection in a comment thread from another site Gloss may reach: translated there from the menu, and put back", async () => {
  const frameUrl = `http://${GRANTED}:${rig.pages.port}/comment-thread-de.html`;
  const { page, popup } = await openWithPopup(`/framed-comments-de.html?frame=${encodeURIComponent(frameUrl)}`);
  const thread = await eventually(async () => {
    const found = page.frames().find((frame) => frame.url() === frameUrl);
    expect(found).toBeDefined();
    await found!.waitForSelector("#second");
    return found!;
  });
  const original = await thread.evaluate(() => document.body.innerHTML);
  await thread.evaluate(() => getSelection()!.selectAllChildren(document.querySelector("#first")!));
  const where = await inFrame(popup, page, frameUrl);

  await menuClick(popup, page, "gloss-translate-selection", { ...where, selectionText: "…" });
  await thread.waitForFunction(
    () => document.querySelector("#first")!.textContent!.includes("the people here are"),
    HIDDEN_TAB_POLLING,
  );
  // Only what was selected: the next comment and the page around the frame keep their German.
  expect(await thread.$eval("#second", (p) => p.textContent)).toBe("Im Winter ist es immer schlimmer.");
  expect(await page.$eval("h1", (h) => h.textContent)).toBe("Pendeln mit der Bahn");

  await menuClick(popup, page, "gloss-show-original", where);
  await eventually(async () => expect(await thread.evaluate(() => document.body.innerHTML)).toBe(original));
});

it("'Leave a part untranslated…' starts on the part right-clicked and picks the sidebar from the keyboard: saved for the site, the page translated again without it", async () => {
  const { page, popup } = await openWithPopup("/r/de/?pick");
  const sidebar = await page.evaluate(() => document.querySelector(".titlebox .md p")?.textContent);
  await menuClick(popup, page, "gloss-translate-page");
  await startsWith(page, TITLE, "Why is Deutsche Bahn");
  await eventually(async () => expect((await tabState(popup)).status).toBe("translated"));
  expect(await page.evaluate(() => document.querySelector(".titlebox .md p")?.textContent)).not.toBe(sidebar);

  // Right-clicked on the sidebar's name, the picker starts there (remembered by the content script of the page
  // translated, as in Chromium): four steps out is the whole sidebar.
  await page.bringToFront();
  const link = (await (await page.$(".titlebox h1 a"))!.boundingBox())!;
  // The browser's own menu stays shut (it would take the keys below); the test clicks Gloss's item itself.
  await page.evaluate(() => document.addEventListener("contextmenu", (event) => event.preventDefault()));
  await page.mouse.click(link.x + link.width / 2, link.y + link.height / 2, { button: "right" });
  await menuClick(popup, page, "gloss-pick-part");
  await page.bringToFront();
  await eventually(async () =>
    expect((await firefoxCard(popup, page, ".label"))?.text).toBe(".redditname > a · 2 on this page"),
  );
  for (const key of ["ArrowUp", "ArrowUp", "ArrowUp", "ArrowUp", "Enter", "Enter"] as const)
    await page.keyboard.press(key);
  await eventually(async () =>
    expect(await page.evaluate(() => document.querySelector(".titlebox .md p")?.textContent)).toBe(sidebar),
  );
  const saved = await askBackground<{ settings: { skipParts: unknown } }>(popup, "getSettings", {});
  expect(saved.settings.skipParts).toEqual([{ site: `127.0.0.1:${rig.pages.port}`, selector: ".side" }]);
  // Translated again without the sidebar: the page is shown original first, so its title comes back in a moment.
  await startsWith(page, TITLE, "Why is Deutsche Bahn actually always late?");
});
