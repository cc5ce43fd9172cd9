// In-page half of bench/clamped-feed.ts (bundled by it, run in Chromium): a news feed of CARDS cards, each title
// clamped to two lines by the page's stylesheet, translated whole (the fake translator: no server, no waiting) in
// the chosen view, switched to the other view and back, then shown original again.
import { createPageTranslator } from "../src/core";
import type { DisplayMode } from "../src/core/display/display-writer";
import { createFakeTranslator } from "../test/helpers/fake-translator";

const CARDS = 500;
const TITLE = "Die Regierung kündigt nach langen Verhandlungen ein neues Gesetz zum Ausbau der Bahnstrecken an";
const STYLE =
  ".card{width:320px;margin:8px}.title{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;" +
  "overflow:hidden;font-size:16px;line-height:20px}.meta{display:flex;gap:4px;color:#666}";

function build(): void {
  document.head.innerHTML = `<style>${STYLE}</style>`;
  document.body.innerHTML = Array.from(
    { length: CARDS },
    (_, i) =>
      `<article class="card"><a href="#${i}"><h3 class="title">${TITLE} (${i})</h3></a>` +
      `<div class="meta"><span>vor ${i} Minuten</span><span>${i} Kommentare</span></div></article>`,
  ).join("");
  void document.body.offsetHeight; // laid out, as a page is before Gloss starts
}

/**
 * Milliseconds to translate the whole feed (up to the layout the next frame makes anyway), to switch it to the other
 * view and back (each switch laid out), and to show it original.
 */
export async function run(mode: DisplayMode): Promise<{ translate: number; switch: number; restore: number }> {
  build();
  const fake = createFakeTranslator();
  const page = createPageTranslator(document, {
    translator: fake.translate,
    targetLang: "en",
    displayMode: mode,
    lazy: false,
    onProgress: () => undefined,
  });
  const t0 = performance.now();
  const summary = await page.translate();
  void document.body.offsetHeight;
  const t1 = performance.now();
  for (const view of [mode === "replace" ? "bilingual" : "replace", mode] as const) {
    page.setDisplayMode(view);
    void document.body.offsetHeight;
  }
  const t2 = performance.now();
  page.restore();
  void document.body.offsetHeight;
  const t3 = performance.now();
  if (summary.translated < CARDS * 2) throw new Error(`expected ${CARDS * 2} units, translated ${summary.translated}`);
  return { translate: t1 - t0, switch: t2 - t1, restore: t3 - t2 };
}
