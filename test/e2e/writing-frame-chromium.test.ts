// Translating what the user wrote in a text box embedded from another site (a Disqus comment box: an iframe from
// disqus.com on a news page). The menu click's activeTab covers the page's own site, not the frame's: Gloss asks for
// the frame's site in the click, translates when it may reach the box, and otherwise says in the page which site the
// box belongs to and how to allow it. The sites are names the browser resolves to the fixture server; the page is on
// 127.0.0.1 (which Gloss may reach, as activeTab would allow after a click), granted.test is a site the user allowed
// before, blocked.test one they did not. A selection in an embedded comment thread is translated the same way.
import type { Frame, Page } from "playwright-core";
import { eventually } from "../helpers/eventually";
import { closePages, extensionGranting, serviceWorker, setSettings, tabIdOf, type ExtensionBrowser } from "./chromium";
import { cardSays, ENGLISH } from "./writing-card";
import { closedShadowText, inClosedShadow } from "./closed-shadow";
import { startKeyboardRig, type KeyboardRig } from "./keyboard-rig";
import { defaultShortcut, xdotoolKeys } from "./x11";

jest.setTimeout(120_000);

let rig: KeyboardRig;
const browser = (): ExtensionBrowser => rig.browser;

beforeAll(async () => {
  // webNavigation only lets the test learn the frame's id, which a real menu click carries.
  rig = await startKeyboardRig({
    extensionDir: extensionGranting(["http://granted.test/*"], ["webNavigation"]),
    args: ["--host-resolver-rules=MAP granted.test 127.0.0.1, MAP blocked.test 127.0.0.1"],
  });
});

afterAll(() => rig?.close());

beforeEach(async () => {
  rig.double.reset();
  rig.double.setFault(null);
  await setSettings(browser(), { baseUrl: rig.double.url, targetLang: "en" }, { replace: true });
});

afterEach(() => closePages(browser()));

/** The news page with its frame from `site` showing `file`, loaded and in front. */
async function openWithFrame(site: string, file: string): Promise<{ page: Page; frame: Frame }> {
  const frameUrl = `http://${site}:${rig.pages.port}/${file}`;
  const page = await browser().context.newPage();
  await page.goto(`${rig.pages.url}/framed-comments-de.html?frame=${encodeURIComponent(frameUrl)}`);
  const frame = await eventually(() => {
    const found = page.frames().find((f) => f.url() === frameUrl);
    if (!found) throw new Error(`no frame ${frameUrl}`);
    return found;
  });
  await frame.waitForLoadState();
  await page.bringToFront();
  return { page, frame };
}

/** The news page with its comment box from `site`, the user's text typed into the box. */
async function openWithComment(site: string): Promise<{ page: Page; box: Frame }> {
  const { page, frame: box } = await openWithFrame(site, "comment-box-de.html");
  await box.locator("#comment").click();
  await page.keyboard.insertText(ENGLISH);
  expect(await box.locator("#comment").inputValue()).toBe(ENGLISH);
  return { page, box };
}

/** The news page with a comment thread from `site`, its first comment selected. */
async function openWithThread(site: string): Promise<{ page: Page; thread: Frame }> {
  const { page, frame: thread } = await openWithFrame(site, "comment-thread-de.html");
  await thread.locator("#first").click();
  await thread.evaluate(() => getSelection()!.selectAllChildren(document.querySelector("#first")!));
  return { page, thread };
}

/** A menu item clicked in `frame`, with what the browser tells the menu handler. */
async function menuClickIn(page: Page, frame: Frame, menuItemId: string): Promise<void> {
  const tabId = await tabIdOf(browser(), page);
  await serviceWorker(browser()).evaluate(
    async ([id, pageUrl, frameUrl, item]) => {
      const frames = (await chrome.webNavigation.getAllFrames({ tabId: id })) ?? [];
      const frameId = frames.find((found) => found.url === frameUrl)!.frameId;
      const { gloss } = globalThis as unknown as {
        gloss: { onMenuClick(info: object, tab: { id: number; url?: string }): Promise<unknown> };
      };
      await gloss.onMenuClick({ menuItemId: item, pageUrl, frameId, frameUrl }, { id, url: pageUrl });
    },
    [tabId, page.url(), frame.url(), menuItemId] as const,
  );
}

/** "Translate what I wrote" clicked in the box's frame. */
const menuWriteIn = (page: Page, box: Frame) => menuClickIn(page, box, "gloss-translate-writing");

it("a selection in a comment thread from a site Gloss may reach: translated there from the menu, and put back", async () => {
  const { page, thread } = await openWithThread("granted.test");
  const original = await thread.evaluate(() => document.querySelector("#first")!.textContent);
  await menuClickIn(page, thread, "gloss-translate-selection");
  await thread.waitForFunction(() => document.querySelector("#first")!.textContent!.includes("the people here are"));
  // Only what was selected: the next comment and the page around the frame keep their German.
  expect(await thread.locator("#second").innerText()).toBe("Im Winter ist es immer schlimmer.");
  expect(await page.locator("h1").innerText()).toBe("Pendeln mit der Bahn");
  await menuClickIn(page, thread, "gloss-show-original");
  await thread.waitForFunction((text) => document.querySelector("#first")!.textContent === text, original);
});

it("a selection in a frame of the page's own site is translated by the page's run: Show original from the page gives it back", async () => {
  // The page translates such a frame with its own text: a second engine in the frame would keep its translation when
  // the page is shown original from the popup, the shortcut or the menu outside the frame.
  const { page, thread } = await openWithThread("127.0.0.1");
  const html = () => thread.evaluate(() => document.documentElement.outerHTML);
  const before = await html();
  await menuClickIn(page, thread, "gloss-translate-selection");
  await thread.waitForFunction(() => document.querySelector("#first")!.textContent!.includes("the people here are"));
  expect(await thread.locator("#second").innerText()).toBe("Im Winter ist es immer schlimmer.");
  expect(await page.locator("h1").innerText()).toBe("Pendeln mit der Bahn");
  await menuClickIn(page, page.mainFrame(), "gloss-show-original");
  await thread.waitForFunction((original) => document.documentElement.outerHTML === original, before);
});

it("a selection in a comment thread from a site Gloss may not reach: the page's card names the site", async () => {
  const { page, thread } = await openWithThread("blocked.test");
  await menuClickIn(page, thread, "gloss-translate-selection");
  const said = await eventually(async () => {
    const text = await closedShadowText(page, "status");
    expect(text).toMatch(/blocked\.test/);
    return text!;
  });
  expect(said).toMatch(/^Gloss may not reach your selection: it is in a frame from blocked\.test/);
  expect(said).toMatch(/allow/i);
  expect(rig.double.stats().chatRequests).toBe(0);
});

it("a comment box from a site Gloss may reach is translated from the menu", async () => {
  const { page, box } = await openWithComment("granted.test");
  await menuWriteIn(page, box);
  await box.waitForFunction(() => document.querySelector<HTMLTextAreaElement>("#comment")!.value.includes("Zug"));
  expect(await box.locator("#comment").inputValue()).toMatch(/^Ich denke der Zug ist immer spät/);
});

it("a comment box from a site Gloss may not reach: the page says which site it is and how to allow it", async () => {
  const { page, box } = await openWithComment("blocked.test");
  await menuWriteIn(page, box);
  const said = await cardSays(page, /blocked\.test/);
  expect(said).toMatch(/^Gloss may not reach this text box: it belongs to blocked\.test/);
  expect(said).toMatch(/allow/i);
  // Nothing the user typed is lost, and nothing went to the model.
  expect(await box.locator("#comment").inputValue()).toBe(ENGLISH);
  expect(rig.double.stats().chatRequests).toBe(0);
});

it("the shortcut in an embedded comment box says to use the menu there", async () => {
  const { page, box } = await openWithComment("granted.test");
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "--clearmodifiers", xdotoolKeys(defaultShortcut("chrome", "translate-field")));
  expect(await cardSays(page, /embedded frame/)).toMatch(
    /Right-click in it and choose “Translate what I wrote” instead\./,
  );
  expect(await box.locator("#comment").inputValue()).toBe(ENGLISH);
});

it("a rich editor in a frame of the page (TinyMCE): the shortcut translates it there, beside it, and Ctrl+Z undoes it", async () => {
  const page = await browser().context.newPage();
  await page.goto(`${rig.pages.url}/editor-frame-de.html`);
  await page.bringToFront();
  const editor = (await page.locator("#editor").elementHandle())!;
  const frame = (await editor.contentFrame())!;
  await frame.locator("body").click();
  await page.keyboard.insertText(ENGLISH);
  const text = () => frame.evaluate(() => document.body.innerText.trim());
  expect(await text()).toBe(ENGLISH);

  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "--clearmodifiers", xdotoolKeys(defaultShortcut("chrome", "translate-field")));
  await frame.waitForFunction(() => document.body.innerText.includes("Zug"));
  expect(await text()).toMatch(/^Ich denke der Zug ist immer spät/);
  await cardSays(page, /^Translated into German\./);
  // The card is beside the editor's frame on the page, not where the editor's body is in its own frame.
  const card = await inClosedShadow<{ left: number; top: number }>(
    page,
    "writing",
    `function () {
      const r = this.querySelector(".card").getBoundingClientRect();
      return { left: r.left, top: r.top };
    }`,
  );
  const box = (await editor.boundingBox())!;
  expect(card!.left).toBeGreaterThan(box.x + box.width - 16);
  expect(card!.top).toBeGreaterThanOrEqual(box.y);
  // The keyboard is still in the editor: Ctrl+Z there brings back what the user wrote.
  expect(await frame.evaluate(() => document.hasFocus() && document.activeElement === document.body)).toBe(true);
  rig.x11.xdotool("key", "--clearmodifiers", "ctrl+z");
  await frame.waitForFunction((english) => document.body.innerText.trim() === english, ENGLISH);
});

it("a rich editor whose frame the page removes while the translation is on its way: nothing is said to be written, and the translation is offered", async () => {
  const page = await browser().context.newPage();
  await page.goto(`${rig.pages.url}/editor-frame-de.html`);
  await page.bringToFront();
  const frame = (await (await page.locator("#editor").elementHandle())!.contentFrame())!;
  await frame.locator("body").click();
  await page.keyboard.insertText(ENGLISH);
  rig.double.hold();
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "--clearmodifiers", xdotoolKeys(defaultShortcut("chrome", "translate-field")));
  await cardSays(page, /^Translating into German/);
  // The page closes its reply form, the editor's frame with it (its document lives on, detached).
  await page.evaluate(() => document.querySelector("form")!.remove());
  rig.double.release();
  const said = await cardSays(page, /^The text box went from the page while Gloss was translating/);
  expect(said).toMatch(/The translation, if you want it:/);
});
