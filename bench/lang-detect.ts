// Compares JavaScript language detectors for the userscript build (which has no browser.i18n.detectLanguage):
// bundle size (esbuild IIFE, minified, gzipped), accuracy and "undetermined" rate on short Reddit-like comments,
// speed, and what each API returns. Run: `node scripts/run-ts.mjs bench/lang-detect.ts`.
//
// Candidates are loaded with a dynamic import of a computed specifier, so the script (and `tsc`) work without them:
// a candidate that is not installed is skipped with a note. Install the rejected ones for a rerun with
//   npm install --no-save eld franc-min cld3-asm
import { build } from "esbuild";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";
import { HELD_OUT_SAMPLES, JUNK_SAMPLES, MIXED_SAMPLES, OTHER_SAMPLES, SAMPLES } from "./lang-detect-samples";
import { detectLanguage } from "../src/userscript/detect-language";

/** One answer: a BCP 47 primary subtag, or undefined when the detector declined (or was not confident). */
interface Guess {
  /** Best guess even when unsure ("top-1"), mapped to a BCP 47 primary subtag. */
  best: string | undefined;
  /** What a caller that honours the library's own confidence signal gets. */
  sure: string | undefined;
}
type Detect = (text: string) => Guess | Promise<Guess>;

interface Candidate {
  name: string;
  /** npm package to look for. */
  pkg: string;
  /** Tiny browser entry for the size measurement (imports and calls the library once). */
  entry: string;
  /** How the "sure" answer is derived from the library's API. */
  confidence: string;
  load(): Promise<Detect>;
}

// franc speaks ISO 639-3; BCP 47 wants the ISO 639-1 code where one exists. Enough of franc-min's 82 languages to
// judge the bench (the others stay 3-letter, which never matches an expected code here).
// prettier-ignore
const ISO3_TO_1: Record<string, string> = {
  cmn: "zh", deu: "de", eng: "en", fra: "fr", spa: "es", ita: "it", nld: "nl", por: "pt", pol: "pl", swe: "sv",
  rus: "ru", jpn: "ja", kor: "ko", tur: "tr", ukr: "uk", ces: "cs", slk: "sk", ron: "ro", cat: "ca", dan: "da",
  nob: "nb", nno: "nn", glg: "gl", hun: "hu", fin: "fi", ell: "el", bul: "bg", srp: "sr", hrv: "hr", bos: "bs",
  slv: "sl", bel: "be", ind: "id", zlm: "ms", vie: "vi", tha: "th", arb: "ar", pes: "fa", heb: "he", hin: "hi",
  ben: "bn", azj: "az", uzn: "uz", kaz: "kk", afr: "af", tgl: "tl", swh: "sw", hau: "ha", yor: "yo", ibo: "ig",
  som: "so", zul: "zu", xho: "xh", amh: "am", mar: "mr", tel: "te", tam: "ta", guj: "gu", kan: "kn", mal: "ml",
  pan: "pa", ory: "or", nep: "ne", sin: "si", mya: "my", khm: "km", lao: "lo", kin: "rw", run: "rn", nya: "ny",
  sna: "sn", mad: "mad", jav: "jv", sun: "su", ceb: "ceb", ilo: "ilo", hat: "ht", epo: "eo", lit: "lt", lav: "lv",
};
const primary = (code: string): string | undefined => {
  if (!code || code === "und") return undefined;
  const base = code.split(/[-_]/)[0]!.toLowerCase();
  return ISO3_TO_1[base] ?? (base === "iw" ? "he" : base === "jw" ? "jv" : base);
};

// The modules are typed here rather than imported, so a missing candidate does not break type-checking.
interface EldModule {
  eld: { detect(text: string): { language: string; isReliable(): boolean } };
}
interface TinyldModule {
  detect(text: string): string;
  detectAll(text: string): { lang: string; accuracy: number }[];
}
interface FrancModule {
  franc(text: string, options?: { minLength?: number }): string;
}
interface Cld3Module {
  loadModule(): Promise<{
    create(min?: number, max?: number): { findLanguage(text: string): { language: string; is_reliable: boolean } };
  }>;
}
const load = <T>(spec: string): Promise<T> => import(spec) as Promise<T>;

const eldCandidate = (size: "extrasmall" | "small"): Candidate => ({
  name: `eld/${size}`,
  pkg: "eld",
  entry: `import { eld } from "eld/${size}"; console.log(eld.detect(document.title).language);`,
  confidence: 'language !== "" && isReliable()',
  async load() {
    const { eld } = await load<EldModule>(`eld/${size}`);
    return (text) => {
      const result = eld.detect(text);
      const best = primary(result.language);
      return { best, sure: result.isReliable() ? best : undefined };
    };
  },
});

const tinyldCandidate = (variant: "light" | "normal"): Candidate => {
  const spec = variant === "normal" ? "tinyld" : `tinyld/${variant}`;
  return {
    name: spec,
    pkg: "tinyld",
    entry: `import { detect } from "${spec}"; console.log(detect(document.title));`,
    confidence: 'detect() !== ""',
    async load() {
      const mod = await load<TinyldModule>(spec);
      return (text) => {
        const sure = primary(mod.detect(text));
        return { best: sure ?? primary(mod.detectAll(text)[0]?.lang ?? ""), sure };
      };
    },
  };
};

const CANDIDATES: Candidate[] = [
  eldCandidate("extrasmall"),
  eldCandidate("small"),
  tinyldCandidate("light"),
  tinyldCandidate("normal"),
  {
    name: "franc-min",
    pkg: "franc-min",
    entry: `import { franc } from "franc-min"; console.log(franc(document.title));`,
    confidence: 'franc() !== "und" (default minLength 10)',
    async load() {
      const { franc } = await load<FrancModule>("franc-min");
      return (text) => ({ best: primary(franc(text, { minLength: 1 })), sure: primary(franc(text)) });
    },
  },
  {
    name: "cld3-asm",
    pkg: "cld3-asm",
    entry: `import { loadModule } from "cld3-asm"; loadModule().then((f) => console.log(f.create().findLanguage(document.title).language));`,
    confidence: "is_reliable",
    async load() {
      const { loadModule } = await load<Cld3Module>("cld3-asm");
      const identifier = (await loadModule()).create(0, 1000);
      return (text) => {
        const result = identifier.findLanguage(text);
        const best = primary(result.language);
        return { best, sure: result.is_reliable ? best : undefined };
      };
    },
  },
  {
    name: "gloss detectLanguage",
    pkg: "",
    entry: `import { detectLanguage } from "./src/userscript/detect-language"; detectLanguage(document.title).then(console.log);`,
    confidence: "returns undefined when unsure",
    async load() {
      return async (text) => {
        const sure = await detectLanguage(text);
        return { best: sure, sure };
      };
    },
  },
];

function isInstalled(pkg: string): boolean {
  return !pkg || existsSync(join("node_modules", pkg, "package.json"));
}

async function bundleSize(entry: string): Promise<{ min: number; gzip: number }> {
  // Same as `npx esbuild --bundle --minify --format=iife entry.js`, gzip at level 9.
  const result = await build({
    stdin: { contents: entry, resolveDir: process.cwd(), loader: "ts" },
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

interface Tally {
  total: number;
  /** sure answer right */
  right: number;
  /** sure answer wrong */
  wrong: number;
  /** sure answer undefined */
  unsure: number;
  /** top-1 (ignoring confidence) right */
  top1: number;
}
const tally = (): Tally => ({ total: 0, right: 0, wrong: 0, unsure: 0, top1: 0 });
const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}%` : "–");

async function evaluate(detect: Detect, samples: Record<string, readonly string[]>) {
  const perLang: Record<string, Tally> = {};
  const all = tally();
  for (const [lang, texts] of Object.entries(samples)) {
    const t = (perLang[lang] = tally());
    for (const text of texts) {
      const guess = await detect(text);
      for (const x of [t, all]) {
        x.total++;
        if (guess.best === lang) x.top1++;
        if (guess.sure === undefined) x.unsure++;
        else if (guess.sure === lang) x.right++;
        else x.wrong++;
      }
    }
  }
  return { perLang, all };
}

async function evaluateRest(detect: Detect) {
  // Out-of-set languages: harmful when the answer is one of the 14 measured languages.
  const measured = new Set(Object.keys(SAMPLES));
  const other = { total: 0, right: 0, harmful: 0, unsure: 0 };
  for (const [lang, texts] of Object.entries(OTHER_SAMPLES)) {
    for (const text of texts) {
      const { sure } = await detect(text);
      other.total++;
      if (sure === undefined) other.unsure++;
      else if (sure === lang || (lang === "nb" && sure === "no")) other.right++;
      else if (measured.has(sure)) other.harmful++;
    }
  }
  let junkUndetermined = 0;
  for (const text of JUNK_SAMPLES) if ((await detect(text)).sure === undefined) junkUndetermined++;
  return { other, junkUndetermined };
}

async function speed(detect: Detect): Promise<number> {
  const texts = Object.values(SAMPLES).flat();
  for (const text of texts) await detect(text); // warm-up
  let count = 0;
  const start = performance.now();
  while (performance.now() - start < 1500) {
    for (const text of texts) await detect(text);
    count += texts.length;
  }
  return Math.round((count * 1000) / (performance.now() - start));
}

async function main(): Promise<void> {
  const languages = Object.keys(SAMPLES);
  const sampleCount = Object.values(SAMPLES).flat().length;
  const heldOutCount = Object.values(HELD_OUT_SAMPLES).flat().length;
  const otherCount = Object.values(OTHER_SAMPLES).flat().length;
  console.log(
    `Test set: ${sampleCount} texts in ${languages.length} languages (+${heldOutCount} held out), ` +
      `${otherCount} out-of-set texts, ${JUNK_SAMPLES.length} junk texts\n`,
  );
  const rows: string[][] = [];
  const perLangRows: Record<string, string[]> = Object.fromEntries(languages.map((l) => [l, [l]]));
  const names: string[] = [];
  for (const candidate of CANDIDATES) {
    if (!isInstalled(candidate.pkg)) {
      console.log(
        `skipped ${candidate.name}: ${candidate.pkg} is not installed (npm install --no-save ${candidate.pkg})`,
      );
      continue;
    }
    let detect: Detect;
    try {
      detect = await candidate.load();
    } catch (error) {
      console.log(`skipped ${candidate.name}: ${(error as Error).message}`);
      continue;
    }
    const size = await bundleSize(candidate.entry);
    const { perLang, all } = await evaluate(detect, SAMPLES);
    const heldOut = (await evaluate(detect, HELD_OUT_SAMPLES)).all;
    const mixed = (await evaluate(detect, MIXED_SAMPLES)).all;
    const { other, junkUndetermined } = await evaluateRest(detect);
    const perSecond = await speed(detect);
    names.push(candidate.name);
    rows.push([
      candidate.name,
      String(size.min),
      String(size.gzip),
      pct(all.right, all.total),
      pct(all.wrong, all.total),
      pct(all.unsure, all.total),
      pct(all.top1, all.total),
      `${heldOut.right}/${heldOut.wrong}/${heldOut.unsure}`,
      `${mixed.right}/${mixed.wrong}/${mixed.unsure}`,
      `${other.harmful}/${other.total}`,
      `${junkUndetermined}/${JUNK_SAMPLES.length}`,
      perSecond.toLocaleString("en-US"),
    ]);
    for (const lang of languages) {
      const t = perLang[lang]!;
      perLangRows[lang]!.push(`${t.right}/${t.total}` + (t.unsure ? ` (${t.unsure}?)` : ""));
    }
    console.log(`measured ${candidate.name} (sure = ${candidate.confidence})`);
  }
  console.log();
  printTable(
    [
      "candidate",
      "min B",
      "gzip B",
      "right",
      "wrong",
      "unsure",
      "top-1",
      "held-out r/w/u",
      "mixed r/w/u",
      "out-of-set → one of 14",
      "junk undetermined",
      "texts/s",
    ],
    rows,
  );
  console.log(
    "\nright/wrong/unsure: the answer when the library's own confidence signal is honoured; top-1: best guess regardless." +
      "\nheld-out r/w/u: right/wrong/unsure counts on HELD_OUT_SAMPLES, written after the wrapper's thresholds were set." +
      "\nmixed r/w/u: the same on MIXED_SAMPLES (sentences in one language full of another's words); wrong is harmful." +
      "\nout-of-set → one of 14: texts in a neighbouring language reported as one of the 14 (the harmful mistake).",
  );
  console.log("\nPer language, right/total (unsure count):\n");
  printTable(["lang", ...names], Object.values(perLangRows));
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
  for (const row of rows) console.log(line(row));
}

await main();
