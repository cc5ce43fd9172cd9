// What the user wrote in a forum's BBCode (the reply boxes of phpBB, vBulletin and WoltLab, XenForo's in its BB-code
// mode), as the translator's compact HTML and back. A tag pair's words are translated inside a placeholder
// (`[b]…[/b]` → `<b1>…</b1>`, `[url=…]…[/url]` → `<a1>…</a1>`) while the tags wait outside the model; code, images,
// `[url]…[/url]`, bare addresses, members' mentions (`@Max`, forum-mentions.ts) and emoji shortcodes (`:smile:`) are
// opaque. A quote (`[quote="Max" post_id=1]…[/quote]`, what the forum's Quote button puts in the box) is someone
// else's words, in the thread's language already: it never reaches the model, which would rewrite it or break its tag.
// Markdown means nothing there (`*` is a star), so it is not read.
import { escapeText } from "../shared/html-text";
import { emojiCodesAt } from "./emoji-codes";
import { forumMentionAt } from "./forum-mentions";
import { keptBlocks, tagsIn, type BlockTag as Tag } from "./kept-blocks";
import { encodedLines, type EncodedText, type Line, type Slot } from "./markdown";

/** A tag: `[b]`, `[/url]`, `[url=https://…]`, `[quote="Max" post_id=1]`, `[*]`. */
const TAG = /\[(\/?)([a-z][a-z0-9]*|\*)((?:=|\s)[^\]\n]*)?\]/gi;
/** Kept as written with everything inside, across lines: someone else's words, code. */
const KEPT_BLOCKS = new Set(["quote", "code", "php", "html", "noparse", "plain", "icode"]);
/** A pair kept whole: its content is an address, a file or a name, not words. */
const OPAQUE_PAIRS = new Set(["img", "media", "attach", "attachment", "email", "video", "youtube", "user", "mention"]);
/** A pair of these somewhere in the text says it is BBCode. */
const BBCODE =
  /\[(b|i|u|s|url|quote|img|code|list|color|size|font|spoiler|email|media)(?:=[^\]\n]*|\s[^\]\n]*)?\][\s\S]*?\[\/\1\]/i;
const URL_RE = /^(?:https?:\/\/|www\.)[^\s<>[\]]*[^\s<>.,;:!?"')[\]]/i;

/** Whether the user's text is written in BBCode (a closed pair of a common tag). */
export function isBBCode(text: string): boolean {
  return BBCODE.test(text);
}

type Part =
  | { kind: "text"; text: string }
  | { kind: "opaque"; raw: string }
  | { kind: "wrap"; name: string; open: string; close: string; parts: Part[] };

/** Splits `text` into lines, each encoded with the kept blocks and tags that fall in it. */
export function encodeBBCode(text: string): EncodedText {
  const tags = tagsIn(text, TAG);
  // Code holds no tags; a quote holds quotes of its own.
  const kept = keptBlocks(tags, KEPT_BLOCKS, (name) => name === "quote");
  const lines: Line[] = [];
  let start = 0;
  for (const raw of text.split("\n")) {
    const end = start + raw.length;
    lines.push(encodeLine(raw, start, kept, tags));
    start = end + 1;
  }
  return encodedLines(lines);
}

function encodeLine(raw: string, offset: number, kept: ReadonlyArray<[number, number]>, tags: readonly Tag[]): Line {
  const verbatim: Line = { prefix: raw, suffix: "", slots: [] };
  if (!raw.trim()) return verbatim;
  const inLine = tags
    .filter((t) => t.at >= offset && t.end <= offset + raw.length)
    .map((t) => ({ ...t, at: t.at - offset, end: t.end - offset }));
  const keptInLine = kept
    .map(([from, to]): [number, number] => [
      Math.max(from, offset) - offset,
      Math.min(to, offset + raw.length) - offset,
    ])
    .filter(([from, to]) => to > from);
  const parts = new LineParser(raw, inLine, keptInLine).parse(0, raw.length);
  const prefix = peel(parts, "start");
  const suffix = peel(parts, "end");
  const slots: Slot[] = [];
  const html = render(parts, slots);
  // A line of nothing but quotes, code and tags has no words for the model.
  return /\p{L}/u.test(html.replace(/<[^>]*>/g, "")) ? { prefix, html, suffix, slots } : verbatim;
}

/** A part found at a place in the line, and where it ends. */
interface Found {
  part: Part;
  end: number;
}

class LineParser {
  constructor(
    private readonly line: string,
    private readonly tags: readonly Tag[],
    private readonly kept: ReadonlyArray<[number, number]>,
  ) {}

  /** The parts of `line[from, to)`. */
  parse(from: number, to: number): Part[] {
    const parts: Part[] = [];
    let plain = "";
    const flush = (): void => {
      if (plain) parts.push({ kind: "text", text: plain });
      plain = "";
    };
    let i = from;
    while (i < to) {
      const found = this.construct(i, to);
      if (found) {
        flush();
        parts.push(found.part);
        i = found.end;
      } else {
        plain += this.line[i];
        i++;
      }
    }
    flush();
    return parts;
  }

  private construct(i: number, to: number): Found | undefined {
    const block = this.kept.find(([from, end]) => from <= i && i < end);
    if (block) return this.keptAsIs(i, block[1]);
    const tag = this.tags.find((t) => t.at === i && t.end <= to);
    if (tag) return this.pair(tag, to);
    const emoji = this.line[i] === ":" ? emojiCodesAt(this.line.slice(i, to), this.line[i - 1]) : undefined;
    if (emoji) return this.keptAsIs(i, i + emoji.length);
    const atWordStart = i === 0 || !/[\p{L}\p{N}_]/u.test(this.line[i - 1] ?? "");
    if (!atWordStart) return undefined;
    const rest = this.line.slice(i, to);
    const raw = URL_RE.exec(rest)?.[0] ?? forumMentionAt(rest);
    return raw ? this.keptAsIs(i, i + raw.length) : undefined;
  }

  private keptAsIs(from: number, end: number): Found {
    return { part: { kind: "opaque", raw: this.line.slice(from, end) }, end };
  }

  /** A tag with its closing twin in the line: kept whole, or its words translated; alone, the tag is kept. */
  private pair(tag: Tag, to: number): Found {
    const lone = this.keptAsIs(tag.at, tag.end);
    if (tag.closing) return lone;
    let depth = 0;
    const close = this.tags.find((t) => {
      if (t.at < tag.end || t.end > to || t.name !== tag.name) return false;
      if (!t.closing) depth++;
      else if (depth-- === 0) return true;
      return false;
    });
    if (!close) return lone;
    const opaque = OPAQUE_PAIRS.has(tag.name) || (tag.name === "url" && !tag.option.startsWith("="));
    if (opaque) return this.keptAsIs(tag.at, close.end);
    const open = this.line.slice(tag.at, tag.end);
    const parts = this.parse(tag.end, close.at);
    const closing = this.line.slice(close.at, close.end);
    return { part: { kind: "wrap", name: tag.name, open, close: closing, parts }, end: close.end };
  }
}

/** Takes kept parts and white space off one end of the line: what is kept there never goes to the model. */
function peel(parts: Part[], side: "start" | "end"): string {
  let raw = "";
  for (;;) {
    const part = side === "start" ? parts[0] : parts.at(-1);
    if (!part) return raw;
    let piece: string;
    if (part.kind === "opaque") piece = part.raw;
    else if (part.kind === "text") {
      const space = side === "start" ? /^\s*/.exec(part.text)![0] : /\s*$/.exec(part.text)![0];
      if (!space) return raw;
      if (space.length < part.text.length) {
        part.text = side === "start" ? part.text.slice(space.length) : part.text.slice(0, -space.length);
        return side === "start" ? raw + space : space + raw;
      }
      piece = part.text;
    } else return raw;
    if (side === "start") {
      parts.shift();
      raw += piece;
    } else {
      parts.pop();
      raw = piece + raw;
    }
  }
}

const LETTERS: Readonly<Record<string, string>> = { url: "a", b: "b", i: "i", u: "u", s: "s" };

function render(parts: readonly Part[], slots: Slot[]): string {
  let html = "";
  for (const part of parts) {
    if (part.kind === "text") html += escapeText(part.text);
    else if (part.kind === "opaque") {
      const name = `x${slots.length + 1}`;
      slots.push({ name, kind: "opaque", raw: part.raw });
      html += `<${name}></${name}>`;
    } else {
      const name = `${LETTERS[part.name] ?? "s"}${slots.length + 1}`;
      slots.push({ name, kind: "wrap", open: part.open, close: part.close });
      html += `<${name}>${render(part.parts, slots)}</${name}>`;
    }
  }
  return html;
}
