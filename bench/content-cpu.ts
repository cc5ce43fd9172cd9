// Content-script CPU benchmark (not a test): what one translation costs the page's renderer, the built extension in
// real Chromium against an instant llama-server double, on the long old-Reddit thread and the news article. Per
// round, a fresh tab is translated with the toggle command until the background reports it translated; CDP's
// Performance metrics give the renderer's main-thread time over that span (task, script, style, layout), and with
// `--profile` the sampling profiler's top self-time functions say where it went (the content script rebuilt
// unminified for that, so the names are the source's). The translation cache is cleared before each round.
// Run: `node build.mjs && node scripts/run-ts.mjs bench/content-cpu.ts [-- --rounds N] [--profile] [--top N]
// [--save DIR] [--trace] [--count] [--page FILE]` (about a minute).
import { writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { buildSync } from "esbuild";
import type { CDPSession, Page } from "playwright-core";
import { startDouble } from "../test/double/server";
import {
  callBackground,
  extensionGranting,
  launchWithExtension,
  serviceWorker,
  setSettings,
  tabIdOf,
  type ExtensionBrowser,
} from "../test/e2e/chromium";
import { startStaticServer } from "../test/helpers/static-server";
import type { TabState } from "../src/shared/messages";
import { arg, median, printTopSelfTimes, type Profile } from "./chromium-bench";

const ROUNDS = Number(arg("--rounds")) || 5;
const PROFILE = process.argv.includes("--profile");
/** With --profile: write each round's profile here as a .cpuprofile (DevTools' Performance panel opens it). */
const SAVE = arg("--save");
/**
 * Count the content script's calls of costly page APIs (style and layout reads, selector matching, serialisation,
 * the extension's messaging and language detection) in each round: a banner in its bundle wraps them in its own
 * world, and prints the counts when the bench asks (an event on the document, which both worlds see).
 */
const COUNT = process.argv.includes("--count");
/** Trace the renderers' main threads instead: self time per trace event (style, layout, paint, script, messages). */
const TRACE = process.argv.includes("--trace");
const TOP = Number(arg("--top")) || 25;
const PAGES = arg("--page") ? [arg("--page") as string] : ["old-reddit-thread-de.html", "news-article-de.html"];
/**
 * Performance metrics whose growth over a translation is printed: CPU time of the renderer process and of its main
 * thread (what a busy machine does not inflate), then main-thread wall time in tasks, script, style and layout
 * (seconds, shown in ms), and how often style and layout were computed.
 */
const METRICS = [
  "ProcessTime",
  "ThreadTime",
  "TaskDuration",
  "ScriptDuration",
  "RecalcStyleDuration",
  "LayoutDuration",
  "RecalcStyleCount",
  "LayoutCount",
] as const;
const COUNTS: ReadonlySet<string> = new Set(["RecalcStyleCount", "LayoutCount"]);
const shown = (m: string, value: number) => (COUNTS.has(m) ? `${m} ${value}` : `${m} ${Math.round(value * 1000)} ms`);

/** A copy of dist/chrome whose content script is not minified, so the profile's names are the source's. */
const COUNTED = `(() => {
  const counts = {};
  const wrap = (owner, name, label = name, bySelector = false) => {
    const fn = owner && owner[name];
    if (typeof fn !== "function") return;
    owner[name] = function (...args) {
      const key = bySelector ? label + " " + String(args[0]).slice(0, 60) : label;
      counts[key] = (counts[key] || 0) + 1;
      return fn.apply(this, args);
    };
  };
  wrap(window, "getComputedStyle");
  for (const name of ["getBoundingClientRect", "getClientRects", "checkVisibility"]) wrap(Element.prototype, name);
  for (const name of ["closest", "matches", "querySelector", "querySelectorAll"]) wrap(Element.prototype, name, name, true);
  wrap(Node.prototype, "contains");
  wrap(DOMParser.prototype, "parseFromString");
  wrap(MutationObserver.prototype, "observe", "MutationObserver.observe");
  wrap(MutationObserver.prototype, "disconnect", "MutationObserver.disconnect");
  wrap(MutationObserver.prototype, "takeRecords", "MutationObserver.takeRecords");
  wrap(IntersectionObserver.prototype, "observe", "IntersectionObserver.observe");
  wrap(EventTarget.prototype, "addEventListener");
  wrap(window, "requestAnimationFrame");
  wrap(window, "setTimeout");
  wrap(chrome.i18n, "detectLanguage", "i18n.detectLanguage");
  wrap(chrome.runtime, "sendMessage", "runtime.sendMessage");
  wrap(chrome.runtime, "connect", "runtime.connect");
  for (const name of ["innerHTML", "outerHTML"]) {
    const d = Object.getOwnPropertyDescriptor(Element.prototype, name);
    Object.defineProperty(Element.prototype, name, { ...d, get() { counts[name] = (counts[name] || 0) + 1; return d.get.call(this); } });
  }
  document.addEventListener("gloss-bench-counts", () => {
    console.log("gloss-bench-counts " + JSON.stringify(Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]))));
    for (const k of Object.keys(counts)) delete counts[k];
  });
})();`;

function readableExtension(): string {
  const dir = extensionGranting([]);
  buildSync({
    entryPoints: [resolve(__dirname, "../src/content/index.ts")],
    outfile: join(dir, "content.js"),
    bundle: true,
    format: "iife",
    target: "chrome120",
    alias: {
      "webextension-polyfill": resolve(__dirname, "../node_modules/webextension-polyfill/dist/browser-polyfill.min.js"),
    },
    allowOverwrite: true,
    ...(COUNT ? { banner: { js: COUNTED } } : {}),
    logLevel: "warning",
  });
  return dir;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const TRACE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8.execute",
  "blink",
  "toplevel",
];

async function startTrace(cdp: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", ({ value }) => void events.push(...(value as unknown as TraceEvent[])));
  await cdp.send("Tracing.start", {
    traceConfig: { includedCategories: TRACE_CATEGORIES },
    transferMode: "ReportEvents",
  });
  return async () => {
    const complete = new Promise<void>((done) => cdp.once("Tracing.tracingComplete", () => done()));
    await cdp.send("Tracing.end");
    await complete;
    return events;
  };
}

/** Self time (ms) per complete event on every renderer main thread: its duration less its children's. */
function traceSelfTimes(events: TraceEvent[], into: Map<string, number>): void {
  const mains = new Set(
    events.filter((e) => e.ph === "M" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`),
  );
  const threads = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== "X" || e.dur === undefined || !mains.has(key)) continue;
    threads.set(key, [...(threads.get(key) ?? []), e]);
  }
  for (const list of threads.values()) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const open: Array<{ e: TraceEvent; self: number }> = [];
    const close = () => {
      const done = open.pop();
      if (done) into.set(done.e.name, (into.get(done.e.name) ?? 0) + done.self / 1000);
    };
    for (const e of list) {
      while (open.length && open[open.length - 1]!.e.ts + (open[open.length - 1]!.e.dur ?? 0) <= e.ts) close();
      const parent = open[open.length - 1];
      if (parent) parent.self -= e.dur ?? 0;
      open.push({ e, self: e.dur ?? 0 });
    }
    while (open.length) close();
  }
}

/** The banner's counts since the last ask. */
async function counted(page: Page): Promise<string> {
  const line = page.waitForEvent("console", (m) => m.text().startsWith("gloss-bench-counts "));
  await page.evaluate(() => document.dispatchEvent(new Event("gloss-bench-counts")));
  return (await line).text().slice("gloss-bench-counts ".length);
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: all } = (await cdp.send("Performance.getMetrics")) as {
    metrics: Array<{ name: string; value: number }>;
  };
  return Object.fromEntries(all.map((m) => [m.name, m.value]));
}

/** The toggle command, as the shortcut delivers it. */
async function pressCommand(browser: ExtensionBrowser, tabId: number): Promise<void> {
  await serviceWorker(browser).evaluate(async (id) => {
    const { gloss } = globalThis as unknown as {
      gloss: { onCommand(c: string, t: { id: number }): Promise<unknown> };
    };
    await gloss.onCommand("toggle-translation", { id });
  }, tabId);
}

/** Waits until the background reports the tab translated, asking in the worker (no page of ours in the renderer). */
async function translated(browser: ExtensionBrowser, tabId: number): Promise<TabState> {
  return serviceWorker(browser).evaluate(async (id) => {
    const { gloss } = globalThis as unknown as {
      gloss: { handlers: { getTabState(r: { tabId: number }): Promise<{ ok: boolean; value?: TabState }> } };
    };
    for (;;) {
      const state = await gloss.handlers.getTabState({ tabId: id });
      if (state.value && (state.value.status === "translated" || state.value.status === "error")) return state.value;
      await new Promise((done) => setTimeout(done, 20));
    }
  }, tabId);
}

/** Self time per function (ms), keyed by name and place. */
function selfTimes(profile: Profile, into: Map<string, number>): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const file = url.split("/").pop() ?? "";
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}:${columnNumber + 1}`;
    into.set(key, (into.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
}

async function round(browser: ExtensionBrowser, url: string, selfTime: Map<string, number>) {
  await callBackground(browser, "translationCache", { clear: true });
  const page: Page = await browser.context.newPage();
  await page.goto(url);
  const tabId = await tabIdOf(browser, page);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send("Performance.enable");
  if (PROFILE) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
  }
  const stopTrace = TRACE ? await startTrace(cdp) : undefined;
  const before = await metrics(cdp);
  await pressCommand(browser, tabId);
  const state = await translated(browser, tabId);
  const after = await metrics(cdp);
  if (COUNT) console.log(`  calls: ${await counted(page)}`);
  if (stopTrace) traceSelfTimes(await stopTrace(), selfTime);
  if (PROFILE) {
    const { profile } = (await cdp.send("Profiler.stop")) as { profile: Profile };
    selfTimes(profile, selfTime);
    if (SAVE) writeFileSync(join(SAVE, `${basename(url, ".html")}-${Date.now()}.cpuprofile`), JSON.stringify(profile));
  }
  await page.close();
  const row = Object.fromEntries(METRICS.map((m) => [m, (after[m] ?? 0) - (before[m] ?? 0)]));
  return { row, state };
}

async function main(): Promise<void> {
  const pages = await startStaticServer(resolve(process.cwd(), "test/fixtures"));
  const double = await startDouble({ port: 0, slots: 2, ctx: 8192 });
  const browser = await launchWithExtension(PROFILE || COUNT ? { extensionDir: readableExtension() } : {});
  try {
    await setSettings(browser, { baseUrl: double.url, targetLang: "en" }, { replace: true });
    for (const file of PAGES) {
      const rows: Array<Record<string, number>> = [];
      const selfTime = new Map<string, number>();
      for (let i = 0; i < ROUNDS; i++) {
        double.reset();
        const { row, state } = await round(browser, `${pages.url}/${file}`, selfTime);
        rows.push(row);
        const p = state.progress;
        console.log(
          `${file} round ${i + 1}: ${state.status}, ${p.done}/${p.total} units, ${double.stats().chatRequests} requests; ` +
            METRICS.map((m) => shown(m, row[m] ?? 0)).join(", "),
        );
      }
      console.log(
        `${file} median of ${ROUNDS}: ` + METRICS.map((m) => shown(m, median(rows.map((r) => r[m] ?? 0)))).join(", "),
      );
      if (PROFILE || TRACE) printTopSelfTimes(`  ${TRACE ? "trace" : "profile"}`, selfTime, ROUNDS, TOP);
    }
  } finally {
    await browser.close();
    await double.close();
    await pages.close();
  }
}

void main();
