// Discourse's BBCode-ish tags in its Markdown reply box. A quote its Quote button writes
// (`[quote="bernd, post:3, topic:5"]…[/quote]`) and a quoted chat (`[chat quote=…]…[/chat]`) are someone else's words:
// they never reach the model and stay byte for byte, as does `[code]…[/code]`. A details block's summary
// (`[details="Summary"]`) is the user's words, translated inside a placeholder that must not come back with the `"`
// (or `]`) that would end it; `[spoiler]…[/spoiler]` on one line wraps its words as Reddit's `>!…!<` does. Any other
// of these tags (`[poll …]`, `[date=…]`, a block's tag on a line of its own, a closing tag) is opaque, and the lines
// between a block's tags are the user's Markdown like any other. Only markdown.ts reads this, where the site says so:
// on Reddit `[quote]` is text.
import { keptBlocks, tagsIn } from "./kept-blocks";

/** Discourse's own tags (core and its bundled plugins); other bracketed words stay Markdown. */
const TAG =
  /\[(\/?)(quote|chat|code|details|spoiler|poll|date|date-range|wrap|grid)((?:=|\s)(?:"[^"\n]*"|[^\]\n])*)?\]/gi;
/** TAG at the start of a piece of a line, compiled once: it is tried at every `[` of the user's text. */
const TAG_AT = new RegExp(`^${TAG.source}`, "i");
/** Kept whole with everything inside, across lines; a quote may hold quotes of its own. */
const KEPT = new Set(["quote", "chat", "code"]);
/** `[details="Summary" open]`, or unquoted `[details=Summary]`: the summary and what follows it. */
const DETAILS = /^\[details=(?:"([^"\n]*)"|([^"\]\n]*))([^\]\n]*\])/i;

/** A tag at the start of a piece of a line: kept as it is, or its words translated between what is kept. */
export type ForumTag =
  | { kind: "opaque"; length: number }
  | { kind: "wrap"; letter: string; open: string; inner: string; close: string; forbid?: RegExp; length: number };

/** Where the quotes (nested ones inside their outer quote), quoted chats and code blocks are, as [from, to). */
export function keptForumBlocks(text: string): Array<[number, number]> {
  // A quote (and a quoted chat) may hold its own kind; code ends at its first closing tag.
  return keptBlocks(tagsIn(text, TAG), KEPT, (name) => name !== "code");
}

/** The tag at the start of `rest`, if it is one of Discourse's. */
export function forumTagAt(rest: string): ForumTag | undefined {
  const tag = TAG_AT.exec(rest);
  if (!tag) return undefined;
  const lone: ForumTag = { kind: "opaque", length: tag[0].length };
  if (tag[1]) return lone;
  const name = tag[2]!.toLowerCase();
  if (name === "spoiler" && !tag[3]) {
    const end = rest.toLowerCase().indexOf("[/spoiler]", tag[0].length);
    const inner = rest.slice(tag[0].length, end);
    if (end < 0 || !inner.trim()) return lone;
    return { kind: "wrap", letter: "q", open: tag[0], inner, close: rest.slice(end, end + 10), length: end + 10 };
  }
  const details = name === "details" ? DETAILS.exec(rest) : null;
  if (!details) return lone;
  const quoted = details[1] !== undefined;
  const summary = details[1] ?? details[2] ?? "";
  if (!summary.trim()) return lone;
  const open = quoted ? '[details="' : "[details=";
  return {
    kind: "wrap",
    letter: "d",
    open,
    inner: summary,
    close: (quoted ? '"' : "") + details[3]!,
    forbid: quoted ? /["\n]/ : /[\]\n]/,
    length: details[0].length,
  };
}
