// Translating what the user wrote, in Firefox ESR (see firefox.ts), as writing-chromium.test.ts does it in Chromium:
// the user types into a box of a German page and picks "Translate what I wrote" from the context menu (clicked
// through the background page's own handler); the box then holds the German, written as typing is (the page's
// input listeners hear it, Ctrl+Z brings the user's text back): a contenteditable box keeps its Markdown, and new
// Reddit's composer, whose editor is in a shadow root, keeps its own copy of the text in step. A rich editor in a frame
// of the page (TinyMCE) is reached from the menu clicked in its frame, the card beside the frame on the page.
import type { ElementHandle, Page } from "puppeteer-core";
import { HIDDEN_TAB_POLLING, openPopupFor, menuClick } from "./firefox";
import { useFirefoxRig } from "./firefox-rig";
import { expectMarkdownKept, MARKDOWN_REPLY } from "./markdown-reply";

jest.setTimeout(120_000);

const ENGLISH = "I think the train is always late, but the people here are very nice.";

const rig = useFirefoxRig();

/** The fixture at `path`, Gloss pointed at the double, and a popup tab kept behind it (the extension's API). */
async function openFixture(path: string): Promise<{ page: Page; helper: Page }> {
  const page = await rig.firefox.browser.newPage();
  await page.goto(`${rig.pages.url}${path}`);
  const helper = await openPopupFor(rig.firefox.browser, page, { baseUrl: rig.double.url, targetLang: "en" });
  await page.bringToFront();
  return { page, helper };
}

/** The user clicks into the box and types `text`. */
async function typeInto(page: Page, box: ElementHandle, text: string): Promise<void> {
  await box.click();
  await box.focus();
  await page.keyboard.type(text);
}

const undo = async (page: Page) => {
  await page.keyboard.down("Control");
  await page.keyboard.press("z");
  await page.keyboard.up("Control");
};

it("a contenteditable box: 'Translate what I wrote' keeps its Markdown, the page hears typing, Ctrl+Z undoes it", async () => {
  const { page, helper } = await openFixture("/reply-boxes-de.html");
  const written = MARKDOWN_REPLY;
  await typeInto(page, (await page.$("#rich"))!, written);
  expect(await page.$eval("#rich", (box) => (box as HTMLElement).innerText.trim())).toBe(written);

  await menuClick(helper, page, "gloss-translate-writing");
  await page.waitForFunction(() => document.querySelector("#rich")!.textContent!.includes("immer"), HIDDEN_TAB_POLLING);
  const translated = await page.$eval("#rich", (box) => (box as HTMLElement).innerText);
  expectMarkdownKept(translated);
  expect(
    await page.evaluate(() => (window as unknown as { inputs: Array<{ id: string; type: string }> }).inputs),
  ).toContainEqual({ id: "rich", type: "insertText" });

  await undo(page);
  await page.waitForFunction(
    (text) => document.querySelector<HTMLElement>("#rich")!.innerText.trim() === text,
    HIDDEN_TAB_POLLING,
    written,
  );
  expect(await page.$eval("#rich", (box) => box === document.activeElement)).toBe(true);
});

it("new Reddit's composer, its editor in a shadow root: translated, the composer's own copy follows, Ctrl+Z", async () => {
  const { page, helper } = await openFixture("/new-reddit-reply-de.html");
  await typeInto(page, (await page.$("shreddit-composer >>> .editor"))!, ENGLISH);
  type Composer = HTMLElement & { value: string; inputs: string[] };
  expect(await page.$eval("shreddit-composer", (el) => (el as Composer).value)).toBe(ENGLISH);

  await menuClick(helper, page, "gloss-translate-writing");
  await page.waitForFunction(
    () => (document.querySelector("shreddit-composer") as Composer).value.includes("Zug"),
    HIDDEN_TAB_POLLING,
  );
  const composer = await page.$eval("shreddit-composer", (el) => ({
    value: (el as Composer).value,
    inputs: (el as Composer).inputs,
  }));
  expect(composer.value).toMatch(/^Ich denke der Zug ist immer spät/);
  expect(composer.inputs).toContain("insertText");

  await undo(page);
  await page.waitForFunction(
    (text) => (document.querySelector("shreddit-composer") as Composer).value === text,
    HIDDEN_TAB_POLLING,
    ENGLISH,
  );
});

/**
 * What Firefox tells the menu's handler of a click in the editor's frame of `page`: the frame's id and its address
 * (the page's own, which the page's document.write gave it).
 */
async function editorFrameOf(helper: Page, page: Page): Promise<{ frameId: number; frameUrl: string }> {
  return helper.evaluate(async (url) => {
    const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
    const tab = (await ext.tabs.query({})).find((t) => t.url === url)!;
    const results = await ext.scripting.executeScript({
      target: { tabId: tab.id!, allFrames: true },
      func: () => ({ editor: document.body?.id === "tinymce", href: location.href }),
    });
    const found = results.find((r) => (r.result as { editor: boolean }).editor)!;
    return { frameId: found.frameId, frameUrl: (found.result as { href: string }).href };
  }, page.url());
}

type Box = { left: number; top: number; right: number; bottom: number };

/** The box of Gloss's writing card on the page (read in the content-script world, which sees closed shadow roots). */
async function writingCardBox(helper: Page, page: Page): Promise<Box | null> {
  return helper.evaluate(async (url) => {
    const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
    const tab = (await ext.tabs.query({})).find((t) => t.url === url)!;
    const [top] = await ext.scripting.executeScript({
      target: { tabId: tab.id!, frameIds: [0] },
      func: () => {
        type Host = Element & { openOrClosedShadowRoot?: ShadowRoot | null };
        for (const host of Array.from(document.documentElement.children) as Host[]) {
          const card = host.openOrClosedShadowRoot?.querySelector<HTMLElement>(".card.writing");
          if (!card) continue;
          const r = card.getBoundingClientRect();
          return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
        }
        return null;
      },
    });
    return (top?.result ?? null) as Box | null;
  }, page.url());
}

it("a rich editor in a frame of the page (TinyMCE): the menu in it translates there, the card beside the frame, Ctrl+Z", async () => {
  const { page, helper } = await openFixture("/editor-frame-de.html");
  const editor = (await page.$("#editor"))!;
  const frame = (await editor.contentFrame())!;
  const text = () => frame.evaluate(() => document.body.innerText.trim());
  await typeInto(page, (await frame.$("body"))!, ENGLISH);
  expect(await text()).toBe(ENGLISH);

  await menuClick(helper, page, "gloss-translate-writing", await editorFrameOf(helper, page));
  await frame.waitForFunction(() => document.body.innerText.includes("Zug"), HIDDEN_TAB_POLLING);
  expect(await text()).toMatch(/^Ich denke der Zug ist immer spät/);
  // The card is beside the editor's frame on the page, not where the editor's body is in its own frame.
  const card = await writingCardBox(helper, page);
  const box = (await editor.boundingBox())!;
  // Beside it: on its right where the window has room, else below it; over none of the editor, where the user writes.
  const right = card!.left >= box.x + box.width - 16 && card!.top >= box.y;
  const below = card!.top >= box.y + box.height - 16 && card!.left >= box.x;
  expect({ card, box, beside: right || below }).toMatchObject({ beside: true });
  // The keyboard is still in the editor: Ctrl+Z there brings back what the user wrote.
  expect(await frame.evaluate(() => document.hasFocus() && document.activeElement === document.body)).toBe(true);
  await undo(page);
  await frame.waitForFunction((english) => document.body.innerText.trim() === english, HIDDEN_TAB_POLLING, ENGLISH);
});
