// Translation CPU benchmark (not a test): what one page translation costs outside the page, per Chromium process.
// The built extension in real Chromium against an instant llama-server double, on the long old-Reddit thread: per
// round a fresh tab is translated with the toggle command (translation cache cleared first), and the CPU time each of
// the browser's processes used over that span is read from /proc (browser, the extension's renderer with its service
// worker, the page's renderer, the utility processes such as storage and network). The end is awaited by reading the
// toolbar badge every 100 ms (what a reader sees; asking the tab's state instead asks its page each time, and that
// polling would be a good part of what is measured). With `--profile`, the service worker's sampling profiler gives
// its top self-time functions (through a DevTools port; the background bundle is not minified, so names are the
// source's).
// Run: `node build.mjs && node scripts/run-ts.mjs bench/translation-cpu.ts [-- --rounds N] [--profile] [--top N]
// [--page FILE]` (under a minute).
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import puppeteer, { type CDPSession } from "puppeteer-core";
import { startDouble } from "../test/double/server";
import {
  callBackground,
  launchWithExtension,
  serviceWorker,
  setSettings,
  tabIdOf,
  type ExtensionBrowser,
} from "../test/e2e/chromium";
import { startStaticServer } from "../test/helpers/static-server";
import { arg, median, printTopSelfTimes, type Profile, type ProfileNode } from "./chromium-bench";

const ROUNDS = Number(arg("--rounds")) || 3;
const PROFILE = process.argv.includes("--profile");
const TOP = Number(arg("--top")) || 30;
/**
 * Count, in the service worker, its calls of browser APIs, IndexedDB and its own message handlers, and the messages it
 * posts on ports (by type), in each round.
 */
const COUNT = process.argv.includes("--count");
const PAGE = arg("--page") ?? "old-reddit-thread-de.html";
const TICKS_MS = 10; // /proc reports CPU time in clock ticks of 10 ms

interface Proc {
  cpuMs: number;
  cmdline: string;
  parent: number;
}

function proc(pid: number): Proc | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return { cpuMs: (Number(fields[11]) + Number(fields[12])) * TICKS_MS, cmdline, parent: Number(fields[1]) };
  } catch {
    return undefined; // exited meanwhile
  }
}

/** This bench's Chromium: the browser process (its profile is a gloss-chromium- directory) and its descendants. */
function chromiumProcesses(): Map<number, Proc> {
  const all = new Map<number, Proc>();
  for (const pid of readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)) {
    const found = proc(pid);
    if (found) all.set(pid, found);
  }
  const ours = new Set(
    [...all]
      .filter(([, p]) => p.cmdline.includes("gloss-chromium") && !p.cmdline.includes("--type="))
      .map(([id]) => id),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, p] of all)
      if (!ours.has(pid) && ours.has(p.parent)) {
        ours.add(pid);
        grew = true;
      }
  }
  return new Map([...ours].map((pid) => [pid, all.get(pid)!]));
}

function kindOf(cmdline: string): string {
  if (cmdline.includes("--type=renderer"))
    return cmdline.includes("--extension-process") ? "extension (worker)" : "page renderer";
  const type = /--type=([a-z-]+)/.exec(cmdline)?.[1];
  return type ?? "browser";
}

/** CPU ms per kind of process between two readings. */
function cpuBetween(before: Map<number, Proc>, after: Map<number, Proc>): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const [pid, p] of after) {
    const kind = kindOf(p.cmdline);
    sums[kind] = (sums[kind] ?? 0) + p.cpuMs - (before.get(pid)?.cpuMs ?? 0);
  }
  return sums;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const nameOf = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || "(anonymous)"} ${url.split("/").pop() ?? ""}:${lineNumber + 1}`;
};

/**
 * Self time per function (ms), keyed by name and place; a built-in (no script of its own: an extension API, an
 * IndexedDB call) is named with the function of ours that called it, which says more.
 */
function selfTimes(profile: Profile, into: Map<string, number>): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node);
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const builtIn = !node.callFrame.url && !node.callFrame.functionName.startsWith("(");
    const caller = builtIn ? parents.get(id) : undefined;
    const key = caller ? `${nameOf(node)} < ${nameOf(caller)}` : nameOf(node);
    into.set(key, (into.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
}

/** A CDP session on the extension's service worker, through the browser's DevTools port. */
async function workerSession(port: number): Promise<CDPSession> {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${port}` });
  const target = await browser.waitForTarget((t) => t.type() === "service_worker");
  return target.createCDPSession();
}

/**
 * Wraps, in the service worker, what costs the browser process a round trip (extension APIs, IndexedDB, port
 * messages) and the background's message handlers, counting calls; the returned function reads and resets the counts.
 */
async function countCalls(browser: ExtensionBrowser): Promise<() => Promise<Record<string, number>>> {
  await serviceWorker(browser).evaluate(() => {
    const counts: Record<string, number> = {};
    const wrap = (owner: Record<string, unknown> | undefined, name: string, label: string) => {
      const fn = owner?.[name];
      if (!owner || typeof fn !== "function") return;
      owner[name] = function (this: unknown, ...args: unknown[]) {
        counts[label] = (counts[label] ?? 0) + 1;
        return (fn as (...a: unknown[]) => unknown).apply(this, args);
      };
    };
    const api = chrome as unknown as Record<string, Record<string, unknown>>;
    for (const [area, names] of Object.entries({
      action: ["setBadgeText", "setBadgeBackgroundColor", "setBadgeTextColor"],
      contextMenus: ["update"],
      tabs: ["get", "sendMessage", "query"],
      scripting: ["executeScript"],
    }))
      for (const name of names) wrap(api[area], name, `${area}.${name}`);
    for (const area of ["local", "session"] as const)
      for (const name of ["get", "set"])
        wrap(chrome.storage[area] as unknown as Record<string, unknown>, name, `storage.${area}.${name}`);
    wrap(IDBDatabase.prototype as unknown as Record<string, unknown>, "transaction", "IDB transaction");
    for (const name of ["put", "get"])
      wrap(IDBObjectStore.prototype as unknown as Record<string, unknown>, name, `IDB ${name}`);
    // The messages the worker posts on its ports (translation results, "done", statuses), by type: each one is also
    // routed by the browser process and received by a renderer. postMessage is each port's own: this listener, added
    // after the background's, wraps it before the background's first post (its handler awaits the settings first).
    chrome.runtime.onConnect.addListener((port) => {
      const post = port.postMessage.bind(port);
      port.postMessage = (message: { type?: string }) => {
        const label = `port message ${message?.type ?? "?"}`;
        counts[label] = (counts[label] ?? 0) + 1;
        post(message);
      };
    });
    const { gloss } = globalThis as unknown as { gloss: { handlers: Record<string, unknown> } };
    for (const name of Object.keys(gloss.handlers)) wrap(gloss.handlers, name, `handler ${name}`);
    Object.assign(globalThis, { benchCounts: counts });
  });
  return () =>
    serviceWorker(browser).evaluate(() => {
      const counts = (globalThis as unknown as { benchCounts: Record<string, number> }).benchCounts;
      const copy = { ...counts };
      for (const key of Object.keys(counts)) delete counts[key];
      return copy;
    });
}

async function main(): Promise<void> {
  const pages = await startStaticServer(resolve(process.cwd(), "test/fixtures"));
  const double = await startDouble({ port: 0, slots: 2, ctx: 8192 });
  const port = PROFILE ? await freePort() : 0;
  const browser = await launchWithExtension(PROFILE ? { args: [`--remote-debugging-port=${port}`] } : {});
  const rows: Array<Record<string, number>> = [];
  const selfTime = new Map<string, number>();
  try {
    await setSettings(browser, { baseUrl: double.url, targetLang: "en" }, { replace: true });
    const cdp = PROFILE ? await workerSession(port) : undefined;
    const counted = COUNT ? await countCalls(browser) : undefined;
    for (let i = 0; i < ROUNDS; i++) {
      await callBackground(browser, "translationCache", { clear: true });
      double.reset();
      const page = await browser.context.newPage();
      await page.goto(`${pages.url}/${PAGE}`);
      const tabId = await tabIdOf(browser, page);
      if (cdp) {
        await cdp.send("Profiler.enable");
        await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
        await cdp.send("Profiler.start");
      }
      await counted?.();
      const before = chromiumProcesses();
      const badge = await serviceWorker(browser).evaluate(async (id) => {
        const { gloss } = globalThis as unknown as {
          gloss: { onCommand(c: string, t: { id: number }): Promise<unknown> };
        };
        await gloss.onCommand("toggle-translation", { id });
        for (;;) {
          const text = await chrome.action.getBadgeText({ tabId: id });
          if (text === "EN" || text === "!") return text;
          await new Promise((done) => setTimeout(done, 100));
        }
      }, tabId);
      const row = cpuBetween(before, chromiumProcesses());
      if (cdp) selfTimes(((await cdp.send("Profiler.stop")) as { profile: Profile }).profile, selfTime);
      rows.push(row);
      const stats = double.stats();
      console.log(`round ${i + 1}: badge ${badge}, ${stats.chatRequests} requests; CPU ms ${JSON.stringify(row)}`);
      if (counted) console.log(`  calls: ${JSON.stringify(await counted())}`);
      await page.close();
    }
    const kinds = [...new Set(rows.flatMap((row) => Object.keys(row)))];
    console.log(
      `median of ${ROUNDS}: CPU ms ` +
        JSON.stringify(Object.fromEntries(kinds.map((k) => [k, median(rows.map((r) => r[k] ?? 0))]))),
    );
    if (PROFILE) printTopSelfTimes("service worker profile", selfTime, ROUNDS, TOP);
  } finally {
    await browser.close();
    await double.close();
    await pages.close();
  }
}

void main();
