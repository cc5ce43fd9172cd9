// Decode and check a translated segment. A reply is accepted only if it still holds every placeholder that held
// text; invented tags are removed by the sanitizer (their text stays), unknown placeholders are dropped, attributes
// never survive, and none may come back so often that merge would multiply the page's markup (reply-copies.ts). A
// reply far larger than its source is refused before it is parsed (reply-size.ts). Small deviations in issued
// placeholders (case, spacing, bracket style, Markdown emphasis) are repaired first, as the server client does
// (whatever Translator produced the reply, the page gets the same rules).
// Everything happens in inert documents; the live page is only touched later by merge.

import { repairMarkup } from "../../shared/markup-repair";
import type { BadReplyReason } from "../../shared/translator";
import type { EncodedUnit } from "./encode";
import { excessCopies } from "./reply-copies";
import { tooLong, tooManyTags } from "./reply-size";
import { sanitizeToFragment } from "./sanitize";
import { tagOf } from "../dom";

export type Decoded =
  { ok: true; fragment: DocumentFragment; unknown: string[] } | { ok: false; reason: BadReplyReason; detail: string };

export type DecodedText = { ok: true; text: string } | { ok: false; reason: BadReplyReason; detail: string };

/** `<x3/>` (and `<x3 />`) to `<x3></x3>`: HTML parsers ignore the slash and would nest what follows inside x3. */
export function normaliseSelfClosing(html: string): string {
  return html.replace(/<([a-z]\d+)\s*\/>/gi, "<$1></$1>");
}

/** Placeholder elements where merge will use them: not inside an opaque placeholder (whose content is ignored). */
function reachable(fragment: DocumentFragment, unit: Pick<EncodedUnit, "placeholders">): Set<string> {
  const seen = new Set<string>();
  for (const el of placeholderElements(fragment, unit)) seen.add(tagOf(el));
  return seen;
}

/**
 * The reply's elements in document order, not descending into opaque placeholders (their content is never used).
 * An explicit stack, not recursion: a reply may nest as deeply as a hostile page or model makes it.
 */
export function placeholderElements(fragment: DocumentFragment, unit: Pick<EncodedUnit, "placeholders">): Element[] {
  const out: Element[] = [];
  const stack: Element[] = [];
  const pushChildren = (parent: ParentNode): void => {
    for (let c = parent.lastElementChild; c; c = c.previousElementSibling) stack.push(c);
  };
  pushChildren(fragment);
  while (stack.length) {
    const el = stack.pop() as Element;
    out.push(el);
    if (!unit.placeholders.get(tagOf(el))?.opaque) pushChildren(el);
  }
  return out;
}

export function decodeUnit(
  win: Window,
  reply: string,
  unit: Pick<EncodedUnit, "placeholders" | "lead" | "trail" | "html">,
): Decoded {
  const body = reply.trim();
  const long = tooLong(body, unit.html);
  if (long) return { ok: false, ...long };
  const issued = [...unit.placeholders.values()].map((p) => ({ name: p.name, holdsText: p.hasText }));
  const repaired = repairMarkup(body, issued, unit.html).html;
  // Counted once repaired: a loop of `[a1]` is one of tags by then.
  const tags = tooManyTags(repaired, unit.placeholders.size);
  if (tags) return { ok: false, ...tags };
  return decodeChecked(win, repaired, unit, new Set());
}

/**
 * Decode a simplified translation (see simplify.ts): Gloss's own compact HTML around plain-text translations, where
 * the placeholders in `flattened` are left out on purpose (their text is in the runs).
 */
export function decodeSimplified(
  win: Window,
  html: string,
  unit: Pick<EncodedUnit, "placeholders" | "lead" | "trail">,
  flattened: ReadonlySet<string>,
): Decoded {
  return decodeChecked(win, html.trim(), unit, flattened);
}

function decodeChecked(
  win: Window,
  body: string,
  unit: Pick<EncodedUnit, "placeholders" | "lead" | "trail">,
  mayLack: ReadonlySet<string>,
): Decoded {
  if (!body) return { ok: false, reason: "empty", detail: "The reply was empty." };
  const names = [...unit.placeholders.keys()];
  const { fragment, removed } = sanitizeToFragment(win, unit.lead + normaliseSelfClosing(body) + unit.trail, names);
  if (!/\S/.test(fragment.textContent ?? "")) {
    return { ok: false, reason: "empty", detail: "The reply holds no text." };
  }
  const present = reachable(fragment, unit);
  const lost = names.filter((n) => unit.placeholders.get(n)?.required && !present.has(n) && !mayLack.has(n));
  if (lost.length) {
    return { ok: false, reason: "lost-placeholder", detail: `Missing placeholder(s): ${lost.join(", ")}.` };
  }
  const excess = excessCopies(fragment, unit);
  if (excess) return { ok: false, reason: "repeated-placeholder", detail: excess };
  const unknown = [...new Set(removed.filter((n) => !unit.placeholders.has(n)))];
  return { ok: true, fragment, unknown };
}

/** A plain-text segment as sent: its compact HTML, and the edge whitespace kept aside. */
export interface PlainSegment {
  html: string;
  lead: string;
  trail: string;
}

/** Decode a plain-text segment (attribute values, a simplified translation's text runs): any tag is removed, text is kept. */
export function decodeText(win: Window, reply: string, segment: PlainSegment): DecodedText {
  const { lead, trail } = segment;
  const body = reply.trim();
  if (!body) return { ok: false, reason: "empty", detail: "The reply was empty." };
  const oversized = tooLong(body, segment.html) ?? tooManyTags(body, 0);
  if (oversized) return { ok: false, ...oversized };
  const { fragment } = sanitizeToFragment(win, body, []);
  const text = (fragment.textContent ?? "").trim();
  if (!text) return { ok: false, reason: "empty", detail: "The reply holds no text." };
  return { ok: true, text: lead + text + trail };
}
