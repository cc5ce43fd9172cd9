// Footnote and reference marks inside a passage (Wikipedia's `<sup><a>[1]</a></sup>`, a superscript `²`) travel as
// opaque placeholders: they hold nothing to translate and no grammar hangs on them, so the model neither copies
// them back (a footnote link cost 13 generated tokens, an empty placeholder 7) nor sees marker-like text such as
// `[1]`. A number in running text (`<b>42</b> Menschen`) is not one: a translation may need it to agree. Nor is a
// superscript with letters and no brackets (`1<sup>er</sup>`, `M<sup>me</sup>`): that is part of a word.

import { isText, tagOf } from "../dom";

const SCRIPT_TAGS: ReadonlySet<string> = new Set(["sup", "sub"]);
/** A short bracketed label: `[1]`, `[12]`, `[*]`, `［3］`, `【4】`. */
const BRACKETED = /^\s*[[［【][^\]］】]{1,8}[\]］】]\s*$/u;
/**
 * A superscript's whole text as a bracketed label with letters: Wikipedia's lettered and named notes (`[a]`,
 * `[note 1]`, `[nb 2]`) and its inline maintenance tags (`[citation needed]`, `[clarification needed]`). A note's
 * label is the key of the note it links to, which stays as it is; sent as text, each was words for the model to
 * copy back inside nested placeholders, or to translate so that `[Anm. 1]` no longer names the note below.
 */
const BRACKETED_LABEL = /^\s*[[［【][^\]［］【】[]{1,24}[\]］】]\s*$/u;

/**
 * Whether `el`, an inline element whose text the caller knows holds no letters (`letters` false) or some
 * (`letters` true), is a reference mark: without letters, a superscript or subscript, or an element holding just a
 * bracketed label (looks at `el` and its one text child only, cheap at every level of a deeply nested page); with
 * letters, a superscript or subscript whose whole text is a bracketed label.
 */
export function isReferenceMark(el: Element, letters = false): boolean {
  if (letters) return SCRIPT_TAGS.has(tagOf(el)) && BRACKETED_LABEL.test(el.textContent ?? "");
  if (SCRIPT_TAGS.has(tagOf(el))) return true;
  const only = el.firstChild;
  return !!only && only === el.lastChild && isText(only) && BRACKETED.test(only.data);
}
