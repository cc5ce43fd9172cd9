// The sentence a selected word sits in, for the model: a word's translation depends on it ("Zug": train, move,
// draught). It goes in the prompt's context (after the constant instructions, so the prompt cache still holds them).
import { shownText } from "./shown-text";
import { textSlice, textStart } from "../shared/text-ends";

/** `text` cut to `max` characters, marked with … where cut. */
export const shortened = (text: string, max: number) =>
  text.length > max ? `${textStart(text, max - 1).trimEnd()}…` : text;

/** What the prompt keeps of a context (MAX_CONTEXT_CHARS in llm/prompt-rules.ts, not imported: that module would
 * bring the glossary's site rules, with the public-suffix list, into the content script; a test holds them equal). */
export const CONTEXT_KEPT_CHARS = 300;

/** The longest sentence sent; a longer one is cut around the selection. */
export const SENTENCE_MAX_CHARS = 160;

const normalize = (text: string) => text.replace(/\s+/g, " ");

/** What the element holding a passage may show beyond it (its inline code, a line of its own) and still be its. */
const ELEMENT_SLACK_CHARS = 200;

/**
 * Where the selection starts in its passage's text: measured from the nearest element around it that holds the
 * whole passage (so the same word twice in a passage is told apart), else its first occurrence; -1 when not found.
 */
function offsetIn(passage: string, range: Range, selected: string): number {
  const doc = range.startContainer.ownerDocument;
  // An element with far more text than the passage is past the passage's own: one whose text differs from the
  // passage's (inline code, which the passage leaves out) would otherwise have the whole page read, style and all,
  // once for each element up to <html>.
  const enough = 2 * passage.length + ELEMENT_SLACK_CHARS;
  for (let n: Node | null = range.commonAncestorContainer; n && doc; n = n.parentNode) {
    const all = doc.createRange();
    all.selectNodeContents(n);
    const whole = normalize(shownText(all, enough));
    const at = whole.indexOf(passage);
    if (at < 0 && whole.length > enough) break;
    if (at < 0) continue;
    const before = doc.createRange();
    before.setStart(n, 0);
    before.setEnd(range.startContainer, range.startOffset);
    // The selection's text is trimmed: its leading spaces are not part of it.
    const lead = /^\s*/.exec(shownText(range))?.[0].length ?? 0;
    const offset = normalize(shownText(before)).length + (lead ? 1 : 0) - at;
    if (passage.startsWith(selected, offset)) return offset;
    break;
  }
  return passage.indexOf(selected);
}

/** `text` cut to `max` characters around `from`..`to`, marked with … where cut. */
function around(text: string, from: number, to: number, max: number): string {
  if (text.length <= max) return text;
  const start = Math.max(0, Math.min(from - Math.floor((max - (to - from)) / 2), text.length - max));
  const cut = textSlice(text, start, start + max).trim();
  return `${start > 0 ? "…" : ""}${cut}${start + max < text.length ? "…" : ""}`;
}

/**
 * The sentence (or sentences) of `passage` the selection spans, on one line and at most SENTENCE_MAX_CHARS long;
 * the passage around the selection where sentences cannot be told (no Intl.Segmenter); undefined when the
 * selection is its whole sentence, or cannot be found in the passage.
 */
export function sentenceAround(passage: string, range: Range, selected: string): string | undefined {
  const text = normalize(passage);
  return sentenceAt(text, offsetIn(text, range, selected), selected);
}

/**
 * sentenceAround for a selection in a text box: `selected` (trimmed, on one line) starts at `start` of the box's
 * `value`, or where it first shows in it.
 */
export function sentenceInField(value: string, start: number, selected: string): string | undefined {
  const text = normalize(value);
  const lead = /^\s*/.exec(value.slice(start))![0].length;
  const from = normalize(value.slice(0, start + lead)).length;
  return sentenceAt(text, text.startsWith(selected, from) ? from : text.indexOf(selected), selected);
}

/** The sentence of `text` (on one line) that holds `selected` at `from`; undefined when `from` is -1. */
function sentenceAt(text: string, from: number, selected: string): string | undefined {
  if (from < 0) return undefined;
  const to = from + selected.length;
  let start = 0;
  let end = text.length;
  if (typeof Intl.Segmenter === "function") {
    for (const { index, segment } of new Intl.Segmenter(undefined, { granularity: "sentence" }).segment(text)) {
      if (index + segment.length <= from) start = index + segment.length;
      else if (index >= to) {
        end = index;
        break;
      }
    }
  }
  const raw = text.slice(start, end);
  const sentence = raw.trim();
  if (sentence === selected) return undefined;
  const lead = raw.length - raw.trimStart().length;
  return around(sentence, from - start - lead, to - start - lead, SENTENCE_MAX_CHARS);
}

/**
 * The context of a look-up: the page's context (shortened so that both fit what the prompt keeps), then the
 * sentence the selection came from.
 */
export function lookupContext(page: string | undefined, sentence: string | undefined): string | undefined {
  if (!sentence) return page;
  const line = `Selected from the sentence: "${sentence.replace(/"/g, "'")}"`;
  const room = CONTEXT_KEPT_CHARS - line.length - 1;
  // One line of the page's context: the prompt keeps a few lines, and the sentence must be one of them.
  const first = normalize(page?.split("\n").find((l) => l.trim()) ?? "").trim();
  const short = shortened(first, room);
  return short ? `${short}\n${line}` : line;
}
