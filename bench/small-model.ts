// The "small model" run of `npm run bench`: a long fixture page (an old-Reddit thread) through the page engine and
// the server client against the double, once with a well-behaved model and once with the small-model profile at
// its default rates (test/double/model-profile.ts). Prints the share of units (passages and attributes) translated fully, with simplified
// formatting, left in the original and retried, and the extra requests the small model's slips cost.
// The page runs in jsdom (no layout: every passage has the same priority), which is all the engine needs here.
import { readFileSync } from "node:fs";
import { JSDOM } from "jsdom";
import { batchCharsFor } from "../src/connection/capacity";
import { createPageTranslator, type Summary } from "../src/core";
import { createLlmTranslator } from "../src/llm";
import type { Translator } from "../src/shared/translator";
import { startDouble } from "../test/double/server";

const PAGE = "test/fixtures/old-reddit-thread-de.html";
const SLOTS = 2;
const CTX = 4096;

interface Outcome {
  summary: Summary;
  /** Passages sent again after an unusable reply. */
  retried: number;
  requests: number;
}

/** Counts the units sent more than once whole (a job id is `<unit>#<request>`; a simplified run's adds `.<n>`). */
function counting(translator: Translator, sends: Map<string, Set<string>>): Translator {
  return (batch, opts) => {
    for (const seg of batch) {
      const [unit = "", request = ""] = seg.id.split("#");
      if (request.includes(".")) continue;
      const seen = sends.get(unit) ?? new Set<string>();
      seen.add(request);
      sends.set(unit, seen);
    }
    return translator(batch, opts);
  };
}

async function translatePage(profile: string | null): Promise<Outcome> {
  const double = await startDouble({ slots: SLOTS, ctx: CTX, promptTps: 20_000, genTps: 2_000 });
  double.setProfile(profile);
  try {
    const dom = new JSDOM(readFileSync(PAGE, "utf8"), { url: "https://old.reddit.com/r/de/comments/x/" });
    const sends = new Map<string, Set<string>>();
    const llm = createLlmTranslator({ preset: "llama-server", baseUrl: double.url, maxConcurrent: SLOTS });
    const page = createPageTranslator(dom.window.document, {
      translator: counting(llm, sends),
      targetLang: "en",
      sourceLang: "de",
      maxBatchChars: batchCharsFor(CTX, "en"),
      maxConcurrent: SLOTS,
    });
    const summary = await page.translate();
    page.restore();
    dom.window.close();
    const retried = [...sends.values()].filter((requests) => requests.size > 1).length;
    return { summary, retried, requests: double.stats().chatRequests };
  } finally {
    await double.close();
  }
}

const percent = (n: number, total: number): string => `${((100 * n) / Math.max(1, total)).toFixed(1)}%`;
const share = (n: number, total: number): string => `${percent(n, total)} (${n})`;

export async function runSmallModelBench(): Promise<void> {
  const good = await translatePage(null);
  const small = await translatePage("small");
  const rows = [
    ["well-behaved model", good],
    ["small model (default rates)", small],
  ].map(([name, o]) => {
    const { summary, retried, requests } = o as Outcome;
    const total = summary.found - summary.skipped;
    const full = summary.translated - summary.simplified;
    return {
      model: name as string,
      units: total,
      "translated fully": share(full, total),
      simplified: share(summary.simplified, total),
      "left original": share(summary.failed, total),
      "fully or simplified": percent(summary.translated, total),
      retried: share(retried, total),
      requests,
    };
  });
  const extra = small.requests - good.requests;
  console.log(
    `\nsmall model — ${PAGE} through the page engine, ${SLOTS} slots, context ${CTX}; ` +
      `the small-model profile at its default rates (test/double/model-profile.ts, seed 1)`,
  );
  console.table(rows);
  console.log(
    `extra requests from the small model's slips: ${extra} (${percent(extra, good.requests)} more than the ` +
      `well-behaved model's ${good.requests}); target: >= 97% translated (fully or simplified), <= 10% extra requests`,
  );
}
