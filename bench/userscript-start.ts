// What the userscript costs a page before the reader asks for anything: its text compiled as the manager does
// (a function around it) and run with a minimal GM object on a blank page, in a fresh page each round (no code
// cache). `--file PATH` measures another build (e.g. a copy of an older dist/gloss.user.js) to compare.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM } from "../test/e2e/chromium";
import { CHROMIUM_FLAGS } from "../test/e2e/chromium-flags";
import { arg, median, ROUNDS } from "./chromium-bench";

const file = resolve(arg("--file") ?? "dist/gloss.user.js");
const source = readFileSync(file, "utf8");

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  const compile: number[] = [];
  const run: number[] = [];
  const settled: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const page = await browser.newPage();
      await page.setContent("<!DOCTYPE html><html><head></head><body><p>Hello</p></body></html>");
      const times = await page.evaluate(async (src) => {
        const values = new Map<string, unknown>();
        const gm = {
          info: { scriptHandler: "Violentmonkey", injectInto: "content", script: { version: "bench" } },
          getValue: async (key: string, fallback: unknown) => (values.has(key) ? values.get(key) : fallback),
          setValue: async (key: string, value: unknown) => void values.set(key, value),
          deleteValue: async (key: string) => void values.delete(key),
          listValues: async () => [...values.keys()],
          registerMenuCommand: () => 0,
          xmlHttpRequest: () => undefined,
          notification: () => undefined,
        };
        const t0 = performance.now();
        const fn = new Function("GM", "GM_info", "GM_xmlhttpRequest", "GM_notification", src);
        const t1 = performance.now();
        fn(gm, gm.info, undefined, undefined);
        const t2 = performance.now();
        await new Promise((r) => setTimeout(r, 0));
        const t3 = performance.now();
        return { compile: t1 - t0, run: t2 - t1, settled: t3 - t1 };
      }, source);
      compile.push(times.compile);
      run.push(times.run);
      settled.push(times.settled);
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const ms = (values: number[]) => `${median(values).toFixed(1)} ms`;
  console.log(`${file} (${Math.round(source.length / 1024)} KB), median of ${ROUNDS}:`);
  console.log(`  compile ${ms(compile)}, run ${ms(run)}, run until the first task after ${ms(settled)}`);
}

void main();
