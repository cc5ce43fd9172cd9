// The status card over what a page shows in the browser's top layer, in real Chromium and Firefox (jsdom has neither
// layout nor a top layer): a modal dialog that is small, transformed and clips what overflows it, and a popover the
// page opens while the card shows. The reader sees the whole card in the viewport's corner and a real click on its ×
// reaches it; on a page with nothing in the top layer, the card's host is a bare element, as before.
import { chromium, type Browser as ChromiumBrowser } from "playwright-core";
import type { Browser as FirefoxBrowser } from "puppeteer-core";
import { CHROMIUM } from "./chromium";
import { CHROMIUM_FLAGS } from "./chromium-flags";
import { launchFirefox } from "./firefox";
import { pageBundle, RECORD_ROOTS } from "./page-bundle";

jest.setTimeout(60_000);

/** What both drivers' pages offer that these tests use. */
interface DrivenPage {
  setContent(html: string): Promise<unknown>;
  addScriptTag(options: { content: string }): Promise<unknown>;
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  mouse: { click(x: number, y: number): Promise<void> };
  close(): Promise<void>;
}

let cards: string;
let chromiumBrowser: ChromiumBrowser;
let firefoxBrowser: FirefoxBrowser;

beforeAll(async () => {
  cards = pageBundle("ui-page-styles-entry.ts");
  [chromiumBrowser, firefoxBrowser] = await Promise.all([
    chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS }),
    launchFirefox(),
  ]);
});

afterAll(async () => {
  await Promise.all([chromiumBrowser?.close(), firefoxBrowser?.close()]);
});

const BROWSERS: Array<[string, () => Promise<DrivenPage>]> = [
  ["Chromium", async () => (await chromiumBrowser.newPage({ viewport: { width: 800, height: 600 } })) as DrivenPage],
  [
    "Firefox",
    async () => {
      const page = await firefoxBrowser.newPage();
      await page.setViewport({ width: 800, height: 600 });
      return page as unknown as DrivenPage;
    },
  ],
];

// A page's modal dialog at its worst for a card put inside it: small, transformed (a fixed box inside is placed by
// it), clipping what overflows it, above a dimmed page.
const DIALOG_PAGE =
  `<style>dialog { width: 180px; height: 80px; transform: scale(1); overflow: hidden; contain: paint; }` +
  `::backdrop { background: rgba(0,0,0,.5); }</style>` +
  `<p>Ein Absatz.</p><dialog><p>Ein Dialog.</p><button>OK</button></dialog>` +
  `<div id="menu" popover="manual">Ein Menü</div>`;

async function openPage(open: () => Promise<DrivenPage>): Promise<DrivenPage> {
  const page = await open();
  await page.setContent(`<!doctype html><html lang="de"><body>${DIALOG_PAGE}</body></html>`);
  await page.addScriptTag({ content: RECORD_ROOTS });
  await page.addScriptTag({ content: cards });
  return page;
}

/** Shows the status card (an error, with its ×) after `before` ran in the page; where it is and what a click finds. */
function statusCard(page: DrivenPage, before: "nothing" | "dialog") {
  return page.evaluate(async (before) => {
    if (before === "dialog") document.querySelector("dialog")!.showModal();
    (globalThis as unknown as { gloss: Record<string, () => void> }).gloss.status!();
    // The card is drawn in the next frame.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const root = (window as unknown as { __roots: ShadowRoot[] }).__roots.at(-1)!;
    return { attributes: root.host.getAttributeNames() };
  }, before);
}

/** Whether the card shows whole in the viewport's corner, and where its × is if a click there reaches it. */
function cardSeen(page: DrivenPage) {
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const root = (window as unknown as { __roots: ShadowRoot[] }).__roots.at(-1)!;
    const card = root.querySelector(".card")!.getBoundingClientRect();
    const close = root.querySelector("button.close")!.getBoundingClientRect();
    const x = close.left + close.width / 2;
    const y = close.top + close.height / 2;
    const view = document.documentElement;
    return {
      whole:
        card.width > 200 &&
        card.top >= 0 &&
        card.left >= 0 &&
        view.clientHeight - card.bottom < 40 &&
        view.clientWidth - card.right < 40,
      reachable: document.elementFromPoint(x, y) === root.host,
      close: { x, y },
    };
  }, null);
}

const cardGone = (page: DrivenPage) =>
  page.evaluate(() => !(window as unknown as { __roots: ShadowRoot[] }).__roots.at(-1)!.host.isConnected, null);

describe.each(BROWSERS)("%s", (_name, open) => {
  it("over a small, transformed, clipping modal dialog: the whole card in the corner, and a click on its × closes it", async () => {
    const page = await openPage(open);
    await statusCard(page, "dialog");
    const seen = await cardSeen(page);
    expect({ whole: seen.whole, reachable: seen.reachable }).toEqual({ whole: true, reachable: true });
    await page.mouse.click(seen.close.x, seen.close.y);
    expect(await cardGone(page)).toBe(true);
    // The page's dialog is still open: the click was the card's.
    expect(await page.evaluate(() => document.querySelector("dialog")!.open, null)).toBe(true);
    await page.close();
  });

  it("a popover the page opens while the card shows does not cover it; on a page with none the host is bare", async () => {
    const page = await openPage(open);
    const { attributes } = await statusCard(page, "nothing");
    expect(attributes).toEqual([]);
    await page.evaluate(() => {
      const menu = document.getElementById("menu")!;
      // Over the card's corner, as a page's menu or toast might be.
      Object.assign(menu.style, { inset: "auto 0 0 auto", width: "400px", height: "200px", margin: "0" });
      menu.showPopover();
    }, null);
    const seen = await cardSeen(page);
    expect({ whole: seen.whole, reachable: seen.reachable }).toEqual({ whole: true, reachable: true });
    await page.mouse.click(seen.close.x, seen.close.y);
    expect(await cardGone(page)).toBe(true);
    await page.close();
  });
});
