// Start-up benchmark (not a test): how long from the reader's command to the first request at the server, on the
// long old-Reddit thread in real Chromium with the built extension, started as a user starts it (the toggle command
// through the background), on a fresh page each round. Prints each round and the median. With `--first-contact`, each
// round meets a new server (another port: nothing known about it yet, as in bench/page.ts); else the same one. With
// `--ready`, "ready on every site" is on (every site granted): the content script loads with the page, and the
// press comes once the background has heard from it. With `--cold-worker`, the background is stopped before each
// press (as the browser stops an idle service worker after 30 s), and the press comes as the popup's *Translate page*
// does, a message from an extension page that wakes it; without, the same message reaches a running background.
// Run: `node build.mjs && node scripts/run-ts.mjs bench/first-request.ts [-- --rounds N] [--first-contact] [--ready]
// [--cold-worker | --popup]` (about a minute).
import { resolve } from "node:path";
import { startDouble } from "../test/double/server";
import type { CDPSession } from "playwright-core";
import {
  extensionGranting,
  launchWithExtension,
  serviceWorker,
  setSettings,
  tabIdOf,
  type ExtensionBrowser,
} from "../test/e2e/chromium";
import { startStaticServer } from "../test/helpers/static-server";
import { heardFrom, setReadyOnEverySite } from "./ready-on-every-site";

const roundsArg = process.argv.indexOf("--rounds");
const ROUNDS = (roundsArg > 0 && Number(process.argv[roundsArg + 1])) || 9;
const FIRST_CONTACT = process.argv.includes("--first-contact");
const READY = process.argv.includes("--ready");
const COLD_WORKER = process.argv.includes("--cold-worker");
// The popup's message to a running background: the comparison for --cold-worker.
const POPUP = COLD_WORKER || process.argv.includes("--popup");
if (COLD_WORKER && (FIRST_CONTACT || READY)) {
  // Both set things up through the running background between presses.
  console.error("--cold-worker goes with neither --first-contact nor --ready.");
  process.exit(2);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const pages = await startStaticServer(resolve(process.cwd(), "test/fixtures"));
  const newDouble = () => startDouble({ port: 0, slots: 2, ctx: 8192, promptTps: 400, genTps: 25 });
  let double = await newDouble();
  const browser = await launchWithExtension(READY ? { extensionDir: extensionGranting(["*://*/*"]) } : {});
  const settings = async () => {
    await setSettings(browser, { baseUrl: double.url, targetLang: "en" }, { replace: true });
    // Saved as the options page saves it, so the background registers the script.
    if (READY) await setReadyOnEverySite(browser, true);
  };
  const rows: number[] = [];
  try {
    await settings();
    // The page the popup's message comes from, and a CDP session to stop the background with.
    const asker = POPUP ? await browser.context.newPage() : undefined;
    await asker?.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const cdp = asker && (await browser.context.newCDPSession(asker));
    await cdp?.send("ServiceWorker.enable");
    for (let round = 0; round < ROUNDS; round++) {
      if (FIRST_CONTACT && round > 0) {
        await double.close();
        double = await newDouble();
        await settings();
      }
      const page = await browser.context.newPage();
      await page.goto(`${pages.url}/old-reddit-thread-de.html`);
      // Asked from the popup's page when there is one: the background may be stopped.
      const tabId = asker
        ? await asker.evaluate(async (url) => (await chrome.tabs.query({ url }))[0]?.id ?? -1, page.url())
        : await tabIdOf(browser, page);
      if (READY) await heardFrom(browser, tabId);
      if (COLD_WORKER) await stopBackground(cdp!);
      const requested = new Promise<number>((done) => double.events.once("request", () => done(Date.now())));
      // The popup's message is timed in its page (the press is a message it sends and does not wait on).
      const started = asker
        ? await asker.evaluate((id) => {
            const at = Date.now();
            void chrome.runtime.sendMessage({ name: "translateTab", request: { tabId: id } });
            return at;
          }, tabId)
        : await pressCommand(browser, tabId);
      const at = await requested;
      rows.push(at - started);
      console.log(`round ${round + 1}: first request ${at - started} ms after the command`);
      await page.close();
      double.reset();
    }
    const how = [
      FIRST_CONTACT && "first contact",
      READY && "ready on every site",
      COLD_WORKER ? "background woken by the press" : POPUP && "popup's message",
    ].filter(Boolean);
    console.log(
      `median of ${ROUNDS}${how.length ? ` (${how.join(", ")})` : ""}: first request ${median(rows)} ms after the command`,
    );
  } finally {
    await browser.context.close();
    await double.close();
    await pages.close();
  }
}

/** The toggle command, as the shortcut delivers it; returns when it was given. */
async function pressCommand(browser: ExtensionBrowser, tabId: number): Promise<number> {
  const started = Date.now();
  await serviceWorker(browser).evaluate(async (id) => {
    const { gloss } = globalThis as unknown as {
      gloss: { onCommand(c: string, t: { id: number }): Promise<unknown> };
    };
    await gloss.onCommand("toggle-translation", { id });
  }, tabId);
  return started;
}

/** Stops the background as the browser stops an idle one, and waits until it has stopped. */
async function stopBackground(cdp: CDPSession): Promise<void> {
  const stopped = new Promise<void>((done) => {
    const onUpdate = ({ versions }: { versions: Array<{ runningStatus: string }> }) => {
      if (!versions.some((v) => v.runningStatus === "stopped")) return;
      cdp.off("ServiceWorker.workerVersionUpdated", onUpdate);
      done();
    };
    cdp.on("ServiceWorker.workerVersionUpdated", onUpdate);
  });
  await cdp.send("ServiceWorker.stopAllWorkers");
  await stopped;
}

void main();
