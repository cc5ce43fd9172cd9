// In-page half of bench/text-direction.ts (bundled by it, run in Chromium): one page of UNITS paragraphs,
// collected as Gloss collects them, then written the way a batch writes them (every text, then lang and dir).
import { collectUnits, type ContentUnitSpec } from "../src/core/collect/collect";
import { StyleCache } from "../src/core/collect/display";
import { Rules } from "../src/core/collect/rules";
import { markLang } from "../src/core/write/own-lang";

export type Variant = "ltr" | "dir-rtl" | "css-rtl";

const UNITS = 2000;
const TEXT = "Das Wetter ist heute <b>schön</b>, also gehen wir am Nachmittag in den Park.";

/** The page afresh: UNITS paragraphs, running right to left by a dir attribute, by CSS alone, or not at all. */
function build(variant: Variant): void {
  const html = document.documentElement;
  html.removeAttribute("dir");
  if (variant === "dir-rtl") html.setAttribute("dir", "rtl");
  document.head.innerHTML = variant === "css-rtl" ? "<style>html { direction: rtl }</style>" : "";
  document.body.innerHTML = `<p>${TEXT}</p>`.repeat(UNITS);
  void document.body.offsetHeight; // laid out, as a page is before Gloss starts
}

function collect(targetLang: string): ContentUnitSpec[] {
  return collectUnits(document.body, {
    rules: new Rules(document, targetLang),
    styles: new StyleCache(window),
    getShadowRoot: () => null,
    claimed: () => false,
    attributeClaimed: () => false,
    ignored: () => false,
    onShadowRoot: () => undefined,
  }).content;
}

/**
 * Milliseconds to collect and to write (up to the layout the next frame makes anyway). `readAtWrite`: the
 * direction is read from computed style as each unit is written (the approach a fix must avoid).
 */
export function run(variant: Variant, targetLang: string, readAtWrite: boolean): { collect: number; write: number } {
  build(variant);
  const t0 = performance.now();
  const specs = collect(targetLang);
  const t1 = performance.now();
  for (const spec of specs) {
    const root = spec.root as Element;
    for (const t of spec.encoded.texts) t.data = t.data.toUpperCase();
    if (readAtWrite) {
      const read = getComputedStyle(root).direction === "rtl" ? "rtl" : "ltr";
      markLang(root, targetLang, { direction: read });
    } else {
      markLang(root, targetLang, spec);
    }
  }
  void document.body.offsetHeight;
  const t2 = performance.now();
  if (specs.length !== UNITS) throw new Error(`expected ${UNITS} units, collected ${specs.length}`);
  return { collect: t1 - t0, write: t2 - t1 };
}
