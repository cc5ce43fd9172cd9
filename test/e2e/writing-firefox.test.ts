// Translating what the user wrote, in Firefox ESR (see firefox.ts), as writing-chromium.test.ts does it in Chromium:
// the user types into a box of a German page and picks "Translate what I wrote" from the context menu (clicked
// through the background page's own handler); the box then holds the German, written as typing is (the page's
// input listeners hear it, Ctrl+Z brings the user's text back): a contenteditable box keeps its Markdown, and new
// Reddit's composer, whose editor is in a shadow root, keeps its own copy of the text in step.
import type { ElementHandle, Page } from "puppeteer-core";
import { openPopupFor, menuClick } from "./firefox";
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
  await page.waitForFunction(() => document.querySelector("#rich")!.textContent!.includes("immer"));
  const translated = await page.$eval("#rich", (box) => (box as HTMLElement).innerText);
  expectMarkdownKept(translated);
  expect(
    await page.evaluate(() => (window as unknown as { inputs: Array<{ id: string; type: string }> }).inputs),
  ).toContainEqual({ id: "rich", type: "insertText" });

  await undo(page);
  await page.waitForFunction(
    (text) => document.querySelector<HTMLElement>("#rich")!.innerText.trim() === text,
    {},
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
  await page.waitForFunction(() => (document.querySelector("shreddit-composer") as Composer).value.includes("Zug"));
  const composer = await page.$eval("shreddit-composer", (el) => ({
    value: (el as Composer).value,
    inputs: (el as Composer).inputs,
  }));
  expect(composer.value).toMatch(/^Ich denke der Zug ist immer spät/);
  expect(composer.inputs).toContain("insertText");

  await undo(page);
  await page.waitForFunction(
    (text) => (document.querySelector("shreddit-composer") as Composer).value === text,
    {},
    ENGLISH,
  );
});
