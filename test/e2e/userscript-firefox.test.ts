// The built userscript (dist/gloss.user.js) in Firefox ESR, as userscript.test.ts has it in Chromium: the test
// manager of gm-shim-firefox.ts runs it apart from the page (a BiDi sandbox, like Violentmonkey's `@inject-into
// content` there) against the llama-server double. Firefox runs in a window on Xvfb so that its shortcut is pressed
// with real keys (x11.ts). What a reader does: translate from the manager's menu and with the shortcut, open the
// settings, read the bilingual view, and get the exact original back each time; and on a page that patched the DOM
// and took Gloss's old element names before the script ran; a forum post's loose lines translated into Arabic read
// right to left. Then in the page's own world, where a manager that ignores `@inject-into` runs it, and backing the
// settings up to a file and restoring them from one; and a page that reaches the settings dialog through window.find
// cannot write its own server into it as the reader clicks Save, while an address the reader copies from the page and
// pastes there with real keys is saved.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "puppeteer-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import { COPY } from "./bilingual-copies";
import { extensionBackupText } from "./extension-backup";
import { closedShadowTextFirefox, countUiFirefox, inClosedShadowFirefox } from "./closed-shadow-firefox";
import { launchFirefox } from "./firefox";
import { injectUserscriptFirefox } from "./gm-shim-firefox";
import type { GmShim } from "./gm-manager";
import { preempt, type Loot } from "./hostile-page-scripts";
import { startX11, type X11 } from "./x11";

jest.setTimeout(60_000);

const USERSCRIPT = resolve(__dirname, "../../dist/gloss.user.js");
const TITLE = "p.title a.title";
const TRANSLATED_TITLE = "Why is Deutsche Bahn actually always late?";
/** The second paragraph of the first comment, and the double's English for it. */
const COMMENT = "#thing_t1_kx01 .md p:nth-of-type(2)";
const TRANSLATED_COMMENT =
  "When a train loses five minutes on an overloaded line, it drags a whole chain behind it. On top of that there are over 700 construction sites at the same time.";

const SECRET = "sk-gloss-e2e-firefox";

let x11: X11;
let double: DoubleHandle;
/** A server that answers only requests carrying SECRET. */
let keyed: DoubleHandle;
let pages: StaticServer;
let browser: Browser;
let userscript: string;

beforeAll(async () => {
  expect(existsSync("/usr/bin/Xvfb")).toBe(true);
  userscript = readFileSync(USERSCRIPT, "utf8");
  x11 = await startX11();
  double = await startDouble({ port: 0 });
  keyed = await startDouble({ port: 0, apiKey: SECRET });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"));
  browser = await launchFirefox({ headless: false, env: { DISPLAY: x11.display } });
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await double?.close();
  await keyed?.close();
  x11?.close();
});

const opened = new Set<Page>();
const contexts = new Set<BrowserContext>();
afterEach(async () => {
  for (const page of opened) await page.close();
  opened.clear();
  for (const context of contexts) await context.close();
  contexts.clear();
});

async function open(
  path: string,
  options: {
    settings?: Record<string, unknown>;
    attack?: () => void;
    world?: "page" | "isolated";
    context?: BrowserContext;
  } = {},
): Promise<{ page: Page; gm: GmShim; original: string }> {
  const page = await (options.context ?? browser).newPage();
  opened.add(page);
  if (options.attack) await page.evaluateOnNewDocument(options.attack);
  await page.goto(`${pages.url}${path}`);
  const original = await bodyHtml(page);
  const gm = await injectUserscriptFirefox(page, userscript, {
    world: options.world ?? "isolated",
    storage: {
      settings: JSON.stringify({ schemaVersion: 1, baseUrl: double.url, targetLang: "en", ...options.settings }),
    },
  });
  return { page, gm, original };
}

const bodyHtml = (page: Page) => page.evaluate(() => document.body.innerHTML);

const textIs = (page: Page, selector: string, text: string) =>
  page.waitForFunction((s, t) => document.querySelector(s)?.textContent === t, {}, selector, text);

const titleStartsWith = (page: Page, text: string) =>
  page.waitForFunction((s, t) => document.querySelector(s)?.textContent?.startsWith(t) === true, {}, TITLE, text);

const translatedSaid = (page: Page) =>
  eventually(async () => expect(await closedShadowTextFirefox(page, "status")).toMatch(/Translated/));

/** Everything the page can find of Gloss's UI from its own world: elements under <html> besides head and body. */
const lookForGloss = (page: Page) =>
  page.evaluate(() =>
    [...document.documentElement.children]
      .filter((el) => el !== document.head && el !== document.body)
      .map((el) => ({ tag: el.localName, shadowRoot: el.shadowRoot !== null, dialog: !!el.querySelector("form") })),
  );

it("translates old Reddit from the manager's menu, and Show original gives back the exact page", async () => {
  const { page, gm, original } = await open("/old-reddit-de.html");
  await gm.runMenuCommand("Translate page");
  await textIs(page, TITLE, TRANSLATED_TITLE);
  await textIs(page, COMMENT, TRANSLATED_COMMENT);
  await translatedSaid(page);
  expect(await page.$eval("#thing_t1_kx01 .tagline .author", (el) => el.textContent)).toBe("Weichensteller");
  expect(gm.requests.some((r) => r.url === `${double.url}/v1/chat/completions`)).toBe(true);

  await gm.runMenuCommand("Show original");
  await titleStartsWith(page, "Warum");
  expect(await bodyHtml(page)).toBe(original);
});

/** Alt+Shift+G pressed on the keyboard, as a person does, with the focus in `page`. */
async function pressToggleKey(page: Page): Promise<void> {
  await page.bringToFront();
  // Plain text (not a link), so that the keyboard focus is in the page, not the address bar.
  await (await page.$("#thing_t1_kx01 .tagline time"))!.click();
  x11.focusWindow("firefox");
  x11.xdotool("key", "--clearmodifiers", "alt+shift+g");
}

it("Alt+Shift+G pressed for real translates the page, and again shows the exact original", async () => {
  const { page, original } = await open("/old-reddit-de.html");
  const press = () => pressToggleKey(page);
  await press();
  await textIs(page, TITLE, TRANSLATED_TITLE);
  await translatedSaid(page);

  await press();
  await titleStartsWith(page, "Warum");
  expect(await bodyHtml(page)).toBe(original);
});

it("opens its settings from the menu out of the page's reach, keeps Tab inside, saves, and Escape gives the focus back", async () => {
  const { page, gm } = await open("/old-reddit-de.html");
  await page.bringToFront();
  await page.focus(TITLE);
  await gm.runMenuCommand("Settings");
  const focused = () =>
    inClosedShadowFirefox<string>(
      page,
      "settings",
      "function () { const el = this.activeElement; return el ? el.id || el.textContent : undefined; }",
    );
  await eventually(async () => expect(await focused()).toBe("gloss-baseUrl"));
  // The page sees an unmarked element with no shadow root, and nothing of the form inside.
  expect(await lookForGloss(page)).toEqual([{ tag: "div", shadowRoot: false, dialog: false }]);
  expect(await page.evaluate(() => document.querySelector("#gloss-baseUrl"))).toBeNull();

  await page.keyboard.press("Tab");
  expect(await focused()).toBe("gloss-apiKey");
  await page.keyboard.down("Shift");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  expect(await focused()).toBe("gloss-preset"); // the first control
  await page.keyboard.press("Tab");
  expect(await focused()).toBe("Save"); // wraps round to the last
  await page.keyboard.up("Shift");
  await page.keyboard.press("Tab");
  expect(await focused()).toBe("gloss-preset");

  // A new model name typed into its field, saved with Enter on Save: it reaches the manager's storage.
  await inClosedShadowFirefox(page, "settings", "function () { this.querySelector('#gloss-model').focus(); }");
  await page.keyboard.type("gemma2:2b");
  await inClosedShadowFirefox(page, "settings", "function () { this.querySelector('button[type=submit]').focus(); }");
  await page.keyboard.press("Enter");
  await eventually(async () => expect(await closedShadowTextFirefox(page, "settings")).toMatch(/Saved\./));
  expect(JSON.parse((await gm.storage()).settings as string)).toMatchObject({ model: "gemma2:2b" });

  await page.keyboard.press("Escape");
  await eventually(async () => expect(await countUiFirefox(page, "settings")).toBe(0));
  expect(await page.evaluate((s) => document.activeElement?.matches(s), TITLE)).toBe(true);
});

it("shows the bilingual view in the look chosen in its settings, and Show original gives back the exact page", async () => {
  const { page, gm, original } = await open("/old-reddit-de.html", {
    settings: { displayMode: "bilingual", bilingualStyle: "underline" },
  });
  await gm.runMenuCommand("Translate page");
  await textIs(page, `p.title ${COPY}`, TRANSLATED_TITLE);
  await translatedSaid(page);
  expect(await page.$eval(`p.title ${COPY}`, (el) => getComputedStyle(el).textDecorationStyle)).toBe("dashed");
  // The original stays, above its translation.
  expect(await page.$eval(TITLE, (el) => el.firstChild?.textContent)).toMatch(/^Warum ist die Deutsche Bahn/);

  await gm.runMenuCommand("Show original");
  await page.waitForFunction((s) => document.querySelectorAll(s).length === 0, {}, COPY);
  expect(await bodyHtml(page)).toBe(original);
});

it("on a page that patched the DOM and took Gloss's old element names first, still translates and restores exactly", async () => {
  const { page, gm, original } = await open("/news-article-de.html", { attack: preempt });
  await gm.runMenuCommand("Translate page");
  await page.waitForFunction(() => document.querySelector("article h1")?.textContent?.startsWith("Heatwave"));
  await translatedSaid(page);
  // Its status card is out of the page's reach: none of the page's patches ran, nothing was stolen.
  expect(await lookForGloss(page)).toEqual([{ tag: "div", shadowRoot: false, dialog: false }]);
  expect(await page.evaluate(() => (window as unknown as { loot: Loot }).loot)).toEqual({
    constructed: 0,
    attachShadowCalls: 0,
    stolenRoots: 0,
    typedValues: [],
  });

  await gm.runMenuCommand("Show original");
  await page.waitForFunction(() => document.querySelector("article h1")?.textContent?.startsWith("Hitzesommer"));
  expect(await bodyHtml(page)).toBe(original);
});

it("lines standing loose in a block, translated into Arabic, each read right to left across its inline elements, from the post's right", async () => {
  // A forum post's lines before its paragraph, with no element of their own to take `dir`: each is isolated by bidi
  // marks in its Text nodes, the first line's opened before a link and closed after it. Gecko lays bidi out apart
  // from Blink (userscript.test.ts checks plain lines there).
  const { page, gm } = await open("/comment-thread-de.html", { settings: { targetLang: "ar" } });
  await page.evaluate(() => {
    const post = document.createElement("div");
    post.innerHTML = "Möchtest du <a href='#first'>mitmachen</a>?<br>Hallo <b>Welt</b>!<p>Danke</p>";
    document.querySelector("article")!.append(post);
  });
  const original = await bodyHtml(page);
  await gm.runMenuCommand("Translate page");
  await page.waitForFunction(() => document.querySelector("#second")?.getAttribute("lang") === "ar");
  await translatedSaid(page);
  // Each line's end punctuation at its left end, before its first word.
  const punctuationFirst = await page.evaluate(() => {
    const left = (text: Text, i: number) => {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      return range.getBoundingClientRect().left;
    };
    const post = document.querySelector("article > div")!;
    const [first, end] = [post.firstChild as Text, post.querySelector("a")!.nextSibling as Text];
    const [hello, bang] = [post.querySelector("br")!.nextSibling as Text, post.querySelector("b")!.nextSibling as Text];
    return [
      left(end, end.data.indexOf("?")) < left(first, first.data.search(/\p{L}/u)),
      left(bang, bang.data.indexOf("!")) < left(hello, hello.data.search(/\p{L}/u)),
    ];
  });
  expect(punctuationFirst).toEqual([true, true]);
  // The post, all translation now, runs right to left (whole-marks.ts): its first line starts at its right edge.
  const lineAtRight = await page.evaluate(() => {
    const post = document.querySelector("article > div")!;
    const line = document.createRange();
    line.setStartBefore(post.firstChild!);
    line.setEndAfter(post.querySelector("a")!.nextSibling!);
    return [
      post.getAttribute("dir"),
      Math.abs(line.getBoundingClientRect().right - post.getBoundingClientRect().right) < 2,
    ];
  });
  expect(lineAtRight).toEqual(["rtl", true]);

  await gm.runMenuCommand("Show original");
  await page.waitForFunction(() => document.querySelector("#second")?.textContent?.startsWith("Im Winter"));
  expect(await bodyHtml(page)).toBe(original);
});

describe("in the page's world (a manager that ignores @inject-into)", () => {
  /** The status card's text and the manager's notifications, wherever Gloss said it. */
  const said = async (page: Page, gm: GmShim) =>
    `${(await closedShadowTextFirefox(page, "status")) ?? ""}\n${gm.notifications.join("\n")}`;

  it("translates from the manager's menu and gives back the exact page; Alt+Shift+G is off and the settings are read-only, with no backup", async () => {
    const { page, gm, original } = await open("/old-reddit-de.html", { world: "page" });
    await gm.runMenuCommand("Translate page");
    await textIs(page, TITLE, TRANSLATED_TITLE);
    await textIs(page, COMMENT, TRANSLATED_COMMENT);
    expect(gm.notifications).toContainEqual(
      expect.stringMatching(/Alt\+Shift\+G, Alt\+Shift\+M and hover translation are off: use the manager's menu/),
    );

    // The real key press reaches the page (its own listener, which runs after Gloss's would have), and the
    // translation stays: the page's scripts could pose as that key in this world.
    await page.evaluate(() => {
      (window as unknown as { heard: Promise<boolean> }).heard = new Promise((resolve) =>
        addEventListener("keydown", (e) => e.altKey && e.shiftKey && e.code === "KeyG" && resolve(e.isTrusted)),
      );
    });
    await pressToggleKey(page);
    expect(await page.evaluate(() => (window as unknown as { heard: Promise<boolean> }).heard)).toBe(true);
    expect(await page.$eval(TITLE, (el) => el.textContent)).toBe(TRANSLATED_TITLE);

    const before = (await gm.storage()).settings;
    await gm.runMenuCommand("Settings");
    await eventually(async () =>
      expect(await closedShadowTextFirefox(page, "settings")).toMatch(
        /runs Gloss inside this page.*settings are read-only.*does not use a saved API key/,
      ),
    );
    const settingsText = await closedShadowTextFirefox(page, "settings");
    expect(settingsText).not.toMatch(/Back up settings|Save to a file/);
    await page.keyboard.press("Escape");
    await eventually(async () => expect(await countUiFirefox(page, "settings")).toBe(0));
    expect((await gm.storage()).settings).toBe(before);

    await gm.runMenuCommand("Show original");
    await titleStartsWith(page, "Warum");
    expect(await bodyHtml(page)).toBe(original);
  });

  it("does not send the saved API key: the server that needs it answers with an error saying why", async () => {
    const { page, gm } = await open("/old-reddit-de.html", {
      world: "page",
      settings: { baseUrl: keyed.url, apiKey: SECRET },
    });
    await gm.runMenuCommand("Translate page");
    await eventually(async () =>
      expect(await said(page, gm)).toMatch(
        /needs an API key \(HTTP 401\)\. Your userscript manager runs Gloss inside this page, where the page's scripts could read the key, so Gloss does not use a saved key here\./,
      ),
    );
    expect(gm.requests.some((r) => r.url.startsWith(keyed.url))).toBe(true);
    expect(gm.requests.some((r) => JSON.stringify(r.headers).includes(SECRET))).toBe(false);
  });
});

const stored = async (gm: GmShim) => JSON.parse((await gm.storage()).settings as string) as Record<string, unknown>;
/**
 * Clicks `label` the way a person does, with the mouse (a script's click does nothing). Not Enter: once a file is
 * saved, Enter reaches the button as a keydown here but clicks nothing (Firefox's downloads panel, which opens then,
 * seems to keep the key's default action).
 */
const press = async (page: Page, label: string) => {
  const at = await inClosedShadowFirefox<{ x: number; y: number }>(
    page,
    "settings",
    `function (label) {
      // The one the reader sees: the question asked on closing with unsaved edits has a Save too, hidden until then.
      const button = [...this.querySelectorAll('button')].find((b) => b.textContent === label && b.getClientRects().length);
      button.scrollIntoView({ block: 'center' });
      const box = button.getBoundingClientRect();
      return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    }`,
    label,
  );
  await page.mouse.click(at!.x, at!.y);
};

describe("Back up settings, apart from the page", () => {
  const FILE_NAME = /^gloss-settings-\d{4}-\d{2}-\d{2}\.json$/;
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), "gloss-firefox-backup-"));
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("saves the settings to a file without the key, and restores the extension's file through the file chooser", async () => {
    // Firefox saves downloads of this tab's user context into `folder`, without asking.
    const context = await browser.createBrowserContext({
      downloadBehavior: { policy: "allow", downloadPath: folder },
    });
    contexts.add(context);
    const { page, gm } = await open("/old-reddit-de.html", {
      context,
      settings: {
        apiKey: SECRET,
        autoTranslate: ["lemonde.fr"],
        glossary: [{ term: "Bahn", translation: "Deutsche Bahn", lang: "", site: "" }],
      },
    });
    await page.bringToFront();
    await gm.runMenuCommand("Settings");
    await eventually(async () => expect(await closedShadowTextFirefox(page, "settings")).toMatch(/Back up settings/));

    await press(page, "Save to a file…");
    const [name, text] = await eventually(() => {
      const names = readdirSync(folder).filter((n) => FILE_NAME.test(n));
      expect(names).toHaveLength(1);
      const content = readFileSync(join(folder, names[0]!), "utf8");
      JSON.parse(content); // written whole
      return [names[0]!, content] as const;
    });
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toMatchObject({
      format: "gloss-settings",
      settings: { baseUrl: double.url, autoTranslate: ["lemonde.fr"], glossary: [{ term: "Bahn" }] },
    });
    expect(await closedShadowTextFirefox(page, "settings")).toContain(`Downloading ${name}: `);
    expect(await closedShadowTextFirefox(page, "settings")).toMatch(/Your API key is not in it\./);

    // Restore from a file…: a file the extension saved (the same server), picked in the chooser the click opened.
    const picked = join(folder, "from-the-extension.json");
    writeFileSync(picked, extensionBackupText(double.url));
    const chooser = page.waitForFileChooser();
    await press(page, "Restore from a file…");
    await (await chooser).accept([picked]);
    await eventually(async () =>
      expect(await closedShadowTextFirefox(page, "settings")).toMatch(
        /Restored settings from from-the-extension\.json: \d+ settings, 1 site, 0 glossary terms, 1 reply language\./,
      ),
    );
    expect(await stored(gm)).toMatchObject({
      autoTranslate: ["reddit.com/r/de"],
      glossary: [],
      displayMode: "bilingual",
      apiKey: SECRET, // the same server: the key stays
    });
    expect((await gm.storage()).writingLanguages).toMatchObject({ "reddit.com/r/france": { lang: "fr" } });

    // In effect: the page translates into the bilingual view the file chose.
    await page.keyboard.press("Escape");
    await eventually(async () => expect(await countUiFirefox(page, "settings")).toBe(0));
    await gm.runMenuCommand("Translate page");
    await textIs(page, `p.title ${COPY}`, TRANSLATED_TITLE);
    expect(await page.$eval(`p.title ${COPY}`, (el) => getComputedStyle(el).textDecorationStyle)).toBe("dashed");
  });
});

describe("a page that reaches the settings dialog (Firefox hands it the nodes window.find selects)", () => {
  it("cannot write its own server into the address as the reader clicks Save: nothing is saved, and the dialog says why", async () => {
    const { page, gm } = await open("/old-reddit-de.html");
    await page.bringToFront();
    await gm.runMenuCommand("Settings");
    await eventually(async () => expect(await closedShadowTextFirefox(page, "settings")).toMatch(/Gloss settings/));
    // The page's script: at the reader's press on Gloss's host it finds a button's words, takes the address field
    // from the root of what it found, writes its own server there and says it was typed.
    await page.evaluate(() => {
      addEventListener(
        "mousedown",
        () => {
          getSelection()?.removeAllRanges();
          (window as unknown as { find(text: string): boolean }).find("Test connection");
          const root = getSelection()?.rangeCount ? getSelection()!.getRangeAt(0).startContainer.getRootNode() : null;
          const address = root instanceof ShadowRoot ? root.querySelector("input[type=url]") : null;
          if (address instanceof HTMLInputElement) {
            address.value = "http://127.0.0.1:9/collect";
            address.dispatchEvent(new Event("input", { bubbles: true }));
            (window as unknown as { reached: string }).reached = address.value;
          }
          getSelection()?.removeAllRanges();
        },
        { capture: true, once: true },
      );
    });
    await press(page, "Save");
    const said = () => closedShadowTextFirefox(page, "settings");
    // Saved, or not: either way the dialog says so.
    await eventually(async () => expect(await said()).toMatch(/Saved\.|this page changed your settings/));
    // It did reach the field (so the refusal is Gloss's, not the page's failure), and nothing of it was saved.
    expect(await page.evaluate(() => (window as unknown as { reached?: string }).reached)).toBe(
      "http://127.0.0.1:9/collect",
    );
    expect((await stored(gm)).baseUrl).toBe(double.url);
    expect(await said()).toMatch(/Not saved: this page changed your settings as you saved them\./);
    expect(
      await inClosedShadowFirefox<string>(
        page,
        "settings",
        "function () { return this.querySelector('#gloss-baseUrl').value; }",
      ),
    ).toBe(double.url);
  });
});

it("an address copied from the page with Ctrl+C and pasted into the settings with Ctrl+V is saved", async () => {
  const { page, gm } = await open("/old-reddit-de.html");
  await page.bringToFront();
  // The address as a line of the page (a README's, say), selected and copied with the keyboard.
  await page.evaluate((address) => {
    const line = document.createElement("p");
    line.id = "server-address";
    line.textContent = address;
    document.body.prepend(line);
  }, keyed.url);
  await (await page.$("#server-address"))!.click();
  await page.evaluate(() => getSelection()!.selectAllChildren(document.querySelector("#server-address")!));
  x11.focusWindow("firefox");
  x11.xdotool("key", "--clearmodifiers", "ctrl+c");
  await gm.runMenuCommand("Settings");
  const address = () =>
    inClosedShadowFirefox<{ focused: boolean; value: string }>(
      page,
      "settings",
      "function () { const field = this.querySelector('#gloss-baseUrl'); return { focused: this.activeElement === field, value: field.value }; }",
    );
  await eventually(async () => expect(await address()).toEqual({ focused: true, value: double.url }));
  x11.xdotool("key", "--clearmodifiers", "ctrl+a", "ctrl+v");
  await eventually(async () => expect((await address())?.value).toBe(keyed.url));
  await press(page, "Save");
  await eventually(async () => expect(await closedShadowTextFirefox(page, "settings")).toMatch(/Saved\./));
  expect((await stored(gm)).baseUrl).toBe(keyed.url);
});
