// The bilingual view on page layouts readers meet, measured in real Chromium and Firefox ESR (jsdom has no layout): a
// copy that joins a grid or a flex layout as an item of its own still shows under its original, not beside it
// squeezing the row; in vertical Japanese it follows as the next column, with a gap; a clamped title shows its copy.
import { chromium } from "playwright-core";
import { CHROMIUM } from "./chromium";
import { CHROMIUM_FLAGS } from "./chromium-flags";
import { pageBundle } from "./page-bundle";
import { launchFirefox } from "./firefox";

jest.setTimeout(60_000);

/** What these tests do with a page, the same in Playwright (Chromium) and Puppeteer over WebDriver BiDi (Firefox). */
interface Page {
  setContent(html: string): Promise<unknown>;
  addScriptTag(options: { content: string }): Promise<unknown>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  close(): Promise<void>;
}

interface Browser {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

const VIEWPORT = { width: 800, height: 600 };

const BROWSERS: Record<string, () => Promise<Browser>> = {
  chromium: async () => {
    const b = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
    return { newPage: () => b.newPage({ viewport: VIEWPORT }) as Promise<Page>, close: () => b.close() };
  },
  firefox: async () => {
    const b = await launchFirefox();
    return {
      async newPage() {
        const page = await b.newPage();
        await page.setViewport(VIEWPORT);
        return page as unknown as Page;
      },
      close: () => b.close(),
    };
  },
};

let engine: string;

beforeAll(() => {
  engine = pageBundle("engine-page-entry.ts");
});

describe.each(Object.keys(BROWSERS))("%s", (name) => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await BROWSERS[name]!();
  });

  afterAll(async () => {
    await browser?.close();
  });

  interface Box {
    left: number;
    right: number;
    top: number;
    bottom: number;
  }

  /** The page `body` shown bilingual; then each `#case`: the box of its own text and the box of Gloss's copy in it. */
  async function shown(
    body: string,
  ): Promise<{ page: Page; boxes: (id: string) => Promise<{ text: Box; copy: Box }> }> {
    const page = await browser.newPage();
    await page.setContent(`<!doctype html><html lang="de"><body style="font:16px sans-serif">${body}</body></html>`);
    await page.addScriptTag({ content: engine });
    await page.evaluate(() => (globalThis as unknown as { showBilingual(): Promise<void> }).showBilingual());
    const boxes = (id: string) =>
      page.evaluate((id) => {
        const el = document.getElementById(id) as Element;
        const copy = el.querySelector('span[translate="no"]') as Element;
        const text = [...el.childNodes].find((n) => n.nodeType === 3 && n.textContent?.trim()) as Text;
        const range = document.createRange();
        range.selectNodeContents(text);
        const box = (r: DOMRect) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
        return { text: box(range.getBoundingClientRect()), copy: box(copy.getBoundingClientRect()) };
      }, id);
    return { page, boxes };
  }

  it("in a grid, a flex column and a wrapping flex row, the copy is under its original", async () => {
    const { page, boxes } = await shown(
      `<div id="grid" style="display:grid;grid-template-columns:1fr 1fr 1fr">Preis heute<p>Absatz</p></div>` +
        `<h2 id="wrap" style="display:flex;flex-wrap:wrap;gap:1em"><svg width="16" height="16"></svg>Die Überschrift</h2>` +
        `<div id="column" style="display:flex;flex-direction:column">Heute offen<p>Absatz</p></div>`,
    );
    for (const id of ["grid", "wrap", "column"]) {
      const { text, copy } = await boxes(id);
      // Below the original's text, from the start of the line: not a cell or an item beside it.
      expect([id, copy.top >= text.bottom - 0.5]).toEqual([id, true]);
      expect([id, copy.left <= text.left]).toEqual([id, true]);
    }
    await page.close();
  });

  it("in vertical Japanese, a paragraph's copy is the next column (to the left), a gap apart, from the column's top", async () => {
    const { page, boxes } = await shown(
      `<div id="vertical" style="writing-mode:vertical-rl;height:300px;margin-left:100px">日本語の文章です。</div>`,
    );
    const { text, copy } = await boxes("vertical");
    expect(copy.right).toBeLessThan(text.left);
    expect(copy.top).toBe(text.top);
    await page.close();
  });

  it("a clamped title (line clamp, a height cut, a card body clamping it) shows its copy, inside the clamp's box", async () => {
    const long = "Ein sehr langer Titel, der die zwei Zeilen seiner Karte ganz und gar füllt und noch weiter geht";
    const { page } = await shown(
      `<style>.bang{max-height:2.4em!important;overflow:hidden!important}</style>` +
        // Side by side: each in the viewport.
        `<div style="display:flex;gap:20px;align-items:flex-start">` +
        `<h3 id="line" style="width:200px;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden">${long}</h3>` +
        `<p id="height" class="bang" style="width:200px;line-height:1.2">${long}</p>` +
        `<div id="body" style="width:200px;max-height:3em;overflow:hidden"><div><h4 id="card">${long}</h4></div></div></div>`,
    );
    const seen = (id: string, clampId: string) =>
      page.evaluate(
        ({ id, clampId }) => {
          const copy = (document.getElementById(id) as Element).querySelector('span[translate="no"]') as Element;
          const c = copy.getBoundingClientRect();
          const clamp = (document.getElementById(clampId) as Element).getBoundingClientRect();
          // The copy's last line is where the reader sees it: Gloss's copy, not something drawn over it.
          const hit = document.elementFromPoint(c.left + 2, c.bottom - 2);
          return {
            inClamp: c.height > 0 && c.top >= clamp.top && c.bottom <= clamp.bottom + 0.5,
            inView: c.bottom <= innerHeight,
            onTop: !!hit && copy.contains(hit),
          };
        },
        { id, clampId },
      );
    for (const [id, clampId] of [
      ["line", "line"],
      ["height", "height"],
      ["card", "body"],
    ] as const) {
      expect([id, await seen(id, clampId)]).toEqual([id, { inClamp: true, inView: true, onTop: true }]);
    }
    await page.close();
  });
});
