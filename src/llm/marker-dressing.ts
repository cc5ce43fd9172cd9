// What a model writes around the markers when it lays the segments out as a list: "[1]: …", "[1] - …", "**[1]** …",
// "- [1] …", "1. [1] …", "### [1]". The markers are read, and what dresses them is left in the text between them: each
// paragraph would start with a stray ":" or "**" and end with a line of "-", "2." or "**". Taken off unless the page's
// own text starts or ends so.
import { textOf } from "./validate";

/** Emphasis or code marks, a colon, dot, bracket or hyphen, then white space: nothing a translation starts with (a
 * dialogue dash, "— Bonjour", is the page's punctuation translated, and stays). */
const LEAD_RE = /^[^\S\n]*(?:[*_`]{1,3}[^\S\n]*)?(?:[:：.)-][^\S\n]*)?[*_`]{0,3}(?=\s|$)/;
/** A last line of a list bullet, a number, a heading's hashes or emphasis marks alone: the next marker's dressing. */
const TRAIL_LINE_RE = /\n[^\S\n]*(?:[-*+•]|\d{1,3}[.)]|#{1,6})?[^\S\n]*[*_`]{0,3}[^\S\n]*$/;
/** Emphasis or code marks after a space at the end: no emphasis closes so, the next marker's opens. */
const TRAIL_MARKS_RE = /[^\S\n]+[*_`]{1,3}$/;

/** `raw` (one segment's text between markers) without the list dressing of its markers. */
export function stripMarkerDressing(raw: string, sourceHtml: string): string {
  const source = textOf(sourceHtml).trim();
  let text = raw;
  const lead = LEAD_RE.exec(text)?.[0] ?? "";
  const leadMark = lead.trim();
  if (leadMark && !source.startsWith(leadMark.charAt(0))) text = text.slice(lead.length);
  for (const re of [TRAIL_LINE_RE, TRAIL_MARKS_RE]) {
    const trail = re.exec(text.trimEnd());
    const trailMark = trail?.[0].trim() ?? "";
    if (trail && trailMark && !source.endsWith(trailMark)) text = text.slice(0, trail.index);
  }
  return text;
}
