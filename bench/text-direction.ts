// Micro-benchmark (not a test): what knowing a page's CSS direction costs. A page of 2,000 paragraphs in real
// Chromium is collected and written (bench/text-direction-page.ts) as Gloss does it, on an all-left-to-right page,
// one right to left by a dir attribute and one right to left by CSS alone, into English and into Arabic; medians of
// the rounds. "read at write" reads computed direction as each unit is written (a style recalculation per write).
// `--root DIR` bundles the page half against another checkout's src/ (e.g. `git archive` of an older commit) to
// compare before and after. Run: `node scripts/run-ts.mjs bench/text-direction.ts [-- --rounds N] [--root DIR]`.
import { median, ROOT, ROUNDS, withBenchPage } from "./chromium-bench";
import type { Variant } from "./text-direction-page";

const CASES: Array<{ variant: Variant; lang: string; readAtWrite?: boolean }> = [
  { variant: "ltr", lang: "en" },
  { variant: "dir-rtl", lang: "en" },
  { variant: "css-rtl", lang: "en" },
  { variant: "ltr", lang: "ar" },
  { variant: "ltr", lang: "en", readAtWrite: true },
  { variant: "css-rtl", lang: "en", readAtWrite: true },
];

async function main(): Promise<void> {
  await withBenchPage("text-direction-page.ts", "directionBench", async (page) => {
    const runCase = (c: (typeof CASES)[number]) =>
      page.evaluate(
        ([v, l, w]) =>
          (
            window as unknown as {
              directionBench: { run(v: string, l: string, w: boolean): { collect: number; write: number } };
            }
          ).directionBench.run(v, l, w),
        [c.variant, c.lang, c.readAtWrite ?? false] as const,
      );
    // Warmed up on every case first, then the cases in turn each round, so that drift on a shared machine falls on
    // all of them alike.
    for (let round = 0; round < 3; round++) for (const c of CASES) await runCase(c);
    const times = CASES.map(() => ({ collect: [] as number[], write: [] as number[] }));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, c] of CASES.entries()) {
        const r = await runCase(c);
        times[i]?.collect.push(r.collect);
        times[i]?.write.push(r.write);
      }
    }
    console.log(`${ROOT}, ${ROUNDS} rounds, medians (ms)`);
    for (const [i, c] of CASES.entries()) {
      const { collect, write } = times[i] ?? { collect: [], write: [] };
      const name = `${c.variant} → ${c.lang}${c.readAtWrite ? ", read at write" : ""}`;
      console.log(`${name.padEnd(30)} collect ${median(collect).toFixed(1)}  write ${median(write).toFixed(1)}`);
    }
  });
}

void main();
