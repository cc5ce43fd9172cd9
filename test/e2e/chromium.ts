// Real Chromium (Debian's /usr/bin/chromium) with the built extension loaded from dist/chrome, driven by
// playwright-core. Helpers reach the background through its service worker.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from "playwright-core";
import type { Settings } from "../../src/shared/settings";
import type { TabState } from "../../src/shared/messages";
import { eventually } from "../helpers/eventually";
import { CHROMIUM_FLAGS } from "./chromium-flags";

export const CHROME_DIST = resolve(__dirname, "../../dist/chrome");
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface ExtensionBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

/**
 * A copy of the built extension whose manifest also grants `origins`, as a user does when Gloss asks for a site
 * (tests cannot answer the browser's permission prompt). Removed with the browser. `permissions`: API permissions
 * only a test needs (e.g. "webNavigation", to learn a frame's id as a menu click in it would carry it).
 */
export function extensionGranting(origins: string[], permissions: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), "gloss-extension-"));
  cpSync(CHROME_DIST, dir, { recursive: true });
  const manifestPath = join(dir, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
    host_permissions: string[];
    permissions: string[];
  };
  manifest.host_permissions = [...manifest.host_permissions, ...origins];
  manifest.permissions = [...manifest.permissions, ...permissions];
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return dir;
}

export async function launchWithExtension(
  options: {
    headless?: boolean;
    env?: Record<string, string>;
    extensionDir?: string;
    args?: string[];
    /** Keep the back/forward cache, which Playwright turns off by default (`--disable-back-forward-cache`). */
    backForwardCache?: boolean;
  } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = options.extensionDir ?? CHROME_DIST;
  const profile = mkdtempSync(join(tmpdir(), "gloss-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    ...(options.backForwardCache ? { ignoreDefaultArgs: ["--disable-back-forward-cache"] } : {}),
    ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
    viewport: { width: 1200, height: 900 },
    args: [
      ...CHROMIUM_FLAGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      "--lang=en-US",
      ...(options.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
      if (extensionDir !== CHROME_DIST) rmSync(extensionDir, { recursive: true, force: true });
    },
  };
}

/** The live service worker (Chrome may have restarted it). */
export function serviceWorker(browser: ExtensionBrowser): Worker {
  return browser.context.serviceWorkers()[0] ?? browser.worker;
}

/** Stops the extension's service worker (through a page's `cdp`), as the browser does once it has been idle for 30 s. */
export async function stopServiceWorker(browser: ExtensionBrowser, cdp: CDPSession): Promise<void> {
  const background = `chrome-extension://${browser.extensionId}/background.js`;
  const stopped = new Promise<void>((resolve) =>
    cdp.on("ServiceWorker.workerVersionUpdated", ({ versions }) => {
      if (versions.some((v) => v.scriptURL === background && v.runningStatus === "stopped")) resolve();
    }),
  );
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  await stopped;
}

/**
 * Reloads the extension as an update or the reader's reload on chrome://extensions does, while its tabs stay open:
 * their content scripts are cut off. The browser must be launched with `--enable-unsafe-extension-debugging`.
 */
export async function reloadExtension(browser: ExtensionBrowser, extensionDir = CHROME_DIST): Promise<void> {
  const before = new Set(browser.context.serviceWorkers());
  const browserSession = await browser.context.browser()!.newBrowserCDPSession();
  await browserSession.send("Extensions.loadUnpacked" as never, { path: extensionDir } as never);
  await browserSession.detach();
  browser.worker = await eventually(() => {
    const worker = browser.context.serviceWorkers().find((candidate) => !before.has(candidate));
    if (!worker) throw new Error("the reloaded extension's service worker has not started");
    return worker;
  });
  // Its first run over: the browser knows its listeners (a shortcut pressed before then is lost, as for any reader
  // quick enough to press it in the instant after an update).
  await browser.worker.evaluate(() => chrome.runtime.id);
}

/** Changes stored settings (as if saved on the options page); `replace` starts from the defaults instead. */
export async function setSettings(
  browser: ExtensionBrowser,
  settings: Partial<Settings>,
  options: { replace?: boolean } = {},
): Promise<void> {
  await serviceWorker(browser).evaluate(
    async ([patch, replace]) => {
      const stored = replace ? {} : (((await chrome.storage.local.get("settings")).settings ?? {}) as object);
      await chrome.storage.local.set({ settings: { ...stored, ...patch, schemaVersion: 1 } });
    },
    [settings, options.replace === true] as const,
  );
}

/** The match patterns of the content scripts Gloss registered, as the background sees them. */
export function registeredMatches(browser: ExtensionBrowser): Promise<string[]> {
  return serviceWorker(browser).evaluate(async () =>
    (await chrome.scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []),
  );
}

export async function tabIdOf(browser: ExtensionBrowser, page: Page): Promise<number> {
  const url = page.url();
  const candidates = await serviceWorker(browser).evaluate(async (pageUrl) => {
    const tabs = await chrome.tabs.query({});
    return tabs.filter((tab) => tab.url === pageUrl).map((tab) => tab.id ?? -1);
  }, url);
  if (!candidates.length) throw new Error(`no tab for ${url}`);
  if (candidates.length === 1) return candidates[0]!;
  // Several tabs show this address: the one whose page holds a token set through `page` is its tab.
  const token = `tab-${Math.random()}`;
  await page.evaluate((t) => void ((window as unknown as { __tabToken?: string }).__tabToken = t), token);
  const id = await serviceWorker(browser).evaluate(
    async ([ids, wanted]) => {
      for (const tabId of ids) {
        const [frame] = await chrome.scripting
          .executeScript({
            target: { tabId },
            world: "MAIN",
            func: () => (window as unknown as { __tabToken?: string }).__tabToken,
          })
          .catch(() => []);
        if (frame?.result === wanted) return tabId;
      }
      return -1;
    },
    [candidates, token] as const,
  );
  if (id < 0) throw new Error(`no tab for ${url}`);
  return id;
}

/** Calls one of the background's message handlers, as the popup would. */
export async function callBackground<T>(browser: ExtensionBrowser, name: string, request: unknown): Promise<T> {
  return askIn<T>(await askerPage(browser), name, request);
}

/** The extension page each browser keeps for callBackground. */
const askerPages = new WeakMap<BrowserContext, Promise<Page | undefined>>();

/**
 * An extension page in a background tab, kept for asking the background: a new tab per question cost this machine
 * ~0.4 s each (a fifth of some test files), and a new active tab would take the keys a test types. An inert file of
 * the extension (its manifest) is enough: the document has the extension's origin, so chrome.runtime, and runs
 * nothing of Gloss's own. Opened again when a test closed it or moved it elsewhere (see closePages).
 */
function askerPage(browser: ExtensionBrowser): Promise<Page> {
  const url = askerUrl(browser);
  const usable = (page: Page | undefined) => !!page && !page.isClosed() && page.url() === url;
  const next = (askerPages.get(browser.context) ?? Promise.resolve(undefined))
    .catch(() => undefined)
    .then((page) => (usable(page) ? page : openAskerPage(browser, url)));
  askerPages.set(browser.context, next);
  return next as Promise<Page>;
}

const askerUrl = (browser: ExtensionBrowser) => `chrome-extension://${browser.extensionId}/manifest.json`;

const openAskerPage = (browser: ExtensionBrowser, url: string): Promise<Page> =>
  openedByWorker(browser, url, (address) => void chrome.tabs.create({ url: address, active: false }));

/** The page at `url` that `open`, run in the service worker with `url`, opens; once it has loaded. */
async function openedByWorker(browser: ExtensionBrowser, url: string, open: (url: string) => void): Promise<Page> {
  const before = new Set(browser.context.pages());
  await serviceWorker(browser).evaluate(open, url);
  const page = await eventually(() => {
    const opened = browser.context.pages().find((candidate) => !before.has(candidate) && candidate.url() === url);
    if (!opened) throw new Error(`nothing shows ${url}`);
    return opened;
  });
  // Its document's own word, not Playwright's load event: a page the worker opened can be found after that event, and
  // Playwright then waited for it in vain (30 s, once, with "networkidle" already seen).
  await page.waitForFunction(() => document.readyState === "complete", undefined, { polling: 50 });
  return page;
}

/** Asks the background from an extension page, as the popup and the options page do; the reply's value. */
async function askIn<T>(page: Page, name: string, request: unknown): Promise<T> {
  return (await page.evaluate(
    async ([n, r]) => {
      const reply = (await chrome.runtime.sendMessage({ name: n, request: r })) as
        { ok: true; value: unknown } | { ok: false; error: { message: string } };
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value;
    },
    [name, request] as const,
  )) as T;
}

/**
 * Closes the pages a test opened but the one callBackground keeps. With none kept yet, one page stays, blank: a
 * headed browser quits with its last window.
 */
export async function closePages(browser: ExtensionBrowser): Promise<void> {
  const asker = await askerPages.get(browser.context)?.catch(() => undefined);
  const kept = asker && !asker.isClosed() ? asker : undefined;
  const [first, ...others] = browser.context.pages().filter((page) => page !== kept);
  for (const page of others) await page.close();
  if (!first) return;
  if (kept) await first.close();
  else await first.goto("about:blank");
}

/**
 * An extension page kept open to ask the background, for callers that ask often (a benchmark's poll): a page per
 * question is a new tab each time, and that loads the machine the measured page runs on.
 */
export async function backgroundAsker(
  browser: ExtensionBrowser,
): Promise<{ call<T>(name: string, request: unknown): Promise<T>; close(): Promise<void> }> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=999999`);
  return {
    call: <T>(name: string, request: unknown) => askIn<T>(page, name, request),
    close: () => page.close(),
  };
}

export async function tabState(browser: ExtensionBrowser, tabId: number): Promise<TabState> {
  return callBackground<TabState>(browser, "getTabState", { tabId });
}

/**
 * Opens the popup as a tab for `tabId` (a popup opened as a tab would otherwise see itself as the active tab).
 * `ownWindow`: in a window of its own instead, so the page stays visible as under the real popup; a page in a tab
 * behind the popup is hidden, and Chromium runs a hidden page's frames and timers about once a second, so each
 * click, wheel or animation frame in it waited a second.
 */
export async function openPopup(
  browser: ExtensionBrowser,
  tabId: number,
  options: { ownWindow?: boolean } = {},
): Promise<Page> {
  const url = `chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`;
  if (!options.ownWindow) {
    const popup = await browser.context.newPage();
    await popup.goto(url);
    return popup;
  }
  return openedByWorker(browser, url, (address) => void chrome.windows.create({ url: address, type: "popup" }));
}

/**
 * The options page as a reader first uses it: its form filled with the saved settings (asked of the background as it
 * opens) and no longer inert. Until then a click or key reaches nothing there.
 */
export const OPTIONS_READY = "#settings:not([inert])";

export async function openOptions(browser: ExtensionBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await page.locator(OPTIONS_READY).waitFor();
  return page;
}
