// What the Chromium micro-benchmarks share: their options, and a page holding their in-page half bundled against
// this checkout's src/ or another one's (`--root DIR`, e.g. `git archive` of an older commit, to compare).
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM } from "../test/e2e/chromium";
import { CHROMIUM_FLAGS } from "../test/e2e/chromium-flags";

export const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
export const ROUNDS = Number(arg("--rounds")) || 15;
export const ROOT = resolve(arg("--root") ?? process.cwd());

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** A CPU profile as the DevTools protocol's Profiler.stop gives it. */
export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Prints the total and the `top` largest self times (ms, summed over `rounds`) a round, under `label`. */
export function printTopSelfTimes(label: string, selfTime: Map<string, number>, rounds: number, top: number): void {
  const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
  console.log(`${label}: ${Math.round(total / rounds)} ms a round; top self time a round:`);
  for (const [key, ms] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${(ms / rounds).toFixed(1).padStart(8)} ms  ${key}`);
}

/** Run `fn` with a blank Chromium page holding `bench/<file>` as the global `globalName`. */
export async function withBenchPage(
  file: string,
  globalName: string,
  fn: (page: Page) => Promise<void>,
): Promise<void> {
  const bundle = await build({
    stdin: { contents: readFileSync(resolve(__dirname, file), "utf8"), resolveDir: join(ROOT, "bench"), loader: "ts" },
    bundle: true,
    write: false,
    format: "iife",
    globalName,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    await page.setContent("<!DOCTYPE html><html><head></head><body></body></html>");
    await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? "" });
    await fn(page);
  } finally {
    await browser.close();
  }
}
