// Start-up benchmark (not a test): how long from the reader's command to the first request at the server, on the
// long old-Reddit thread in real Chromium with the built extension, started as a user starts it (the toggle command
// through the background), on a fresh page each round. Prints each round and the median. With `--first-contact`, each
// round meets a new server (another port: nothing known about it yet, as in bench/page.ts); else the same one. With
// `--ready`, "ready on every site" is on (every site granted): the content script loads with the page, and the
// press comes once the background has heard from it.
// Run: `node build.mjs && node scripts/run-ts.mjs bench/first-request.ts [-- --rounds N] [--first-contact] [--ready]`
// (about a minute).
import { resolve } from "node:path";
import { startDouble } from "../test/double/server";
import { extensionGranting, launchWithExtension, serviceWorker, setSettings, tabIdOf } from "../test/e2e/chromium";
import { startStaticServer } from "../test/helpers/static-server";
import { heardFrom, setReadyOnEverySite } from "./ready-on-every-site";

const roundsArg = process.argv.indexOf("--rounds");
const ROUNDS = (roundsArg > 0 && Number(process.argv[roundsArg + 1])) || 9;
const FIRST_CONTACT = process.argv.includes("--first-contact");
const READY = process.argv.includes("--ready");

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
    for (let round = 0; round < ROUNDS; round++) {
      if (FIRST_CONTACT && round > 0) {
        await double.close();
        double = await newDouble();
        await settings();
      }
      const page = await browser.context.newPage();
      await page.goto(`${pages.url}/old-reddit-thread-de.html`);
      const tabId = await tabIdOf(browser, page);
      if (READY) await heardFrom(browser, tabId);
      const requested = new Promise<number>((done) => double.events.once("request", () => done(Date.now())));
      const started = Date.now();
      await serviceWorker(browser).evaluate(async (id) => {
        const { gloss } = globalThis as unknown as {
          gloss: { onCommand(c: string, t: { id: number }): Promise<unknown> };
        };
        await gloss.onCommand("toggle-translation", { id });
      }, tabId);
      const at = await requested;
      rows.push(at - started);
      console.log(`round ${round + 1}: first request ${at - started} ms after the command`);
      await page.close();
      double.reset();
    }
    console.log(
      `median of ${ROUNDS}${FIRST_CONTACT ? " (first contact)" : ""}${READY ? " (ready on every site)" : ""}: first request ${median(rows)} ms after the command`,
    );
  } finally {
    await browser.context.close();
    await double.close();
    await pages.close();
  }
}

void main();
