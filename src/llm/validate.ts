// Per-segment checks on a model's reply, at string level (the page engine re-checks with a real DOM and
// sanitizes). Cleaning removes the usual small-model wrapping; validation decides if what is left is usable.
import type { BadReplyReason } from "../shared/translator";
import { languageName, primaryLang } from "../shared/languages";
import { textStart } from "../shared/text-ends";
import {
  apologisesAsSource,
  handsOverNothing,
  isChatterOnly,
  isRefusal,
  opensWithSure,
  readsAsChatter,
  readsAsRefusal,
  stripLeadIn,
  stripLeadInLine,
  stripSignOff,
  stripTrailingNote,
} from "./chatter";
import { undoDoubleEscape } from "./double-escape";
import { stripEcho } from "./echo";
import { firstAlternative } from "./alternatives";
import { stripLanguageLabel } from "./language-label";
import { dropAddedEmphasis } from "./markdown-emphasis";
import { stripWrapper } from "./reply-wrapper";
import { stripRomanisation } from "./romanisation";
import { cutAtTurnEnd } from "./turn-end";
import { foreignScript } from "./foreign-script";
import { chineseForJapanese } from "./chinese-for-japanese";
import { replyLoop } from "./reply-loop";
import { sourceLeftOver } from "./source-left-over";
import { missingTargetScript } from "./target-script";
import { issuedPlaceholders, type RepairRule, repairMarkup } from "../shared/markup-repair";
import { fixPageTags, modelTag } from "./page-tags";

const THINK_RE = /<think>[\s\S]*?(<\/think>|$)/gi;
// A language name only before a line break: "```Guten Morgen```" is fenced text, its first word no language.
const FENCE_RE = /^```(?:[\w-]*[ \t]*\n)?([\s\S]*?)\n?[ \t]*```$/;
const LONE_FENCE_START_RE = /^```[\w-]*[ \t]*\n/;
const LONE_FENCE_END_RE = /\n[ \t]*```$/;
/** A rule the model drew between its translation and a note (the note itself is stripped). */
const TRAILING_RULE_RE = /\n[ \t]*(?:-{3,}|\*{3,}|_{3,})[ \t]*$/;
const QUOTE_PAIRS: readonly [string, string][] = [
  ['"', '"'],
  ["“", "”"],
  ["„", "“"],
  ["«", "»"],
  ["「", "」"],
  ["'", "'"],
];
const QUOTE_START_RE = /^["“”„«»「」'‘’‚‹›『]/;
const colons = (text: string): number => text.match(/[:：]/g)?.length ?? 0;

/**
 * Strips what small models wrap around a translation: an end-of-turn token and what follows it, think blocks, code
 * fences, a tag or bracket pair of their own (`<translation>`, `[TRANSLATED]`), the source echoed before it, all but
 * the first of the translations it offers (alternatives.ts), a lead-in, a language label and a closing note or remark
 * (in English or in `targetLang`, see chatter.ts), a romanisation, quotes; and escapes twice-escaped entities once.
 */
export function cleanReply(raw: string, sourceHtml: string, targetLang = "en"): string {
  const src = sourceHtml.trim();
  let text = stripFences(cutAtTurnEnd(raw, sourceHtml).replace(THINK_RE, "").trim(), src);
  // The source's text, read once: half the steps below weigh the reply against it.
  const srcText = textOf(src);
  text = undoDoubleEscape(stripEcho(stripWrapper(text, src), src), src);
  // Choices before labels and notes: "Option 1:" is no lead-in, and what follows the first choice is no note.
  text = firstAlternative(text, srcText);
  // A label the page itself starts with ("Übersetzung: Thomas Mann" is "Translation: Thomas Mann") is no chatter, nor
  // is a note the page ends with: chatter adds a colon the source does not have, and each part removed takes one.
  if (colons(text) > colons(src)) text = stripLeadIn(text, targetLang).trim();
  if (colons(text) > colons(src)) text = stripLanguageLabel(text, targetLang).trim();
  if (colons(text) > colons(src)) text = stripTrailingNote(text, srcText, targetLang).trim();
  // "I hope this helps!" on lines the model added after the text, with or without a note before it.
  text = stripSignOff(text, srcText, targetLang).trim();
  if (colons(text) > colons(src)) text = stripTrailingNote(text, srcText, targetLang).trim();
  if (!TRAILING_RULE_RE.test(src)) text = text.replace(TRAILING_RULE_RE, "").trim();
  // A lead-in without a colon, on a line of its own: "Here is the translation" and the text below it.
  text = stripLeadInLine(text, srcText, targetLang);
  // A wrapper or fence after a lead-in or before a note is whole only now ("Here it is:\n```\n…\n```").
  text = stripRomanisation(stripWrapper(stripFences(text, src), src), srcText);
  // Only quotes the model put around the whole reply: not when the source opens with a quote of its own (in any
  // language's style: „…“ comes back as “…”), nor when the reply is quotes of its own ("Yes," she said, "soon.").
  if (!QUOTE_START_RE.test(src)) {
    for (const [open, close] of QUOTE_PAIRS) {
      if (text.length < 2 || !text.startsWith(open) || !text.endsWith(close)) continue;
      const inner = text.slice(open.length, -close.length);
      if (!inner.includes(open) && !inner.includes(close)) text = inner.trim();
      break;
    }
  }
  return text;
}

/** The text without a code fence around it, or half of one at either end (a fenced reply whose markers open the first
 * segment after the opening fence, or leave the last one unclosed, so that segment holds the fence's other half). */
function stripFences(text: string, src: string): string {
  const fence = FENCE_RE.exec(text);
  const inner = fence ? (fence[1] ?? "").trim() : text;
  if (src.includes("```")) return inner;
  return inner.replace(LONE_FENCE_START_RE, "").replace(LONE_FENCE_END_RE, "").trim();
}

interface Tag {
  close: boolean;
  name: string;
  raw: string;
  index: number;
}

function tagsOf(html: string): Tag[] {
  const out: Tag[] = [];
  for (const m of html.matchAll(/<(\/?)([A-Za-z][^\s>/]*)([^>]*)>/g)) {
    out.push({ close: m[1] === "/", name: m[2] ?? "", raw: m[0], index: m.index });
  }
  return out;
}

/** Text of compact HTML: tags dropped, entities counted as one character. */
export function textOf(html: string): string {
  return html.replace(/<[^>]*>/g, "").replace(/&(?:#\d+|#x[\da-f]+|\w+);/gi, "_");
}

/** Placeholder names in the source, and those among them that enclose text. */
function placeholders(sourceHtml: string): { all: Set<string>; holdingText: Set<string> } {
  const issued = issuedPlaceholders(sourceHtml);
  return {
    all: new Set(issued.map((p) => p.name)),
    holdingText: new Set(issued.filter((p) => p.holdsText).map((p) => p.name)),
  };
}

const WIDE = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u0e00-\u0e7f]/g;
/** Mostly CJK or Thai script, which packs more per character. */
export const isWide = (text: string): boolean => (text.match(WIDE)?.length ?? 0) > text.length / 3;
/** Real words: letters only (identifiers like user_names and 2024 do not count), three letters or more. */
const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/\s+/)
    .map((t) => t.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ""))
    .filter((t) => /^\p{L}{3,}$/u.test(t));

export interface ValidateOptions {
  targetLang: string;
  sourceLang?: string;
}

export type Verdict =
  | { ok: true; html: string; /** What repairMarkup put right (checkReply only). */ repairs?: RepairRule[] }
  | { ok: false; reason: BadReplyReason; detail: string };

/** Decides whether a cleaned reply is a usable translation of `sourceHtml`. */
export function validateSegment(sourceHtml: string, replyHtml: string, opts: ValidateOptions): Verdict {
  const bad = (reason: BadReplyReason, detail: string): Verdict => ({ ok: false, reason, detail });
  const srcText = textOf(sourceHtml).replace(/\s+/g, " ").trim();
  const dstText = textOf(replyHtml).replace(/\s+/g, " ").trim();
  if (!dstText && srcText) return bad("empty", "empty reply");

  // A source that reads so itself (in any language known here) may well be translated so.
  const lang = opts.targetLang;
  if (isRefusal(dstText, lang) && !readsAsRefusal(srcText) && !apologisesAsSource(srcText, dstText))
    return bad("refusal", textStart(dstText, 120));
  if (isChatterOnly(dstText, lang) && !readsAsChatter(srcText) && !opensWithSure(srcText))
    return bad("chatter", textStart(dstText, 120));
  if (handsOverNothing(dstText, srcText)) return bad("chatter", dstText);
  const foreign = foreignScript(srcText, dstText, lang);
  if (foreign) return bad("wrong-language", `written in another script: ${foreign.slice(0, 40)}`);
  const chinese = chineseForJapanese(srcText, dstText, lang);
  if (chinese) return bad("wrong-language", `written in Chinese: ${chinese.slice(0, 40)}`);
  const other = missingTargetScript(srcText, dstText, lang);
  if (other) return bad("wrong-language", `not written in ${languageName(lang)}: ${other}`);

  // Markup: only the issued placeholders, without attributes; those that held text must come back.
  const { all, holdingText } = placeholders(sourceHtml);
  for (const tag of tagsOf(replyHtml)) {
    if (modelTag(tag.raw, sourceHtml)) continue;
    const exact = tag.close ? `</${tag.name}>` : `<${tag.name}>`;
    if (!all.has(tag.name) || tag.raw !== exact) return bad("unknown-placeholder", `unexpected tag ${tag.raw}`);
  }
  for (const name of holdingText) {
    if (!replyHtml.includes(`<${name}>`) || !replyHtml.includes(`</${name}>`)) {
      return bad("lost-placeholder", `placeholder <${name}> is missing`);
    }
  }

  // Still in the source language: identical, or nearly all the same words. Short texts, names, numbers and
  // URLs legitimately stay the same, so only texts with several real words count.
  const sameLang = opts.sourceLang && primaryLang(opts.sourceLang) === primaryLang(opts.targetLang);
  const srcWords = words(srcText);
  // Names and titles ("Atemlos durch die Nacht") stay the same, so it takes five real words to judge.
  if (!sameLang && srcWords.length >= 5) {
    if (dstText.toLowerCase() === srcText.toLowerCase()) return bad("untranslated", "reply equals the source");
    const dstWords = words(dstText);
    const known = new Set(srcWords);
    const same = dstWords.filter((w) => known.has(w)).length;
    if (srcWords.length >= 6 && dstWords.length > 0 && same / dstWords.length >= 0.85) {
      return bad("untranslated", `${same} of ${dstWords.length} words are from the source`);
    }
  }
  const leftOver = sameLang ? "" : sourceLeftOver(srcText, dstText, lang);
  if (leftOver) return bad("untranslated", `left in the source language: ${leftOver.slice(0, 60)}`);

  // Length ratio, lenient for short texts and for scripts that pack more per character.
  const srcLen = srcText.length;
  const dstLen = dstText.length;
  const srcWide = isWide(srcText);
  const dstWide = isWide(dstText);
  if (srcLen >= 16) {
    const ratio = dstLen / srcLen;
    const min = dstWide && !srcWide ? 0.12 : 0.3;
    const max = srcWide && !dstWide ? 8 : 3.5;
    if (ratio < min || ratio > max)
      return bad("length-ratio", `length ${dstLen} vs ${srcLen} (ratio ${ratio.toFixed(2)})`);
  } else if (dstLen > 24 + srcLen * (srcWide ? 10 : 5)) {
    return bad("length-ratio", `length ${dstLen} vs ${srcLen}`);
  }
  // A loop short enough to pass the length check.
  const loop = replyLoop(srcText, dstText);
  if (loop) return bad("repeated-text", `repeats "${textStart(loop, 60)}"`);
  return { ok: true, html: replyHtml };
}

/**
 * Cleans, repairs (see markup-repair.ts) and validates a raw segment reply. A reply that was nothing but wrapping is
 * chatter, not empty.
 */
export function checkReply(sourceHtml: string, raw: string, opts: ValidateOptions): Verdict {
  const cleaned = cleanReply(raw, sourceHtml, opts.targetLang);
  if (!textOf(cleaned).trim() && textOf(raw.replace(THINK_RE, "")).replace(/[`"'“”„«»\s]/g, "")) {
    return { ok: false, reason: "chatter", detail: textStart(raw.trim(), 120) };
  }
  const issued = issuedPlaceholders(sourceHtml);
  const repaired = repairMarkup(cleaned, issued, sourceHtml);
  repaired.html = fixPageTags(repaired.html, new Map(issued.map((p) => [p.name, p])), sourceHtml, (rule) =>
    repaired.repairs.push(rule),
  );
  const verdict = validateSegment(sourceHtml, dropAddedEmphasis(repaired.html, sourceHtml), opts);
  return verdict.ok && repaired.repairs.length ? { ...verdict, repairs: repaired.repairs } : verdict;
}
