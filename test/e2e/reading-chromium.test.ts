// Issue 13, ways to read, in the built extension (Chromium, the llama-server double). Bilingual view: the
// translation appears under each passage while the original stays as it was, the copy's links are the page's links,
// new comments get their copy without the copies ever being sent, switching modes (popup, context menu) sends no
// request, and "Show original" gives back the exact page. The in-page progress line appears and goes. The look of the
// translation is picked on the options page; blurred, it shows under the real mouse and the keyboard, whatever the
// page's stylesheet says, and is clear under forced colours; a new look leaves the keyboard focus where it was.
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import {
  callBackground,
  closePages,
  launchWithExtension,
  openOptions,
  openPopup,
  serviceWorker,
  setSettings,
  tabIdOf,
  tabState,
  type ExtensionBrowser,
} from "./chromium";
import { bodyWithoutCopies, COPY } from "./bilingual-copies";
import { inClosedShadow } from "./closed-shadow";
import { addOldRedditComment } from "./old-reddit";

jest.setTimeout(120_000);

let double: DoubleHandle;
let pages: StaticServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  double = await startDouble({ port: 0 });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"));
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await double?.close();
});

beforeEach(async () => {
  double.reset();
  await setSettings(browser, { baseUrl: double.url, targetLang: "en" }, { replace: true });
  await callBackground(browser, "translationCache", { clear: true });
});

afterEach(() => closePages(browser));

async function openFixture(path: string): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}${path}`);
  return { page, tabId: await tabIdOf(browser, page) };
}

const bodyHtml = (page: Page) => page.evaluate(() => document.body.innerHTML);
const withoutCopies = (page: Page) => page.evaluate(bodyWithoutCopies, COPY);
const copyCount = (page: Page) => page.locator(COPY).count();

async function clickMenu(tabId: number, item: string, info: object): Promise<void> {
  await serviceWorker(browser).evaluate(
    async ([id, menuItemId, extra]) => {
      const { gloss } = globalThis as unknown as {
        gloss: { onMenuClick(info: object, tab: { id: number; url?: string }): Promise<unknown> };
      };
      const tab = await chrome.tabs.get(id);
      await gloss.onMenuClick({ menuItemId, pageUrl: tab.url, ...extra }, { id, url: tab.url });
    },
    [tabId, item, info] as const,
  );
}

describe("old Reddit thread", () => {
  it("shows each translation under its original, switches modes without a request and restores exactly", async () => {
    const { page, tabId } = await openFixture("/old-reddit-de.html");
    const originalHtml = await bodyHtml(page);
    const title = await page.locator("p.title a.title").innerText();
    const comment = await page.locator("#thing_t1_kx01 .md p").first().innerText();
    const link = page.locator('#siteTable a[href*="puenktlichkeitswerte"]').first();
    const href = await link.getAttribute("href");
    await link.evaluate((a) =>
      a.addEventListener("click", (event) => {
        event.preventDefault();
        (window as Window & { clicks?: number }).clicks = ((window as Window & { clicks?: number }).clicks ?? 0) + 1;
      }),
    );

    // The reader picks the bilingual view in the popup, then translates.
    const popup = await openPopup(browser, tabId, { ownWindow: true });
    // The page stays in view under the popup, as a reader scrolls it below.
    expect(await page.evaluate(() => document.visibilityState)).toBe("visible");
    await popup.getByLabel(/Bilingual view/).check();
    await eventually(async () => expect((await tabState(browser, tabId)).displayMode).toBe("bilingual"));
    await popup.getByRole("button", { name: "Translate page" }).click();
    await popup.getByText("Translated into English.").waitFor();

    // Originals untouched; translations right after them.
    expect(await page.locator("p.title a.title").first().innerText()).toContain(title);
    expect(await page.locator(`p.title ${COPY}`).first().innerText()).toBe(
      "Why is Deutsche Bahn actually always late?",
    );
    expect(await page.locator("#thing_t1_kx01 .md p").first().innerText()).toContain(comment);
    expect(await page.locator(`#thing_t1_kx01 .md p ${COPY}`).first().innerText()).toMatch(
      /^I have worked in a signal box for twelve years\./,
    );
    expect(await withoutCopies(page)).toBe(originalHtml);
    // The copy's link is the page's link: same address, and a click reaches the page's own listener.
    const copied = page.locator(`${COPY} a[href*="puenktlichkeitswerte"]`).first();
    expect(await copied.getAttribute("href")).toBe(href);
    expect(await copied.innerText()).toBe("official statistics");
    await copied.click();
    expect(await page.evaluate(() => (window as Window & { clicks?: number }).clicks)).toBe(1);

    const copies = await copyCount(page);
    expect(copies).toBeGreaterThan(5);
    const requests = double.stats().chatRequests;

    // Popup: back to replacing the original — no request.
    await popup.getByLabel(/Bilingual view/).uncheck();
    await page.waitForFunction((s) => document.querySelectorAll(s).length === 0, COPY);
    expect(await page.locator("p.title a.title").first().innerText()).toBe(
      "Why is Deutsche Bahn actually always late?",
    );
    // Context menu: bilingual again — no request.
    await clickMenu(tabId, "gloss-bilingual-view", { checked: true });
    await page.waitForFunction(([s, n]) => document.querySelectorAll(s as string).length === n, [COPY, copies]);
    expect(await withoutCopies(page)).toBe(originalHtml);
    expect(double.stats().chatRequests).toBe(requests);

    // More comments arrive: translated once, with a copy; copies are never sent, scrolling and re-inserts cost nothing.
    await addOldRedditComment(page, "thing_t1_new", "Der Zug ist heute wieder zu spät, aber das Wetter ist schön.");
    await page.locator(`#thing_t1_new ${COPY}`).waitFor();
    expect(await page.locator(`#thing_t1_new ${COPY}`).innerText()).toMatch(/^The /);
    expect(await page.locator("#thing_t1_new .md p").innerText()).toMatch(/^Der Zug ist heute/);
    const afterNew = double.stats().chatRequests;
    await page.mouse.wheel(0, 5000);
    await page.mouse.wheel(0, -5000);
    await page.evaluate(() => {
      const thing = document.querySelector("#thing_t1_kx01")!;
      thing.parentElement!.append(thing);
    });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await eventually(async () => expect((await tabState(browser, tabId)).status).toBe("translated"));
    expect(double.stats().chatRequests).toBe(afterNew);
    expect(await page.locator(`#thing_t1_new ${COPY}`).count()).toBe(1);
    expect(await page.locator("#thing_t1_kx01 .md p").first().locator(COPY).count()).toBe(1);
    expect(await copyCount(page)).toBe(copies + 1);

    // Show original: the page as it was, with the new comment the page added.
    await popup.getByRole("button", { name: "Show original" }).click();
    await popup.getByText("Showing the original.").waitFor();
    expect(await copyCount(page)).toBe(0);
    expect(await page.locator("#thing_t1_new .md p").innerHTML()).toBe(
      "Der Zug ist heute wieder zu spät, aber das Wetter ist schön.",
    );
  });
});

describe("new Reddit (web components, shadow roots)", () => {
  it("puts each translation under its original inside the components, and restores exactly", async () => {
    await setSettings(browser, { displayMode: "bilingual" });
    const { page, tabId } = await openFixture("/new-reddit-de.html");
    const originalHtml = await bodyHtml(page);
    const title = await page.locator('shreddit-post h1[slot="title"]').innerText();
    const popup = await openPopup(browser, tabId, { ownWindow: true });
    await popup.getByRole("button", { name: "Translate page" }).click();
    await popup.getByText("Translated into English.").waitFor();
    expect(await page.locator(`shreddit-post h1[slot="title"] ${COPY}`).innerText()).toBe(
      "Which German words do you miss most abroad?",
    );
    expect(await page.locator('shreddit-post h1[slot="title"]').innerText()).toContain(title);
    const link = page.locator(`shreddit-comment[thingid="t1_l0b1"] [slot="comment"] ${COPY} a`);
    expect(await link.innerText()).toBe("German bakery");
    expect(await link.getAttribute("href")).toBe(
      await page.locator('shreddit-comment[thingid="t1_l0b1"] [slot="comment"] a').first().getAttribute("href"),
    );
    expect(await withoutCopies(page)).toBe(originalHtml);

    await popup.getByRole("button", { name: "Show original" }).click();
    await popup.getByText("Showing the original.").waitFor();
    expect(await bodyHtml(page)).toBe(originalHtml);
  });
});

describe("news article", () => {
  it("follows the default display mode from the options, and restores byte-identical HTML", async () => {
    await setSettings(browser, { displayMode: "bilingual" });
    const { page, tabId } = await openFixture("/news-article-de.html");
    const originalHtml = await bodyHtml(page);
    const headline = await page.locator("article h1").innerText();
    const popup = await openPopup(browser, tabId, { ownWindow: true });
    await popup.getByRole("button", { name: "Translate page" }).click();
    await popup.getByText("Translated into English.").waitFor();
    expect(await popup.getByLabel(/Bilingual view/).isChecked()).toBe(true);
    expect(await page.locator("article h1").innerText()).toContain(headline);
    expect(await page.locator(`article h1 ${COPY}`).innerText()).toBe(
      "Heatwave summer: how cities are preparing for 40 degrees",
    );
    // The copy is in the page's own font.
    const fonts = await page.evaluate((s) => {
      const h1 = document.querySelector("article h1")!;
      const copy = h1.querySelector(s)!;
      return [getComputedStyle(h1).fontFamily, getComputedStyle(copy).fontFamily];
    }, COPY);
    expect(fonts[1]).toBe(fonts[0]);
    expect(await withoutCopies(page)).toBe(originalHtml);

    await popup.getByRole("button", { name: "Show original" }).click();
    await popup.getByText("Showing the original.").waitFor();
    expect(await bodyHtml(page)).toBe(originalHtml);
  });
});

describe("progress on the page", () => {
  /** Gloss's hosts under <html> (everything there besides <head> and <body>). */
  const hostCount = (page: Page) =>
    page.evaluate(
      () =>
        Array.from(document.documentElement.children).filter((el) => el !== document.head && el !== document.body)
          .length,
    );

  it("shows a thin line while translating, never in the way, gone when done; off when turned off", async () => {
    const { page, tabId } = await openFixture("/news-article-de.html");
    const popup = await openPopup(browser, tabId, { ownWindow: true });
    // A server whose slots are all busy: the page stays mid-translation for as long as the test looks at it.
    double.hold();
    await popup.getByRole("button", { name: "Translate page" }).click();
    await page.waitForFunction(() => document.documentElement.lastElementChild !== document.body);
    expect((await tabState(browser, tabId)).status).toBe("translating");
    // Clicks and hit tests go through to the page, along the top edge too.
    const hit = await page.evaluate(() => {
      const host = document.documentElement.lastElementChild!;
      const at = document.elementFromPoint(600, 1);
      return { covered: at === host || host.contains(at) };
    });
    expect(hit.covered).toBe(false);
    double.release();
    await popup.getByText("Translated into English.").waitFor();
    await page.waitForFunction(() => document.documentElement.lastElementChild === document.body);

    // Turned off on the options page: nothing of Gloss shows while the next page is translated.
    await setSettings(browser, { progressCue: false });
    await popup.getByRole("button", { name: "Show original" }).click();
    await popup.getByText("Showing the original.").waitFor();
    await callBackground(browser, "translationCache", { clear: true });
    await page.reload();
    const requests = double.stats().chatRequests;
    await popup.reload();
    double.hold();
    await popup.getByRole("button", { name: "Translate page" }).click();
    await eventually(() => expect(double.stats().chatRequests).toBeGreaterThan(requests));
    expect((await tabState(browser, tabId)).status).toBe("translating");
    expect(await hostCount(page)).toBe(0);
    double.release();
    await popup.getByText("Translated into English.").waitFor();
    expect(await hostCount(page)).toBe(0);
  });

  it("in forced colours (high contrast), the line's and the popup's progress still show against the page", async () => {
    const { page, tabId } = await openFixture("/news-article-de.html");
    await page.emulateMedia({ forcedColors: "active" });
    const popup = await openPopup(browser, tabId, { ownWindow: true });
    await popup.emulateMedia({ forcedColors: "active" });
    double.hold(); // mid-translation for as long as the test looks
    await popup.getByRole("button", { name: "Translate page" }).click();
    const popupFill = await eventually(async () => {
      const colours = await popup.evaluate(() => {
        const bar = document.querySelector<HTMLElement>("#progress-row");
        if (!bar || bar.hidden) return undefined;
        const probe = document.createElement("div");
        probe.style.background = "#3b82f6";
        document.body.append(probe);
        const canvas = getComputedStyle(probe).backgroundColor;
        probe.remove();
        return { fill: getComputedStyle(bar.querySelector(".progress-fill") as Element).backgroundColor, canvas };
      });
      expect(colours).toBeDefined();
      return colours as { fill: string; canvas: string };
    });
    expect(popupFill.fill).not.toBe(popupFill.canvas);
    const fill = await eventually(async () => {
      const colour = await inClosedShadow<string>(
        page,
        "cue",
        "function () { return getComputedStyle(this.querySelector('.cue > div')).backgroundColor; }",
      );
      expect(colour).toBeDefined();
      return colour;
    });
    // Any background is painted in the reader's page colour there (a probe's blue, too); the progress in another.
    const canvas = await page.evaluate(() => {
      const probe = document.createElement("div");
      probe.style.background = "#3b82f6";
      document.documentElement.append(probe);
      const colour = getComputedStyle(probe).backgroundColor;
      probe.remove();
      return colour;
    });
    expect(fill).not.toBe(canvas);
    expect(fill).not.toMatch(/^rgba\(.*, 0\)$/);
    double.release();
    await popup.getByText("Translated into English.").waitFor();
  });
});

describe("one passage", () => {
  /** Selects the text of the first element matching `selector`, as a reader would with the mouse. */
  const select = (page: Page, selector: string) =>
    page.evaluate((s) => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector(s)!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    }, selector);

  it("translates the selected passage from the context menu and the shortcut, nothing else; Show original", async () => {
    const { page, tabId } = await openFixture("/old-reddit-de.html");
    const originalHtml = await bodyHtml(page);
    const title = await page.locator("p.title a.title").innerText();
    const second = page.locator("#thing_t1_kx01 .md p").nth(1);
    const secondText = await second.innerText();

    await select(page, "#thing_t1_kx01 .md p");
    await clickMenu(tabId, "gloss-translate-selection", { selectionText: "…" });
    await page.waitForFunction(() =>
      /^I have worked in a signal box/.test(document.querySelector("#thing_t1_kx01 .md p")!.textContent ?? ""),
    );
    await eventually(async () => expect((await tabState(browser, tabId)).status).toBe("translated"));
    expect(await page.locator("p.title a.title").innerText()).toBe(title);
    expect(await second.innerText()).toBe(secondText);
    const requests = double.stats().chatRequests;
    expect(requests).toBeLessThanOrEqual(2);

    // The shortcut's command: the title.
    await select(page, "p.title a.title");
    await serviceWorker(browser).evaluate(async (id) => {
      const { gloss } = globalThis as unknown as {
        gloss: { onCommand(command: string, tab: { id: number }): Promise<unknown> };
      };
      await gloss.onCommand("translate-selection", { id });
    }, tabId);
    await page.waitForFunction((t) => document.querySelector("p.title a.title")!.textContent !== t, title);
    expect(await page.locator("p.title a.title").innerText()).toBe("Why is Deutsche Bahn actually always late?");
    expect(await second.innerText()).toBe(secondText);

    const popup = await openPopup(browser, tabId, { ownWindow: true });
    await popup.getByRole("button", { name: "Show original" }).click();
    await popup.getByText("Showing the original.").waitFor();
    expect(await bodyHtml(page)).toBe(originalHtml);
  });

  it("follows the site's bilingual view", async () => {
    await setSettings(browser, { displayMode: "bilingual" });
    const { page, tabId } = await openFixture("/news-article-de.html");
    const headline = await page.locator("article h1").innerText();
    await select(page, "article h1");
    await clickMenu(tabId, "gloss-translate-selection", {});
    await page.locator(`article h1 ${COPY}`).waitFor();
    expect(await page.locator(`article h1 ${COPY}`).innerText()).toBe(
      "Heatwave summer: how cities are preparing for 40 degrees",
    );
    expect(await page.locator("article h1").innerText()).toContain(headline);
    expect(await copyCount(page)).toBe(1);
  });
});

describe("the look of translations below the original", () => {
  /** The copy's computed style in the page: filter, opacity, background, underline. */
  const computed = (page: Page, selector: string) =>
    page.locator(selector).evaluate((el) => {
      const s = getComputedStyle(el);
      return {
        filter: s.filter,
        opacity: s.opacity,
        background: s.backgroundColor,
        underline: `${s.textDecorationLine} ${s.textDecorationStyle}`,
        focused: document.activeElement === el,
      };
    });

  it("is chosen on the options page; blurred, it shows under the mouse and the keyboard, whatever the page's CSS", async () => {
    await setSettings(browser, { displayMode: "bilingual" });
    const options = await openOptions(browser);
    const look = options.getByLabel("Look of translations below the original");
    await eventually(async () => expect(await look.inputValue()).toBe("quiet"));
    await look.selectOption("blur");
    // The preview shows the look before it is saved (its blur eases in over 0.15 s: a read in the first frame of
    // that sees the filter it had).
    await eventually(async () =>
      expect((await computed(options, "#bilingualStyle-preview")).filter).toMatch(/^blur\(/),
    );
    await options.getByRole("button", { name: "Save", exact: true }).click();
    await options.getByText("Saved.", { exact: true }).waitFor();
    await options.close();

    const { page, tabId } = await openFixture("/news-article-de.html");
    const originalHtml = await bodyHtml(page);
    // A page that tries to undo every filter and fading on itself.
    await page.evaluate(() => {
      const style = document.createElement("style");
      style.id = "hostile";
      style.textContent = "* { filter: none !important; opacity: 1 !important; transition: none !important; }";
      document.head.append(style);
    });
    const popup = await openPopup(browser, tabId, { ownWindow: true });
    await popup.getByRole("button", { name: "Translate page" }).click();
    await popup.getByText("Translated into English.").waitFor();
    const copy = `article h1 ${COPY}`;
    expect(await page.locator(copy).innerText()).toBe("Heatwave summer: how cities are preparing for 40 degrees");
    expect((await computed(page, copy)).filter).toMatch(/^blur\(/);

    // The real mouse on the copy shows it; moved away, it is blurred again.
    await page.bringToFront();
    const box = (await page.locator(copy).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await eventually(async () => expect((await computed(page, copy)).filter).toBe("none"));
    await page.mouse.move(box.x + box.width / 2, box.y + box.height + 200);
    await eventually(async () => expect((await computed(page, copy)).filter).toMatch(/^blur\(/));

    // The keyboard: from the headline, Tab reaches its translation and shows it; Tab again moves on and blurs it.
    // A click on the headline's original is where the keyboard's next Tab starts from.
    await page.locator("article h1").click({ position: { x: 4, y: 4 } });
    await page.keyboard.press("Tab");
    await eventually(async () => expect(await computed(page, copy)).toMatchObject({ focused: true, filter: "none" }));
    await page.keyboard.press("Tab");
    await eventually(async () =>
      expect(await computed(page, copy)).toMatchObject({ focused: false, filter: expect.stringMatching(/^blur\(/) }),
    );

    // Another look, saved while the page shows the original: the next translation's copies have it.
    for (const [style, expected] of [
      ["highlight", { filter: "none", background: "rgba(255, 204, 0, 0.2)" }],
      ["underline", { underline: "underline dashed", opacity: "1" }],
    ] as const) {
      await setSettings(browser, { bilingualStyle: style });
      await popup.getByRole("button", { name: "Show original" }).click();
      await popup.getByText("Showing the original.").waitFor();
      await popup.getByRole("button", { name: "Translate page" }).click();
      await popup.getByText("Translated into English.").waitFor();
      expect(await computed(page, copy)).toMatchObject(expected);
    }

    await popup.getByRole("button", { name: "Show original" }).click();
    await popup.getByText("Showing the original.").waitFor();
    await page.evaluate(() => document.getElementById("hostile")!.remove());
    expect(await bodyHtml(page)).toBe(originalHtml);
  });

  it("blurred: clear under forced colours, also when they come on while shown; a new look keeps the reader's focus", async () => {
    await setSettings(browser, { displayMode: "bilingual", bilingualStyle: "blur" });
    const { page, tabId } = await openFixture("/news-article-de.html");
    const popup = await openPopup(browser, tabId, { ownWindow: true });
    await popup.getByRole("button", { name: "Translate page" }).click();
    await popup.getByText("Translated into English.").waitFor();
    await popup.close();
    await page.bringToFront();
    const copy = `article h1 ${COPY}`;
    expect((await computed(page, copy)).filter).toMatch(/^blur\(/);

    // Windows high contrast, as Chromium emulates it: the system's colours, and no filter to smudge the words.
    const cdp = await page.context().newCDPSession(page);
    const forcedColors = (value: string) =>
      cdp.send("Emulation.setEmulatedMedia", { features: [{ name: "forced-colors", value }] });
    await forcedColors("active");
    await eventually(async () => expect((await computed(page, copy)).filter).toBe("none"));
    await forcedColors("none");
    await eventually(async () => expect((await computed(page, copy)).filter).toMatch(/^blur\(/));
    await cdp.detach();

    // The reader tabs to the copy, and the look is switched from the options page: the focus stays on the copy.
    await page.locator("article h1").click({ position: { x: 4, y: 4 } });
    await page.keyboard.press("Tab");
    await eventually(async () => expect(await computed(page, copy)).toMatchObject({ focused: true, filter: "none" }));
    await setSettings(browser, { bilingualStyle: "underline" });
    await eventually(async () => expect((await computed(page, copy)).underline).toBe("underline dashed"));
    expect((await computed(page, copy)).focused).toBe(true);
    // The next Tab goes on from there, and the copy is no stop once the focus has left it.
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
    expect((await computed(page, copy)).focused).toBe(false);
    expect(await page.locator(copy).getAttribute("tabindex")).toBeNull();
  });

  it("blurred: Show original while the keyboard is on a copy leaves it on the page's Tab stop before, not <body>", async () => {
    await setSettings(browser, { displayMode: "bilingual", bilingualStyle: "blur" });
    const { page, tabId } = await openFixture("/news-article-de.html");
    const originalHtml = await bodyHtml(page);
    const popup = await openPopup(browser, tabId, { ownWindow: true });
    await popup.getByRole("button", { name: "Translate page" }).click();
    await popup.getByText("Translated into English.").waitFor();
    await page.bringToFront();
    const copy = `article h1 ${COPY}`;
    await page.locator("article h1").click({ position: { x: 4, y: 4 } });
    await page.keyboard.press("Tab");
    await eventually(async () => expect(await computed(page, copy)).toMatchObject({ focused: true }));

    await popup.bringToFront();
    await popup.getByRole("button", { name: "Show original" }).click();
    await popup.getByText("Showing the original.").waitFor();
    expect(await bodyHtml(page)).toBe(originalHtml);
    // The last link of the menu: the Tab stop before the headline once its copies are gone, so the next Tab goes
    // where it would have gone from the copy.
    await page.bringToFront();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe("/sport/");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Julia Brenner");
  });

  it("highlighted: a copy holding the keyboard focus shows the focus ring, also under forced colours", async () => {
    await setSettings(browser, { displayMode: "bilingual", bilingualStyle: "blur" });
    const { page, tabId } = await openFixture("/news-article-de.html");
    const popup = await openPopup(browser, tabId, { ownWindow: true });
    await popup.getByRole("button", { name: "Translate page" }).click();
    await popup.getByText("Translated into English.").waitFor();
    await popup.close();
    await page.bringToFront();
    const copy = `article h1 ${COPY}`;
    const outline = () =>
      page.locator(copy).evaluate((el) => {
        const s = getComputedStyle(el);
        return { focused: document.activeElement === el, outline: `${s.outlineStyle} ${s.outlineColor}` };
      });
    // The marker's outline when the copy has no focus: transparent, for forced colours to paint.
    const MARKER_OUTLINE = "solid rgba(0, 0, 0, 0)";

    // Tabbed to while blurred, then switched to the highlight: the focus stays on the copy, and so does its ring.
    await page.locator("article h1").click({ position: { x: 4, y: 4 } });
    await page.keyboard.press("Tab");
    await eventually(async () => expect((await outline()).focused).toBe(true));
    await setSettings(browser, { bilingualStyle: "highlight" });
    await eventually(async () =>
      expect(await page.locator(copy).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
        "rgba(255, 204, 0, 0.2)",
      ),
    );
    expect(await outline()).toEqual({ focused: true, outline: expect.stringMatching(/^auto /) });
    // Windows high contrast, as Chromium emulates it: the ring is still the browser's.
    const cdp = await page.context().newCDPSession(page);
    const forcedColors = (value: string) =>
      cdp.send("Emulation.setEmulatedMedia", { features: [{ name: "forced-colors", value }] });
    await forcedColors("active");
    expect(await outline()).toEqual({ focused: true, outline: expect.stringMatching(/^auto /) });
    await forcedColors("none");
    await cdp.detach();
    // Once the focus has left, the copy has the marker's outline again.
    await page.keyboard.press("Shift+Tab");
    expect(await outline()).toEqual({ focused: false, outline: MARKER_OUTLINE });
  });

  it("saved on the options page, reaches a page already shown bilingual at once: same copy, no request, no redraw", async () => {
    await setSettings(browser, { displayMode: "bilingual", bilingualStyle: "quiet" });
    const { page, tabId } = await openFixture("/news-article-de.html");
    // A tab Gloss never ran in: it must get nothing.
    const { tabId: untouchedTab } = await openFixture("/news-article-de.html");
    const popup = await openPopup(browser, tabId, { ownWindow: true });
    await popup.getByRole("button", { name: "Translate page" }).click();
    await popup.getByText("Translated into English.").waitFor();
    await popup.close();
    const copy = `article h1 ${COPY}`;
    expect(await computed(page, copy)).toMatchObject({ opacity: "0.82", background: "rgba(0, 0, 0, 0)" });
    const requests = double.stats().chatRequests;
    // The copy marked from the page's world, and every change to the page's nodes from now on counted.
    await page.evaluate((selector) => {
      const world = window as unknown as { glossMarked: Element; glossChanges: number };
      world.glossMarked = document.querySelector(selector)!;
      world.glossChanges = 0;
      new MutationObserver((records) => {
        world.glossChanges += records.filter((r) => r.type === "childList" || r.type === "characterData").length;
      }).observe(document, { subtree: true, childList: true, characterData: true });
    }, copy);

    const options = await openOptions(browser);
    const look = options.getByLabel("Look of translations below the original");
    await eventually(async () => expect(await look.inputValue()).toBe("quiet"));
    await look.selectOption("highlight");
    await options.getByRole("button", { name: "Save", exact: true }).click();
    await options.getByText("Saved.", { exact: true }).waitFor();

    await eventually(async () =>
      expect(await computed(page, copy)).toMatchObject({ opacity: "1", background: "rgba(255, 204, 0, 0.2)" }),
    );
    const after = await page.evaluate((selector) => {
      const world = window as unknown as { glossMarked: Element; glossChanges: number };
      return { same: document.querySelector(selector) === world.glossMarked, changes: world.glossChanges };
    }, copy);
    expect(after).toEqual({ same: true, changes: 0 });
    expect(double.stats().chatRequests).toBe(requests);
    expect((await tabState(browser, tabId)).status).toBe("translated");
    // The other tab still has no Gloss: nothing was injected there.
    const injected = await serviceWorker(browser).evaluate(async (id) => {
      const [frame] = await chrome.scripting.executeScript({
        target: { tabId: id },
        func: () => Object.hasOwn(globalThis, "__glossContentSession"),
      });
      return frame?.result;
    }, untouchedTab);
    expect(injected).toBe(false);
  });
});
