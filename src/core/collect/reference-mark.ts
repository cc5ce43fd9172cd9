// Footnote and reference marks inside a passage (Wikipedia's `<sup><a>[1]</a></sup>`, a superscript `²`) travel as
// opaque placeholders: they hold nothing to translate and no grammar hangs on them, so the model neither copies
// them back (a footnote link cost 13 generated tokens, an empty placeholder 7) nor sees marker-like text such as
// `[1]`. A number in running text (`<b>42</b> Menschen`) is not one: a translation may need it to agree.

import { isText, tagOf } from "../dom";

const SCRIPT_TAGS: ReadonlySet<string> = new Set(["sup", "sub"]);
/** A short bracketed label: `[1]`, `[12]`, `[*]`, `［3］`, `【4】`. */
const BRACKETED = /^\s*[[［【][^\]］】]{1,8}[\]］】]\s*$/u;

/**
 * Whether `el`, an inline element whose text the caller knows holds no letters, is a reference mark: a superscript
 * or subscript, or an element holding just a bracketed label. Looks at `el` and its one text child only (cheap at
 * every level of a deeply nested page).
 */
export function isReferenceMark(el: Element): boolean {
  if (SCRIPT_TAGS.has(tagOf(el))) return true;
  const only = el.firstChild;
  return !!only && only === el.lastChild && isText(only) && BRACKETED.test(only.data);
}
