// The built userscript (dist/gloss.user.js) injected into fixture pages in real Chromium, with a small GM shim over
// Node's HTTP client standing in for the userscript manager, against the llama-server double. The manager runs it
// apart from the page, as Gloss asks (@inject-into content); hostile-page-userscript.test.ts has the page's world.
import { readFileSync, writeFileSync } from "node:fs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import { COPY } from "./bilingual-copies";
import { CHROMIUM } from "./chromium";
import { CHROMIUM_FLAGS } from "./chromium-flags";
import { buttonAt, closedShadowText, countUi, inClosedShadow } from "./closed-shadow";
import { extensionBackupText } from "./extension-backup";
import { liveRegions } from "./live-regions";
import { injectUserscript, storageGroup, type GmShim, type StorageGroup } from "./gm-shim";
import type { GmShimOptions } from "./gm-manager";
import { CONTEXT_HEADING } from "../../src/llm/prompt-rules";

jest.setTimeout(120_000);

const USERSCRIPT = resolve(__dirname, "../../dist/gloss.user.js");

let double: DoubleHandle;
let pages: StaticServer;
let context: BrowserContext;
let profile: string;
let userscript: string;

beforeAll(async () => {
  userscript = readFileSync(USERSCRIPT, "utf8");
  double = await startDouble({ port: 0 });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"));
  profile = mkdtempSync(join(tmpdir(), "gloss-userscript-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS, "--disable-background-networking", "--no-first-run", "--lang=en-US"],
  });
});

afterAll(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
  await pages?.close();
  await double?.close();
});

afterEach(async () => {
  for (const page of context.pages()) await page.close();
});

async function open(
  path: string,
  settings: Record<string, unknown> = {},
  options: { csp?: string; group?: StorageGroup; manager?: GmShimOptions; touch?: boolean } = {},
): Promise<{ page: Page; gm: GmShim; pageErrors: string[] }> {
  const page = await context.newPage();
  // A phone's screen: a finger is the only pointer (pointer: coarse).
  if (options.touch) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setTouchEmulationEnabled", { enabled: true, maxTouchPoints: 5 });
  }
  // Uncaught exceptions and unhandled rejections ("Uncaught (in promise)" in the console).
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));
  const { csp } = options;
  if (csp) {
    await page.route(`${pages.url}${path}`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": csp } });
    });
  }
  await page.goto(`${pages.url}${path}`);
  const gm = await injectUserscript(page, userscript, {
    world: "isolated",
    storage: { settings: JSON.stringify({ schemaVersion: 1, baseUrl: double.url, targetLang: "en", ...settings }) },
    ...(options.group ? { group: options.group } : {}),
    ...options.manager,
  });
  return { page, gm, pageErrors };
}

const bodyHtml = (page: Page) => page.evaluate(() => document.body.innerHTML);

/** Puts the keyboard on the settings dialog's button named `name`, as Tab would. */
async function focusSettingsButton(page: Page, name: string): Promise<void> {
  const focus = "function (name) { [...this.querySelectorAll('button')].find((b) => b.textContent === name).focus(); }";
  await inClosedShadow(page, "settings", focus, name);
}

/** Saves the settings dialog the way a person does (a script's click does not save): Save focused, Enter pressed. */
async function pressSave(page: Page): Promise<void> {
  await inClosedShadow(page, "settings", "function () { this.querySelector('button[type=submit]').focus(); }");
  await page.keyboard.press("Enter");
}

/**
 * Puts `value` into the settings dialog's field as a person does: typed into a text field, picked in a list by typing
 * its name. The dialog saves only what the reader typed or picked (a page that reaches its fields could write into
 * them), so a script's `.value =` is not saved.
 */
async function enterSetting(page: Page, field: string, value: string): Promise<void> {
  const label = await inClosedShadow<string | null>(
    page,
    "settings",
    "function (id, value) { const field = this.querySelector('#' + id); field.focus(); if (field.localName !== 'select') { field.select(); return null; } return [...field.options].find((o) => o.value === value).textContent; }",
    `gloss-${field}`,
    value,
  );
  // A list picks the option whose name starts with what is typed; its first word is enough here.
  if (typeof label === "string") await page.keyboard.type(label.split(/[\s:]/)[0]!);
  else if (value) await page.keyboard.insertText(value);
  else await page.keyboard.press("Backspace");
  await eventually(async () =>
    expect(
      await inClosedShadow<string>(
        page,
        "settings",
        "function (id) { return this.querySelector('#' + id).value; }",
        `gloss-${field}`,
      ),
    ).toBe(value),
  );
}

describe("userscript", () => {
  it("translates old Reddit with Alt+Shift+G through GM.xmlHttpRequest, and Alt+Shift+G again shows the original", async () => {
    const { page, gm } = await open("/old-reddit-de.html");
    const originalHtml = await bodyHtml(page);
    expect(await gm.menuCommands()).toEqual([
      "Translate page",
      "Show original",
      "Translate what I wrote",
      "Translate what I wrote into…",
      "Translate selection",
      "Bilingual view on/off (this site)",
      "Leave a part untranslated…",
      "Settings",
    ]);

    await page.keyboard.press("Alt+Shift+KeyG");
    await page.waitForFunction(
      () => document.querySelector("p.title a.title")?.textContent === "Why is Deutsche Bahn actually always late?",
    );
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/Translated/));
    expect(await page.locator("#thing_t1_kx01 .tagline .author").first().innerText()).toBe("Weichensteller");
    expect(gm.requests.some((r) => r.url === `${double.url}/v1/chat/completions`)).toBe(true);

    await page.keyboard.press("Alt+Shift+KeyG");
    await page.waitForFunction(() => document.querySelector("p.title a.title")?.textContent?.startsWith("Warum"));
    expect(await bodyHtml(page)).toBe(originalHtml);
  });

  it("on a phone whose manager has no menu (Safari's Userscripts), a tap on its corner button translates, another shows the original", async () => {
    const { page } = await open(
      "/comment-thread-de.html",
      {},
      { manager: { menu: false, scriptHandler: "Userscripts" }, touch: true },
    );
    const originalHtml = await bodyHtml(page);
    /** A real click where the button shows (a tap makes one), in the page's bottom right corner. */
    const tap = async (name: string) => {
      const at = await buttonAt(page, "launch", name);
      const { width, height } = page.viewportSize()!;
      expect(at!.x).toBeGreaterThan(width - 150);
      expect(at!.y).toBeGreaterThan(height - 60);
      await page.mouse.click(at!.x, at!.y);
    };
    await eventually(async () => expect(await closedShadowText(page, "launch")).toBe("Translate"));
    await tap("Translate");
    await page.waitForFunction(() => !document.querySelector("#second")?.textContent?.startsWith("Im Winter"));
    // The status card has the corner while it shows; dismissed, it gives it back to the button, which now offers
    // the original.
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/Translated/));
    expect(await countUi(page, "launch")).toBe(0);
    const close = await buttonAt(page, "status", "Dismiss Gloss status");
    await page.mouse.click(close!.x, close!.y);
    await eventually(async () => expect(await closedShadowText(page, "launch")).toBe("Original"));
    await tap("Original");
    await page.waitForFunction(() => document.querySelector("#second")?.textContent?.startsWith("Im Winter"));
    expect(await bodyHtml(page)).toBe(originalHtml);
  });

  it("sends as many requests at once as the server has slots", async () => {
    const server = await startDouble({ port: 0, slots: 4, genTps: 300 });
    try {
      const { page, gm } = await open("/old-reddit-de.html", { baseUrl: server.url });
      await gm.runMenuCommand("Translate page");
      await page.waitForFunction(
        () => document.querySelector("p.title a.title")?.textContent === "Why is Deutsche Bahn actually always late?",
      );
      await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/Translated/));
      expect(gm.requests.some((r) => r.url === `${server.url}/props`)).toBe(true); // asked through the manager
      expect(server.stats().maxInFlight).toBeGreaterThan(1);
      expect(server.stats().maxInFlight).toBeLessThanOrEqual(4);
    } finally {
      await server.close();
    }
  });

  it("in forced colours (high contrast), the status card keeps an edge and its progress bar shows", async () => {
    const { page, gm } = await open("/news-article-de.html", { maxConcurrent: 1 });
    await page.emulateMedia({ forcedColors: "active" });
    double.hold(); // a server whose slot stays busy: the card shows its progress for as long as the test looks
    try {
      await gm.runMenuCommand("Translate page");
      const look = await eventually(async () => {
        const seen = await inClosedShadow<{ edge: string; fill: string; card: string }>(
          page,
          "status",
          `function () {
            const card = this.querySelector(".card"), bar = this.querySelector(".bar");
            if (!bar || bar.hidden) return undefined;
            const style = getComputedStyle(card);
            return { edge: style.borderTopStyle + " " + style.borderTopColor, card: style.backgroundColor,
              fill: getComputedStyle(bar.firstElementChild).backgroundColor };
          }`,
        );
        expect(seen).toBeDefined();
        return seen!;
      });
      // Backgrounds are all the reader's page colour there: the card needs a line round it, and the progress
      // another colour than the card's.
      expect(look.edge).not.toMatch(/^none/);
      expect(look.edge).not.toMatch(/rgba\(.*, 0\)$/);
      expect(look.fill).not.toBe(look.card);
    } finally {
      double.release();
    }
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/Translated/));
  });

  it("translates new Reddit's shadow-DOM components and restores them", async () => {
    const { page, gm } = await open("/new-reddit-de.html");
    const originalHtml = await bodyHtml(page);
    await gm.runMenuCommand("Translate page");
    await page.waitForFunction(
      () => document.querySelector('h1[slot="title"]')?.textContent === "Which German words do you miss most abroad?",
    );
    await gm.runMenuCommand("Show original");
    await page.waitForFunction(() => document.querySelector('h1[slot="title"]')?.textContent?.startsWith("Welche"));
    expect(await bodyHtml(page)).toBe(originalHtml);
  });

  it("does not take Alt+Shift+G from someone typing in a text field", async () => {
    const { page } = await open("/news-article-de.html");
    await page.locator("#fb-name").click();
    await page.keyboard.press("Alt+Shift+KeyG"); // typing: must not toggle
    expect(await page.locator("#fb-name").inputValue()).toBe("");
    await page.locator("article h1").click();
    await page.keyboard.press("Alt+Shift+KeyG"); // reading: toggles once — so the page ends translated, not toggled back
    await page.waitForFunction(() => document.querySelector("article h1")?.textContent?.startsWith("Heatwave"));
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/Translated/));
  });

  it("takes Alt+Shift+G pressed with the focus in a frame of the page's own site, and translates the page with it", async () => {
    const { page } = await open(`/framed-comments-de.html?frame=${encodeURIComponent("/news-article-de.html")}`);
    const frame = page.frameLocator("#comments");
    await frame.locator("article h1").click();
    // The focus leaving the page's window for the frame's: the userscript follows it in the task after the window's
    // blur (which came with the click), so the page's next task comes after that. A reader's key comes later anyway.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
    await page.keyboard.press("Alt+Shift+KeyG");
    await eventually(async () => expect(await frame.locator("article h1").innerText()).toMatch(/^Heatwave/));
    expect(await page.locator("body > article h1").innerText()).not.toBe("Pendeln mit der Bahn");
  });

  it("ignores an Alt+Shift+G that a page script dispatches; a real one still toggles", async () => {
    const { page } = await open("/news-article-de.html");
    const notCancelled = await page.evaluate(() =>
      document.querySelector("article h1")!.dispatchEvent(
        new KeyboardEvent("keydown", {
          key: "G",
          code: "KeyG",
          altKey: true,
          shiftKey: true,
          bubbles: true,
          cancelable: true,
          composed: true,
        }),
      ),
    );
    expect(notCancelled).toBe(true); // Gloss did not take it (it prevents the default of the keys it takes)
    // Had the synthetic press started a translation, this real one would show the original again.
    await page.locator("article h1").click();
    await page.keyboard.press("Alt+Shift+KeyG");
    await page.waitForFunction(() => document.querySelector("article h1")?.textContent?.startsWith("Heatwave"));
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/Translated/));
  });

  it("does not toggle the page on Alt+Shift+G pressed inside its settings dialog", async () => {
    const { page, gm } = await open("/old-reddit-de.html");
    await gm.runMenuCommand("Settings");
    await eventually(async () =>
      expect(await inClosedShadow(page, "settings", "function () { return this.activeElement?.id; }")).toBe(
        "gloss-baseUrl",
      ),
    );
    await page.keyboard.press("Alt+Shift+KeyG"); // in the dialog's address field: not for the page
    await page.keyboard.press("Escape");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toBeUndefined());
    // Had the press in the dialog started a translation, this one would show the original again.
    await page.keyboard.press("Alt+Shift+KeyG");
    await page.waitForFunction(
      () => document.querySelector("p.title a.title")?.textContent === "Why is Deutsche Bahn actually always late?",
    );
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/Translated/));
  });

  it("shows an unreachable server in its status card, never as an alert, and leaves the page as it was", async () => {
    const { page, pageErrors } = await open("/old-reddit-de.html", { baseUrl: "http://127.0.0.1:9" });
    const originalHtml = await bodyHtml(page);
    let alerted = false;
    page.on("dialog", (dialog) => {
      alerted = true;
      void dialog.dismiss();
    });
    await page.keyboard.press("Alt+Shift+KeyG");
    await eventually(async () =>
      expect(await closedShadowText(page, "status")).toMatch(
        // No address on the page (window.find reads the card), and the fix points at the userscript's own settings.
        // The card offers the retry the menu has; its message (read out alone) comes before its buttons.
        /^Gloss cannot reach your server\. Start llama-server .*, or check the address in Gloss's settings\. × Try again$/,
      ),
    );
    expect(alerted).toBe(false);
    // What a screen reader gets: the message alone, in an alert, in the browser's accessibility tree.
    await eventually(async () =>
      expect(await liveRegions(page)).toEqual([
        {
          role: "alert",
          live: "assertive",
          text: expect.stringMatching(/^Gloss cannot reach your server\. Start llama-server .*settings\.$/),
        },
      ]),
    );
    expect(await bodyHtml(page)).toBe(originalHtml);
    // The manager's promise for each failed request is caught: nothing "Uncaught (in promise)" in the console.
    expect(pageErrors).toEqual([]);

    // Dismissable from the keyboard-reachable close button.
    const close = await buttonAt(page, "status", "×");
    await page.mouse.click(close!.x, close!.y);
    await eventually(async () => expect(await closedShadowText(page, "status")).toBeUndefined());
  });

  it("styles its status card and settings dialog on a page whose CSP forbids inline styles", async () => {
    const { page, gm } = await open(
      "/old-reddit-de.html",
      { baseUrl: "http://127.0.0.1:9" },
      { csp: "style-src 'self'" },
    );
    // The policy is in force: an inline <style> the page adds does nothing.
    const inlineStyleApplied = await page.evaluate(() => {
      const style = document.createElement("style");
      style.textContent = "body { outline: 3px solid red; }";
      document.head.append(style);
      return getComputedStyle(document.body).outlineStyle !== "none";
    });
    expect(inlineStyleApplied).toBe(false);
    const position = (selector: string) =>
      `function () { const el = this.querySelector(${JSON.stringify(selector)}); return el && getComputedStyle(el).position; }`;

    await gm.runMenuCommand("Settings");
    await eventually(async () => expect(await inClosedShadow(page, "settings", position(".backdrop"))).toBe("fixed"));
    await page.keyboard.press("Escape");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toBeUndefined());

    await gm.runMenuCommand("Translate page");
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/cannot reach/));
    expect(await inClosedShadow(page, "status", position(".card"))).toBe("fixed");
  });

  it("opens its settings dialog from the menu, tests the connection and saves valid settings only", async () => {
    const { page, gm } = await open("/old-reddit-de.html");
    await gm.runMenuCommand("Settings");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/Gloss settings/));

    await inClosedShadow(
      page,
      "settings",
      "function () { [...this.querySelectorAll('button')].find((b) => b.textContent === 'Test connection').click(); }",
    );
    await eventually(async () => {
      const text = await closedShadowText(page, "settings");
      expect(text).toMatch(/Connected\./);
      expect(text).toMatch(/gloss-double/);
      expect(text).toMatch(/Slots: 2/);
    });

    // Typing goes into the focused address field; a bad address is refused with a message.
    await inClosedShadow(
      page,
      "settings",
      "function () { const input = this.querySelector('#gloss-baseUrl'); input.focus(); input.select(); }",
    );
    await page.keyboard.type("not a server");
    await pressSave(page);
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/not a web address/));
    expect(JSON.parse((await gm.storage()).settings as string).baseUrl).toBe(double.url);

    await enterSetting(page, "model", "gemma2:2b");
    await enterSetting(page, "baseUrl", double.url);
    await pressSave(page);
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/Saved\./));
    expect(JSON.parse((await gm.storage()).settings as string)).toMatchObject({
      model: "gemma2:2b",
      baseUrl: double.url,
    });

    // Saved again: "Saved." is read out again. The same text put in again is no change to a screen reader, so the
    // region empties first, then says it.
    await inClosedShadow(
      page,
      "settings",
      "function () { const status = this.querySelector('.status'); status.said = []; new MutationObserver(() => status.said.push(status.textContent)).observe(status, { childList: true, characterData: true, subtree: true }); }",
    );
    await pressSave(page);
    await eventually(async () =>
      expect(
        await inClosedShadow(page, "settings", "function () { return this.querySelector('.status').said; }"),
      ).toEqual(["", "Saved."]),
    );

    await page.keyboard.press("Escape");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toBeUndefined());
  });

  it("adds a glossary term in its settings dialog from the keyboard, its fields side by side, and Enter saves it", async () => {
    const glossary = [{ term: "r/de", translation: "", lang: "", site: "" }];
    const { page, gm } = await open("/old-reddit-de.html", { glossary });
    await gm.runMenuCommand("Settings");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/Gloss settings/));
    await focusSettingsButton(page, "Add a term");
    await page.keyboard.press("Enter");
    await page.keyboard.type("Bahn");
    await page.keyboard.press("Tab");
    await page.keyboard.type("Deutsche Bahn");
    // The new row's four fields and its Remove button on one line, inside the dialog: nothing to scroll sideways.
    const layout = await inClosedShadow<{ oneLine: boolean; inside: boolean; sideways: boolean; focused: string }>(
      page,
      "settings",
      `function () {
        const dialog = this.querySelector(".dialog");
        const row = [...this.querySelectorAll("tbody tr")][1];
        const cells = [...row.querySelectorAll("input, select, button")].map((c) => c.getBoundingClientRect());
        const box = dialog.getBoundingClientRect();
        return {
          oneLine: cells.every((c) => c.top < cells[0].bottom && c.bottom > cells[0].top),
          inside: cells.every((c) => c.left >= box.left && c.right <= box.right && c.width > 60),
          sideways: dialog.scrollWidth > dialog.clientWidth,
          focused: this.activeElement?.dataset.field,
        };
      }`,
    );
    expect(layout).toEqual({ oneLine: true, inside: true, sideways: false, focused: "translation" });
    await page.keyboard.press("Enter");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/Saved\./));
    expect(JSON.parse((await gm.storage()).settings as string).glossary).toEqual([
      ...glossary,
      { term: "Bahn", translation: "Deutsche Bahn", lang: "", site: "" },
    ]);
  });

  it("turns hover mode on in its settings dialog; then Alt + pointing translates that paragraph only", async () => {
    const { page, gm } = await open("/news-article-de.html");
    const paragraphs = page.locator("article > p:not([class])");
    const before = await paragraphs.allInnerTexts();
    await gm.runMenuCommand("Settings");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/Gloss settings/));
    await inClosedShadow(page, "settings", "function () { this.querySelector('#gloss-hoverTranslate').focus(); }");
    await page.keyboard.press("Space");
    await pressSave(page);
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/Saved\./));
    expect(JSON.parse((await gm.storage()).settings as string)).toMatchObject({ hoverTranslate: true });
    await page.keyboard.press("Escape");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toBeUndefined());

    const box = (await paragraphs.nth(1).boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 6);
    await page.keyboard.down("Alt");
    await page.mouse.move(box.x + 24, box.y + 7);
    await eventually(async () => expect((await paragraphs.allInnerTexts())[1]).toMatch(/^A heat action plan/));
    await page.keyboard.up("Alt");
    const after = await paragraphs.allInnerTexts();
    expect(after.filter((text, i) => text !== before[i])).toHaveLength(1);
  });
});

describe("userscript translation cache", () => {
  const TITLE = "p.title a.title";
  const TRANSLATED = "Why is Deutsche Bahn actually always late?";

  /** Passages the double was sent since `from` (each successful one is saved). */
  const segmentsSent = (from: number) =>
    double
      .stats()
      .log.filter((r) => r.id > from && r.path.endsWith("/chat/completions"))
      .reduce((sum, r) => sum + (r.segments ?? 0), 0);

  /** The saved translations per site, from the manager's storage. */
  const savedPerSite = (storage: Record<string, unknown>): Record<string, number> => {
    const index = JSON.parse((storage["cache-index"] as string | undefined) ?? "{}") as {
      sites?: Record<string, { entries: number }>;
    };
    return Object.fromEntries(Object.entries(index.sites ?? {}).map(([site, info]) => [site, info.entries]));
  };

  async function translateByKey(page: Page): Promise<void> {
    await page.keyboard.press("Alt+Shift+KeyG");
    await page.waitForFunction(([selector, text]) => document.querySelector(selector)?.textContent === text, [
      TITLE,
      TRANSLATED,
    ] as const);
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/Translated/));
  }

  it("translates a page seen before from the manager's storage with no request at all; another site has its own", async () => {
    const start = double.stats().chatRequests;
    const { page, gm } = await open("/old-reddit-de.html");
    await translateByKey(page);
    const sent = segmentsSent(start);
    expect(sent).toBeGreaterThan(0);
    // Saved a moment after the last translation, per site (127.0.0.1 here), next to the settings.
    await eventually(async () => expect(savedPerSite(await gm.storage())).toEqual({ "127.0.0.1": sent }));
    const stored = await gm.storage();
    expect(Object.keys(stored).sort()).toEqual(["cache-index", "cache:127.0.0.1", "serverFacts", "settings"]);

    // The second visit: a new page load, the manager's storage as it was left.
    const requestsBefore = double.stats().requests;
    await page.reload();
    const again = await injectUserscript(page, userscript, { world: "isolated", storage: stored });
    await translateByKey(page);
    expect(again.requests).toEqual([]);
    expect(double.stats().requests).toBe(requestsBefore);

    // The same page on another site (localhost) is not served from 127.0.0.1's translations.
    const other = await context.newPage();
    await other.goto(`${pages.url.replace("127.0.0.1", "localhost")}/old-reddit-de.html`);
    const elsewhere = await injectUserscript(other, userscript, { world: "isolated", storage: stored });
    await translateByKey(other);
    expect(elsewhere.requests.some((r) => r.url.endsWith("/v1/chat/completions"))).toBe(true);
    await eventually(async () =>
      expect(savedPerSite(await elsewhere.storage())).toEqual({ "127.0.0.1": sent, localhost: sent }),
    );

    // The settings dialog counts them, and forgets them all on the user's own key press.
    await elsewhere.runMenuCommand("Settings");
    await eventually(async () =>
      expect(await closedShadowText(other, "settings")).toContain(`${2 * sent} translated passages saved.`),
    );
    await inClosedShadow(
      other,
      "settings",
      "function () { [...this.querySelectorAll('button')].find((b) => b.textContent === 'Clear saved translations').focus(); }",
    );
    await other.keyboard.press("Enter");
    await eventually(async () => expect(await closedShadowText(other, "settings")).toContain("No translations saved."));
    expect(Object.keys(await elsewhere.storage()).sort()).toEqual(["serverFacts", "settings"]);
    // The keyboard is still in the dialog (on the button, now unavailable), so Escape still closes it.
    expect(await inClosedShadow(other, "settings", "function () { return this.activeElement?.textContent; }")).toBe(
      "Clear saved translations",
    );
    await other.keyboard.press("Escape");
    await eventually(async () => expect(await countUi(other, "settings")).toBe(0));
  });
});

describe("userscript settings dialog and the API key", () => {
  const SECRET = "sk-gloss-e2e-secret";
  let keyed: DoubleHandle;
  beforeAll(async () => {
    keyed = await startDouble({ port: 0, apiKey: SECRET });
  });
  afterAll(() => keyed?.close());

  const stored = async (gm: GmShim) => JSON.parse((await gm.storage()).settings as string) as Record<string, unknown>;
  const submit = pressSave;
  const keyField = (page: Page) =>
    inClosedShadow<string>(page, "settings", "function () { return this.querySelector('#gloss-apiKey').value; }");
  /** Waits for "Saved." after a submit, then clears it so the next save can be awaited the same way. */
  const saved = async (page: Page) => {
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/Saved\./));
    await inClosedShadow(page, "settings", "function () { this.querySelector('.status').textContent = ''; }");
  };

  it("never puts the saved key into the page, keeps it on save, and removes it only when asked", async () => {
    const { page, gm } = await open("/old-reddit-de.html", { baseUrl: keyed.url, apiKey: SECRET });
    await gm.runMenuCommand("Settings");
    await eventually(async () =>
      expect(await closedShadowText(page, "settings")).toMatch(/A key is saved\. Type a new one to replace it\./),
    );
    const text = (await closedShadowText(page, "settings"))!;
    expect(text).toMatch(/Remove key/);
    expect(text).toMatch(/can be seen by that page's scripts/);
    expect(text).toMatch(/storage editor/);
    expect(await keyField(page)).toBe("");
    const anywhere = await inClosedShadow<boolean>(
      page,
      "settings",
      "function (secret) { return this.innerHTML.includes(secret) || [...this.querySelectorAll('input, textarea, select')].some((el) => el.value.includes(secret)); }",
      SECRET,
    );
    expect(anywhere).toBe(false);
    expect(await page.content()).not.toContain(SECRET);

    // Testing the connection with the field empty uses the saved key (the server refuses requests without it).
    // From the keyboard: the button keeps the focus through the test (a disabled one would drop it to the page).
    await inClosedShadow(
      page,
      "settings",
      "function () { [...this.querySelectorAll('button')].find((b) => b.textContent === 'Test connection').focus(); }",
    );
    await page.keyboard.press("Enter");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/Connected\./));
    expect(
      await inClosedShadow<string>(page, "settings", "function () { return this.activeElement?.textContent ?? ''; }"),
    ).toBe("Test connection");
    // The model check ran after it, through the same transport and key.
    expect(await closedShadowText(page, "settings")).toMatch(
      /Model check: good for formatted pages\.[^]*Formatting kept: 4 of 4/,
    );

    // Saving with the field empty keeps the key.
    await enterSetting(page, "model", "m1");
    await submit(page);
    await saved(page);
    expect(await stored(gm)).toMatchObject({ model: "m1", apiKey: SECRET });

    // "Remove key", pressed as a person presses it (a script's click does not mark the key), then Save: the key is gone.
    await focusSettingsButton(page, "Remove key");
    await page.keyboard.press("Enter");
    await eventually(async () =>
      expect(await closedShadowText(page, "settings")).toMatch(/will be removed when you save/),
    );
    await submit(page);
    await saved(page);
    expect(await stored(gm)).toMatchObject({ apiKey: "" });
    expect(await closedShadowText(page, "settings")).not.toMatch(/A key is saved/);

    // A typed key replaces it, and leaves the field once saved.
    await inClosedShadow(page, "settings", "function () { this.querySelector('#gloss-apiKey').focus(); }");
    await page.keyboard.type("sk-new");
    await submit(page);
    await saved(page);
    expect(await stored(gm)).toMatchObject({ apiKey: "sk-new" });
    expect(await keyField(page)).toBe("");
    expect(await closedShadowText(page, "settings")).toMatch(/A key is saved/);
  });

  it("keeps a key set in the manager's storage editor when the dialog saves", async () => {
    const { page, gm } = await open("/old-reddit-de.html", { baseUrl: keyed.url });
    // The script has read its settings (no key); the user then sets the key in the manager's storage editor.
    await gm.runMenuCommand("Settings");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/Gloss settings/));
    expect(await closedShadowText(page, "settings")).not.toMatch(/A key is saved/);
    await page.keyboard.press("Escape");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toBeUndefined());
    await gm.setStorage("settings", JSON.stringify({ ...(await stored(gm)), apiKey: SECRET }));
    await gm.runMenuCommand("Settings");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/A key is saved/));
    await enterSetting(page, "model", "m2");
    await submit(page);
    await saved(page);
    expect(await stored(gm)).toMatchObject({ model: "m2", apiKey: SECRET });
  });
});

describe("userscript settings backup", () => {
  const SECRET = "sk-gloss-e2e-backup";
  const stored = async (gm: GmShim) => JSON.parse((await gm.storage()).settings as string) as Record<string, unknown>;
  /** Presses `label` the way a person does (a script's click does nothing): focused, then Enter. */
  const press = async (page: Page, label: string) => {
    await inClosedShadow(
      page,
      "settings",
      "function (label) { [...this.querySelectorAll('button')].find((b) => b.textContent === label).focus(); }",
      label,
    );
    await page.keyboard.press("Enter");
  };

  it("saves the settings to a file through the dialog, and restores the extension's file through the file chooser", async () => {
    const { page, gm } = await open("/old-reddit-de.html", {
      apiKey: SECRET,
      autoTranslate: ["lemonde.fr"],
      glossary: [{ term: "Bahn", translation: "Deutsche Bahn", lang: "", site: "" }],
    });
    await gm.setStorage("writingLanguages", { "reddit.com/r/de": { lang: "de", at: 1 } });
    await gm.runMenuCommand("Settings");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/Back up settings/));

    // Save to a file…: the browser downloads it; the key is not in it.
    const download = page.waitForEvent("download");
    await press(page, "Save to a file…");
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^gloss-settings-\d{4}-\d{2}-\d{2}\.json$/);
    const text = readFileSync((await saved.path())!, "utf8");
    expect(text).not.toContain(SECRET);
    const file = JSON.parse(text);
    expect(file).toMatchObject({
      format: "gloss-settings",
      settings: { baseUrl: double.url, autoTranslate: ["lemonde.fr"], glossary: [{ term: "Bahn" }] },
      writingLanguages: { "reddit.com/r/de": "de" },
    });
    await eventually(async () =>
      expect(await closedShadowText(page, "settings")).toMatch(
        /Downloading gloss-settings-[\d-]+\.json: 20 settings, 1 site, 1 glossary term, 1 reply language\. Your API key is not in it\./,
      ),
    );

    // Restore from a file…: the browser's file chooser, with a file the extension saved (the same server).
    const chooser = page.waitForEvent("filechooser");
    await press(page, "Restore from a file…");
    // A file on disk, as a person picks one: the browser then says the input changed (Playwright hands a buffer in
    // with a change event of its own making, which the dialog rightly ignores).
    const picked = join(profile, "from-the-extension.json");
    writeFileSync(picked, extensionBackupText(double.url));
    await (await chooser).setFiles(picked);
    await eventually(async () =>
      expect(await closedShadowText(page, "settings")).toMatch(
        /Restored settings from from-the-extension\.json: 20 settings, 1 site, 0 glossary terms, 1 reply language\./,
      ),
    );
    expect(await stored(gm)).toMatchObject({
      autoTranslate: ["reddit.com/r/de"],
      glossary: [],
      displayMode: "bilingual",
      apiKey: SECRET, // the same server: the key stays
    });
    expect(Object.keys((await gm.storage()).writingLanguages as object).sort()).toEqual([
      "reddit.com/r/de",
      "reddit.com/r/france",
    ]);
    // The status is read out, and the form shows the restored settings.
    expect(
      await inClosedShadow(
        page,
        "settings",
        "function () { return this.querySelector('.backup-status').getAttribute('role'); }",
      ),
    ).toBe("status");
    expect(
      await inClosedShadow(
        page,
        "settings",
        "function () { return this.querySelector('#gloss-autoTranslate').value; }",
      ),
    ).toBe("reddit.com/r/de");

    // In effect: the page translates into the bilingual view the file chose.
    await page.keyboard.press("Escape");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toBeUndefined());
    await gm.runMenuCommand("Translate page");
    await page.locator(`p.title ${COPY}`).first().waitFor();
    expect(await page.locator(`p.title ${COPY}`).first().innerText()).toBe(
      "Why is Deutsche Bahn actually always late?",
    );
  });
});

describe("userscript in-page UI from the keyboard", () => {
  /** The focused control in the dialog, by id or text; undefined when focus is not in the dialog. */
  const focusedInDialog = async (page: Page) => {
    return inClosedShadow<string>(
      page,
      "settings",
      "function () { const el = this.activeElement; return el ? el.id || el.textContent : undefined; }",
    );
  };
  const dialogOpen = async (page: Page) =>
    eventually(async () => expect(await focusedInDialog(page)).toBe("gloss-baseUrl"));

  it("keeps Tab and Shift+Tab inside the settings dialog, and closes it from its Close button", async () => {
    const { page, gm } = await open("/old-reddit-de.html");
    await page.locator("p.title a.title").first().focus();
    await gm.runMenuCommand("Settings");
    await dialogOpen(page);

    await page.keyboard.press("Shift+Tab");
    expect(await focusedInDialog(page)).toBe("gloss-preset"); // the first control
    await page.keyboard.press("Shift+Tab");
    expect(await focusedInDialog(page)).toBe("Save"); // wraps round to the last
    await page.keyboard.press("Tab");
    expect(await focusedInDialog(page)).toBe("gloss-preset");

    const seen: Array<string | undefined> = [];
    for (let i = 0; i < 16 && seen.at(-1) !== "Close"; i++) {
      await page.keyboard.press("Tab");
      seen.push(await focusedInDialog(page));
    }
    expect(seen).not.toContain(undefined); // focus never left the dialog
    expect(seen.at(-1)).toBe("Close");
    await page.keyboard.press("Enter");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toBeUndefined());
    // Focus goes back where it was.
    expect(await page.evaluate(() => document.activeElement?.matches("p.title a.title"))).toBe(true);
  });

  it("focuses the open settings dialog instead of opening a second one", async () => {
    const { page, gm } = await open("/old-reddit-de.html");
    await gm.runMenuCommand("Settings");
    await gm.runMenuCommand("Settings"); // before the first has even appeared
    await dialogOpen(page);
    await page.keyboard.press("Tab");
    expect(await focusedInDialog(page)).toBe("gloss-apiKey");
    await inClosedShadow(page, "settings", "function () { this.activeElement.blur(); }");
    expect(await focusedInDialog(page)).toBeUndefined();

    await gm.runMenuCommand("Settings");
    expect(await focusedInDialog(page)).toBe("gloss-apiKey"); // where the user was
    expect(await countUi(page, "settings")).toBe(1);
    await page.keyboard.press("Escape");
    await eventually(async () => expect(await countUi(page, "settings")).toBe(0));
  });

  it("lets the keyboard reach the status card's close button, and Escape dismisses the card", async () => {
    const { page } = await open("/old-reddit-de.html", { baseUrl: "http://127.0.0.1:9" });
    await page.keyboard.press("Alt+Shift+KeyG");
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/cannot reach/));
    // The card is the last thing on the page: Shift+Tab from the top of the page reaches it, its retry first.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press("Shift+Tab");
    expect(await inClosedShadow(page, "status", "function () { return this.activeElement?.textContent; }")).toBe(
      "Try again",
    );
    await page.keyboard.press("Shift+Tab");
    expect(
      await inClosedShadow(page, "status", "function () { return this.activeElement?.getAttribute('aria-label'); }"),
    ).toBe("Dismiss Gloss status");
    await page.keyboard.press("Escape");
    await eventually(async () => expect(await closedShadowText(page, "status")).toBeUndefined());
  });

  it("hands the keyboard focus back where it came from when the status card goes, not to the page's <body>", async () => {
    const { page } = await open("/old-reddit-de.html", { baseUrl: "http://127.0.0.1:9" });
    await page.keyboard.press("Alt+Shift+KeyG");
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/cannot reach/));
    // From the page's last link, Tab goes on into the card (the last thing on the page), to its × first.
    await page.evaluate(() => {
      const links = document.querySelectorAll<HTMLAnchorElement>("a[href]");
      const last = links[links.length - 1]!;
      last.dataset.last = "";
      last.focus();
    });
    await page.keyboard.press("Tab");
    expect(
      await inClosedShadow(page, "status", "function () { return this.activeElement?.getAttribute('aria-label'); }"),
    ).toBe("Dismiss Gloss status");
    await page.keyboard.press("Escape");
    await eventually(async () => expect(await closedShadowText(page, "status")).toBeUndefined());
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-last"))).toBe(true);
  });
});

describe("reply boxes", () => {
  /** Every word is in the double's English → German list, so the reply reads as German to a language detector. */
  const ENGLISH = "I think the train is always late, but the people here are very nice.";

  beforeEach(() => {
    double.reset();
    double.setFault(null);
  });
  afterEach(() => double.setFault(null));

  async function typeInto(page: Page, selector: string, text: string): Promise<void> {
    await page.locator(selector).click();
    await page.keyboard.insertText(text);
  }

  const cardSays = (page: Page, pattern: RegExp) =>
    eventually(async () => expect(await closedShadowText(page, "writing")).toMatch(pattern));

  const lastPrompt = () =>
    double
      .stats()
      .log.filter((record) => record.messages?.length)
      .at(-1)!
      .messages!.map((message) => message.content)
      .join("\n");

  it("lists the reply-box commands in the manager's menu; the menu command translates a textarea, Ctrl+Z undoes it", async () => {
    const { page, gm } = await open("/reply-boxes-de.html");
    expect(await gm.menuCommands()).toEqual(
      expect.arrayContaining(["Translate what I wrote", "Translate what I wrote into…"]),
    );
    await typeInto(page, "#plain", ENGLISH);

    await gm.runMenuCommand("Translate what I wrote");
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>("#plain")!.value.includes("Zug"));
    expect(await page.locator("#plain").inputValue()).toMatch(/^Ich denke der Zug ist immer spät/);
    await cardSays(page, /^Translated into German\. Read it before you post\./);
    expect(
      await page.evaluate(() => (window as unknown as { inputs: Array<{ id: string; type: string }> }).inputs),
    ).toContainEqual({ id: "plain", type: "insertText" });

    await page.keyboard.press("Control+z");
    await page.waitForFunction(
      (text) => document.querySelector<HTMLTextAreaElement>("#plain")!.value === text,
      ENGLISH,
    );
    expect(await page.evaluate(() => (window as unknown as { submits: number }).submits)).toBe(0);
  });

  it("Alt+Shift+M translates new Reddit's composer in its shadow root, with the thread's context and the glossary", async () => {
    const { page } = await open("/new-reddit-reply-de.html", {
      glossary: [{ term: "train", translation: "Deutsche Bahn", lang: "de", site: "" }],
      customInstructions: "Write informally.",
    });
    await typeInto(page, "shreddit-composer .editor", ENGLISH);

    await page.keyboard.press("Alt+Shift+M");
    await page.waitForFunction(() =>
      (document.querySelector("shreddit-composer") as HTMLElement & { value: string }).value.includes("Deutsche Bahn"),
    );
    const composer = await page.evaluate(() => {
      const el = document.querySelector("shreddit-composer") as HTMLElement & { value: string; inputs: string[] };
      return { value: el.value, inputs: el.inputs };
    });
    expect(composer.value).toMatch(/^Ich denke der Deutsche Bahn ist immer spät/);
    expect(composer.inputs).toContain("insertText");
    const prompt = lastPrompt();
    expect(prompt).toContain(`${CONTEXT_HEADING}\nSubreddit: r/de\nPost title: Bahn-Frust am Montagmorgen`);
    expect(prompt).toMatch(/"train"[^\n]*"Deutsche Bahn"/);
    expect(prompt).toContain("Write informally.");

    await page.keyboard.press("Control+z");
    await page.waitForFunction(
      (text) => (document.querySelector("shreddit-composer") as HTMLElement & { value: string }).value === text,
      ENGLISH,
    );
  });

  it("a refusing model leaves the text as it was and says so", async () => {
    double.setFault("refusal");
    const { page } = await open("/reply-boxes-de.html");
    await typeInto(page, "#rich", ENGLISH);
    await page.keyboard.press("Alt+Shift+M");
    await cardSays(page, /^The model refused to translate this text\. Your text is unchanged\./);
    expect((await page.locator("#rich").innerText()).trim()).toBe(ENGLISH);
  });

  it("a page's synthetic Alt+Shift+M does nothing", async () => {
    const { page } = await open("/reply-boxes-de.html");
    await typeInto(page, "#plain", ENGLISH);
    await page.evaluate(() => {
      const init = { key: "M", code: "KeyM", altKey: true, shiftKey: true, bubbles: true, composed: true };
      document.querySelector("#plain")!.dispatchEvent(new KeyboardEvent("keydown", init));
    });
    // A real press afterwards is the first translation: the synthetic one started none.
    await page.keyboard.press("Alt+Shift+M");
    await page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>("#plain")!.value.includes("Zug"));
    expect(double.stats().chatRequests).toBe(1);
  });
});

describe("userscript: ways to read", () => {
  const chats = (gm: GmShim) => gm.requests.filter((r) => r.url.endsWith("/v1/chat/completions")).length;

  it("shows the bilingual view from its settings, switches from its menu without a request, restores exactly", async () => {
    const { page, gm } = await open("/old-reddit-de.html", { displayMode: "bilingual", bilingualStyle: "underline" });
    const originalHtml = await bodyHtml(page);
    await gm.runMenuCommand("Translate page");
    await page.locator(`p.title ${COPY}`).waitFor();
    expect(await page.locator(`p.title ${COPY}`).innerText()).toBe("Why is Deutsche Bahn actually always late?");
    // In the look chosen in its settings.
    expect(await page.locator(`p.title ${COPY}`).evaluate((el) => getComputedStyle(el).textDecorationStyle)).toBe(
      "dashed",
    );
    expect(await page.locator("p.title a.title").first().innerText()).toMatch(/^Warum ist die Deutsche Bahn/);
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/Translated/));
    const requests = chats(gm);

    await gm.runMenuCommand("Bilingual view on/off (this site)");
    await page.waitForFunction((s) => document.querySelectorAll(s).length === 0, COPY);
    expect(await page.locator("p.title a.title").innerText()).toBe("Why is Deutsche Bahn actually always late?");
    expect(chats(gm)).toBe(requests);
    const stored = JSON.parse((await gm.storage()).settings as string) as { siteDisplayModes: object };
    expect(stored.siteDisplayModes).toEqual({ "127.0.0.1": "replace" });

    await gm.runMenuCommand("Show original");
    expect(await bodyHtml(page)).toBe(originalHtml);
  });

  /** Translates the article in the bilingual view (quiet) and watches its title's copy: which node, what changes. */
  async function watchedCopy(options: { group?: StorageGroup } = {}) {
    const tab = await open("/news-article-de.html", { displayMode: "bilingual", bilingualStyle: "quiet" }, options);
    await tab.gm.runMenuCommand("Translate page");
    const copy = tab.page.locator(`article h1 ${COPY}`);
    await copy.waitFor();
    await eventually(async () => expect(await closedShadowText(tab.page, "status")).toMatch(/Translated/));
    const background = () => copy.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(await background()).toBe("rgba(0, 0, 0, 0)");
    await copy.evaluate((el) => {
      const world = window as unknown as { glossMarked: Element; glossChanges: number };
      world.glossMarked = el;
      world.glossChanges = 0;
      new MutationObserver((records) => {
        world.glossChanges += records.length;
        // The article only: the settings dialog and status card come and go elsewhere.
      }).observe(document.querySelector("article")!, { subtree: true, childList: true, characterData: true });
    });
    const sameAndUnchanged = () =>
      copy.evaluate((el) => {
        const world = window as unknown as { glossMarked: Element; glossChanges: number };
        return { same: el === world.glossMarked, changes: world.glossChanges };
      });
    return { ...tab, background, sameAndUnchanged };
  }

  /** Sets one field of the settings dialog on `page` and saves it the way a person does. */
  async function saveSetting(page: Page, gm: GmShim, field: string, value: string): Promise<void> {
    await page.bringToFront();
    await gm.runMenuCommand("Settings");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/Gloss settings/));
    await enterSetting(page, field, value);
    await pressSave(page);
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/Saved\./));
  }

  it("a look saved in its settings restyles the copies shown at once: same node, no request, no redraw", async () => {
    const { page, gm, background, sameAndUnchanged } = await watchedCopy();
    const requests = chats(gm);

    await saveSetting(page, gm, "bilingualStyle", "highlight");

    expect(await background()).toBe("rgba(255, 204, 0, 0.2)");
    expect(await sameAndUnchanged()).toEqual({ same: true, changes: 0 });
    expect(chats(gm)).toBe(requests);
  });

  it("a look saved in another tab's settings restyles this tab's copies at once: same node, no request", async () => {
    const group = storageGroup();
    const reader = await watchedCopy({ group });
    const requests = chats(reader.gm);

    // Another tab of the same manager (Tampermonkey, Violentmonkey), showing the original, saves a new look.
    const other = await open("/news-article-de.html", { displayMode: "bilingual", bilingualStyle: "quiet" }, { group });
    await saveSetting(other.page, other.gm, "bilingualStyle", "highlight");

    await eventually(async () => expect(await reader.background()).toBe("rgba(255, 204, 0, 0.2)"));
    expect(await reader.sameAndUnchanged()).toEqual({ same: true, changes: 0 });
    expect(chats(reader.gm)).toBe(requests);
    expect(chats(other.gm)).toBe(0);
  });

  it("a new target language saved in another tab does not retranslate this one", async () => {
    const group = storageGroup();
    const reader = await watchedCopy({ group });
    const shown = await bodyHtml(reader.page);
    const requests = chats(reader.gm);

    const other = await open("/news-article-de.html", {}, { group });
    await saveSetting(other.page, other.gm, "targetLang", "fr");
    const stored = JSON.parse((await reader.gm.storage()).settings as string) as { targetLang: string };
    expect(stored.targetLang).toBe("fr");

    await new Promise((done) => setTimeout(done, 300));
    expect(await bodyHtml(reader.page)).toBe(shown);
    expect(await reader.sameAndUnchanged()).toEqual({ same: true, changes: 0 });
    expect(chats(reader.gm)).toBe(requests);
  });

  it("translates into Arabic right to left, its bilingual copies too (line on the right), and restores exactly", async () => {
    const { page, gm } = await open("/news-article-de.html", { targetLang: "ar" });
    // Lines standing loose in a block beside a paragraph, as in a forum post: no element of their own to turn.
    await page.evaluate(() => {
      const post = document.createElement("div");
      post.id = "loose";
      post.innerHTML = "Möchtest du mitmachen?<br>Hallo Welt!<p>Danke</p>";
      document.querySelector("article")!.append(post);
    });
    const originalHtml = await bodyHtml(page);
    const style = (selector: string) =>
      page.evaluate((s) => {
        const { direction, borderLeftWidth, borderRightWidth } = getComputedStyle(document.querySelector(s)!);
        return { direction, borderLeftWidth, borderRightWidth };
      }, selector);
    await gm.runMenuCommand("Translate page");
    await page.waitForFunction(() => document.querySelector("article h1")?.getAttribute("lang") === "ar");
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/Translated/));
    expect((await style("article h1")).direction).toBe("rtl");
    // Only what Gloss translated turns: the article around it keeps the page's direction.
    expect((await style("article")).direction).toBe("ltr");
    // A list item's bullet stays in the list, at the item's start (the right) before its words: left outside, it
    // would hang past the list's right edge, its padding on the left.
    const bullet = await page.evaluate(() => {
      const li = document.querySelector("article li")!;
      const words = document.createRange();
      words.selectNodeContents(li);
      return Math.round(li.getBoundingClientRect().right - words.getBoundingClientRect().right);
    });
    expect(bullet).toBeGreaterThan(4);
    // Each loose line reads right to left: its end punctuation at its left end, before its first word.
    const punctuationFirst = await page.evaluate(() =>
      [...document.querySelector("#loose")!.childNodes]
        .filter((n): n is Text => n.nodeType === 3 && /\p{L}/u.test((n as Text).data))
        .map((text) => {
          const left = (i: number) => {
            const range = document.createRange();
            range.setStart(text, i);
            range.setEnd(text, i + 1);
            return range.getBoundingClientRect().left;
          };
          return left(text.data.search(/[?!]/)) < left(text.data.search(/\p{L}/u));
        }),
    );
    expect(punctuationFirst).toEqual([true, true]);

    await gm.runMenuCommand("Bilingual view on/off (this site)");
    await page.locator(`article h1 ${COPY}`).waitFor();
    expect(await style(`article h1 ${COPY}`)).toEqual({
      direction: "rtl",
      borderLeftWidth: "0px",
      borderRightWidth: "2px",
    });
    expect((await style("article h1")).direction).toBe("ltr");

    await gm.runMenuCommand("Show original");
    expect(await bodyHtml(page)).toBe(originalHtml);
  });

  it("in a page that runs right to left by CSS alone (no dir), translated into English runs left to right, and restores exactly", async () => {
    // German text, which the double translates; the direction comes only from the page's CSS: the heading inherits
    // it from <html>, the post's own rule sets it (and would beat a dir attribute on the post). Text is aligned
    // `right` for the whole page, as its start.
    const path = "/rtl-by-css.html";
    const html =
      `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Forum</title><style>` +
      `html { direction: rtl } body { text-align: right } .quote { direction: ltr } .quote .post { direction: rtl }` +
      `</style></head><body>` +
      `<h1>Hallo Welt!</h1><div class="quote"><div class="post">` +
      `Das Wetter ist heute schön, also gehen wir am Nachmittag in den Park.</div></div></body></html>`;
    await context.route(`${pages.url}${path}`, (route) => route.fulfill({ contentType: "text/html", body: html }));
    try {
      const { page, gm } = await open(path);
      const originalHtml = await bodyHtml(page);
      const direction = (selector: string) =>
        page.evaluate((s) => getComputedStyle(document.querySelector(s)!).direction, selector);
      expect([await direction("h1"), await direction(".post")]).toEqual(["rtl", "rtl"]);

      await gm.runMenuCommand("Translate page");
      await page.waitForFunction(() => document.querySelector(".post")?.getAttribute("lang") === "en");
      await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/Translated/));
      expect(await page.locator("h1").innerText()).toBe("Hello world!");
      expect([await direction("h1"), await direction(".post")]).toEqual(["ltr", "ltr"]);
      // And is aligned at its own start, the left.
      const align = (selector: string) =>
        page.evaluate((s) => getComputedStyle(document.querySelector(s)!).textAlign, selector);
      expect([await align("h1"), await align(".post")]).toEqual(["start", "start"]);
      // Only what Gloss translated turns.
      expect([await direction("html"), await direction("body")]).toEqual(["rtl", "rtl"]);

      await gm.runMenuCommand("Show original");
      expect(await bodyHtml(page)).toBe(originalHtml);
      expect(await page.evaluate(() => document.querySelectorAll("[dir], [style]").length)).toBe(0);
      expect([await direction("h1"), await direction(".post")]).toEqual(["rtl", "rtl"]);
      expect([await align("h1"), await align(".post")]).toEqual(["right", "right"]);
    } finally {
      await context.unroute(`${pages.url}${path}`);
    }
  });

  it("translates the selected passage from its menu, nothing else", async () => {
    const { page, gm } = await open("/news-article-de.html");
    const lead = await page.locator("article p").nth(1).innerText();
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelector("article h1")!);
      getSelection()!.addRange(range);
    });
    await gm.runMenuCommand("Translate selection");
    await page.waitForFunction(() => /^Heatwave summer/.test(document.querySelector("article h1")!.textContent ?? ""));
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/Translated/));
    expect(await page.locator("article p").nth(1).innerText()).toBe(lead);
  });

  it("a look-up into a right-to-left language: its lines in the card start at the right", async () => {
    const { page, gm } = await open("/news-article-de.html", { targetLang: "ar" });
    await page.evaluate(() => {
      // A long phrase of a paragraph: its translation wraps in the card.
      const paragraph = [...document.querySelectorAll("article p")].find((p) =>
        p.textContent!.includes("Thermometer"),
      )!;
      const text = paragraph.firstChild as Text;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, text.data.lastIndexOf(" ", 220));
      getSelection()!.addRange(range);
    });
    await gm.runMenuCommand("Translate selection");
    const lines = await eventually(async () => {
      const seen = await inClosedShadow<{ dir: string; box: number[]; lines: number[][] }>(
        page,
        "lookup",
        `function () {
          const translation = this.querySelector(".translation");
          if (translation.hidden) return undefined;
          const range = document.createRange();
          range.selectNodeContents(translation);
          const box = translation.getBoundingClientRect();
          const tops = new Map();
          for (const r of range.getClientRects()) {
            const line = tops.get(Math.round(r.top)) ?? [Infinity, -Infinity];
            tops.set(Math.round(r.top), [Math.min(line[0], r.left), Math.max(line[1], r.right)]);
          }
          return { dir: translation.dir, box: [box.left, box.right], lines: [...tops.values()] };
        }`,
      );
      expect(seen?.lines.length).toBeGreaterThan(1);
      return seen!;
    });
    expect(lines.dir).toBe("rtl");
    // Every line, the short last one too, ends flush with the right edge, where right-to-left lines start.
    const right = lines.box[1]!;
    for (const [, end] of lines.lines) expect(Math.abs(end! - right)).toBeLessThan(2);
  });

  it("translates a selected phrase in a card, the page unchanged; the card's Translate the paragraph, in place", async () => {
    const { page, gm } = await open("/news-article-de.html");
    const original = await bodyHtml(page);
    await page.evaluate(() => {
      const paragraph = [...document.querySelectorAll("article p")].find((p) =>
        p.textContent!.includes("Thermometer"),
      )!;
      const text = paragraph.firstChild as Text;
      const at = text.data.indexOf("Notaufnahmen der Krankenhäuser");
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + "Notaufnahmen der Krankenhäuser".length);
      getSelection()!.addRange(range);
    });
    await gm.runMenuCommand("Translate selection");
    await eventually(async () =>
      expect(await closedShadowText(page, "lookup")).toBe(
        "Notaufnahmen der Krankenhäuser × hospital emergency rooms Translate the paragraph Copy",
      ),
    );
    expect(await bodyHtml(page)).toBe(original);
    const paragraph = await buttonAt(page, "lookup", "Translate the paragraph");
    await page.mouse.click(paragraph!.x, paragraph!.y);
    await page.waitForFunction(() =>
      [...document.querySelectorAll("article p")].some((p) => p.textContent!.startsWith("When the thermometer")),
    );
    expect(await page.locator("article h1").innerText()).toMatch(/^Hitzesommer/);
    await gm.runMenuCommand("Show original");
    expect(await bodyHtml(page)).toBe(original);
  });
});
