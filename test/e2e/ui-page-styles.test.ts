// Gloss's cards on pages whose own styles on <html> reach through the host's `all: initial`, measured in real
// Chromium (jsdom has no layout): a page zoom on <html>, and a transform or `will-change` there that makes <html> the
// containing block of fixed boxes. A card next to the reader's words shows beside them, inside the viewport, and a
// click on its button reaches it; the status card stays in the viewport's corner and the progress line along its top
// edge, wherever the page is scrolled; the userscript's settings dialog opens in the middle of the viewport.
import { chromium, type Browser, type Page } from "playwright-core";
import { CHROMIUM } from "./chromium";
import { CHROMIUM_FLAGS } from "./chromium-flags";
import { pageBundle, RECORD_ROOTS } from "./page-bundle";

jest.setTimeout(60_000);

let cards: string;
let browser: Browser;

beforeAll(async () => {
  cards = pageBundle("ui-page-styles-entry.ts");
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
});

const FILLER = Array.from({ length: 150 }, (_, i) => `<p>Absatz ${i} mit etwas Text.</p>`).join("");

async function pageWith(css: string, viewport = { width: 800, height: 600 }, touch = false): Promise<Page> {
  const page = await browser.newPage({ viewport, ...(touch ? { hasTouch: true, isMobile: true } : {}) });
  await page.setContent(
    `<!doctype html><html lang="de"><head><style>${css}</style></head><body>${FILLER}` +
      `<p><span id="word">Wort</span></p><textarea id="field" rows="3" cols="20"></textarea>${FILLER}</body></html>`,
  );
  await page.addScriptTag({ content: RECORD_ROOTS });
  await page.addScriptTag({ content: cards });
  return page;
}

/** The card shown next to `id` (scrolled to the middle of a long page): where the reader sees it. */
function shownBeside(page: Page, kind: "lookup" | "writing", id: string) {
  return page.evaluate(
    ({ kind, id }) => {
      const target = document.getElementById(id) as Element;
      target.scrollIntoView({ block: "center" });
      (globalThis as unknown as { gloss: Record<string, (id: string) => void> }).gloss[kind]!(id);
      const root = (window as unknown as { __roots: ShadowRoot[] }).__roots.at(-1) as ShadowRoot;
      const card = (root.querySelector(".card") as Element).getBoundingClientRect();
      const near = target.getBoundingClientRect();
      const button = (root.querySelector("button:not([hidden])") as Element).getBoundingClientRect();
      const hit = document.elementFromPoint(button.left + button.width / 2, button.top + button.height / 2);
      const overlaps =
        card.left < near.right && near.left < card.right && card.top < near.bottom && near.top < card.bottom;
      return {
        inView: card.top >= 0 && card.left >= 0 && card.bottom <= innerHeight && card.right <= innerWidth,
        overlaps,
        reachable: hit === root.host,
      };
    },
    { kind, id },
  );
}

describe.each([
  ["zoom: 1.5 on <html>", "html { zoom: 1.5 }"],
  ["zoom: .5 on <html>", "html { zoom: .5 }"],
  ["transform on <html>", "html { transform: translateZ(0) }"],
  ["will-change: transform on <html>", "html { will-change: transform }"],
])("%s", (_name, css) => {
  it("the look-up card and the reply-box card show beside their words, in view and reachable", async () => {
    const page = await pageWith(css);
    const expected = { inView: true, overlaps: false, reachable: true };
    expect(["lookup", await shownBeside(page, "lookup", "word")]).toEqual(["lookup", expected]);
    expect(["writing", await shownBeside(page, "writing", "field")]).toEqual(["writing", expected]);
    await page.close();
  });
});

/** The status card and the progress line shown with the page scrolled `y` down: their boxes in the viewport. */
function cornersAt(page: Page, y: number) {
  return page.evaluate(async (y) => {
    if (Math.round(scrollY) !== y) {
      // Once the page has heard of the scroll (Gloss listens in the capture phase, before this).
      const scrolled = new Promise((resolve) => addEventListener("scroll", resolve, { once: true }));
      window.scrollTo(0, y);
      await scrolled;
    }
    const gloss = (globalThis as unknown as { gloss: Record<string, () => void> }).gloss;
    const roots = (window as unknown as { __roots: ShadowRoot[] }).__roots;
    if (!roots.length) {
      gloss.status!();
      gloss.cue!();
    }
    const view = document.documentElement;
    const [status, cue] = [".card", ".cue"].map((selector) => {
      const root = roots.find((r) => r.querySelector(selector)) as ShadowRoot;
      const box = (root.querySelector(selector) as Element).getBoundingClientRect();
      return { root, box };
    }) as [{ root: ShadowRoot; box: DOMRect }, { root: ShadowRoot; box: DOMRect }];
    const close = (status.root.querySelector("button") as Element).getBoundingClientRect();
    const hit = document.elementFromPoint(close.left + close.width / 2, close.top + close.height / 2);
    return {
      statusInCorner:
        status.box.top >= 0 &&
        status.box.left >= 0 &&
        view.clientHeight - status.box.bottom < 40 &&
        view.clientWidth - status.box.right < 40,
      statusReachable: hit === status.root.host,
      cueAtTop: Math.round(cue.box.top) === 0 && cue.box.height > 0,
    };
  }, y);
}

/** The settings dialog opened with the page scrolled far down: whether it is in view, and its buttons reachable. */
function settingsShown(page: Page) {
  return page.evaluate(async () => {
    window.scrollTo(0, 3000);
    (globalThis as unknown as { gloss: Record<string, () => void> }).gloss.settings!();
    const roots = (window as unknown as { __roots: ShadowRoot[] }).__roots;
    // In the page once its settings are loaded.
    await new Promise<void>((resolve) => {
      const check = () => (roots[0]?.host.isConnected ? resolve() : requestAnimationFrame(check));
      check();
    });
    const root = roots[0] as ShadowRoot;
    const dialog = (root.querySelector(".dialog") as Element).getBoundingClientRect();
    const testing = [...root.querySelectorAll("button")].find((b) => b.textContent === "Test connection") as Element;
    const at = testing.getBoundingClientRect();
    const hit = document.elementFromPoint(at.left + at.width / 2, at.top + at.height / 2);
    return {
      inView: dialog.top >= 0 && dialog.bottom <= innerHeight && dialog.left >= 0 && dialog.right <= innerWidth,
      reachable: hit === root.host,
    };
  });
}

describe.each([
  ["transform on <html>", "html { transform: translateZ(0) }"],
  ["contain: paint on <html>", "html { contain: paint }"],
])("%s", (_name, css) => {
  it("the status card stays in the viewport's corner and the progress line at its top, scrolled or not", async () => {
    const page = await pageWith(css);
    const expected = { statusInCorner: true, statusReachable: true, cueAtTop: true };
    for (const y of [0, 2000, 600]) expect([y, await cornersAt(page, y)]).toEqual([y, expected]);
    await page.close();
  });

  it("the settings dialog opened far down the page is in the viewport, and its buttons are reachable", async () => {
    const page = await pageWith(css);
    const shown = await settingsShown(page);
    expect(shown).toEqual({ inView: true, reachable: true });
    await page.close();
  });
});

describe("zoom: 2 on <html>, in a phone-sized window", () => {
  it("every card and the settings dialog fit the window", async () => {
    const css = "html { zoom: 2 }";
    const phone = { width: 360, height: 640 };
    const beside = { inView: true, overlaps: false, reachable: true };
    let page = await pageWith(css, phone);
    expect(["lookup", await shownBeside(page, "lookup", "word")]).toEqual(["lookup", beside]);
    expect(["writing", await shownBeside(page, "writing", "field")]).toEqual(["writing", beside]);
    await page.close();
    page = await pageWith(css, phone);
    expect(await settingsShown(page)).toEqual({ inView: true, reachable: true });
    await page.close();
  });
});

/** Each of Gloss's cards and its dialog, shown: its smallest button or chooser, and how wide its × is. */
function targetSizes(page: Page) {
  return page.evaluate(async () => {
    const gloss = (globalThis as unknown as { gloss: Record<string, (id?: string) => void> }).gloss;
    const roots = (window as unknown as { __roots: ShadowRoot[] }).__roots;
    gloss.status!();
    gloss.lookup!("word");
    gloss.writing!("field");
    gloss.settings!();
    await new Promise<void>((resolve) => {
      const check = () => (roots.length >= 4 && roots[3]!.host.isConnected ? resolve() : requestAnimationFrame(check));
      check();
    });
    return roots.map((root) => {
      const shown = [...root.querySelectorAll("button, select")].filter((b) => b.getClientRects().length > 0);
      const sizes = shown.map((b) => b.getBoundingClientRect());
      const close = root.querySelector(".close")?.getBoundingClientRect();
      return {
        smallest: Math.round(Math.min(...sizes.map((r) => r.height))),
        closeWidth: close ? Math.round(close.width) : 44,
      };
    });
  });
}

describe("on a phone's touch screen", () => {
  it("every button, chooser and × of the cards and the settings dialog is a finger's size (44 px); a mouse keeps them small", async () => {
    const finger = { smallest: expect.any(Number), closeWidth: expect.any(Number) };
    let page = await pageWith("", { width: 360, height: 740 }, true);
    const touched = await targetSizes(page);
    expect(touched).toEqual([finger, finger, finger, finger]);
    for (const card of touched) {
      expect(card.smallest).toBeGreaterThanOrEqual(44);
      expect(card.closeWidth).toBeGreaterThanOrEqual(44);
    }
    await page.close();
    page = await pageWith("", { width: 800, height: 600 });
    expect((await targetSizes(page)).every((card) => card.smallest < 44)).toBe(true);
    await page.close();
  });
});

describe("right-to-left text in a card that runs left to right", () => {
  it("the words looked up and a reply the box did not take start every line at the right", async () => {
    const page = await pageWith("");
    const lines = await page.evaluate(() => {
      const gloss = (globalThis as unknown as { gloss: Record<string, (id: string) => void> }).gloss;
      const roots = (window as unknown as { __roots: ShadowRoot[] }).__roots;
      /** Where each line of the element ends, from the right edge of its text's box (0: flush). */
      const gaps = (el: Element) => {
        const style = getComputedStyle(el);
        const right =
          el.getBoundingClientRect().right - parseFloat(style.paddingRight) - parseFloat(style.borderRightWidth);
        const range = document.createRange();
        range.selectNodeContents(el);
        const ends = new Map<number, number>();
        for (const r of range.getClientRects()) {
          const top = Math.round(r.top);
          ends.set(top, Math.max(ends.get(top) ?? -Infinity, r.right));
        }
        return [...ends.values()].map((end) => Math.round(right - end));
      };
      gloss.lookupArabic!("word");
      const source = gaps(roots.at(-1)!.querySelector(".source")!);
      gloss.writingArabic!("field");
      const preview = gaps(roots.at(-1)!.querySelector(".preview")!);
      return { source, preview };
    });
    for (const [name, gaps] of Object.entries(lines)) {
      expect([name, gaps.length > 1]).toEqual([name, true]);
      for (const gap of gaps) expect([name, Math.abs(gap) < 2]).toEqual([name, true]);
    }
    await page.close();
  });
});
