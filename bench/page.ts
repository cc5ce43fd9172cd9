// Page benchmark (not a test): what a reader sees, Gloss (the built extension in real Chromium, started the way a
// user starts it: the toggle command through the background) against the simplest serial userscript (one
// element's raw innerHTML per request, top to bottom; bench/serial-baseline.ts), on a long old-Reddit thread and a
// long news article, against the llama-server double at a CPU-like and a GPU-like speed. The double counts and
// streams tokens with Gemma's real tokenizer and runs one machine for all slots (a prompt being processed holds
// every slot's generation back, as on llama-server).
//
// Printed per page and speed: time to the first request, first translated words in view, first screen done (every
// main-content text block in view), whole page done, a second visit, prompt/cached/generated tokens, the generated
// tokens that are not translation (segment markers, tags, whitespace), requests, peak requests in flight, the
// page's long tasks (50 ms and more on its main thread: the reader's scrolling and typing wait for them), the
// baseline ÷ Gloss ratios, and how close Gloss's whole page comes to the machine's bound: generated tokens ÷ (all
// slots' generation rate) + uncached prompt tokens ÷ prompt rate.
//
// What the reader sees (first request, first words, first screen) is measured at the real speeds. The whole page
// is measured with the double running faster (8× for the CPU-like speed, 4× for the GPU-like one; `-- --scale 1`
// for the real thing, over an hour): the time the server was busy is scaled back, the time it sat idle waiting for
// the client is not (the client's own time is then counted several times over: the figures err against Gloss, whose
// slots wait for the client more often than the baseline's one).
// Run: `npm run bench:page` (about 20 minutes).
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { startDouble, type DoubleHandle, type RequestRecord } from "../test/double/server";
import type { TabState } from "../src/shared/messages";
import {
  backgroundAsker,
  callBackground,
  extensionGranting,
  launchWithExtension,
  serviceWorker,
  setSettings,
  tabIdOf,
  type ExtensionBrowser,
} from "../test/e2e/chromium";
import { startStaticServer } from "../test/helpers/static-server";
import { heardFrom, setReadyOnEverySite } from "./ready-on-every-site";
import { runSerialBaseline } from "./serial-baseline";

interface Speed {
  name: string;
  slots: number;
  promptTps: number;
  genTps: number;
  /** Per-slot speed with k slots generating: genTps / (1 + (k-1)(1-e)). */
  parallelEfficiency: number;
  /** How much faster the whole-page runs go (`--scale` sets it for both speeds). */
  scale: number;
}

const SPEEDS: Speed[] = [
  // A 2B model on a laptop CPU: two slots share the memory bandwidth.
  { name: "CPU", slots: 2, promptTps: 400, genTps: 25, parallelEfficiency: 0.6, scale: 8 },
  // The same model on a consumer GPU: four slots batch almost for free.
  { name: "GPU", slots: 4, promptTps: 4000, genTps: 120, parallelEfficiency: 0.9, scale: 4 },
];

interface PageCase {
  name: string;
  file: string;
  /** The text blocks a reader of this page came for: the first screen is done when those in view are translated. */
  main: string;
}

/** What the simplest userscript translates on any page (the innermost of these, top to bottom). */
const TEXT_ELEMENTS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, figcaption, td, th, dt, dd";

const PAGES: PageCase[] = [
  {
    name: "old-Reddit thread",
    file: "old-reddit-thread-de.html",
    main: ".content p.title a.title, .content .usertext-body .md p, .content .usertext-body .md li",
  },
  {
    name: "news article",
    file: "news-article-long-de.html",
    main: "article h1, article h2, article p, article li, article figcaption",
  },
];

/** The requests a run made, for printing its start. */
interface Log {
  log: RequestRecord[];
  started: number;
}

interface Figures {
  /** Share of the slots' time spent on requests, from the first request to the end. */
  slotsBusy: number;
  firstRequest: number;
  firstWords: number;
  firstScreen: number;
  wholePage: number;
  promptTokens: number;
  cachedTokens: number;
  generatedTokens: number;
  textTokens: number;
  requests: number;
  peakInFlight: number;
  /** The page's longest task (ms) from the press on, and its total blocking time (each task's time over 50 ms):
   * how long the reader's scrolling and typing could be held back. */
  longestTask: number;
  blockingTime: number;
}

const argAfter = (flag: string): string | undefined => {
  const at = process.argv.indexOf(flag);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const scaleOverride = Number(argAfter("--scale")) || undefined;
// For working on the start: `-- --reader` measures only what the reader sees (no whole-page runs) and prints the
// first requests Gloss made; `--page reddit|news` and `--speed CPU|GPU` pick one case.
const readerOnly = process.argv.includes("--reader");
const onlyPage = argAfter("--page");
const onlySpeed = argAfter("--speed");
// With --reader: how many of Gloss's first requests to list (`--requests N`, default 10), and their texts (`--texts`).
const requestsShown = Number(argAfter("--requests")) || 10;
const showTexts = process.argv.includes("--texts");

/** Watches the page from its own world: the first text in view that changes, and when every main probe in view has. */
async function watch(page: Page, main: string): Promise<void> {
  await page.evaluate((selector) => {
    const inView = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.bottom > 0 && r.top < innerHeight && r.width > 0;
    };
    const all = [...document.querySelectorAll("body *")].filter(
      (el) => inView(el) && [...el.childNodes].some((n) => n.nodeType === 3 && /\p{L}/u.test(n.textContent ?? "")),
    );
    const probes = [...document.querySelectorAll(selector)].filter(inView);
    const original = new Map([...all, ...probes].map((el) => [el, el.textContent]));
    const marks: { firstWords?: number; firstScreen?: number; tasks: number[] } = { tasks: [] };
    (window as unknown as { benchMarks: typeof marks }).benchMarks = marks;
    // Tasks of 50 ms and more on the page's main thread, whoever ran them (Gloss's content script runs there too).
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) marks.tasks.push(entry.duration);
    }).observe({ type: "longtask" });
    // Translated: its text changed, or it was replaced (the baseline rewrites innerHTML, so a probe inside the
    // element it translates leaves the page).
    const changed = (el: Element) => !el.isConnected || el.textContent !== original.get(el);
    new MutationObserver(() => {
      const now = Date.now();
      if (!marks.firstWords && all.some(changed)) marks.firstWords = now;
      if (!marks.firstScreen && probes.every(changed)) marks.firstScreen = now;
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, main);
}

interface Marks {
  firstWords?: number;
  firstScreen?: number;
  tasks: number[];
}

async function marks(page: Page): Promise<Marks> {
  return page.evaluate(() => (window as unknown as { benchMarks: Marks }).benchMarks);
}

/** The page's long tasks, summed up. */
const taskFigures = (m: Marks) => ({
  longestTask: Math.max(0, ...m.tasks),
  blockingTime: m.tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
});

/** Every chat request the double finished from now on (its own log keeps only the last 500). */
function recordRequests(double: DoubleHandle): { done: RequestRecord[]; stop(): void } {
  const done: RequestRecord[] = [];
  const onDone = (record: RequestRecord) => void done.push(record);
  double.events.on("done", onDone);
  return { done, stop: () => void double.events.off("done", onDone) };
}

function tokens(double: DoubleHandle, done: RequestRecord[], slots: number) {
  const s = double.stats();
  const served = done.filter((r) => r.slotAt !== undefined && r.endedAt !== undefined);
  const from = Math.min(...served.map((r) => r.startedAt));
  const to = Math.max(...served.map((r) => r.endedAt as number));
  const busy = served.reduce((n, r) => n + ((r.endedAt as number) - (r.slotAt as number)), 0);
  return {
    slotsBusy: served.length ? busy / (slots * (to - from)) : NaN,
    promptTokens: s.promptTokens,
    cachedTokens: s.cachedTokens,
    generatedTokens: s.completionTokens,
    textTokens: s.textTokens,
    requests: s.chatRequests,
    peakInFlight: s.maxInFlight,
  };
}

function firstRequestAt(double: DoubleHandle): Promise<number> {
  return new Promise((resolve) => double.events.once("request", () => resolve(Date.now())));
}

/** How long the run took, with the server's busy time scaled back to the real speed (idle time is the client's). */
function scaledBack(done: RequestRecord[], started: number, ended: number, factor: number): number {
  const spans = done
    .filter((r) => r.endedAt !== undefined && r.startedAt >= started)
    .map((r) => [r.startedAt, Math.min(r.endedAt as number, ended)] as const)
    .sort((a, b) => a[0] - b[0]);
  let busy = 0;
  let until = started;
  for (const [from, to] of spans) {
    if (to <= until) continue;
    busy += to - Math.max(from, until);
    until = to;
  }
  return busy * factor + (ended - started - busy);
}

type Until = "first screen" | "whole page";

/** How often the bench asks Gloss whether the page is done. */
const STATE_POLL_MS = 100;

/**
 * Gloss started as a user starts it (the toggle command through the background), until `until`. `ready`: with
 * "ready on every site" on, pressed once the script that loaded with the page has been heard from.
 */
async function gloss(
  browser: ExtensionBrowser,
  double: DoubleHandle,
  url: string,
  c: PageCase,
  until: Until,
  factor: number,
  slots: number,
  ready = false,
): Promise<Figures & Log> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.goto(url);
  const tabId = await tabIdOf(browser, page);
  if (ready) await heardFrom(browser, tabId);
  await watch(page, c.main);
  // Opened before the press: a page opened per question would be a new tab each time, while the page loads.
  const asker = await backgroundAsker(browser);
  const firstRequest = firstRequestAt(double);
  const requests = recordRequests(double);
  const started = Date.now();
  await serviceWorker(browser).evaluate(async (id) => {
    const { gloss } = globalThis as unknown as { gloss: { onCommand(c: string, t: { id: number }): Promise<unknown> } };
    await gloss.onCommand("toggle-translation", { id });
  }, tabId);
  // Gloss's state is asked of its content script through the background, and each answer takes time from both,
  // which a reader (popup closed) never spends: ask only every STATE_POLL_MS, which errs against Gloss by up to
  // that much at the end of a whole page. The marks are read from the page's own world every 20 ms, as for the
  // baseline.
  for (let asked = 0; ;) {
    if (until === "first screen" && (await marks(page)).firstScreen) break;
    if (Date.now() - asked >= STATE_POLL_MS) {
      asked = Date.now();
      const state = await asker.call<TabState>("getTabState", { tabId });
      if (state.status === "translated" || state.status === "error") break;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const ended = Date.now();
  requests.stop();
  const m = await marks(page);
  await asker.close();
  await page.close();
  const requested = await Promise.race([firstRequest, Promise.resolve(NaN)]);
  return {
    firstRequest: requested - started,
    firstWords: (m.firstWords ?? NaN) - started,
    firstScreen: (m.firstScreen ?? NaN) - started,
    wholePage: scaledBack(requests.done, started, ended, factor),
    ...taskFigures(m),
    ...tokens(double, requests.done, slots),
    log: requests.done,
    started,
  };
}

/** The serial script, until `until`. */
async function baseline(
  browser: ExtensionBrowser,
  double: DoubleHandle,
  url: string,
  c: PageCase,
  until: Until,
  factor: number,
  slots: number,
): Promise<Figures & Log> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.goto(url);
  await watch(page, c.main);
  const firstRequest = firstRequestAt(double);
  const requests = recordRequests(double);
  const started = Date.now();
  let finished = false;
  const running = runSerialBaseline(page, {
    url: `${double.url}/v1/chat/completions`,
    selector: TEXT_ELEMENTS,
    sourceLanguage: "German",
    targetLanguage: "English",
  }).then(
    () => void (finished = true),
    () => undefined, // the page was closed once the first screen was done
  );
  while (!finished && !(until === "first screen" && (await marks(page)).firstScreen)) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const ended = Date.now();
  requests.stop();
  const m = await marks(page);
  await page.close();
  await running;
  return {
    firstRequest: (await firstRequest) - started,
    firstWords: (m.firstWords ?? NaN) - started,
    firstScreen: (m.firstScreen ?? NaN) - started,
    wholePage: scaledBack(requests.done, started, ended, factor),
    ...taskFigures(m),
    ...tokens(double, requests.done, slots),
    log: requests.done,
    started,
  };
}

const sec = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : "—");
const ms = (n: number) => `${Math.round(n)} ms`;
const ratio = (a: number, b: number) =>
  Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : "—";

/** The machine's bound for the tokens Gloss used: all slots generating, prompts processed one at a time. */
function bound(f: Figures, speed: Speed): number {
  const aggregate = (speed.slots * speed.genTps) / (1 + (speed.slots - 1) * (1 - speed.parallelEfficiency));
  return (f.generatedTokens / aggregate + (f.promptTokens - f.cachedTokens) / speed.promptTps) * 1000;
}

async function main(): Promise<void> {
  const pages = await startStaticServer(resolve(process.cwd(), "test/fixtures"));
  // Every site granted, as a reader who turned "ready on every site" on allowed; it changes nothing while it is off.
  const browser = await launchWithExtension({ extensionDir: extensionGranting(["*://*/*"]) });
  try {
    for (const c of PAGES.filter((p) => !onlyPage || p.name.toLowerCase().includes(onlyPage.toLowerCase()))) {
      for (const speed of SPEEDS.filter((sp) => !onlySpeed || sp.name === onlySpeed.toUpperCase())) {
        const scale = scaleOverride ?? speed.scale;
        const doubleAt = (factor: number) =>
          startDouble({
            port: 0,
            slots: speed.slots,
            ctx: 8192,
            promptTps: speed.promptTps * factor,
            genTps: speed.genTps * factor,
            parallelEfficiency: speed.parallelEfficiency,
            tokenizer: "gemma",
            sharedCompute: true,
          });
        const url = `${pages.url}/${c.file}`;
        const cold = async (double: DoubleHandle) => {
          await setSettings(browser, { baseUrl: double.url, targetLang: "en" }, { replace: true });
          await callBackground(browser, "translationCache", { clear: true });
          double.reset();
        };
        // What the reader sees, at the real speed.
        const real = await doubleAt(1);
        let gReader: Figures & Log;
        let gReady: Figures & Log;
        let bReader: Figures & Log;
        try {
          await cold(real);
          gReader = await gloss(browser, real, url, c, "first screen", 1, speed.slots);
          // A server of its own: Gloss remembers which servers already hold its instructions in their prompt
          // cache, and a reset double would not.
          const other = await doubleAt(1);
          try {
            await cold(other);
            await setReadyOnEverySite(browser, true);
            gReady = await gloss(browser, other, url, c, "first screen", 1, speed.slots, true);
          } finally {
            await setReadyOnEverySite(browser, false);
            await other.close();
          }
          await cold(real);
          bReader = await baseline(browser, real, url, c, "first screen", 1, speed.slots);
        } finally {
          await real.close();
        }
        if (readerOnly) {
          printReader(c, speed, bReader, gReader, gReady);
          continue;
        }
        // The whole page, faster.
        const fast = await doubleAt(scale);
        try {
          await cold(fast);
          const g = await gloss(browser, fast, url, c, "whole page", scale, speed.slots);
          console.error(`  ${c.name}, ${speed.name}: Gloss ${sec(g.wholePage)}`);
          fast.reset();
          const again = await gloss(browser, fast, url, c, "whole page", scale, speed.slots);
          await cold(fast);
          const b = await baseline(browser, fast, url, c, "whole page", scale, speed.slots);
          console.error(`  ${c.name}, ${speed.name}: baseline ${sec(b.wholePage)}`);
          const rows = {
            "first request": [bReader.firstRequest, gReader.firstRequest],
            "first words in view": [bReader.firstWords, gReader.firstWords],
            "first request, ready on every site": [bReader.firstRequest, gReady.firstRequest],
            "first words, ready on every site": [bReader.firstWords, gReady.firstWords],
            "first screen done": [bReader.firstScreen, gReader.firstScreen],
            "whole page done": [b.wholePage, g.wholePage],
            "second visit, whole page": [b.wholePage, again.wholePage],
          };
          const table: Record<string, Record<string, string | number>> = {};
          for (const [k, [base, ours]] of Object.entries(rows)) {
            table[k] = {
              baseline: sec(base as number),
              Gloss: sec(ours as number),
              "baseline ÷ Gloss": ratio(base as number, ours as number),
            };
          }
          table["prompt tokens (cached)"] = {
            baseline: `${b.promptTokens} (${b.cachedTokens})`,
            Gloss: `${g.promptTokens} (${g.cachedTokens})`,
            "baseline ÷ Gloss": "",
          };
          table["generated tokens"] = {
            baseline: b.generatedTokens,
            Gloss: g.generatedTokens,
            "baseline ÷ Gloss": ratio(b.generatedTokens, g.generatedTokens),
          };
          table["… not translation"] = {
            baseline: `${b.generatedTokens - b.textTokens} (${pct(b)})`,
            Gloss: `${g.generatedTokens - g.textTokens} (${pct(g)})`,
            "baseline ÷ Gloss": "",
          };
          table.requests = { baseline: b.requests, Gloss: g.requests, "baseline ÷ Gloss": "" };
          table["slots busy"] = {
            baseline: `${(b.slotsBusy * 100).toFixed(0)}%`,
            Gloss: `${(g.slotsBusy * 100).toFixed(0)}%`,
            "baseline ÷ Gloss": "",
          };
          table["peak in flight"] = { baseline: b.peakInFlight, Gloss: g.peakInFlight, "baseline ÷ Gloss": "" };
          // Gloss's second visit writes the whole page from its cache in well under a second: the most writing a
          // page gets at once.
          table["longest task: first screen, whole page, second visit"] = {
            baseline: `${ms(bReader.longestTask)}, ${ms(b.longestTask)}`,
            Gloss: `${ms(gReader.longestTask)}, ${ms(g.longestTask)}, ${ms(again.longestTask)}`,
            "baseline ÷ Gloss": "",
          };
          table["blocking time: first screen, whole page, second visit"] = {
            baseline: `${ms(bReader.blockingTime)}, ${ms(b.blockingTime)}`,
            Gloss: `${ms(gReader.blockingTime)}, ${ms(g.blockingTime)}, ${ms(again.blockingTime)}`,
            "baseline ÷ Gloss": "",
          };
          console.log(
            `\n${c.name} (${c.file}), ${speed.name}-like double: ${speed.slots} slots, ${speed.promptTps} prompt / ` +
              `${speed.genTps} generated tok/s per slot, parallel efficiency ${speed.parallelEfficiency}; whole page ` +
              `run ${scale}× faster and scaled back`,
          );
          console.table(table);
          const ideal = bound(g, speed);
          console.log(
            `Gloss whole page ${sec(g.wholePage)} vs the machine's bound for its tokens ${sec(ideal)} ` +
              `(${((g.wholePage / ideal - 1) * 100).toFixed(1)}% over); second visit: ${again.requests} requests.`,
          );
        } finally {
          await fast.close();
        }
      }
    }
  } finally {
    await browser.close();
    await pages.close();
  }
}

function printReader(c: PageCase, speed: Speed, b: Figures & Log, g: Figures & Log, ready: Figures): void {
  console.log(`\n${c.name}, ${speed.name}-like double, what the reader sees (baseline / Gloss / ratio):`);
  for (const [name, key] of [
    ["first request", "firstRequest"],
    ["first words in view", "firstWords"],
    ["first screen done", "firstScreen"],
  ] as const) {
    console.log(`  ${name}: ${sec(b[key])} / ${sec(g[key])} / ${ratio(b[key], g[key])}`);
  }
  for (const [name, key] of [
    ["first request", "firstRequest"],
    ["first words in view", "firstWords"],
    ["first screen done", "firstScreen"],
  ] as const) {
    console.log(`  ${name}, ready on every site: ${sec(b[key])} / ${sec(ready[key])} / ${ratio(b[key], ready[key])}`);
  }
  console.log(
    `  longest task in the page: ${ms(b.longestTask)} / ${ms(g.longestTask)}; blocking time: ` +
      `${ms(b.blockingTime)} / ${ms(g.blockingTime)}`,
  );
  console.log(
    "  Gloss's first requests (sent, in a slot, ended; prompt (cached) → generated (text) tokens, segments):",
  );
  const sent = [...g.log].sort((x, y) => x.startedAt - y.startedAt);
  for (const r of sent.slice(0, requestsShown)) {
    const at = (t?: number) => (t === undefined ? "—" : `${((t - g.started) / 1000).toFixed(2)}`);
    console.log(
      `    ${at(r.startedAt)} ${at(r.slotAt)} ${at(r.endedAt)} s: ${r.promptTokens} (${r.cachedTokens}) → ` +
        `${r.completionTokens} (text ${r.textTokens}), ${r.segments ?? "—"}`,
    );
    // The text asked for: a marked prompt's segments, or a one-line prompt's text.
    const prompt = r.messages?.at(-1)?.content ?? "";
    if (showTexts)
      console.log(`      ${JSON.stringify(prompt.split(/Segments to translate into \w+:\n|\n\n/).at(-1))}`);
  }
}

function pct(f: Figures): string {
  return `${(((f.generatedTokens - f.textTokens) / Math.max(1, f.generatedTokens)) * 100).toFixed(1)}%`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
