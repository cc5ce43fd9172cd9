// What the user wrote, as the translator's compact HTML and back. Markdown constructs become the same numbered
// placeholders the page engine uses, so the model keeps them and the existing reply checks apply: a link's text is
// translated inside `<a1>…</a1>` while its URL waits outside the model; bold, italics, strike-through and spoilers
// wrap their words; code, URLs, images, u/ r/ names, the fediverse's mentions, hashtags and communities and emoji
// shortcodes (emoji-codes.ts) are opaque (`<x2></x2>`). Block syntax (quotes, list markers, headings), blank lines and
// code blocks never reach the model: each remaining line is one segment.
// Reddit's Markdown is CommonMark plus spoilers (`>!…!<`) and u/ r/ links; a general Markdown parser would give a
// tree to render, while this needs the exact source of each construct back, so a small tokenizer does it.
// Discourse's Markdown also holds BBCode-ish tags, its quotes above all (markdown-quotes.ts): read where the site says
// so, as on Reddit `[quote]` is text.
import { decodeEntities, escapeText } from "../shared/html-text";
import { emojiCodesAt } from "./emoji-codes";
import { FEDIVERSE_NAME_AT } from "./fediverse-names";
import { forumTagAt, keptForumBlocks } from "./markdown-quotes";

/** A placeholder: a pair around translated words, or an opaque one that stands for source text as it is. */
export type Slot =
  | {
      name: string;
      kind: "wrap";
      open: string;
      close: string;
      /** What its words may not come back with: a `"` would end a `[details="…"]` summary early. */
      forbid?: RegExp;
    }
  | { name: string; kind: "opaque"; raw: string };

/** One line of the user's text: its words as compact HTML between what is kept as it is. */
export interface Line {
  /** Kept as it is: indentation, quote and list markers, heading hashes. */
  prefix: string;
  /** The line's content as compact HTML, or undefined when the line is not translated (blank, code, a rule). */
  html?: string;
  suffix: string;
  slots: Slot[];
  /** A `>` quote's line: someone else's words, which say nothing of the language the user writes in. */
  quoted?: boolean;
}

export interface EncodedText {
  /** Compact HTML per translated line, in order. */
  segments: string[];
  /** Per segment: whether its line is quoted (`> …`). */
  quoted: boolean[];
  /** The text with each segment replaced by its translation; an error when a translation broke a placeholder. */
  rebuild(translations: readonly string[]): { ok: true; text: string } | { ok: false; problem: string };
}

const FENCE = /^\s*(```|~~~)/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;
/**
 * Indentation, quote and list markers, heading hashes: what starts a line before its words. `>!` opens a spoiler
 * (Reddit), not a quote.
 */
export const BLOCK_PREFIX = /^(\s*(?:>(?!!)\s?)*(?:[-*+]\s+|\d{1,9}[.)]\s+)?(?:#{1,6}\s+)?)/;
/** A line's prefix that opens with a quote marker (not a spoiler's `>!`). */
const QUOTE_MARK = /^\s*>(?!!)/;

export interface MarkdownOptions {
  /** The site is Discourse, whose Markdown holds `[quote]`, `[details]` and its other BBCode-ish tags. */
  forumTags?: boolean;
}

/** Splits the text into lines and encodes each one that has words to translate. */
export function encodeMarkdown(text: string, options: MarkdownOptions = {}): EncodedText {
  const lines: Line[] = [];
  let fenced = false;
  let previousBlank = true;
  let indentedCode = false;
  /** The line before was a `> …` quote's paragraph text, which an unmarked line right after continues. */
  let inQuote = false;
  const blocks = options.forumTags ? keptForumBlocks(text) : [];
  let start = 0;
  const rows = text.split("\n");
  for (const [index, raw] of rows.entries()) {
    const verbatim = (): void => void lines.push({ prefix: raw, suffix: "", slots: [] });
    const kept = keptInLine(blocks, start, raw.length);
    start += raw.length + 1;
    // A quote's lines are someone else's: a code fence or an indentation in them says nothing about the user's.
    if (kept.some(([from, to]) => from === 0 && to === raw.length)) {
      previousBlank = false;
      inQuote = false;
      verbatim();
      continue;
    }
    inQuote = QUOTE_MARK.test(raw) ? quoteParagraph(raw) : inQuote && continuesParagraph(raw, rows[index + 1]);
    if (FENCE.test(raw)) {
      fenced = !fenced;
      verbatim();
    } else if (fenced) {
      verbatim();
    } else if (!raw.trim()) {
      indentedCode = false;
      verbatim();
    } else if ((previousBlank || indentedCode) && /^( {4}|\t)/.test(raw)) {
      indentedCode = true;
      verbatim();
    } else if (RULE.test(raw) || TABLE_SEPARATOR.test(raw)) {
      verbatim();
    } else {
      const line = encodeLine(raw, kept, !!options.forumTags);
      // An unmarked line that continues a quote's text is the quote's too.
      if (inQuote && line.html !== undefined) line.quoted = true;
      lines.push(line);
    }
    previousBlank = !raw.trim();
  }
  return encodedLines(lines);
}

/** A `> …` line that holds a paragraph's text (not a heading, not an empty `>`): a line right after may continue it. */
function quoteParagraph(raw: string): boolean {
  const prefix = BLOCK_PREFIX.exec(raw)?.[1] ?? "";
  return !prefix.includes("#") && raw.slice(prefix.length).trim() !== "";
}

/**
 * Whether an unmarked line right after a quote's text is still the quote's (Markdown's lazy continuation: Reddit
 * renders `> Die Bahn…` and the next line without `>` as one quote): not a blank line, nor one that starts a list, a
 * heading, a code fence, a thematic break (`---` under a lazy line is not a heading's underline) or a table (a row
 * followed by its delimiter row), which start blocks of the user's own.
 */
function continuesParagraph(raw: string, next: string | undefined): boolean {
  const startsBlock = FENCE.test(raw) || RULE.test(raw) || (raw.includes("|") && TABLE_SEPARATOR.test(next ?? ""));
  return raw.trim() !== "" && (BLOCK_PREFIX.exec(raw)?.[1] ?? "").trim() === "" && !startsBlock;
}

/** The lines' segments, and the text rebuilt from their translations (shared with bbcode.ts). */
export function encodedLines(lines: readonly Line[]): EncodedText {
  const translated = lines.filter((line) => line.html !== undefined);
  const segments = translated.map((line) => line.html!);
  return {
    segments,
    quoted: translated.map((line) => line.quoted === true),
    rebuild(translations) {
      if (translations.length !== segments.length) return { ok: false, problem: "a line is missing" };
      const out: string[] = [];
      let next = 0;
      for (const line of lines) {
        if (line.html === undefined) {
          out.push(line.prefix);
          continue;
        }
        const decoded = decodeLine(translations[next++] ?? "", line.slots);
        if (!decoded.ok) return decoded;
        out.push(`${line.prefix}${decoded.text}${line.suffix}`);
      }
      return { ok: true, text: out.join("\n") };
    },
  };
}

/** The kept blocks' parts in the line that starts at `offset`, as [from, to) in the line. */
function keptInLine(blocks: ReadonlyArray<[number, number]>, offset: number, length: number): Array<[number, number]> {
  return blocks
    .map(([from, to]): [number, number] => [Math.max(from - offset, 0), Math.min(to - offset, length)])
    .filter(([from, to]) => to > from);
}

/**
 * Where a line's words are: after its block syntax and any kept block (`kept`, a quote that ends in the line) it
 * starts with, before any it ends with and the trailing spaces, which are a hard line break the model would drop.
 */
function wordsIn(raw: string, kept: ReadonlyArray<[number, number]>): [number, number] {
  let from = BLOCK_PREFIX.exec(raw)?.[1]?.length ?? 0;
  let to = raw.length;
  for (let moved = true; moved;) {
    moved = false;
    for (const [start, end] of kept) {
      if (start <= from && end > from) [from, moved] = [end + (/^\s*/.exec(raw.slice(end))?.[0].length ?? 0), true];
      if (end >= to && start < to && start >= from) [to, moved] = [start, true];
    }
  }
  return [from, from + raw.slice(from, to).trimEnd().length];
}

/** One line as its prefix, words and suffix; a kept block amid its words is opaque, and no construct reaches across one. */
function encodeLine(raw: string, kept: ReadonlyArray<[number, number]> = [], forumTags = false): Line {
  const [from, to] = wordsIn(raw, kept);
  const prefix = raw.slice(0, from);
  const suffix = raw.slice(to);
  const slots: Slot[] = [];
  const inline = new Inline(slots, /^\s*\|/.test(raw), forumTags);
  let html = "";
  let at = from;
  for (const [start, end] of kept.filter(([start]) => start >= from && start < to).sort((a, b) => a[0] - b[0])) {
    html += inline.encode(raw.slice(at, start)) + inline.opaque(raw.slice(start, end));
    at = end;
  }
  html += inline.encode(raw.slice(at, to));
  // A line of nothing but code, links and names has no words for the model.
  const words = html.replace(/<[^>]*>/g, "").replace(/&\w+;/g, "");
  if (!/\p{L}/u.test(words)) return { prefix: raw, suffix: "", slots: [] };
  return { prefix, html, suffix, slots, ...(QUOTE_MARK.test(prefix) ? { quoted: true } : {}) };
}

const URL_RE = /^(?:https?:\/\/|www\.)[^\s<>]*[^\s<>.,;:!?"')\]]/i;
const NAME_RE = /^\/?[ur]\/[A-Za-z0-9_-]+/;
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/;

/** A construct found at the start of the rest of a line: its placeholder markup, and how many characters it took. */
interface Match {
  html: string;
  length: number;
}

/** Inline Markdown of one line → compact HTML, issuing placeholders into `slots`. */
class Inline {
  constructor(
    private readonly slots: Slot[],
    private readonly table: boolean,
    private readonly forumTags: boolean,
  ) {}

  private name(letter: string): string {
    return `${letter}${this.slots.length + 1}`;
  }

  opaque(raw: string): string {
    const name = this.name("x");
    this.slots.push({ name, kind: "opaque", raw });
    return `<${name}></${name}>`;
  }

  private keepFirst(rest: string, length: number): Match {
    return { html: this.opaque(rest.slice(0, length)), length };
  }

  private wrap(letter: string, open: string, inner: string, close: string, forbid?: RegExp): string {
    const name = this.name(letter);
    this.slots.push({ name, kind: "wrap", open, close, ...(forbid ? { forbid } : {}) });
    return `<${name}>${this.encode(inner)}</${name}>`;
  }

  encode(text: string): string {
    let out = "";
    let plain = "";
    const flush = (): void => {
      out += escapeText(plain);
      plain = "";
    };
    let i = 0;
    while (i < text.length) {
      const rest = text.slice(i);
      const atWordStart = i === 0 || !/[\p{L}\p{N}_]/u.test(text[i - 1] ?? "");
      const match = this.construct(rest, atWordStart, text[i - 1]);
      if (match) {
        flush();
        out += match.html;
        i += match.length;
      } else {
        plain += text[i];
        i++;
      }
    }
    flush();
    return out;
  }

  /** The construct starting at the beginning of `rest`, if any. */
  private construct(rest: string, atWordStart: boolean, before: string | undefined): Match | undefined {
    const c = rest[0];
    if (c === "\\" && PUNCTUATION.test(rest[1] ?? "")) return this.keepFirst(rest, 2);
    if (c === "|" && this.table) return this.keepFirst(rest, 1);
    if (c === "`") {
      const ticks = /^`+/.exec(rest)![0];
      const end = rest.indexOf(ticks, ticks.length);
      if (end > 0) return this.keepFirst(rest, end + ticks.length);
      return undefined;
    }
    if (c === "!" && rest[1] === "[") {
      const link = linkAt(rest.slice(1));
      if (link) return this.keepFirst(rest, link.length + 1);
    }
    if (c === "[" && this.forumTags) {
      const tag = forumTagAt(rest);
      if (tag?.kind === "opaque") return this.keepFirst(rest, tag.length);
      if (tag) return { html: this.wrap(tag.letter, tag.open, tag.inner, tag.close, tag.forbid), length: tag.length };
    }
    if (c === "[") {
      const link = linkAt(rest);
      if (link && link.text.trim()) {
        return {
          html: this.wrap("a", "[", link.text, rest.slice(link.text.length + 1, link.length)),
          length: link.length,
        };
      }
    }
    if (c === "<") {
      const auto = /^<(?:https?:\/\/|mailto:)[^\s<>]+>/i.exec(rest);
      if (auto) return this.keepFirst(rest, auto[0].length);
    }
    if (c === ">" && rest[1] === "!") {
      const end = rest.indexOf("!<", 2);
      if (end > 2) return { html: this.wrap("q", ">!", rest.slice(2, end), "!<"), length: end + 2 };
    }
    if (atWordStart) {
      const url = URL_RE.exec(rest);
      if (url) return this.keepFirst(rest, url[0].length);
      const name = NAME_RE.exec(rest) ?? FEDIVERSE_NAME_AT.exec(rest);
      if (name) return this.keepFirst(rest, name[0].length);
    }
    const emoji = c === ":" ? emojiCodesAt(rest, before) : undefined;
    if (emoji) return this.keepFirst(rest, emoji.length);
    for (const [delimiter, letter] of DELIMITERS) {
      if (!rest.startsWith(delimiter)) continue;
      const inner = delimitedAt(rest, delimiter, atWordStart);
      if (inner !== undefined) {
        return { html: this.wrap(letter, delimiter, inner, delimiter), length: inner.length + delimiter.length * 2 };
      }
    }
    return undefined;
  }
}

/** Longest first, so `**` is not read as two `*`. */
const DELIMITERS: ReadonlyArray<[string, string]> = [
  ["~~", "s"],
  ["**", "b"],
  ["__", "b"],
  ["*", "i"],
  ["_", "i"],
];

/**
 * The text between `delimiter` at the start of `rest` and its closing twin: the opening one is followed by a
 * non-space, the closing one preceded by one; underscores only at word edges (snake_case stays text).
 */
function delimitedAt(rest: string, delimiter: string, atWordStart: boolean): string | undefined {
  const underscore = delimiter.startsWith("_");
  if (underscore && !atWordStart) return undefined;
  const after = rest[delimiter.length];
  if (!after || /\s/.test(after) || rest.startsWith(delimiter + delimiter[0])) return undefined;
  for (let at = rest.indexOf(delimiter, delimiter.length + 1); at > 0; at = rest.indexOf(delimiter, at + 1)) {
    const before = rest[at - 1] ?? "";
    const following = rest[at + delimiter.length] ?? "";
    if (/\s/.test(before) || following === delimiter[0]) continue;
    if (underscore && /[\p{L}\p{N}]/u.test(following)) continue;
    return rest.slice(delimiter.length, at);
  }
  return undefined;
}

/** `[text](destination)` or `[text][ref]` at the start of `rest`: its text and whole length. */
function linkAt(rest: string): { text: string; length: number } | undefined {
  let depth = 0;
  let close = -1;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (ch === "\\") i++;
    else if (ch === "[") depth++;
    else if (ch === "]" && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) return undefined;
  const text = rest.slice(1, close);
  const tail = rest.slice(close + 1);
  if (tail.startsWith("(")) {
    let parens = 0;
    for (let i = 0; i < tail.length; i++) {
      if (tail[i] === "\\") i++;
      else if (tail[i] === "(") parens++;
      else if (tail[i] === ")" && --parens === 0) return { text, length: close + 2 + i };
    }
    return undefined;
  }
  const reference = /^\[[^\]\n]*\]/.exec(tail);
  return reference ? { text, length: close + 1 + reference[0].length } : undefined;
}

/** A translation's words as Markdown text: a no-break space the model wrote is an ordinary one in the box. */
const decodeWords = (text: string) => decodeEntities(text, " ");

/**
 * A translated line back to Markdown. Every placeholder must come back exactly once, pairs properly nested, opaque
 * ones empty: a lost URL or code span is a lost part of what the user wrote.
 */
function decodeLine(html: string, slots: readonly Slot[]): { ok: true; text: string } | { ok: false; problem: string } {
  const byName = new Map(slots.map((slot) => [slot.name, slot]));
  const seen = new Set<string>();
  const open: string[] = [];
  /** Where each open pair's words start in `out`. */
  const starts: number[] = [];
  let out = "";
  let last = 0;
  const oneLine = html.replace(/\s*\n\s*/g, " ").trim();
  for (const tag of oneLine.matchAll(/<(\/?)([A-Za-z][^\s>/]*)([^>]*)>/g)) {
    const text = oneLine.slice(last, tag.index);
    last = tag.index + tag[0].length;
    const closing = tag[1] === "/";
    const name = tag[2]!;
    const slot = byName.get(name);
    if (!slot || tag[3])
      return { ok: false, problem: `the translation has markup that was not in your text (${tag[0]})` };
    const inside = open.at(-1);
    if (inside && byName.get(inside)?.kind === "opaque" && text.trim()) {
      return { ok: false, problem: "the translation put words into code or a link address" };
    }
    out += decodeWords(text);
    if (!closing) {
      if (seen.has(name)) return { ok: false, problem: "the translation repeats a link or formatting" };
      seen.add(name);
      open.push(name);
      out += slot.kind === "wrap" ? slot.open : slot.raw;
      starts.push(out.length);
    } else {
      if (open.pop() !== name) return { ok: false, problem: "the translation mixed up its formatting" };
      const start = starts.pop() ?? 0;
      if (slot.kind === "wrap" && slot.forbid?.test(out.slice(start))) {
        return { ok: false, problem: "the translation put a quotation mark or bracket into a summary" };
      }
      if (slot.kind === "wrap") out += slot.close;
    }
  }
  out += decodeWords(oneLine.slice(last));
  if (open.length) return { ok: false, problem: "the translation left a formatting unclosed" };
  if (seen.size !== slots.length) return { ok: false, problem: "the translation lost a link, code or formatting" };
  return { ok: true, text: out };
}
