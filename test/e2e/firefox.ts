// The built Firefox extension (dist/firefox) in Debian's Firefox ESR, driven over WebDriver BiDi by puppeteer-core.
// BiDi refuses to navigate a tab to moz-extension://, so the tests install a copy of the build whose manifest also
// lists the popup as web-accessible to 127.0.0.1, pin the extension's UUID, and let a fixture page open the popup as
// a tab. Everything else is the shipped build.
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import type { TabState } from "../../src/shared/messages";
import type { Settings } from "../../src/shared/settings";
import type { DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { lockAfterFirstAnswer } from "../helpers/lock-after-first";

const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
const DIST = resolve(__dirname, "../../dist/firefox");
const EXTENSION_ID = "gloss@gloss-translate.org";
export const UUID = "6a0c2f4e-3b1d-4e8a-9c5f-7d2e1b0a9f31";

export interface FirefoxWithExtension {
  browser: Browser;
  close(): Promise<void>;
}

/**
 * A profile Firefox has already started once, shared by every launch on this machine (per Firefox build). A fresh
 * profile costs each launch about 2 s more (Firefox builds its caches and registries on first start) and its close
 * another 0.4 s; each launch gets its own copy, so no state passes from one test file to the next.
 */
async function startedProfile(): Promise<string> {
  const build = statSync(FIREFOX);
  const dir = join(tmpdir(), `gloss-firefox-profile-${build.size}-${Math.round(build.mtimeMs)}`);
  if (existsSync(join(dir, "times.json"))) return dir;
  const making = mkdtempSync(join(tmpdir(), "gloss-firefox-profile-making-"));
  try {
    const browser = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, userDataDir: making });
    await browser.close();
  } catch (error) {
    // Not left half made: the next launch makes it again.
    rmSync(making, { recursive: true, force: true });
    throw error;
  }
  // Another process may have made it meanwhile; either copy is as good.
  try {
    renameSync(making, dir);
  } catch {
    rmSync(making, { recursive: true, force: true });
  }
  // One made for an earlier Firefox build is of no more use.
  for (const name of readdirSync(tmpdir())) {
    const other = join(tmpdir(), name);
    if (/^gloss-firefox-profile-\d+-\d+$/.test(name) && other !== dir) rmSync(other, { recursive: true, force: true });
  }
  return dir;
}

/** Firefox ESR over WebDriver BiDi, with no extension (see launchFirefoxWithExtension). */
export async function launchFirefox(
  options: { headless?: boolean; env?: Record<string, string>; prefs?: Record<string, string | number | boolean> } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "gloss-firefox-run-"));
  // Not its lock (no Firefox has the copy open) nor the last session and its cache (the copy starts clean).
  const skip = /(^|\/)(lock|\.parentlock|sessionstore[^/]*|cache2)$/;
  cpSync(await startedProfile(), profile, { recursive: true, filter: (from) => !skip.test(from) });
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    userDataDir: profile,
    headless: options.headless ?? true,
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    // Firefox's own tab switcher timing (browser.tabs.remote.unloadDelayMs, 300 ms), not a slower one: a new tab
    // opened over WebDriver BiDi waits until the tab it covers is hidden, which that delay decides; at 2 s the
    // Firefox files took 225 s instead of 194 s for the same CPU (all 13, two at a time).
    extraPrefsFirefox: options.prefs,
  });
  // Puppeteer removes only profiles it made itself.
  browser.process()?.once("exit", () => rmSync(profile, { recursive: true, force: true }));
  return browser;
}

export async function launchFirefoxWithExtension(
  options: {
    headless?: boolean;
    env?: Record<string, string>;
    /** Changes to the copy's manifest beyond the web-accessible popup. */
    editManifest?: (manifest: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
    /** Firefox preferences beyond the pinned extension UUID. */
    prefs?: Record<string, string | number | boolean>;
  } = {},
): Promise<FirefoxWithExtension> {
  const copy = mkdtempSync(join(tmpdir(), "gloss-firefox-"));
  cpSync(DIST, copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, "manifest.json"), "utf8")) as Record<string, unknown>;
  manifest.web_accessible_resources = [{ resources: ["popup.html"], matches: ["http://127.0.0.1/*"] }];
  options.editManifest?.(manifest);
  writeFileSync(join(copy, "manifest.json"), JSON.stringify(manifest));
  const browser = await launchFirefox({
    ...options,
    prefs: { ...options.prefs, "extensions.webextensions.uuids": JSON.stringify({ [EXTENSION_ID]: UUID }) },
  });
  expect(await browser.installExtension(copy)).toBe(EXTENSION_ID);
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

/**
 * The tab showing one of the extension's pages (`path`, e.g. "/options.html#welcome"), not among `except`. Puppeteer
 * reports such tabs as about:blank over BiDi, so each tab is asked where it is.
 */
export function extensionPage(browser: Browser, path: string, except = new Set<Page>()): Promise<Page> {
  const wanted = `moz-extension://${UUID}${path}`;
  return eventually(async () => {
    for (const candidate of await browser.pages()) {
      if (except.has(candidate)) continue;
      const href = await candidate.evaluate(() => location.href).catch(() => "");
      if (href.startsWith(wanted)) return candidate;
    }
    throw new Error(`no tab shows ${wanted}`);
  });
}

/**
 * The polling for `waitForFunction` on a page (or a frame of one) in a tab behind another: the popup's, which
 * `openPopupFor` opens over it, or a helper's. Puppeteer's default polls on animation frames, which Firefox runs in a
 * hidden tab at intervals that double (0.6, 1, 2, 4 s measured), so such a wait notices later each time until it
 * times out; an interval runs there too, at worst once a second.
 */
export const HIDDEN_TAB_POLLING = { polling: 100 } as const;

/** The extension's API inside one of its pages (Firefox's own `browser`, typed here as chrome's). */
type PageGlobals = { browser?: typeof chrome };

/**
 * Opens the popup as a tab from `page`, stores `settings`, and points the popup at `page`'s tab (as the toolbar
 * popup would be).
 */
export async function openPopupFor(browser: Browser, page: Page, settings: Partial<Settings>): Promise<Page> {
  const before = new Set(await browser.pages());
  await page.evaluate((url) => void window.open(url), `moz-extension://${UUID}/popup.html`);
  const popup = await extensionPage(browser, "/popup.html", before);
  await popup.waitForFunction(() => !!(globalThis as PageGlobals).browser?.tabs);
  const tabId = await popup.evaluate(
    async (url, patch) => {
      const ext = (globalThis as PageGlobals).browser!;
      await ext.storage.local.set({ settings: { schemaVersion: 1, ...patch } });
      const tabs = await ext.tabs.query({});
      return tabs.find((tab) => tab.url === url)?.id ?? -1;
    },
    page.url(),
    settings,
  );
  expect(tabId).toBeGreaterThan(0);
  await popup.evaluate((id) => void (location.search = `?tab=${id}`), tabId);
  await popup.waitForFunction(() => /tab=\d+/.test(location.search) && document.readyState === "complete");
  return popup;
}

export interface FirefoxCard {
  /** The card's computed direction. */
  direction: string;
  text: string;
  /** The `lang` and `dir` of the card's element matching `part`, when asked for and shown. */
  part?: { text: string; lang: string; dir: string };
}

/**
 * Gloss's in-page card matching `selector` in `page`, read through an extension page (`helper`) in the extension's
 * content-script world, where Firefox opens closed shadow roots (`openOrClosedShadowRoot`); null when none shows.
 */
export function firefoxCard(helper: Page, page: Page, selector: string, part?: string): Promise<FirefoxCard | null> {
  return helper.evaluate(
    async (url, cardSelector, partSelector) => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      const tab = (await ext.tabs.query({})).find((t) => t.url === url)!;
      const [frame] = await ext.scripting.executeScript({
        target: { tabId: tab.id! },
        args: [cardSelector, partSelector ?? null],
        func: (cardIs: string, partIs: string | null) => {
          type Host = Element & { openOrClosedShadowRoot?: ShadowRoot | null };
          for (const host of Array.from(document.documentElement.children) as Host[]) {
            const card = host.openOrClosedShadowRoot?.querySelector<HTMLElement>(cardIs);
            if (!card) continue;
            const inner = partIs ? card.querySelector<HTMLElement>(partIs) : null;
            const found = { direction: getComputedStyle(card).direction, text: card.textContent ?? "" };
            return inner
              ? { ...found, part: { text: inner.textContent ?? "", lang: inner.lang, dir: inner.dir } }
              : found;
          }
          return null;
        },
      });
      return (frame?.result ?? null) as FirefoxCard | null;
    },
    page.url(),
    selector,
    part,
  );
}

/**
 * The popup opened afresh, as the toolbar button opens it (a toolbar popup closes when the reader clicks the page,
 * and the driver cannot reload an extension page itself).
 */
export async function reopenPopup(popup: Page): Promise<void> {
  await popup.evaluate(() => void (document.title = "old"));
  await popup.evaluate(() => location.reload());
  // Asked afresh each time, of the document shown then: a wait begun in the old document could miss the new one
  // (seen once in a CI run, 30 s with the reloaded popup never seen).
  const reloaded = () =>
    Promise.race([
      popup.evaluate(() => document.title !== "old" && document.readyState === "complete"),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no answer from the popup")), 2000)),
    ]);
  await eventually(async () => {
    if (!(await reloaded())) throw new Error("the popup has not reloaded yet");
  }, 30_000);
}

/**
 * Clicks what a reader clicks: the element whose visible text is `text` (a button, or a checkbox's label). The popup's
 * tab is brought to the front first, as a reader sees the popup they click in: after a click on the page (clickInCard)
 * it is a tab behind, where Firefox runs the animation frames and intersection checks Puppeteer's click waits on once
 * a second or less often (a click there took 30 s).
 */
export async function click(popup: Page, element: "button" | "label", text: string): Promise<void> {
  await popup.bringToFront();
  const target = await popup.waitForSelector(`xpath/.//${element}[contains(normalize-space(), "${text}")]`);
  await target!.click();
}

export const statusText = (popup: Page) => popup.evaluate(() => document.getElementById("status-text")?.textContent);

/** Asks the background from an extension page (the popup), as the popup does; the reply's value. */
export function askBackground<T>(popup: Page, name: string, request: object): Promise<T> {
  return popup.evaluate(
    async (n, r) => {
      const ext = (globalThis as PageGlobals).browser!;
      return ((await ext.runtime.sendMessage({ name: n, request: r })) as { value: unknown }).value;
    },
    name,
    request,
  ) as Promise<T>;
}

/** What the background says about the popup's tab. */
export async function tabState(popup: Page): Promise<TabState> {
  const tabId = await popup.evaluate(() => Number(new URLSearchParams(location.search).get("tab")));
  return askBackground(popup, "getTabState", { tabId });
}

/** Waits until the background has taken `settings` (stored by the popup), so a click after it uses them. */
export const settingsTaken = (popup: Page, settings: Partial<Settings>) =>
  eventually(async () =>
    expect((await askBackground<{ settings: Settings }>(popup, "getSettings", {})).settings).toMatchObject(settings),
  );

/** Clicks the popup's `button` and waits until its status line says `status` (exactly, or matching). */
export async function press(popup: Page, button: string, status: string | RegExp): Promise<void> {
  await click(popup, "button", button);
  const expected = typeof status === "string" ? status : expect.stringMatching(status);
  await eventually(async () => expect(await statusText(popup)).toEqual(expected));
}

/**
 * What the browser does for the context menu's item `name` (a "menu" click, `extra` added to its info) or the
 * keyboard command `name` on `page`'s tab: calls the handler the background page gave it.
 */
function fromBackground(
  popup: Page,
  page: Page,
  kind: "menu" | "command",
  name: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  return popup.evaluate(
    async (url, how, item, info) => {
      const ext = (
        globalThis as unknown as { browser: typeof chrome & { runtime: { getBackgroundPage(): Promise<Window> } } }
      ).browser;
      const tab = (await ext.tabs.query({})).find((t) => t.url === url)!;
      const { gloss } = (await ext.runtime.getBackgroundPage()) as Window & {
        gloss: {
          onMenuClick(info: object, tab: object): Promise<unknown>;
          onCommand(command: string, tab: object): Promise<unknown>;
        };
      };
      const target = { id: tab.id, url: tab.url };
      if (how === "command") await gloss.onCommand(item, target);
      else await gloss.onMenuClick({ menuItemId: item, pageUrl: tab.url, ...info }, target);
    },
    page.url(),
    kind,
    name,
    extra,
  );
}

/** Clicks the context menu's item `menuItemId` on `page` (see fromBackground). */
export const menuClick = (popup: Page, page: Page, menuItemId: string, extra: Record<string, unknown> = {}) =>
  fromBackground(popup, page, "menu", menuItemId, extra);

/** Gives `page` the keyboard command `command`, as its shortcut does (see fromBackground). */
export const runCommand = (popup: Page, page: Page, command: string) => fromBackground(popup, page, "command", command);

/**
 * A real mouse click on the button whose text is `text` in Gloss's in-page card matching `selector` (read as
 * firefoxCard reads it).
 */
export async function clickInCard(helper: Page, page: Page, selector: string, text: string): Promise<void> {
  const at = await helper.evaluate(
    async (url, cardSelector, label) => {
      const ext = (globalThis as unknown as { browser: typeof chrome }).browser;
      const tab = (await ext.tabs.query({})).find((t) => t.url === url)!;
      const [frame] = await ext.scripting.executeScript({
        target: { tabId: tab.id! },
        args: [cardSelector, label],
        func: (cardIs: string, buttonText: string) => {
          type Host = Element & { openOrClosedShadowRoot?: ShadowRoot | null };
          for (const host of Array.from(document.documentElement.children) as Host[]) {
            const card = host.openOrClosedShadowRoot?.querySelector<HTMLElement>(cardIs);
            const button = Array.from(card?.querySelectorAll("button") ?? []).find(
              (b) => b.textContent === buttonText && !b.hidden,
            );
            if (!button) continue;
            const r = button.getBoundingClientRect();
            return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
          }
          return null;
        },
      });
      return (frame?.result ?? null) as { x: number; y: number } | null;
    },
    page.url(),
    selector,
    text,
  );
  expect(at).not.toBeNull();
  await page.bringToFront();
  await page.mouse.click(at!.x, at!.y);
}

/**
 * Presses "Translate page" in `popup` while `double` wants an API key from its first answer on, so the translation
 * stops part-way and the popup says so.
 */
export async function pressUntilLockedPartWay(popup: Page, double: DoubleHandle): Promise<void> {
  const release = lockAfterFirstAnswer(double);
  try {
    await press(popup, "Translate page", /needs an API key/);
  } finally {
    release();
  }
}
