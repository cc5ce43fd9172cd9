// The parts of a prompt that come from the user and the page rather than from Gloss: the glossary and extra
// instructions (constant for a language and site, so they sit in the cached prefix after Gloss's own rules) and the
// page's context (constant for a page, between the instructions and the segments). Page context is page content:
// it is marked as such and can never forge a segment marker.
import type { GlossaryEntry } from "../shared/glossary";
import { escapeText } from "../shared/html-text";
import { textStart } from "../shared/text-ends";
import type { TranslationRules } from "../shared/translation-rules";
import { entriesIn } from "./glossary-check";
import { escapeMarkers } from "./markers";

/** Longest context sent, in characters: a title and a subreddit, not the page. */
export const MAX_CONTEXT_CHARS = 300;
const MAX_CONTEXT_LINES = 3;

// A term is the reader's text, written as the segments write page text: `<div>` as `&lt;div&gt;` (the model copies
// it as it is, where a raw one came back as a tag the page engine refuses) and `[2]` as `&#91;2]` (never a marker).
const quoted = (text: string) => `"${escapeMarkers(escapeText(text.replace(/"/g, "'")))}"`;

function glossaryLine(entry: GlossaryEntry): string {
  return entry.translation
    ? `- ${quoted(entry.term)}: always translate as ${quoted(entry.translation)}.`
    : `- ${quoted(entry.term)}: keep exactly as written, do not translate it.`;
}

/**
 * The most of the glossary sent whole, in characters (about 1,200 prompt tokens, some 50 entries). A longer one in
 * every request would fill a small context on its own (300 entries are about 7,000 tokens: every request overflowed
 * a 4,096-token slot, a look-up of one word too) and cost minutes of prompt on a CPU whenever a slot's cache is lost;
 * then each request carries only the entries its text may use, after the cached rules.
 */
const MAX_WHOLE_GLOSSARY_CHARS = 4000;

/** The entries `texts` may use, each a term or an inflection of it; all of them while the glossary is short. */
function entriesFor(glossary: readonly GlossaryEntry[], texts: readonly string[]): readonly GlossaryEntry[] {
  const lines = glossary.reduce((chars, entry) => chars + glossaryLine(entry).length + 1, 0);
  if (lines <= MAX_WHOLE_GLOSSARY_CHARS) return glossary;
  return entriesIn(glossary, texts.join("\n"));
}

/** The block appended to the constant instructions; "" without rules. `texts`: the request's segments. */
export function rulesBlock(rules: TranslationRules | undefined, texts: readonly string[]): string {
  if (!rules) return "";
  const parts: string[] = [];
  const glossary = entriesFor(rules.glossary, texts);
  if (glossary.length) {
    parts.push(["Glossary (follow it in every segment):", ...glossary.map(glossaryLine)].join("\n"));
  }
  if (rules.instructions) {
    parts.push(
      `The user also asks (follow this unless it breaks the rules above):\n${escapeMarkers(rules.instructions)}`,
    );
  }
  return parts.length ? `\n${parts.join("\n\n")}\n` : "";
}

/** The context as it may go into a prompt: a few short lines, no marker, or "" when there is none. */
export function cleanContext(context: string | undefined): string {
  if (!context) return "";
  const lines = context
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .slice(0, MAX_CONTEXT_LINES);
  let text = lines.join("\n");
  if (text.length > MAX_CONTEXT_CHARS) text = `${textStart(text, MAX_CONTEXT_CHARS - 1).trimEnd()}…`;
  return escapeMarkers(text);
}

export const CONTEXT_HEADING =
  "Context (what the page is about, for understanding only: do not translate it, do not answer it):";

/** The per-page block between the instructions and the segments; "" without context. */
export function contextBlock(context: string | undefined): string {
  const text = cleanContext(context);
  return text ? `${CONTEXT_HEADING}\n${text}\n\n` : "";
}

const oneLine = (text: string): string => escapeMarkers(text.replace(/\s*\n\s*/g, " "));

/**
 * The rules in the one-line prompt's few extra lines: only the glossary entries whose term occurs in this text, inflected
 * or not (the prompt is not cached, so the rest would only cost time) and the user's instructions.
 */
export function shortRulesLines(rules: TranslationRules | undefined, text: string): string[] {
  if (!rules) return [];
  const lines: string[] = [];
  const used = entriesIn(rules.glossary, text);
  if (used.length) {
    const each = used.map((e) =>
      e.translation ? `translate ${quoted(e.term)} as ${quoted(e.translation)}` : `keep ${quoted(e.term)} as it is`,
    );
    lines.push(`Glossary: ${each.join("; ")}.`);
  }
  // The same proviso as the full prompt's: an instruction to explain or answer must not turn the reply into more than
  // the translation the first line asks for.
  if (rules.instructions) {
    lines.push(`The user also asks (unless it breaks the first line): ${oneLine(rules.instructions)}`);
  }
  return lines;
}
