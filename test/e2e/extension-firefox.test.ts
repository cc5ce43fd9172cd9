// The built Firefox extension in Firefox ESR (see firefox.ts): the popup, opened as a tab, translates a page and
// shows the original again; a Wikipedia passage keeps its footnote links; the bilingual view, as
// reading-chromium.test.ts shows it in Chromium (each translation under its original, the original as it was, back
// to replacing without a request, the exact page restored). Into Arabic, what Gloss translated runs right to left and
// a bilingual copy's line is on its right; the blurred look shows under the mouse and the keyboard's Tab; on a
// right-to-left page, Gloss's English status card still runs left to right. A same-site iframe and a mail in a
// script-less sandbox frame are translated with the page and given back.
import type { Page } from "puppeteer-core";
import type { Settings } from "../../src/shared/settings";
import { eventually } from "../helpers/eventually";
import { bodyWithoutCopies, COPY } from "./bilingual-copies";
import {
  askBackground,
  click,
  firefoxCard,
  HIDDEN_TAB_POLLING,
  openPopupFor,
  press,
  settingsTaken,
  tabState,
} from "./firefox";
import { useFirefoxRig } from "./firefox-rig";

jest.setTimeout(120_000);

const rig = useFirefoxRig({
  pages: {
    // Webmail and forum software: a post in an iframe of the same site, and a mail shown in a sandbox that lets the
    // page read it but runs none of its scripts.
    "/mail-de.html": () =>
      `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Post</title></head><body>` +
      `<p>Die Nachricht, über die wir sprechen:</p>` +
      `<iframe srcdoc="<p>Die Bahn kommt heute später.</p>" width="600" height="80"></iframe>` +
      `<iframe sandbox="allow-same-origin" srcdoc="<p>Der Zug fällt morgen aus.</p>" width="600" height="80"></iframe>` +
      `</body></html>`,
  },
});

const withoutCopies = (page: Page) => page.evaluate(bodyWithoutCopies, COPY);

const copyCount = (page: Page) => page.evaluate((selector) => document.querySelectorAll(selector).length, COPY);

/** A new tab on the fixture at `path`, its body's HTML before Gloss, and a popup for it with `settings` stored. */
async function openWithPopup(
  path: string,
  settings: Partial<Settings>,
): Promise<{ page: Page; originalHtml: string; popup: Page }> {
  const page = await rig.firefox.browser.newPage();
  await page.goto(`${rig.pages.url}${path}`);
  const originalHtml = await page.evaluate(() => document.body.innerHTML);
  return { page, originalHtml, popup: await openPopupFor(rig.firefox.browser, page, settings) };
}

/** "Show original" in the popup gives back the page's body exactly as it was before Gloss. */
async function showsOriginalExactly(popup: Page, page: Page, originalHtml: string): Promise<void> {
  await press(popup, "Show original", "Showing the original.");
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(originalHtml);
}

describe("Firefox ESR", () => {
  it("translates an old-Reddit page from the popup and shows the original again, exactly", async () => {
    const page = await rig.firefox.browser.newPage();
    await page.goto(`${rig.pages.url}/old-reddit-de.html`);
    const originalHtml = await page.evaluate(() => document.body.innerHTML);

    const popup = await openPopupFor(rig.firefox.browser, page, { baseUrl: rig.double.url, targetLang: "en" });
    await click(popup, "button", "Translate page");
    await page.waitForFunction(
      () => document.querySelector("p.title a.title")?.textContent === "Why is Deutsche Bahn actually always late?",
      HIDDEN_TAB_POLLING,
    );
    await popup.waitForFunction(
      () => document.getElementById("status-text")?.textContent === "Translated into English.",
    );
    expect(await page.evaluate(() => document.querySelector("#thing_t1_kx01 .tagline .author")?.textContent)).toBe(
      "Weichensteller",
    );

    await click(popup, "button", "Show original");
    await page.waitForFunction(
      () => document.querySelector("p.title a.title")?.textContent?.startsWith("Warum"),
      HIDDEN_TAB_POLLING,
    );
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(originalHtml);
  });
});

describe("Firefox ESR, footnotes", () => {
  it("keeps a Wikipedia passage's footnote links in place, never sending their text, and restores exactly", async () => {
    rig.double.reset();
    const page = await rig.firefox.browser.newPage();
    await page.goto(`${rig.pages.url}/wiki-footnotes-de.html`);
    const originalHtml = await page.evaluate(() => document.body.innerHTML);
    await page.evaluate(() =>
      document.querySelectorAll("#absatz sup").forEach((s, i) => ((s as HTMLElement & { mark?: number }).mark = i)),
    );

    const popup = await openPopupFor(rig.firefox.browser, page, { baseUrl: rig.double.url, targetLang: "en" });
    await click(popup, "button", "Translate page");
    await popup.waitForFunction(
      () => document.getElementById("status-text")?.textContent === "Translated into English.",
    );
    // Translated, each mark still after its own sentence, the same elements with their links.
    expect(await page.evaluate(() => document.getElementById("absatz")?.textContent)).toMatch(
      /^Many \S+ have .+\.\[1\] .+\.\[2\] .+\.\[3\]$/,
    );
    expect(
      await page.evaluate(() =>
        Array.from(document.querySelectorAll("#absatz sup"), (s) => [
          (s as HTMLElement & { mark?: number }).mark,
          s.querySelector("a")?.getAttribute("href"),
        ]),
      ),
    ).toEqual([
      [0, "#cite_note-1"],
      [1, "#cite_note-2"],
      [2, "#cite_note-3"],
    ]);
    const asked = rig.double.stats().log.flatMap((r) => (r.messages ?? []).map((m) => m.content));
    expect(asked.find((text) => text.includes("Hitzeaktionsplan"))).toMatch(/Hitzeaktionsplan\.<x\d+><\/x\d+> Bäume/);

    await click(popup, "button", "Show original");
    await page.waitForFunction(
      () => document.getElementById("absatz")?.textContent?.startsWith("Viele"),
      HIDDEN_TAB_POLLING,
    );
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(originalHtml);
  });
});

describe("Firefox ESR, a press on a page without Gloss", () => {
  it("starts translating within the one injection, and a second injection starts nothing", async () => {
    const page = await rig.firefox.browser.newPage();
    // An address of its own: the tab of the first test (the same page, with a session) is still open.
    await page.goto(`${rig.pages.url}/old-reddit-de.html?one-injection`);
    const popup = await openPopupFor(rig.firefox.browser, page, { baseUrl: rig.double.url, targetLang: "en" });
    // What background/tab-channel.ts does for a press: content.js and start-translation.js in one call, whose result
    // (the last file's value) says whether the translation started there.
    const inject = () =>
      popup.evaluate(async (url) => {
        const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
        const tab = (await ext.tabs.query({})).find((t) => t.url === url)!;
        const files = ["content.js", "start-translation.js"];
        const [frame] = await ext.scripting.executeScript({ target: { tabId: tab.id! }, files });
        return frame?.result;
      }, page.url());
    expect(await inject()).toBe(true);
    await page.waitForFunction(
      () => document.querySelector("p.title a.title")?.textContent === "Why is Deutsche Bahn actually always late?",
      HIDDEN_TAB_POLLING,
    );
    expect(await inject()).toBe(false);
  });
});

describe("Firefox ESR, frames", () => {
  it("translates a same-site iframe and a sandboxed mail frame with the page; Show original gives each back", async () => {
    const { page, originalHtml, popup } = await openWithPopup("/mail-de.html", {
      baseUrl: rig.double.url,
      targetLang: "en",
    });
    const frameTexts = () =>
      page.evaluate(() =>
        Array.from(document.querySelectorAll("iframe"), (f) => f.contentDocument?.body.innerText.trim() ?? ""),
      );
    await eventually(async () => expect(await frameTexts()).toHaveLength(2));
    await eventually(async () => expect((await frameTexts()).every(Boolean)).toBe(true));
    const originals = await frameTexts();

    await press(popup, "Translate page", "Translated into English.");
    const translated = await frameTexts();
    for (const [i, text] of translated.entries()) expect(text).not.toBe(originals[i]);

    await showsOriginalExactly(popup, page, originalHtml);
    expect(await frameTexts()).toEqual(originals);
  });
});

describe("Firefox ESR, a page in the way", () => {
  it("shows Gloss's status card under a host it verified through Firefox's own view of closed roots", async () => {
    const page = await rig.firefox.browser.newPage();
    await page.goto(`${rig.pages.url}/news-article-de.html`);
    const popup = await openPopupFor(rig.firefox.browser, page, { baseUrl: "http://127.0.0.1:9", targetLang: "en" });
    // The background has taken the new address before the click.
    await settingsTaken(popup, { baseUrl: "http://127.0.0.1:9" });
    await press(popup, "Translate page", /^Gloss cannot reach the server/);
    // The card is in the page (an unmarked element with a root the page cannot open), not reported as blocked.
    await eventually(async () =>
      expect(await page.evaluate(() => document.documentElement.lastElementChild?.localName)).toBe("div"),
    );
    expect(
      await page.evaluate(() => {
        const host = document.documentElement.lastElementChild!;
        return { attributes: host.getAttributeNames(), shadowRoot: host.shadowRoot, text: host.textContent };
      }),
    ).toEqual({ attributes: [], shadowRoot: null, text: "" });
    expect((await tabState(popup)).uiBlocked).toBeUndefined();
  });
});

describe("Firefox ESR, bilingual view", () => {
  it("shows each translation under its original, switches back without a request and restores exactly", async () => {
    const { page, originalHtml, popup } = await openWithPopup("/old-reddit-de.html?bilingual", {
      baseUrl: rig.double.url,
      targetLang: "en",
    });

    await click(popup, "label", "Bilingual view");
    await eventually(async () => expect((await tabState(popup)).displayMode).toBe("bilingual"));
    await press(popup, "Translate page", "Translated into English.");

    // The original is untouched, and its translation follows it.
    expect(await page.evaluate(() => document.querySelector("p.title a.title")?.textContent)).toMatch(/^Warum/);
    expect(await page.evaluate((selector) => document.querySelector(`p.title ${selector}`)?.textContent, COPY)).toBe(
      "Why is Deutsche Bahn actually always late?",
    );
    expect(
      await page.evaluate((selector) => document.querySelector(`#thing_t1_kx01 .md p ${selector}`)?.textContent, COPY),
    ).toMatch(/^I have worked in a signal box for twelve years\./);
    expect(await withoutCopies(page)).toBe(originalHtml);
    expect(await copyCount(page)).toBeGreaterThan(5);
    const requests = rig.double.stats().chatRequests;

    // Back to replacing the original: the translations already made are used, no request.
    await click(popup, "label", "Bilingual view");
    await page.waitForFunction(
      (selector) => document.querySelectorAll(selector).length === 0,
      HIDDEN_TAB_POLLING,
      COPY,
    );
    expect(await page.evaluate(() => document.querySelector("p.title a.title")?.textContent)).toBe(
      "Why is Deutsche Bahn actually always late?",
    );
    expect(rig.double.stats().chatRequests).toBe(requests);

    await showsOriginalExactly(popup, page, originalHtml);
  });
});

/** The computed `direction` and inline-side borders of the element `selector` finds in `page`. */
const sides = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const { direction, borderLeftWidth, borderRightWidth } = getComputedStyle(document.querySelector(s)!);
    return { direction, borderLeftWidth, borderRightWidth };
  }, selector);

describe("Firefox ESR, right to left", () => {
  it("turns what it translated into Arabic right to left, its bilingual copies' line to the right, and restores exactly", async () => {
    const { page, originalHtml, popup } = await openWithPopup("/news-article-de.html?arabic", {
      baseUrl: rig.double.url,
      targetLang: "ar",
    });

    await press(popup, "Translate page", "Translated into Arabic.");
    expect(await page.evaluate(() => document.querySelector("article h1")?.getAttribute("lang"))).toBe("ar");
    expect((await sides(page, "article h1")).direction).toBe("rtl");
    expect((await sides(page, "article p.lead")).direction).toBe("rtl");
    // Only what Gloss translated turns: the article around it keeps the page's direction.
    expect((await sides(page, "article")).direction).toBe("ltr");

    await click(popup, "label", "Bilingual view");
    await page.waitForSelector(`article h1 ${COPY}`);
    expect(await sides(page, `article h1 ${COPY}`)).toEqual({
      direction: "rtl",
      borderLeftWidth: "0px",
      borderRightWidth: "2px",
    });
    expect((await sides(page, "article h1")).direction).toBe("ltr");

    await showsOriginalExactly(popup, page, originalHtml);
  });
});

/** The computed filter of the element `selector` finds, and whether it has the keyboard focus. */
const look = (page: Page, selector: string) =>
  page.evaluate((s) => {
    const element = document.querySelector(s)!;
    return { filter: getComputedStyle(element).filter, focused: document.activeElement === element };
  }, selector);

/** Waits until the element `selector` finds is blurred (`true`) or shown as it is (`false`). */
const blurred = (page: Page, selector: string, yes: boolean) =>
  page.waitForFunction(
    (s, want) => /^blur\(/.test(getComputedStyle(document.querySelector(s)!).filter) === want,
    HIDDEN_TAB_POLLING,
    selector,
    yes,
  );

describe("Firefox ESR, the blurred look", () => {
  it("blurs each translation until the mouse points at it or the keyboard's Tab reaches it", async () => {
    const settings = {
      baseUrl: rig.double.url,
      targetLang: "en",
      displayMode: "bilingual",
      bilingualStyle: "blur",
    } as const;
    const { page, originalHtml, popup } = await openWithPopup("/news-article-de.html?blur", settings);
    await settingsTaken(popup, settings);
    await press(popup, "Translate page", "Translated into English.");
    const copy = `article h1 ${COPY}`;
    expect(await page.evaluate((s) => document.querySelector(s)?.textContent, copy)).toBe(
      "Heatwave summer: how cities are preparing for 40 degrees",
    );
    expect((await look(page, copy)).filter).toMatch(/^blur\(/);

    // The mouse on the copy shows it; moved away, it is blurred again.
    await page.bringToFront();
    const box = (await (await page.$(copy))!.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await blurred(page, copy, false);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height + 200);
    await blurred(page, copy, true);

    // The keyboard: from the headline, Tab reaches its translation and shows it; Tab again moves on and blurs it.
    // A click on the headline's original is where the keyboard's next Tab starts from.
    await (await page.$("article h1"))!.click({ offset: { x: 4, y: 4 } });
    await page.keyboard.press("Tab");
    await blurred(page, copy, false);
    expect(await look(page, copy)).toEqual({ filter: "none", focused: true });
    await page.keyboard.press("Tab");
    await blurred(page, copy, true);
    expect((await look(page, copy)).focused).toBe(false);

    // Another look saved (as the options page saves it) restyles the copy shown at once: the same node.
    type Marked = { glossMarked?: Element };
    await page.evaluate((s) => void ((window as Marked).glossMarked = document.querySelector(s)!), copy);
    for (const [style, background] of [
      ["highlight", "rgba(255, 204, 0, 0.2)"],
      ["blur", "rgba(0, 0, 0, 0)"],
    ] as const) {
      await askBackground(popup, "saveSettings", { patch: { bilingualStyle: style } });
      await page.waitForFunction(
        (s, want) => getComputedStyle(document.querySelector(s)!).backgroundColor === want,
        HIDDEN_TAB_POLLING,
        copy,
        background,
      );
    }
    await blurred(page, copy, true);
    expect(await page.evaluate((s) => document.querySelector(s) === (window as Marked).glossMarked, copy)).toBe(true);

    await showsOriginalExactly(popup, page, originalHtml);
  });
});

/** The computed direction and text of Gloss's status card in `page`; null when no card is there. */
const statusCard = (popup: Page, page: Page) => firefoxCard(popup, page, ".card:not(.writing):not(.lookup)");

describe("Firefox ESR, a right-to-left page", () => {
  it("lays Gloss's English status card out left to right", async () => {
    const { page, popup } = await openWithPopup("/news-article-de.html?rtl", {
      baseUrl: "http://127.0.0.1:9",
      targetLang: "en",
    });
    await page.evaluate(() => void (document.documentElement.dir = "rtl"));
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe("rtl");
    await settingsTaken(popup, { baseUrl: "http://127.0.0.1:9" });
    await press(popup, "Translate page", /^Gloss cannot reach the server/);
    const card = await eventually(async () => {
      const found = await statusCard(popup, page);
      expect(found?.text).toMatch(/^Gloss cannot reach your server\./);
      return found!;
    });
    expect(card.direction).toBe("ltr");
  });
});
