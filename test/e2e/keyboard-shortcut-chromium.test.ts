// The real default shortcuts in Chromium (the toggle, and Translate selection on a word): typed with xdotool into a
// window on Xvfb (see x11.ts).
import type { Page } from "playwright-core";
import { startDouble, type DoubleHandle } from "../double/server";
import type { StaticServer } from "../helpers/static-server";
import { eventually } from "../helpers/eventually";
import { setSettings, tabIdOf, tabState, type ExtensionBrowser } from "./chromium";
import { buttonAt, closedShadowText, inClosedShadow } from "./closed-shadow";
import { startKeyboardRig, type KeyboardRig } from "./keyboard-rig";
import { defaultShortcut, xdotoolKeys } from "./x11";

jest.setTimeout(120_000);

let rig: KeyboardRig;
let double: DoubleHandle;
let pages: StaticServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  rig = await startKeyboardRig();
  ({ double, pages, browser } = rig);
  await setSettings(browser, { baseUrl: double.url, targetLang: "en" });
});

afterAll(() => rig?.close());

async function focusPage(page: Page): Promise<void> {
  await page.bringToFront();
  // Click plain text (not a link) so the keyboard focus is in the page, not the address bar.
  await page.locator("#thing_t1_kx01 .tagline time").first().click();
  rig.x11.focusWindow("chromium");
}

it("the default shortcut translates the page, and pressed again shows the original", async () => {
  const keys = xdotoolKeys(defaultShortcut("chrome"));
  expect(keys).toBe("alt+shift+g");
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}/old-reddit-de.html`);
  const original = await page.evaluate(() => document.body.innerHTML);

  await focusPage(page);
  rig.x11.xdotool("key", "--clearmodifiers", keys);
  await page.waitForFunction(
    () => document.querySelector("p.title a.title")?.textContent === "Why is Deutsche Bahn actually always late?",
  );

  await focusPage(page);
  rig.x11.xdotool("key", "--clearmodifiers", keys);
  await page.waitForFunction(() => document.querySelector("p.title a.title")?.textContent?.startsWith("Warum"));
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(original);
});

// A reader who tabbed to a link and then pressed the shortcut stays on that link: writing its paragraph's
// translation (same order) takes no node out, so the focus does not fall to the page's body.
it("a link the reader tabbed to keeps the keyboard focus when its paragraph's translation is written", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}/old-reddit-de.html`);
  await page.bringToFront();
  const link = 'a[href="https://www.allianz-pro-schiene.de/"]';
  // Click the word before the link ("Quelle:"), then Tab: the next focusable element is the link.
  await page.locator("p", { has: page.locator(link) }).click({ position: { x: 3, y: 5 } });
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "Tab");
  await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), link);
  await page.evaluate(() => ((window as unknown as { tabbed: Element | null }).tabbed = document.activeElement));

  rig.x11.xdotool("key", "--clearmodifiers", xdotoolKeys(defaultShortcut("chrome")));
  await page.waitForFunction(
    (sel) => document.querySelector(sel)?.parentElement?.textContent?.startsWith("Source:"),
    link,
  );
  expect(
    await page.evaluate(() => document.activeElement === (window as unknown as { tabbed: Element | null }).tabbed),
  ).toBe(true);
  await page.close();
});

// A word looked up with the real mouse and the real Alt+Shift+Y: its translation shows in Gloss's card beside it and
// the page stays as it was; the card's Translate the paragraph then translates that paragraph in place.
const PARAGRAPH = "#thing_t1_kx01 .md p";

/** Where `word` is on screen in the first element matching `selector`: the middle of its box. */
const whereIs = (page: Page, selector: string, word: string) =>
  page.evaluate(
    ([s, w]) => {
      const element = document.querySelector(s!)!;
      const text = [...element.childNodes].find((n) => n.nodeType === 3 && (n as Text).data.includes(w!)) as Text;
      const range = document.createRange();
      range.setStart(text, text.data.indexOf(w!));
      range.setEnd(text, text.data.indexOf(w!) + w!.length);
      const box = range.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2, bottom: box.bottom };
    },
    [selector, word],
  );

it("a double-clicked word and Alt+Shift+Y: the English in a card below it, the page unchanged; then the paragraph in place", async () => {
  const keys = xdotoolKeys(defaultShortcut("chrome", "translate-selection"));
  expect(keys).toBe("alt+shift+y");
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}/old-reddit-de.html`);
  await page.bringToFront();
  const original = await page.evaluate(() => document.body.innerHTML);

  const word = await whereIs(page, PARAGRAPH, "Stellwerk");
  await page.mouse.dblclick(word.x, word.y);
  expect(await page.evaluate(() => getSelection()!.toString())).toBe("Stellwerk");
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "--clearmodifiers", keys);

  await eventually(async () => expect(await closedShadowText(page, "lookup")).toMatch(/signal box/));
  const card = await inClosedShadow<{ top: number; lang: string; dir: string; source: string }>(
    page,
    "lookup",
    `function () {
      const translation = this.querySelector(".translation");
      return { top: this.querySelector(".card").getBoundingClientRect().top, lang: translation.lang,
        dir: translation.dir, source: this.querySelector(".source").textContent };
    }`,
  );
  expect(card).toMatchObject({ lang: "en", dir: "ltr", source: "Stellwerk" });
  expect(card!.top).toBeGreaterThanOrEqual(word.bottom); // below the word
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(original);
  expect(double.stats().log.at(-1)?.segments).toBe(1);

  const button = await buttonAt(page, "lookup", "Translate the paragraph");
  await page.mouse.click(button!.x, button!.y);
  await page.waitForFunction(
    (s) => document.querySelector(s)?.textContent?.startsWith("I have worked in a signal box"),
    PARAGRAPH,
  );
  expect(await closedShadowText(page, "lookup")).toBeUndefined();
  // Only that paragraph: the comment's second paragraph and the post's title are still German.
  expect(await page.locator(PARAGRAPH).nth(1).innerText()).toMatch(/^Wenn auf einer/);
  expect(await page.locator("p.title a.title").innerText()).toMatch(/^Warum/);

  // A word of Gloss's own translation looked up the same way: the card shows that passage's German, and neither the
  // server nor the page is touched.
  const requests = double.stats().chatRequests;
  const translated = await page.evaluate(() => document.body.innerHTML);
  const english = await whereIs(page, PARAGRAPH, "signal");
  await page.mouse.dblclick(english.x, english.y);
  expect(await page.evaluate(() => getSelection()!.toString())).toBe("signal");
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "--clearmodifiers", keys);
  await eventually(async () =>
    expect(await closedShadowText(page, "lookup")).toMatch(
      /This is Gloss's translation\. The passage's original:.*Ich arbeite seit zwölf Jahren im Stellwerk/,
    ),
  );
  expect(double.stats().chatRequests).toBe(requests);
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(translated);
  await page.close();
});

it("a look-up card reached by asking again closes on Escape, which the page's own Escape listeners never see", async () => {
  const keys = xdotoolKeys(defaultShortcut("chrome", "translate-selection"));
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}/old-reddit-de.html`);
  await page.bringToFront();
  // The page closes its own dialog on Escape, as many do.
  await page.evaluate(() => {
    const seen = { escapes: 0 };
    Object.assign(window, { seen });
    document.addEventListener("keydown", (event) => void (event.key === "Escape" && seen.escapes++));
  });
  const word = await whereIs(page, PARAGRAPH, "Stellwerk");
  await page.mouse.dblclick(word.x, word.y);
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "--clearmodifiers", keys);
  await eventually(async () => expect(await closedShadowText(page, "lookup")).toMatch(/signal box/));
  // Asked again: the keyboard goes to the card's first button.
  rig.x11.xdotool("key", "--clearmodifiers", keys);
  await eventually(async () =>
    expect(await inClosedShadow(page, "lookup", "function () { return this.activeElement?.textContent; }")).toBe(
      "Translate the paragraph",
    ),
  );
  rig.x11.xdotool("key", "Escape");
  await eventually(async () => expect(await closedShadowText(page, "lookup")).toBeUndefined());
  expect(await page.evaluate(() => (window as unknown as { seen: { escapes: number } }).seen.escapes)).toBe(0);
  await page.close();
});

// A word looked up while the page's own translation keeps the server busy: the card says it waits and goes next, and
// once the slot frees the look-up is the server's next request, ahead of the page's batch queued before it.
it("a word looked up while the page's translation holds the server's slot: the card says it waits, then the English comes first", async () => {
  // One slot, so that Gloss queues the page's next batch behind its first one; a server of its own, so that nothing
  // of this page is in the cache from the tests before.
  const busy = await startDouble({ slots: 1 });
  await setSettings(browser, { baseUrl: busy.url, targetLang: "en" });
  const page = await browser.context.newPage();
  try {
    await page.goto(`${pages.url}/old-reddit-de.html`);
    const original = await page.evaluate(() => document.body.innerHTML);
    const tabId = await tabIdOf(browser, page);
    busy.hold();
    await focusPage(page);
    rig.x11.xdotool("key", "--clearmodifiers", xdotoolKeys(defaultShortcut("chrome")));
    // The page's first batch holds the slot (the server answers nothing yet); Gloss says its page waits for a slot,
    // its next batch queued behind the first.
    await eventually(() => expect(busy.stats().inFlight).toBe(1));
    await eventually(async () => expect((await tabState(browser, tabId)).serverStatus).toBe("waiting-for-slot"));

    const paragraph = `${PARAGRAPH} + p`;
    const word = await whereIs(page, paragraph, "Minuten");
    await page.mouse.dblclick(word.x, word.y);
    expect(await page.evaluate(() => getSelection()!.toString())).toBe("Minuten");
    rig.x11.focusWindow("chromium");
    rig.x11.xdotool("key", "--clearmodifiers", xdotoolKeys(defaultShortcut("chrome", "translate-selection")));
    await eventually(async () =>
      expect(await closedShadowText(page, "lookup")).toContain(
        "Waiting for the server to finish what it is translating; this goes next.",
      ),
    );
    expect(busy.stats().chatRequests).toBe(1); // the look-up waits in Gloss, not on the server
    // Nothing answered yet, and the waiting card is Gloss's own: the page is as it was.
    expect(await page.evaluate(() => document.body.innerHTML)).toBe(original);

    busy.release();
    await eventually(async () => expect(await closedShadowText(page, "lookup")).toMatch(/minutes/i));
    expect(await closedShadowText(page, "lookup")).not.toContain("Waiting");
    await page.waitForFunction(
      () => document.querySelector("p.title a.title")?.textContent === "Why is Deutsche Bahn actually always late?",
    );
    // The server got the look-up right after the batch that held the slot, before the page's batches queued earlier.
    const log = busy.stats().log;
    const isLookup = (r: (typeof log)[number]) =>
      r.messages?.some((m) => m.content.includes("Selected from the sentence")) === true;
    expect(log.map(isLookup).slice(0, 3)).toEqual([false, true, false]);
    expect(log.filter(isLookup)).toHaveLength(1);
  } finally {
    busy.release();
    await page.close();
    await setSettings(browser, { baseUrl: double.url, targetLang: "en" });
    await busy.close();
  }
});

// A word of a passage already in the target language: the card says so, and neither the server nor the page is
// touched.
it("a word of an English passage and Alt+Shift+Y (target English): the card says it is already in English, no request, the page unchanged", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}/english-article.html`);
  await page.bringToFront();
  const original = await page.evaluate(() => document.body.innerHTML);
  const requests = double.stats().chatRequests;

  const word = await whereIs(page, "main p + p", "thermometer");
  await page.mouse.dblclick(word.x, word.y);
  expect(await page.evaluate(() => getSelection()!.toString())).toBe("thermometer");
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "--clearmodifiers", xdotoolKeys(defaultShortcut("chrome", "translate-selection")));

  await eventually(async () => expect(await closedShadowText(page, "lookup")).toContain("Already in English."));
  expect(double.stats().chatRequests).toBe(requests);
  expect(await page.evaluate(() => document.body.innerHTML)).toBe(original);
  await page.close();
});

// A word inside a web component (an open shadow root): Chromium's getSelection() reports such a selection at the
// component's host, so the look-up reads the real range through getComposedRanges; the card shows the word's English
// and the component is left as it was.
it("a double-clicked word inside a web component's shadow root and Alt+Shift+Y: its English in the card, the component unchanged", async () => {
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}/old-reddit-de.html`);
  await page.bringToFront();
  const word = await page.evaluate(() => {
    const host = document.createElement("div");
    host.id = "component";
    document.querySelector("#thing_t1_kx01 .md")!.prepend(host); // in a comment, where old Reddit's rules translate
    const paragraph = document.createElement("p");
    paragraph.textContent = "Ich arbeite seit zwölf Jahren im Stellwerk.";
    host.attachShadow({ mode: "open" }).append(paragraph);
    const text = paragraph.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, text.data.indexOf("Stellwerk"));
    range.setEnd(text, text.data.indexOf("Stellwerk") + "Stellwerk".length);
    const box = range.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2, bottom: box.bottom };
  });
  const component = () => page.evaluate(() => document.querySelector("#component")!.shadowRoot!.innerHTML);
  const before = await component();
  await page.mouse.dblclick(word.x, word.y);
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "--clearmodifiers", xdotoolKeys(defaultShortcut("chrome", "translate-selection")));

  await eventually(async () => expect(await closedShadowText(page, "lookup")).toMatch(/signal box/));
  const card = await inClosedShadow<{ top: number; source: string }>(
    page,
    "lookup",
    `function () {
      return { top: this.querySelector(".card").getBoundingClientRect().top,
        source: this.querySelector(".source").textContent };
    }`,
  );
  expect(card).toMatchObject({ source: "Stellwerk" });
  expect(card!.top).toBeGreaterThanOrEqual(word.bottom); // below the word, not at the component's box
  expect(await component()).toBe(before);
  await page.close();
});
