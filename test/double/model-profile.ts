// Model profiles: how the double's "model" misbehaves, per segment, at configurable rates, the way small models do
// in public reports. A profile is deterministic by seed: the same seed, segment and attempt always draw the same
// behaviour, and a retry of a segment (its next attempt on this server) draws afresh, as a real model given a new
// context would. Selectable per server (`profile`, `--profile`, `POST /__double/profile`) and per request
// (header `X-Gloss-Profile`). Spec: `small`, `small;seed=7`, `small;lose-tag=0.2`, `good`, `hopeless`.
//
// The reports show that each behaviour happens with 2B–8B models; none measures how often it happens in Gloss's
// format (numbered placeholders, `[n]…[/]` markers, temperature 0). The default rates of the "small" profile are
// estimates for a 2B–4B instruction model, chosen so that each behaviour occurs several times on a long page.
import { CLOSE_MARKER, openMarker } from "../../src/llm/markers";

export const BEHAVIOURS = [
  // Tags (a segment with placeholders; at most one behaviour per placeholder pair).
  "lose-tag", // a placeholder pair that held text is dropped, its text kept
  "rename-tag", // a placeholder renamed to one never issued (`<a1>` → `<a>` beside an `<a2>`, `<b>` → `<strong>`)
  "add-attribute", // a placeholder gains an attribute (`<a1 href="…">`)
  "tag-case", // `<A1>…</A1>`
  "tag-space", // `< a1 >…</ a1>`
  "tag-brackets", // `[a1]…</a1>`, `[a1]…[/a1]`
  "self-closing", // an empty pair written `<x3/>`
  "markdown", // `**…**` for a bold placeholder, `*…*` for an italic one
  // Segments.
  "marker-deviation", // `[/2]`, `[ 2 ]`, `[\]`, `[[2]]…[[/]]`, a close left out
  "decode-footnote", // page text `&#91;1]` (a footnote) written back as `[1]`
  "merge-next", // the next segment's translation written inside this one, its own markers left out
  "untranslated", // the source echoed back
  "refusal", // "I'm sorry, but I can't translate this."
  "chatter", // "Here is the translation:" inside the segment
  // The whole reply (drawn once per request).
  "code-fence", // the reply wrapped in ``` fences
] as const;

export type Behaviour = (typeof BEHAVIOURS)[number];
export type Rates = Record<Behaviour, number>;

const NONE: Rates = Object.fromEntries(BEHAVIOURS.map((b) => [b, 0])) as Rates;

/**
 * The small-model profile's default rates: the chance per segment (per request for code-fence) that a behaviour
 * strikes where it can (a tag behaviour needs a placeholder it applies to; decode-footnote a `&#91;` in the source).
 */
export const SMALL_MODEL_RATES: Rates = {
  // mozilla/pontoon#3232: an LLM dropped <p> and <small> while rephrasing (fixed by an explicit instruction,
  // pontoon#3300). hydropix/TranslateBooksWithLLMs#50: "managing HTML tags and layout requires too much precision
  // for LLMs with 7b parameters" — the project added a mode that strips formatting instead.
  "lose-tag": 0.04,
  // kizuna-ai-lab/sokuji#527: TranslateGemma 4B echoed its wrapper tags and translated the tag name itself on
  // short inputs (20 of 40 outputs still carried angle brackets).
  "rename-tag": 0.01,
  // No public report of a model inventing an attribute for a bare placeholder; kept rare. It is what a prompt
  // injection would aim for, so Gloss must refuse it whenever it happens.
  "add-attribute": 0.005,
  // Issue #12's list (`<A1>`, `< a1 >`, `</ a1>`): case and spacing drift in tag names. No measurement found.
  "tag-case": 0.02,
  "tag-space": 0.02,
  // hydropix/TranslateBooksWithLLMs#12: Gemma 3 wrote `[TRANSLATED]…</TRANSLATED>`, mixing bracket styles ("a
  // common problem with LLMs, especially the smaller ones").
  "tag-brackets": 0.02,
  // Issue #12's list (`<a1/>` for an empty pair): HTML habits (`<br/>`, `<img/>`) for Gloss's empty pairs.
  "self-closing": 0.1,
  // Issue #12's list: Markdown emphasis instead of a placeholder; chat models are tuned to answer in Markdown.
  markdown: 0.03,
  // hydropix/TranslateBooksWithLLMs#12 again (bracket styles of its segment tags), and
  // machinewrapped/llm-subtrans#153 (Gemini's reply format drifting until the parser lost the following lines).
  "marker-deviation": 0.04,
  // A model reads `&#91;1]` as "[1]" and writes it that way; no report found, but decoding entities is what
  // models do with text they copy (modernmt/modernmt#338 shows the reverse drift, `<` escaped to `&lt;`).
  "decode-footnote": 0.5,
  // machinewrapped/llm-subtrans#6: two numbered blocks merged into one and every later block shifted;
  // hydropix/TranslateBooksWithLLMs#253: paragraphs merged, source text left behind; dmMaze/BallonsTranslator#861,
  // NEKOparapa/AiNiee#766: "translation count mismatch" with local 7B models.
  "merge-next": 0.01,
  // babarot/oksskolten#110: gemma-3-4b-it echoed the original text instead of translating it.
  untranslated: 0.01,
  // Gemma refuses texts it finds offensive (the seed blog post); Huanshere/VideoLingo#314 ("I do not feel
  // comfortable providing a direct translation"), sqzw-x/mdcx#788.
  refusal: 0.003,
  // fishjar/kiss-translator#208: short fragments answered with a discussion instead of a translation.
  chatter: 0.01,
  // NuevoFoundation/WorkshopsAutoTranslation#7: 31 of 78 translated files came back wrapped in a code fence
  // (temperature 1.0); rarer at Gloss's temperature 0.
  "code-fence": 0.02,
};

/** A model that cannot be used for formatted pages: loses most tags, merges and echoes segments. */
export const HOPELESS_RATES: Rates = {
  ...SMALL_MODEL_RATES,
  "lose-tag": 0.6,
  "rename-tag": 0.25,
  "tag-brackets": 0.2,
  markdown: 0.3,
  "marker-deviation": 0.2,
  "merge-next": 0.2,
  untranslated: 0.3,
  refusal: 0.05,
  chatter: 0.1,
  "code-fence": 0.3,
};

export const PROFILES: Readonly<Record<string, Rates>> = {
  good: NONE,
  small: SMALL_MODEL_RATES,
  hopeless: HOPELESS_RATES,
};

export interface ModelProfile {
  name: string;
  seed: number;
  rates: Rates;
  /** The text it was parsed from. */
  spec: string;
}

/** `small`, `small;seed=7;lose-tag=0.2`, `good`, `hopeless`. */
export function parseProfile(spec: string | undefined | null): ModelProfile | undefined {
  const text = spec?.trim();
  if (!text) return undefined;
  const [name = "", ...mods] = text.split(";").map((s) => s.trim());
  const base = PROFILES[name];
  if (!base) throw new Error(`unknown model profile "${name}" (known: ${Object.keys(PROFILES).join(", ")})`);
  const profile: ModelProfile = { name, seed: 1, rates: { ...base }, spec: text };
  for (const mod of mods) {
    const [key = "", value] = mod.split("=").map((s) => s.trim());
    const n = Number(value);
    if (value === undefined || !Number.isFinite(n)) throw new Error(`model profile modifier "${mod}" needs a number`);
    if (key === "seed") profile.seed = n;
    else if ((BEHAVIOURS as readonly string[]).includes(key))
      profile.rates[key as Behaviour] = Math.min(1, Math.max(0, n));
    else throw new Error(`unknown model profile modifier "${key}" (known: seed, ${BEHAVIOURS.join(", ")})`);
  }
  return profile;
}

/** A segment on its way out: its translation, and the markers it is written with (defaults when unset). */
export interface ProfiledSegment {
  n: number;
  source: string;
  html: string;
  open?: string;
  close?: string;
}

/** What the profile did, for the double's stats. */
export type Drawn = Partial<Record<Behaviour, number>>;

// mulberry32 over an FNV-1a hash of the seed, attempt and source: deterministic and well spread.
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pickOne = <T>(rng: () => number, items: readonly T[]): T | undefined =>
  items.length ? items[Math.floor(rng() * items.length)] : undefined;

interface Pair {
  name: string;
  /** Index of `<name>` and of `</name>` in the html. */
  open: number;
  close: number;
  holdsText: boolean;
}

function pairsOf(html: string): Pair[] {
  const pairs: Pair[] = [];
  // Numbered (`<b1>`) or, the only one of its kind in a segment, bare (`<b>`): see src/llm/wire-names.ts.
  for (const m of html.matchAll(/<([a-z]\d*)>/g)) {
    const name = m[1] as string;
    const close = html.indexOf(`</${name}>`, m.index);
    if (close < 0) continue;
    const inner = html.slice(m.index + m[0].length, close).replace(/<[^>]*>/g, "");
    pairs.push({ name, open: m.index, close, holdsText: /\p{L}/u.test(inner) });
  }
  return pairs;
}

const swapTags = (html: string, name: string, open: string, close: string): string =>
  html.replace(`<${name}>`, open).replace(`</${name}>`, close);

const LONG_NAMES: Readonly<Record<string, string>> = { a: "link", b: "strong", i: "em", s: "span", x: "img" };

type TagBehaviour = (html: string, pair: Pair, rng: () => number) => string | undefined;

const TAG_BEHAVIOURS: ReadonlyArray<[Behaviour, (pair: Pair) => boolean, TagBehaviour]> = [
  ["lose-tag", (p) => p.holdsText, (html, p) => swapTags(html, p.name, "", "")],
  [
    "rename-tag",
    () => true,
    (html, p) => {
      // A numbered link, bold or italic loses its number; a bare one, a span or an empty pair gets an HTML name.
      const letter = p.name.replace(/\d+$/, "");
      const renamed = letter !== p.name && "abi".includes(letter) ? letter : (LONG_NAMES[letter] ?? "span");
      return swapTags(html, p.name, `<${renamed}>`, `</${renamed}>`);
    },
  ],
  [
    "add-attribute",
    () => true,
    (html, p) =>
      html.replace(
        `<${p.name}>`,
        p.name.startsWith("a") ? `<${p.name} href="https://example.com/">` : `<${p.name} class="highlight">`,
      ),
  ],
  [
    "tag-case",
    () => true,
    (html, p) => swapTags(html, p.name, `<${p.name.toUpperCase()}>`, `</${p.name.toUpperCase()}>`),
  ],
  [
    "tag-space",
    () => true,
    (html, p, rng) =>
      rng() < 0.5
        ? swapTags(html, p.name, `< ${p.name} >`, `</ ${p.name}>`)
        : swapTags(html, p.name, `<${p.name} >`, `< /${p.name}>`),
  ],
  [
    "tag-brackets",
    () => true,
    (html, p, rng) => swapTags(html, p.name, `[${p.name}]`, rng() < 0.5 ? `</${p.name}>` : `[/${p.name}]`),
  ],
  [
    "self-closing",
    (p) => !p.holdsText && p.close === p.open + p.name.length + 2,
    (html, p, rng) => html.replace(`<${p.name}></${p.name}>`, rng() < 0.5 ? `<${p.name}/>` : `<${p.name} />`),
  ],
  [
    "markdown",
    (p) => p.holdsText && (p.name.startsWith("b") || p.name.startsWith("i")),
    (html, p, rng) => {
      const mark = p.name.startsWith("b") ? "**" : rng() < 0.5 ? "*" : "_";
      return swapTags(html, p.name, mark, mark);
    },
  ],
];

const REFUSALS = [
  "I'm sorry, but I can't translate this text.",
  "I cannot help with translating this content.",
  "I apologize, but I do not feel comfortable translating this.",
];

/** Marker deviations for segment `n` that a lenient parser can still read. */
function deviateMarkers(seg: ProfiledSegment, rng: () => number, cjk: boolean): void {
  const n = seg.n;
  const variants: Array<() => void> = [
    () => (seg.close = `[/${n}]`),
    () => (seg.open = `[ ${n} ]`),
    () => (seg.close = "[\\]"),
    () => {
      seg.open = `[[${n}]]`;
      seg.close = "[[/]]";
    },
    () => (seg.close = ""),
  ];
  if (cjk) variants.push(() => ((seg.open = `［${n}］`), (seg.close = "［/］")));
  pickOne(rng, variants)?.();
}

export interface ProfileContext {
  /** How often this source was seen by this server before (0 the first time): a retry draws afresh. */
  attempt(source: string): number;
  /** The target language's name, as the prompt says it. */
  target: string;
  /** Whether the reply is marked (false: the one-line prompt, answered without markers). */
  marked: boolean;
}

/** Applies the profile to the translated segments; returns them (maybe fewer: merged) and the behaviours drawn. */
export function misbehave(
  profile: ModelProfile,
  segs: ProfiledSegment[],
  ctx: ProfileContext,
): { segs: ProfiledSegment[]; fence: boolean; drawn: Drawn } {
  const drawn: Drawn = {};
  const hit = (b: Behaviour, rng: () => number): boolean => {
    const rate = profile.rates[b];
    if (!(rate > 0) || rng() >= rate) return false;
    drawn[b] = (drawn[b] ?? 0) + 1;
    return true;
  };
  const cjk = /japanese|chinese|korean/i.test(ctx.target);
  const out: ProfiledSegment[] = segs.map((s) => ({ ...s }));
  const rngs = out.map((s) => random(hash(`${profile.seed}|${ctx.attempt(s.source)}|${s.source}`)));
  for (let i = 0; i < out.length; i++) {
    const seg = out[i] as ProfiledSegment;
    const rng = rngs[i] as () => number;
    // Whole-segment behaviours first: an echoed or refused segment has no tags left to garble.
    if (hit("untranslated", rng)) seg.html = seg.source;
    else if (hit("refusal", rng)) seg.html = pickOne(rng, REFUSALS) as string;
    else {
      const touched = new Set<string>();
      for (const [behaviour, applies, apply] of TAG_BEHAVIOURS) {
        const pair = pickOne(
          rng,
          pairsOf(seg.html).filter((p) => !touched.has(p.name) && applies(p)),
        );
        if (!pair || !hit(behaviour, rng)) continue;
        seg.html = apply(seg.html, pair, rng) ?? seg.html;
        touched.add(pair.name);
      }
      if (seg.html.includes("&#91;") && hit("decode-footnote", rng)) seg.html = seg.html.replace(/&#91;/g, "[");
      if (hit("chatter", rng)) seg.html = `Here is the translation: ${seg.html}`;
    }
    if (!ctx.marked) continue;
    if (hit("marker-deviation", rng)) deviateMarkers(seg, rng, cjk);
    const next = out[i + 1];
    if (next && hit("merge-next", rng)) {
      seg.html = `${seg.html} ${next.html}`;
      out.splice(i + 1, 1);
      rngs.splice(i + 1, 1);
    }
  }
  const replyRng = random(hash(`${profile.seed}|reply|${segs.map((s) => s.source).join("\u0000")}`));
  const fence = hit("code-fence", replyRng);
  return { segs: out, fence, drawn };
}

/** The marked reply body for profiled segments. */
export function writeMarked(segs: readonly ProfiledSegment[]): string {
  // Gloss's layout (markers.ts) closes the last segment only; a deviating close is written where it was drawn (a
  // model that writes a close after a segment anyway, or leaves the last one out).
  return segs
    .map((s, i) => `${s.open ?? openMarker(s.n)}${s.html}${s.close ?? (i === segs.length - 1 ? CLOSE_MARKER : "")}`)
    .join("");
}
