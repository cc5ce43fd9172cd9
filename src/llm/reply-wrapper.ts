// A tag or bracket pair of the model's own around its whole reply (or one segment): `<translation>…</translation>`,
// `<output>`, `<german>`, other tools' prompt formats `[TRANSLATED]…[/TRANSLATED]`, `<<<…>>>`, and Gemma-3's mixed
// `[TRANSLATED]…</TRANSLATED>` (hydropix/TranslateBooksWithLLMs #12). Left in, an angle tag is refused as a
// placeholder never issued (the reader gets the original) and a bracket pair is shown as it is.

/** A wrapper's name: letters, no digits (placeholders, `<b1>`, have them). */
const NAME = String.raw`[a-z][a-z_ -]{0,30}`;
const OPEN = new RegExp(String.raw`^(?:<\s*(${NAME})\s*>|\[\s*(${NAME})\s*\])`, "i");
const CLOSE = new RegExp(String.raw`(?:<\/\s*(${NAME})\s*>|\[\/\s*(${NAME})\s*\])$`, "i");
/** A lone opening bracket is stripped only with a name that says what follows: "[Edit]" opening a line is text. */
const LONE_BRACKET_NAME = /^(?:translat[a-z _-]*|output|answer|result|response)$/i;
/** Tag-like text of the page's own, as sent (`&lt;title&gt;`, `&#91;quote]`, `[Edit]`): its translation may have it
 * too, under a translated name. Placeholders are not (their names have digits). */
const OWN_TAGS = new RegExp(String.raw`(?:<|&lt;|\[|&#91;)\/?\s*${NAME}\s*(?:>|&gt;|\])`, "i");
const CHEVRONS = /^<<<([\s\S]*)>>>$/;

const nameOf = (m: RegExpExecArray): string => (m[1] ?? m[2] ?? "").trim().toLowerCase();
/** Whether `text` holds an opening or closing of `name` in either style. */
const holds = (text: string, name: string): boolean =>
  new RegExp(String.raw`(?:<|\[)\/?\s*${name.replace(/[-_ ]/g, "[-_ ]")}\s*(?:>|\])`, "i").test(text);

/** One wrapper off the text, whole or a lone half (the other half in a neighbouring segment), or undefined. */
function unwrapOnce(text: string): string | undefined {
  const open = OPEN.exec(text);
  const close = CLOSE.exec(text);
  if (open && close && close.index >= open[0].length && nameOf(open) === nameOf(close)) {
    const inner = text.slice(open[0].length, close.index);
    return holds(inner, nameOf(open)) ? undefined : inner;
  }
  if (open && !holds(text.slice(open[0].length), nameOf(open)) && (open[1] || LONE_BRACKET_NAME.test(nameOf(open))))
    return text.slice(open[0].length);
  if (close && !holds(text.slice(0, close.index), nameOf(close))) return text.slice(0, close.index);
  return undefined;
}

/** The reply without the wrappers the model put around it, unless the page's text has tag-like text of its own. */
export function stripWrapper(text: string, sourceHtml: string): string {
  if (OWN_TAGS.test(sourceHtml)) return text;
  let out = text.trim();
  for (let inner = unwrapOnce(out); inner !== undefined; inner = unwrapOnce(out)) out = inner.trim();
  // Chevrons the page writes as text come back escaped (`&lt;&lt;&lt;`), never as these.
  const chevrons = CHEVRONS.exec(out);
  return chevrons ? (chevrons[1] ?? "").trim() : out;
}
