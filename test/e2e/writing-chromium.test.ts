// Translating what the user wrote, in the built extension in Chromium against the double: the user types into a
// text box of a German page, presses the shortcut on a real keyboard (xdotool on Xvfb), and the box then holds the
// German translation, written the way typing is (the page's own input listeners hear it, Ctrl+Z brings the user's
// text back). Bad replies leave the text as it was, with the reason in Gloss's card beside the box.
import type { Page } from "playwright-core";
import type { DoubleHandle } from "../double/server";
import type { RequestRecord } from "../double/state";
import type { StaticServer } from "../helpers/static-server";
import { CONTEXT_HEADING } from "../../src/llm/prompt-rules";
import type { Settings } from "../../src/shared/settings";
import { writingPlace } from "../../src/shared/writing-languages";
import {
  callBackground,
  closePages,
  openPopup,
  serviceWorker,
  setSettings,
  tabIdOf,
  type ExtensionBrowser,
} from "./chromium";
import { cardSays, ENGLISH } from "./writing-card";
import { startKeyboardRig, type KeyboardRig } from "./keyboard-rig";
import { expectMarkdownKept, MARKDOWN_REPLY } from "./markdown-reply";
import { defaultShortcut, xdotoolKeys } from "./x11";

jest.setTimeout(120_000);

let rig: KeyboardRig;
let double: DoubleHandle;
let pages: StaticServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  rig = await startKeyboardRig();
  ({ double, pages, browser } = rig);
});

afterAll(() => rig?.close());

beforeEach(async () => {
  double.reset();
  double.setFault(null);
  await setSettings(browser, { baseUrl: double.url, targetLang: "en" }, { replace: true });
  await serviceWorker(browser).evaluate(() => chrome.storage.local.remove("writingLanguages"));
  await callBackground(browser, "translationCache", { clear: true });
});

afterEach(() => closePages(browser));

async function openFixture(path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${pages.url}${path}`);
  return page;
}

/** The user clicks into the box and types (an IME-style insertion: the browser's undo stack records it). */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.bringToFront();
  await page.locator(selector).click();
  // The old-Reddit fixture's one-column box does not always take the focus from a synthetic click.
  await page.locator(selector).focus();
  await page.keyboard.insertText(text);
  const typed = await page
    .locator(selector)
    .evaluate((box) =>
      box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement
        ? box.value
        : (box as HTMLElement).innerText,
    );
  expect(typed.trim()).toBe(text);
}

/** Real key presses into the browser window (the page keeps its focused box). */
function press(keys: string): void {
  rig.x11.focusWindow("chromium");
  rig.x11.xdotool("key", "--clearmodifiers", keys);
}

const pressWriteShortcut = () => press(xdotoolKeys(defaultShortcut("chrome", "translate-field")));

/** Translates the page from the toolbar popup and waits until the popup says every passage is done. */
async function translateWithPopup(page: Page): Promise<void> {
  const popup = await openPopup(browser, await tabIdOf(browser, page));
  await popup.getByRole("button", { name: "Translate page" }).click();
  await popup.getByText("Translated into English.").waitFor();
  await popup.close();
}

const chatRequests = (): RequestRecord[] => double.stats().log.filter((record) => record.messages?.length);
const promptOf = (record: RequestRecord) => record.messages!.map((message) => message.content).join("\n");

describe("reply boxes", () => {
  it("translates the old-Reddit comment box into the subreddit's language; the page hears it and Ctrl+Z undoes it", async () => {
    const page = await openFixture("/old-reddit-de.html");
    const box = page.locator(".commentarea form.usertext textarea").first();
    await page.evaluate(() => {
      const events: string[] = [];
      Object.assign(window, { boxInputs: events });
      document
        .querySelector(".commentarea form.usertext textarea")!
        .addEventListener("input", (event) => events.push((event as InputEvent).inputType));
    });
    await typeInto(page, ".commentarea form.usertext textarea", ENGLISH);

    pressWriteShortcut();
    await page.waitForFunction(
      (before) => document.querySelector<HTMLTextAreaElement>(".commentarea textarea")!.value !== before,
      ENGLISH,
    );
    const translated = await box.inputValue();
    expect(translated).toMatch(/^Ich denke der Zug ist immer spät, aber \p{L}+ Leute hier sind sehr schön\.$/u);
    expect(await cardSays(page, /^Translated into German\. Read it before you post\. Ctrl\+Z/)).toContain(
      "Ctrl+Z brings back what you wrote",
    );
    // The card is beside the box, not over the page's "save" button under it.
    expect(
      await page.evaluate(() => {
        const save = document.querySelector(".commentarea .usertext-buttons .save")!;
        const r = save.getBoundingClientRect();
        return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === save;
      }),
    ).toBe(true);
    // The page's own listener heard an ordinary text insertion, as from typing.
    expect(await page.evaluate(() => (window as unknown as { boxInputs: string[] }).boxInputs)).toContain("insertText");
    // The writing request carried the thread, marked as context.
    const prompt = promptOf(chatRequests().at(-1)!);
    expect(prompt).toContain("into German");
    expect(prompt).toContain(
      `${CONTEXT_HEADING}\nSubreddit: r/de\nPost title: Warum ist die Deutsche Bahn eigentlich immer zu spät?`,
    );

    press("ctrl+z");
    await page.waitForFunction(
      (text) => document.querySelector<HTMLTextAreaElement>(".commentarea textarea")!.value === text,
      ENGLISH,
    );
    // The focus stayed in the box the whole time (the card never took it).
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it("translates a selection in a plain textarea and leaves the rest; a one-line input gets one line", async () => {
    const page = await openFixture("/reply-boxes-de.html");
    await typeInto(page, "#plain", `Hello!\n${ENGLISH}\nThanks`);
    // Select the middle line only.
    await page.locator("#plain").evaluate((el: HTMLTextAreaElement) => {
      const start = el.value.indexOf("I think");
      el.setSelectionRange(
        start,
        start + "I think the train is always late, but the people here are very nice.".length,
      );
    });
    pressWriteShortcut();
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>("#plain")!.value.includes("Zug"));
    const value = await page.locator("#plain").inputValue();
    expect(value.split("\n")).toEqual(["Hello!", expect.stringMatching(/^Ich denke der Zug ist immer spät/), "Thanks"]);
    expect(
      await page.evaluate(() => (window as unknown as { inputs: Array<{ id: string; type: string }> }).inputs),
    ).toContainEqual({ id: "plain", type: "insertText" });

    await typeInto(page, "#subject", "The train is always late");
    pressWriteShortcut();
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>("#subject")!.value.includes("Zug"));
    expect(await page.locator("#subject").inputValue()).toMatch(/^Der Zug ist immer spät$/);
    expect(await page.evaluate(() => (window as unknown as { submits: number }).submits)).toBe(0);
  });

  it("a reply into Hebrew turns a left-to-right textarea to follow its text (dir=auto): it then runs right to left", async () => {
    // The reader chose Hebrew for their messages on this site before.
    const place = writingPlace(`${pages.url}/reply-boxes-de.html`)!;
    await callBackground(browser, "writingLanguages", { add: { [place]: "he" } });
    const page = await openFixture("/reply-boxes-de.html");
    // The double writes no Hebrew (it accents the Latin words and keeps the rest): the greeting it keeps is the
    // text's first letter, so the box, following its text, runs as a Hebrew reply would.
    await typeInto(page, "#plain", `שלום! ${ENGLISH}`);
    const box = page.locator("#plain");
    expect(await box.evaluate((el) => getComputedStyle(el).direction)).toBe("ltr");
    pressWriteShortcut();
    await cardSays(page, /^Translated into Hebrew\./);
    expect(await box.evaluate((el) => [el.getAttribute("dir"), getComputedStyle(el).direction])).toEqual([
      "auto",
      "rtl",
    ]);
    expect(promptOf(chatRequests().at(-1)!)).toContain("into Hebrew");

    press("ctrl+z");
    await page.waitForFunction(
      (text) => document.querySelector<HTMLTextAreaElement>("#plain")!.value === text,
      `שלום! ${ENGLISH}`,
    );
  });

  it("a box that fills the window gets the card over its empty end, not over the start of the text", async () => {
    const page = await openFixture("/reply-boxes-de.html");
    // A full-window composer, as some sites open for a long reply.
    await page.addStyleTag({
      content: "#plain { position: fixed; inset: 0; width: 100vw; height: 100vh; box-sizing: border-box; margin: 0; }",
    });
    await typeInto(page, "#plain", ENGLISH);
    pressWriteShortcut();
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>("#plain")!.value.includes("Zug"));
    await cardSays(page, /^Translated into German\./);
    const seen = await page.evaluate(() => {
      const box = document.querySelector("#plain")!;
      const r = box.getBoundingClientRect();
      const at = (x: number, y: number) => document.elementFromPoint(x, y) === box;
      // The first line of what the user wrote, and the field's lower right corner.
      return { start: at(r.left + 24, r.top + 12), corner: at(r.right - 24, r.bottom - 24) };
    });
    expect(seen).toEqual({ start: true, corner: false });
  });

  it("translates a contenteditable box, keeps its Markdown, and Ctrl+Z undoes it", async () => {
    const page = await openFixture("/reply-boxes-de.html");
    const written = MARKDOWN_REPLY;
    await typeInto(page, "#rich", written);

    pressWriteShortcut();
    await page.waitForFunction(() => document.querySelector("#rich")!.textContent!.includes("immer"));
    const translated = await page.locator("#rich").innerText();
    expectMarkdownKept(translated);
    expect(
      await page.evaluate(() => (window as unknown as { inputs: Array<{ id: string; type: string }> }).inputs),
    ).toContainEqual({ id: "rich", type: "insertText" });
    await cardSays(page, /^Translated into German\./);

    press("ctrl+z");
    await page.waitForFunction(
      (text) => document.querySelector<HTMLElement>("#rich")!.innerText.trim() === text,
      written,
    );
  });

  it("translates new Reddit's composer, whose editor is in a shadow root; the composer's own copy follows", async () => {
    const page = await openFixture("/new-reddit-reply-de.html");
    await typeInto(page, "shreddit-composer .editor", ENGLISH);
    pressWriteShortcut();
    await page.waitForFunction(() =>
      (document.querySelector("shreddit-composer") as HTMLElement & { value: string }).value.includes("Zug"),
    );
    const composer = await page.evaluate(() => {
      const el = document.querySelector("shreddit-composer") as HTMLElement & { value: string; inputs: string[] };
      return { value: el.value, inputs: el.inputs };
    });
    expect(composer.value).toMatch(/^Ich denke der Zug ist immer spät/);
    expect(composer.inputs).toContain("insertText");
    // The writing request knew the thread: the subreddit and the post's title, marked as context.
    const prompt = promptOf(chatRequests().at(-1)!);
    expect(prompt).toContain(`${CONTEXT_HEADING}\nSubreddit: r/de\nPost title: Bahn-Frust am Montagmorgen`);

    press("ctrl+z");
    await page.waitForFunction(
      (text) => (document.querySelector("shreddit-composer") as HTMLElement & { value: string }).value === text,
      ENGLISH,
    );
  });
});

describe("bad replies leave the user's text as it was", () => {
  it.each([
    ["refusal", /^The model refused to translate this text\. Your text is unchanged\./],
    ["wrong-language", /^The model answered in English, not German/],
  ])("%s", async (fault, message) => {
    double.setFault(fault);
    const page = await openFixture("/reply-boxes-de.html");
    await typeInto(page, "#plain", ENGLISH);
    pressWriteShortcut();
    const said = await cardSays(page, message);
    expect(said).toMatch(/left your text as it was|Your text is unchanged/);
    expect(await page.locator("#plain").inputValue()).toBe(ENGLISH);
    expect(
      (await page.evaluate(() => (window as unknown as { inputs: Array<{ id: string; type: string }> }).inputs)).filter(
        (input) => input.type !== "insertText" || input.id !== "plain",
      ),
    ).toEqual([]);
  });

  it("an empty box and a read-only one get a clear message and nothing happens", async () => {
    const page = await openFixture("/reply-boxes-de.html");
    await page.bringToFront();
    await page.locator("#plain").click();
    pressWriteShortcut();
    await cardSays(page, /^Write something first: this text box is empty\./);
    // The card sits below the empty box, over the next one: the user moves on with the keyboard.
    await page.locator("#locked").focus();
    pressWriteShortcut();
    await cardSays(page, /^This text box cannot be edited\./);
    expect(await page.locator("#locked").inputValue()).toBe("Nur lesen");
    expect(chatRequests()).toEqual([]);
  });
});

describe("the user's glossary and instructions", () => {
  const rules: Partial<Settings> = {
    glossary: [{ term: "train", translation: "Deutsche Bahn", lang: "de", site: "" }],
    customInstructions: "Write informally, as friends on a forum do.",
  };

  it("reach the prompt of a reply, and the reply follows the glossary", async () => {
    await setSettings(browser, rules);
    const page = await openFixture("/reply-boxes-de.html");
    await typeInto(page, "#plain", ENGLISH);
    pressWriteShortcut();
    await page.waitForFunction(
      () =>
        document.querySelector<HTMLTextAreaElement>("#plain")!.value !== "" &&
        !document.querySelector<HTMLTextAreaElement>("#plain")!.value.includes("always"),
    );
    expect(await page.locator("#plain").inputValue()).toMatch(/^Ich denke der Deutsche Bahn ist immer spät/);
    const prompt = promptOf(chatRequests().at(-1)!);
    expect(prompt).toMatch(/"train"[^\n]*"Deutsche Bahn"/);
    expect(prompt).toContain("Write informally, as friends on a forum do.");
  });

  it("are part of the cache key: a page seen before is translated again when they change", async () => {
    const translatePage = async (): Promise<void> => {
      const page = await openFixture("/old-reddit-de.html");
      await translateWithPopup(page);
      await page.close();
    };

    await setSettings(browser, { customInstructions: "Keep it short." });
    await translatePage();
    const first = double.stats().chatRequests;
    expect(first).toBeGreaterThan(0);
    expect(chatRequests().some((record) => promptOf(record).includes("Keep it short."))).toBe(true);

    // The same page, the same rules: all from the cache.
    await translatePage();
    expect(double.stats().chatRequests).toBe(first);

    // Other instructions: the server is asked again, with them.
    await setSettings(browser, { customInstructions: "Use British spelling." });
    await translatePage();
    expect(double.stats().chatRequests).toBeGreaterThan(first);
    expect(chatRequests().some((record) => promptOf(record).includes("Use British spelling."))).toBe(true);

    // A glossary entry changes the key too.
    const second = double.stats().chatRequests;
    await setSettings(browser, { glossary: [{ term: "Bahn", translation: "", lang: "", site: "" }] });
    await translatePage();
    expect(double.stats().chatRequests).toBeGreaterThan(second);
  });
});

it("the thread's context is in each full prompt once, between the instructions and the segments, the same for the whole page", async () => {
  await translateWithPopup(await openFixture("/old-reddit-de.html"));

  const full = chatRequests()
    .map(promptOf)
    .filter((prompt) => prompt.includes("1. Translate every segment"));
  expect(full.length).toBeGreaterThan(0);
  const context = `${CONTEXT_HEADING}\nSubreddit: r/de\nPost title: Warum ist die Deutsche Bahn eigentlich immer zu spät?\n`;
  const constantParts = new Set<string>();
  for (const prompt of full) {
    expect(prompt.split(CONTEXT_HEADING).length - 1).toBe(1);
    const at = prompt.indexOf(context);
    expect(at).toBeGreaterThan(prompt.indexOf("1. Translate every segment"));
    // Everything up to the end of the context is the same in every request: the server's prompt cache keeps it.
    constantParts.add(prompt.slice(0, at + context.length));
  }
  expect(constantParts.size).toBe(1);
  // The one-line first prompts leave the context out.
  for (const prompt of chatRequests().map(promptOf)) {
    if (!prompt.includes("1. Translate every segment")) expect(prompt).not.toContain(CONTEXT_HEADING);
  }
});
