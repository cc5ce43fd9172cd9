// Where a label repeats an element's text (SiteRules.derivedLabels): the text as the label reads it, and its place.

import { isElement, isText, tagOf } from "../dom";
import { fallbackDisplay } from "./display";

const SPACE = /\s+/g;
/** A letter or digit: the label's text must not begin or end in the middle of a word of the label. */
const WORD = /[\p{L}\p{N}]/u;

/** The text of the Text nodes below `el` that `include` takes, lines apart, whitespace-normalised. */
export function lineText(el: Element, include: (text: Text) => boolean): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (isText(c)) {
        if (include(c)) parts.push(c.data);
      } else if (isElement(c)) {
        // A block holds lines of its own: a label built from the text puts a break between them (Mastodon joins a
        // status's paragraphs with blank lines), where the text's nodes run on without one. By tag, as the page
        // built the label from its HTML, not from the layout.
        const line = tagOf(c) === "br" || fallbackDisplay(c) === "block";
        if (line) parts.push(" ");
        walk(c);
        if (line) parts.push(" ");
      }
    }
  };
  walk(el);
  return parts.join("").replace(SPACE, " ").trim();
}

/**
 * `label` with `original` replaced by `translation`; null unless `original` is there exactly once as whole words.
 * White space is not compared: the page may have joined the text's lines with line breaks, spaces or nothing.
 */
export function replaceRepeated(label: string, original: string, translation: string): string | null {
  const needle = original.replace(SPACE, "");
  if (!needle) return null;
  // The label without white space, and where each of its characters is in the label.
  const at: number[] = [];
  let squeezed = "";
  for (let i = 0; i < label.length; i++) {
    const c = label.charAt(i);
    if (/\s/.test(c)) continue;
    at.push(i);
    squeezed += c;
  }
  let found: [number, number] | null = null;
  for (let i = squeezed.indexOf(needle); i >= 0; i = squeezed.indexOf(needle, i + 1)) {
    const start = at[i] as number;
    const end = (at[i + needle.length - 1] as number) + 1;
    if (insideWord(label, start, end)) continue;
    // Twice: which one is the text is a guess, and a wrong one would put words where the name or date is.
    if (found) return null;
    found = [start, end];
  }
  return found ? label.slice(0, found[0]) + translation + label.slice(found[1]) : null;
}

/** The text at start…end runs on into a word of the label: a letter or digit on both sides of either edge. */
function insideWord(label: string, start: number, end: number): boolean {
  const last = (text: string): string => Array.from(text).pop() ?? "";
  const first = (text: string): string => Array.from(text)[0] ?? "";
  const word = (c: string): boolean => WORD.test(c);
  // Two code units either side: enough for one character outside the Basic Multilingual Plane.
  const before = last(label.slice(Math.max(0, start - 2), start));
  const after = first(label.slice(end, end + 2));
  return (
    (word(before) && word(first(label.slice(start, start + 2)))) ||
    (word(after) && word(last(label.slice(Math.max(start, end - 2), end))))
  );
}
