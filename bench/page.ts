// Page benchmark (not a test): the built extension in real Chromium translating the old-Reddit fixture against the
// llama-server double at CPU-class speeds. It measures what a reader feels — when the first translated words appear
// in the viewport, when the viewport is done, when the whole page is done — for Gloss's defaults and for the
// alternatives they were chosen over, and for a second visit served from the cache.
// Run: `node build.mjs && node scripts/run-ts.mjs bench/page.ts` (about a minute).
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { startDouble, type DoubleHandle } from "../test/double/server";
import {
  callBackground,
  launchWithExtension,
  serviceWorker,
  setSettings,
  tabIdOf,
  tabState,
  type ExtensionBrowser,
} from "../test/e2e/chromium";
import { startStaticServer } from "../test/helpers/static-server";
import type { Settings } from "../src/shared/settings";

// A 2B model on a laptop CPU: ~400 prompt tokens/s, ~25 generated tokens/s per slot, two slots sharing the cores.
const SPEED = { promptTps: 400, genTps: 25, slots: 2, parallelEfficiency: 0.6 };

interface Run {
  name: string;
  settings: Partial<Settings>;
  /** Keep the cache from the previous run (a second visit). */
  warm?: boolean;
}

const RUNS: Run[] = [
  { name: "Gloss defaults (batch from context, 2 in flight = slots)", settings: {} },
  { name: "one request at a time", settings: { maxConcurrent: 1 } },
  { name: "big batches (6000 chars)", settings: { maxBatchChars: 6000 } },
  { name: "small batches (300 chars)", settings: { maxBatchChars: 300 } },
  { name: "second visit (translation cache)", settings: {}, warm: true },
];

interface Timings {
  firstVisible: number;
  viewportDone: number;
  pageDone: number;
  requests: number;
  units: number;
}

/** Watches the page from its own world: when the first viewport text changes, and when every viewport probe has. */
async function watchViewport(page: Page): Promise<void> {
  await page.evaluate(() => {
    const inView = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.width > 0;
    };
    const probes = [...document.querySelectorAll("p.title a.title, .usertext-body .md p")].filter(inView);
    const original = new Map(probes.map((el) => [el, el.textContent]));
    const marks: { firstVisible?: number; viewportDone?: number; probes: number } = { probes: probes.length };
    (window as unknown as { benchMarks: typeof marks }).benchMarks = marks;
    new MutationObserver(() => {
      const changed = probes.filter((el) => el.textContent !== original.get(el)).length;
      if (changed && !marks.firstVisible) marks.firstVisible = Date.now();
      if (changed === probes.length && !marks.viewportDone) marks.viewportDone = Date.now();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

async function measure(browser: ExtensionBrowser, double: DoubleHandle, url: string): Promise<Timings> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.goto(url);
  const tabId = await tabIdOf(browser, page);
  await watchViewport(page);
  const requestsBefore = double.stats().chatRequests;
  const started = Date.now();
  await serviceWorker(browser).evaluate(async (id) => {
    const { gloss } = globalThis as unknown as { gloss: { onCommand(c: string, t: { id: number }): Promise<unknown> } };
    await gloss.onCommand("toggle-translation", { id });
  }, tabId);
  let state = await tabState(browser, tabId);
  while (state.status !== "translated" && state.status !== "error") {
    await new Promise((r) => setTimeout(r, 50));
    state = await tabState(browser, tabId);
  }
  const pageDone = Date.now() - started;
  const marks = await page.evaluate(
    () => (window as unknown as { benchMarks: { firstVisible?: number; viewportDone?: number } }).benchMarks,
  );
  await page.close();
  return {
    firstVisible: (marks.firstVisible ?? NaN) - started,
    viewportDone: (marks.viewportDone ?? NaN) - started,
    pageDone,
    requests: double.stats().chatRequests - requestsBefore,
    units: state.progress.total,
  };
}

async function main(): Promise<void> {
  const double = await startDouble({ port: 0, ...SPEED });
  const pages = await startStaticServer(resolve(process.cwd(), "test/fixtures"));
  const browser = await launchWithExtension();
  const rows: Array<Record<string, string | number>> = [];
  try {
    for (const run of RUNS) {
      await setSettings(browser, { baseUrl: double.url, targetLang: "en", ...run.settings }, { replace: true });
      if (!run.warm) await callBackground(browser, "translationCache", { clear: true });
      const t = await measure(browser, double, `${pages.url}/old-reddit-de.html`);
      const s = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : "—");
      rows.push({
        run: run.name,
        "first words in view (s)": s(t.firstVisible),
        "viewport done (s)": s(t.viewportDone),
        "page done (s)": s(t.pageDone),
        requests: t.requests,
        units: t.units,
      });
      console.error(`  ${run.name}: ${s(t.pageDone)} s`);
    }
  } finally {
    await browser.close();
    await pages.close();
    await double.close();
  }
  console.log(
    `Gloss page benchmark — old-Reddit fixture, Chromium, llama-server double (no model) at ${SPEED.promptTps} prompt ` +
      `tok/s, ${SPEED.genTps} gen tok/s per slot, ${SPEED.slots} slots`,
  );
  console.table(rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
