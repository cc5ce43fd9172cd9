// Firefox ESR with a window on Xvfb (see x11.ts, firefox.ts): the default shortcut typed with xdotool translates
// the page and, pressed again, shows the exact original (Alt+T used to open Firefox's Tools menu instead). A reply
// typed into old Reddit's comment box with real keys is translated by its own shortcut, and Ctrl+Z undoes it. Then
// the real toolbar popup, opened and used from the keyboard.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "puppeteer-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import {
  firefoxCard,
  HIDDEN_TAB_POLLING,
  launchFirefoxWithExtension,
  openPopupFor,
  type FirefoxWithExtension,
} from "./firefox";
import { defaultShortcut, startX11, xdotoolKeys, type X11 } from "./x11";

jest.setTimeout(120_000);

// Only in this test's copy of the build: a key that opens the toolbar popup, so a test can open the real one.
const OPEN_POPUP = "Alt+Shift+P";
const TITLE = "p.title a.title";
const TRANSLATED_TITLE = "Why is Deutsche Bahn actually always late?";

let x11: X11;
let double: DoubleHandle;
let pages: StaticServer;
let firefox: FirefoxWithExtension;

beforeAll(async () => {
  expect(existsSync("/usr/bin/Xvfb")).toBe(true);
  x11 = await startX11();
  double = await startDouble({ port: 0 });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"));
  firefox = await launchFirefoxWithExtension({
    headless: false,
    env: { DISPLAY: x11.display },
    editManifest: (manifest) => {
      manifest.commands._execute_action = { suggested_key: { default: OPEN_POPUP } };
    },
  });
});

afterAll(async () => {
  await firefox?.close();
  await pages?.close();
  await double?.close();
  x11?.close();
});

/** A fresh old-Reddit page with Gloss pointed at the double; returns the page and a popup tab kept behind it. */
async function openThread(): Promise<{ page: Page; helper: Page; original: string }> {
  const page = await firefox.browser.newPage();
  await page.goto(`${pages.url}/old-reddit-de.html`);
  const helper = await openPopupFor(firefox.browser, page, { baseUrl: double.url, targetLang: "en" });
  return { page, helper, original: await page.evaluate(() => document.body.innerHTML) };
}

async function focusPage(page: Page): Promise<void> {
  await page.bringToFront();
  // Click plain text (not a link) so the keyboard focus is in the page, not the address bar.
  await (await page.$("#thing_t1_kx01 .tagline time"))!.click();
  x11.focusWindow("firefox");
}

const titleIs = (page: Page, text: string) =>
  page.waitForFunction(
    (selector, expected) => document.querySelector(selector)?.textContent === expected,
    HIDDEN_TAB_POLLING,
    TITLE,
    text,
  );

const titleStartsWith = (page: Page, text: string) =>
  page.waitForFunction(
    (selector, expected) => document.querySelector(selector)?.textContent?.startsWith(expected) === true,
    HIDDEN_TAB_POLLING,
    TITLE,
    text,
  );

it("the default shortcut translates the page, and pressed again shows the exact original", async () => {
  const keys = xdotoolKeys(defaultShortcut("firefox"));
  expect(keys).toBe("alt+shift+g");
  const { page, helper, original } = await openThread();
  await helper.close();

  await focusPage(page);
  x11.xdotool("key", "--clearmodifiers", keys);
  await titleIs(page, TRANSLATED_TITLE);

  await focusPage(page);
  x11.xdotool("key", "--clearmodifiers", keys);
  await titleStartsWith(page, "Warum");
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(original);
  await page.close();
});

it("a double-clicked word and Alt+Shift+Y on a right-to-left page: its English in a left-to-right card, the page unchanged", async () => {
  const { page, helper } = await openThread();
  await page.evaluate(() => void (document.documentElement.dir = "rtl"));
  const original = await page.evaluate(() => document.body.innerHTML);
  await page.bringToFront();
  const word = await page.evaluate(() => {
    // In view, as a reader sees the word they double-click (how far down it lies depends on the machine's fonts).
    document.querySelector("#thing_t1_kx01 .md p")!.scrollIntoView({ block: "center" });
    const text = document.querySelector("#thing_t1_kx01 .md p")!.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, text.data.indexOf("Stellwerk"));
    range.setEnd(text, text.data.indexOf("Stellwerk") + "Stellwerk".length);
    const box = range.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  });
  await page.mouse.click(word.x, word.y, { count: 2 });
  expect(await page.evaluate(() => getSelection()!.toString().trim())).toBe("Stellwerk");
  x11.focusWindow("firefox");
  x11.xdotool("key", "--clearmodifiers", xdotoolKeys(defaultShortcut("firefox", "translate-selection")));

  const card = await eventually(async () => {
    const found = await firefoxCard(helper, page, ".card.lookup:not([hidden])", ".translation:not([hidden])");
    expect(found?.part?.text).toBe("signal box");
    return found!;
  });
  expect(card.direction).toBe("ltr");
  expect(card.part).toEqual({ text: "signal box", lang: "en", dir: "ltr" });
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(original);
  await helper.close();
  await page.close();
});

/** Every word is in the double's English → German list, so the reply reads as German to a language detector. */
const ENGLISH = "I think the train is always late, but the people here are very nice.";
const REPLY_BOX = ".commentarea form.usertext textarea";

const replyBoxHolds = (page: Page, text: string) =>
  page.waitForFunction(
    (selector, expected) => document.querySelector<HTMLTextAreaElement>(selector)?.value === expected,
    HIDDEN_TAB_POLLING,
    REPLY_BOX,
    text,
  );

it("the reply-box shortcut turns what the reader typed into the thread's language, and Ctrl+Z brings it back", async () => {
  const { page, helper } = await openThread();
  await helper.close();
  await page.bringToFront();
  await (await page.$(REPLY_BOX))!.click();
  // The fixture's one-column box does not always take the focus from a synthetic click.
  await page.focus(REPLY_BOX);
  x11.focusWindow("firefox");
  x11.xdotool("type", "--delay", "5", ENGLISH);
  await replyBoxHolds(page, ENGLISH);

  const keys = xdotoolKeys(defaultShortcut("firefox", "translate-field"));
  x11.xdotool("key", "--clearmodifiers", keys);
  await page.waitForFunction(
    (selector, before) => document.querySelector<HTMLTextAreaElement>(selector)?.value !== before,
    HIDDEN_TAB_POLLING,
    REPLY_BOX,
    ENGLISH,
  );
  const translated = await page.$eval(REPLY_BOX, (box) => (box as HTMLTextAreaElement).value);
  expect(translated).toMatch(/^Ich denke der Zug ist immer spät, aber \p{L}+ Leute hier sind sehr schön\.$/u);

  x11.xdotool("key", "--clearmodifiers", "ctrl+z");
  await replyBoxHolds(page, ENGLISH);
  // The box kept the focus throughout: the reader goes on writing where they were.
  expect(await page.$eval(REPLY_BOX, (box) => box === document.activeElement)).toBe(true);
  await page.close();
});

type PopupWindow = Window & { mozInnerScreenX: number; mozInnerScreenY: number };

/** What the open toolbar popup shows: an element's text, and which element has the focus. */
function inToolbarPopup(helper: Page, id: string): Promise<{ text?: string; focused?: string }> {
  return helper.evaluate((elementId) => {
    const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
    const [view] = ext.extension.getViews({ type: "popup" });
    const text = view?.document.getElementById(elementId)?.textContent ?? undefined;
    return { text, focused: view?.document.activeElement?.id };
  }, id);
}

async function waitForToolbarPopupStatus(helper: Page, expected: string): Promise<void> {
  await helper.waitForFunction(
    (text) => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      const [view] = ext.extension.getViews({ type: "popup" });
      return view?.document.getElementById("status-text")?.textContent === text;
    },
    // The helper tab is behind the page.
    HIDDEN_TAB_POLLING,
    expected,
  );
}

/** A real mouse click on an element of the open toolbar popup, at its place on the screen. */
async function clickInToolbarPopup(helper: Page, id: string): Promise<void> {
  const at = await helper.evaluate((elementId) => {
    const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
    const [view] = ext.extension.getViews({ type: "popup" }) as PopupWindow[];
    const box = view!.document.getElementById(elementId)!.getBoundingClientRect();
    return {
      x: Math.round(view!.mozInnerScreenX + box.left + box.width / 2),
      y: Math.round(view!.mozInnerScreenY + box.top + box.height / 2),
    };
  }, id);
  x11.clickAt(at.x, at.y);
}

it("the toolbar popup opens from the keyboard, shows the shortcut, and translates and restores the page", async () => {
  const { page, helper, original } = await openThread();
  await focusPage(page);

  x11.xdotool("key", "--clearmodifiers", xdotoolKeys(OPEN_POPUP));
  await waitForToolbarPopupStatus(helper, "Translate this page into English.");
  const shown = await inToolbarPopup(helper, "shortcut-keys");
  expect(shown.text).toBe("Shortcut: Alt+Shift+G");
  // The popup gives its main button the keyboard focus. Under Xvfb, with no window manager, Firefox's popup panel
  // does not receive X key events, so the button is clicked with the mouse, where it shows on the screen.
  expect(shown.focused).toBe("toggle");

  await clickInToolbarPopup(helper, "toggle");
  await titleIs(page, TRANSLATED_TITLE);
  await waitForToolbarPopupStatus(helper, "Translated into English.");

  await clickInToolbarPopup(helper, "toggle");
  await titleStartsWith(page, "Warum");
  await waitForToolbarPopupStatus(helper, "Showing the original.");
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(original);
});
