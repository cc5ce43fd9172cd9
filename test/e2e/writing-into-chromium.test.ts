// "Translate what I wrote into…" from the extension's context menu, in Chromium, as a keyboard user goes through it:
// the chooser beside the box takes the focus, typing and arrow keys pick a language (real keys, xdotool on Xvfb),
// Enter translates, Escape closes it and hands the focus back to the box. The language picked is remembered for the
// subreddit, in storage: r/de and r/france each keep their own, and a restarted service worker still knows it. The
// fixture is served as https://old.reddit.com (the browser resolves it to a TLS front of the fixture server), under
// /r/de/ and /r/france/; Gloss is allowed on old.reddit.com as a real menu click's activeTab would allow it.
import type { Page } from "playwright-core";
import type { RequestRecord } from "../double/state";
import { accent } from "../double/dictionary";
import { eventually } from "../helpers/eventually";
import {
  closePages,
  extensionGranting,
  serviceWorker,
  setSettings,
  stopServiceWorker,
  tabIdOf,
  type ExtensionBrowser,
} from "./chromium";
import { countUi, inClosedShadow } from "./closed-shadow";
import { cardSays, ENGLISH } from "./writing-card";
import { startKeyboardRig, type KeyboardRig } from "./keyboard-rig";
import { startTlsFront, type TlsFront } from "./tls-front";
import { defaultShortcut, xdotoolKeys } from "./x11";

jest.setTimeout(120_000);

const BOX = ".commentarea form.usertext textarea";
/** The double knows no French: it writes the English with accented vowels. */
const FRENCH = ENGLISH.replace(/\p{L}+/gu, accent);

let rig: KeyboardRig;
let tls: TlsFront;
const browser = (): ExtensionBrowser => rig.browser;

beforeAll(async () => {
  rig = await startKeyboardRig({
    extensionDir: extensionGranting(["https://old.reddit.com/*"]),
    args: ["--host-resolver-rules=MAP old.reddit.com 127.0.0.1", "--ignore-certificate-errors"],
    aliases: { "/r/de/": "old-reddit-de.html", "/r/france/": "old-reddit-de.html" },
  });
  tls = await startTlsFront(rig.pages.port, "old.reddit.com");
});

afterAll(async () => {
  await rig?.close();
  await tls?.close();
});

beforeEach(async () => {
  rig.double.reset();
  await setSettings(browser(), { baseUrl: rig.double.url, targetLang: "en" }, { replace: true });
  await serviceWorker(browser()).evaluate(() => chrome.storage.local.remove("writingLanguages"));
});

afterEach(() => closePages(browser()));

/** A thread of `subreddit` with the user's English typed into its comment box. */
async function threadWithReply(subreddit: string): Promise<Page> {
  const page = await browser().context.newPage();
  await page.goto(`https://old.reddit.com:${tls.port}/r/${subreddit}/comments/1b2c3d/bahn/`);
  await page.bringToFront();
  await page.locator(BOX).click();
  await page.locator(BOX).focus();
  await page.keyboard.insertText(ENGLISH);
  expect(await page.locator(BOX).inputValue()).toBe(ENGLISH);
  return page;
}

/** The user right-clicks in the box and picks `item` (as the browser tells the menu handler). */
async function menu(page: Page, item: "gloss-translate-writing" | "gloss-translate-writing-into"): Promise<void> {
  const tabId = await tabIdOf(browser(), page);
  await serviceWorker(browser()).evaluate(
    async ([id, menuItemId, pageUrl]) => {
      const { gloss } = globalThis as unknown as {
        gloss: { onMenuClick(info: object, tab: { id: number; url?: string }): Promise<unknown> };
      };
      await gloss.onMenuClick({ menuItemId, editable: true, pageUrl, frameId: 0 }, { id, url: pageUrl });
    },
    [tabId, item, page.url()] as const,
  );
}

/** Real key presses into the browser window. */
function press(...keys: string[]): void {
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "--clearmodifiers", ...keys);
}

/** Where the keyboard focus is in the card, and the language its chooser shows. */
const chooser = (page: Page) =>
  inClosedShadow<{ focused: string | null; lang: string }>(
    page,
    "writing",
    `function () {
      const focused = this.activeElement;
      return { focused: focused ? focused.tagName.toLowerCase() : null, lang: this.querySelector("select").value };
    }`,
  );

/** The chooser, once it shows `lang` (with the focus in it). */
const chooserShows = (page: Page, lang: string) =>
  eventually(async () => expect(await chooser(page)).toEqual({ focused: "select", lang }));

const boxHas = (page: Page, text: string) =>
  page.waitForFunction(([selector, value]) => document.querySelector<HTMLTextAreaElement>(selector)!.value === value, [
    BOX,
    text,
  ] as const);

const boxIsFocused = (page: Page) => page.locator(BOX).evaluate((box) => box === document.activeElement);

const lastPrompt = (): string => {
  const chat = rig.double.stats().log.filter((record: RequestRecord) => record.messages?.length);
  return chat
    .at(-1)!
    .messages!.map((message) => message.content)
    .join("\n");
};

const remembered = () =>
  serviceWorker(browser()).evaluate(async () => {
    const stored = (await chrome.storage.local.get("writingLanguages")).writingLanguages ?? {};
    return Object.fromEntries(
      Object.entries(stored as Record<string, { lang: string }>).map(([place, { lang }]) => [place, lang]),
    );
  });

/** Opens the chooser from the menu (it starts on the page's language, German) and types to French in it. */
async function typeFrench(page: Page): Promise<void> {
  await menu(page, "gloss-translate-writing-into");
  await cardSays(page, /^Translate what you wrote into:/);
  // The page's comments are German: the chooser starts there, with the focus in it.
  await chooserShows(page, "de");
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("type", "--delay", "50", "fren");
  await chooserShows(page, "fr");
}

it("the chooser takes the focus; typing and arrow keys pick a language, Enter translates into it, Ctrl+Z undoes it", async () => {
  const page = await threadWithReply("france");
  // The site's own keyboard shortcuts (as Reddit Enhancement Suite's j/k; Mousetrap listens to keypress), which
  // leave keys typed in a field alone.
  await page.evaluate(() => {
    const shortcuts: string[] = [];
    Object.assign(window, { shortcuts });
    for (const type of ["keydown", "keypress", "keyup"]) {
      document.addEventListener(type, (event) => {
        const target = event.target as Element;
        if (!target.closest("input, textarea, select, [contenteditable]")) {
          shortcuts.push(`${type} ${(event as KeyboardEvent).key}`);
        }
      });
    }
  });
  await typeFrench(page);
  press("Down");
  await eventually(async () => expect((await chooser(page))?.lang).not.toBe("fr"));
  press("Up");
  await chooserShows(page, "fr");
  // Nothing was asked while the user chose.
  expect(rig.double.stats().chatRequests).toBe(0);

  press("Return");
  await boxHas(page, FRENCH);
  // The keys the user pressed in the chooser were Gloss's: none set off the site's shortcuts.
  expect(await page.evaluate(() => (window as unknown as { shortcuts: string[] }).shortcuts)).toEqual([]);
  expect(lastPrompt()).toContain("into French");
  await cardSays(page, /^Translated into French\. Read it before you post\. Ctrl\+Z brings back what you wrote\./);
  // The focus went back to the box: the user's next keys (Ctrl+Z) go there.
  expect(await boxIsFocused(page)).toBe(true);
  expect(await remembered()).toEqual({ "reddit.com/r/france": "fr" });

  press("ctrl+z");
  await boxHas(page, ENGLISH);
});

it("Escape closes the chooser and gives the focus back to the box, the text untouched and nothing remembered", async () => {
  const page = await threadWithReply("de");
  await typeFrench(page);
  press("Escape");
  await eventually(async () =>
    expect(await page.locator(BOX).evaluate((box) => box === document.activeElement)).toBe(true),
  );
  expect(await countUi(page, "writing")).toBe(0);
  // The user types on, into the box.
  press("space", "o", "k");
  await boxHas(page, `${ENGLISH} ok`);
  expect(rig.double.stats().chatRequests).toBe(0);
  expect(await remembered()).toEqual({});
});

it("the choice is remembered for its subreddit only, in storage: it outlives the service worker", async () => {
  const france = await threadWithReply("france");
  await typeFrench(france);
  press("Return");
  await boxHas(france, FRENCH);
  await france.close();

  // r/france again: "Translate what I wrote" goes straight to French, and the chooser offers French first.
  const again = await threadWithReply("france");
  await menu(again, "gloss-translate-writing");
  await boxHas(again, FRENCH);
  expect(lastPrompt()).toContain("into French");
  press("ctrl+z");
  await boxHas(again, ENGLISH);
  await menu(again, "gloss-translate-writing-into");
  await chooserShows(again, "fr");
  press("Escape");
  await eventually(async () => expect(await boxIsFocused(again)).toBe(true));

  // r/de keeps the page's language.
  const de = await threadWithReply("de");
  await menu(de, "gloss-translate-writing");
  await de.waitForFunction(
    (selector) => document.querySelector<HTMLTextAreaElement>(selector)!.value.includes("Zug"),
    BOX,
  );
  expect(await de.locator(BOX).inputValue()).toMatch(/^Ich denke der Zug ist immer spät/);
  expect(lastPrompt()).toContain("into German");
  await de.close();

  // The browser stops the idle worker; the shortcut in a new r/france thread wakes another, which knows the choice.
  const later = await threadWithReply("france");
  const cdp = await browser().context.newCDPSession(later);
  await stopServiceWorker(browser(), cdp);
  press(xdotoolKeys(defaultShortcut("chrome", "translate-field")));
  await boxHas(later, FRENCH);
  expect(lastPrompt()).toContain("into French");
});
