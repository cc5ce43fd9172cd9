// Micro-benchmark (not a test): what the extension's translation cache costs a service worker's start when the
// cache is full (bench/cache-prune-rounds.ts), in fake-indexeddb under Node, and with `--chromium` in Chromium's
// IndexedDB too (a page of a routed origin, a new page load and an emptied database each round). Medians of the
// rounds. `--root DIR` measures another checkout's src/ (e.g. `git archive` of an older commit) to compare. Run:
// `node scripts/run-ts.mjs bench/cache-prune.ts [-- --rounds N] [--chromium] [--root DIR]`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { IDBFactory } from "fake-indexeddb";
import { chromium } from "playwright-core";
import { CHROMIUM } from "../test/e2e/chromium";
import { CHROMIUM_FLAGS } from "../test/e2e/chromium-flags";
import { arg, median, ROOT } from "./chromium-bench";
import { ENTRIES, HTML, type RoundTimes } from "./cache-prune-rounds";

const ROUNDS = Number(arg("--rounds")) || 5;
const ORIGIN = "http://gloss-cache.test";

type Rounds = { round(idb: IDBFactory): Promise<RoundTimes> };

/** The rounds' module bundled against ROOT's src/ (this file's copy, so both checkouts are measured alike). */
async function bundled(format: "iife" | "esm"): Promise<string> {
  const bundle = await build({
    stdin: {
      contents: readFileSync(join(__dirname, "cache-prune-rounds.ts"), "utf8"),
      resolveDir: join(ROOT, "bench"),
      loader: "ts",
    },
    bundle: true,
    write: false,
    format,
    globalName: format === "iife" ? "pruneBench" : undefined,
  });
  return bundle.outputFiles[0]?.text ?? "";
}

async function nodeRounds(): Promise<RoundTimes[]> {
  const code = await bundled("esm");
  const rounds = (await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`)) as Rounds;
  const times: RoundTimes[] = [];
  for (let i = 0; i < ROUNDS; i++) times.push(await rounds.round(new IDBFactory()));
  return times;
}

async function chromiumRounds(): Promise<RoundTimes[]> {
  const script = await bundled("iife");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    // An origin of its own: IndexedDB is refused to about:blank.
    await page.route(`${ORIGIN}/**`, (route) =>
      route.fulfill({ contentType: "text/html", body: `<!DOCTYPE html><script>${script}</script>` }),
    );
    const times: RoundTimes[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await page.goto(`${ORIGIN}/`); // a new load: the last round's connections closed
      times.push(
        await page.evaluate(async () => {
          await new Promise((resolve, reject) => {
            const req = indexedDB.deleteDatabase("gloss-translations");
            req.onsuccess = resolve;
            req.onerror = () => reject(req.error);
          });
          return (globalThis as unknown as { pruneBench: Rounds }).pruneBench.round(indexedDB);
        }),
      );
    }
    return times;
  } finally {
    await browser.close();
  }
}

function print(label: string, times: RoundTimes[]): void {
  console.log(
    `${label}, ${ENTRIES} entries of ~${new TextEncoder().encode(HTML).length} bytes, ${times.length} rounds:`,
  );
  console.log(`  first write of a worker life, within the limits: ${median(times.map((t) => t.within)).toFixed(1)} ms`);
  console.log(`  first write of a worker life, over them (prunes): ${median(times.map((t) => t.over)).toFixed(1)} ms`);
}

async function main(): Promise<void> {
  print("fake-indexeddb (Node)", await nodeRounds());
  if (process.argv.includes("--chromium")) print("Chromium", await chromiumRounds());
}

void main();
