// Micro-benchmark (not a test): what the bilingual view costs on a feed of clamped titles (bench/clamped-feed-page.ts:
// 500 cards in real Chromium, each title clamped to two lines), against replacing the text: a whole translation with
// the fake translator, a switch to the other view and back, and Show original, medians of the rounds. `--root DIR`
// bundles the page half against another checkout's src/ to compare before and after. Run:
// `node scripts/run-ts.mjs bench/clamped-feed.ts [-- --rounds N] [--root DIR]`.
import { median, ROOT, ROUNDS, withBenchPage } from "./chromium-bench";

const MODES = ["replace", "bilingual"] as const;

async function main(): Promise<void> {
  await withBenchPage("clamped-feed-page.ts", "clampedFeedBench", async (page) => {
    const runMode = (mode: string) =>
      page.evaluate(
        (m) =>
          (
            window as unknown as {
              clampedFeedBench: { run(m: string): Promise<{ translate: number; switch: number; restore: number }> };
            }
          ).clampedFeedBench.run(m),
        mode,
      );
    // Warmed up on both first, then both in turn each round: drift on a shared machine falls on both alike.
    for (let round = 0; round < 3; round++) for (const m of MODES) await runMode(m);
    const times = MODES.map(() => ({ translate: [] as number[], switch: [] as number[], restore: [] as number[] }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, m] of MODES.entries()) {
        const r = await runMode(m);
        times[i]?.translate.push(r.translate);
        times[i]?.switch.push(r.switch);
        times[i]?.restore.push(r.restore);
      }
    }
    console.log(`${ROOT}, ${ROUNDS} rounds, medians (ms)`);
    for (const [i, m] of MODES.entries()) {
      const { translate, switch: switched, restore } = times[i] ?? { translate: [], switch: [], restore: [] };
      console.log(
        `${m.padEnd(10)} translate ${median(translate).toFixed(1)}  switch and back ${median(switched).toFixed(1)}  ` +
          `show original ${median(restore).toFixed(1)}`,
      );
    }
  });
}

void main();
