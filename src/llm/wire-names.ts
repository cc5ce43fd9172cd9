// Placeholders as the model sees them: a kind that occurs once in a segment goes by its letter alone (`<a>…</a>`,
// `<b>…</b>`, `<x></x>`), and the reply's tags get their numbers back before any check reads them. Gemma splits
// `<a1>` into `<`, `a`, `1`, `>`: a bare pair is two tokens less to read and, more to the point, to write (output
// tokens are what a page costs). A bare tag is also what a small model copies most readily: writing `<b1>` back as
// `<b>` is a rename it makes. Two of a kind keep their numbers (`<b1>`, `<b3>`), so nothing is ever ambiguous.
// Everything behind the server client (checks, repairs, the page engine, the cache) speaks the numbered form only.

const NUMBERED_OPEN = /<([a-z])(\d+)>/g;
const NUMBERED_TAG = /<(\/?)([a-z])(\d+)>/g;
/** A bare tag as a model may write it back: any case, spaces, a self-closing slash (repairMarkup decides). */
const BARE_TAG = /<(\s*\/?\s*)([A-Za-z])(\s*\/?\s*)>/g;
/** `[b]…[/b]`: bracket style for a bare name (repairMarkup does the same for numbered ones). */
const BARE_BRACKET = /\[(\s*\/?\s*)([A-Za-z])(\s*)\]/g;

/** Letter → the one placeholder of that kind in the segment (`a` → `a1`); kinds that occur twice are left out. */
function bareNames(html: string): Map<string, string> {
  const byLetter = new Map<string, string | null>();
  for (const m of html.matchAll(NUMBERED_OPEN)) {
    const letter = m[1] as string;
    byLetter.set(letter, byLetter.has(letter) ? null : `${letter}${m[2] as string}`);
  }
  const bare = new Map<string, string>();
  for (const [letter, name] of byLetter) if (name) bare.set(letter, name);
  return bare;
}

/** A segment's compact HTML as sent to the model. */
export function toWire(html: string): string {
  const bare = bareNames(html);
  if (!bare.size) return html;
  return html.replace(NUMBERED_TAG, (whole, slash: string, letter: string, digits: string) =>
    bare.get(letter) === `${letter}${digits}` ? `<${slash}${letter}>` : whole,
  );
}

/**
 * A reply to `toWire(html)` with its bare tags numbered as in `html`, keeping how they were written (case,
 * spacing, brackets) for repairMarkup to judge. A tag with an attribute is left as it is: it is rejected later, as
 * a numbered one would be. Bracketed letters the page's own text holds (`[a]` in a list) stay text.
 */
export function fromWire(reply: string, html: string): string {
  const bare = bareNames(html);
  if (!bare.size) return reply;
  const numbered = (letter: string): string | undefined => bare.get(letter.toLowerCase())?.slice(1);
  const sourceText = html.replace(/&#91;/g, "[").toLowerCase();
  return reply
    .replace(BARE_TAG, (whole, before: string, letter: string, after: string) => {
      const digits = numbered(letter);
      return digits ? `<${before}${letter}${digits}${after}>` : whole;
    })
    .replace(BARE_BRACKET, (whole: string, before: string, letter: string, after: string) => {
      const digits = numbered(letter);
      if (!digits || sourceText.includes(whole.replace(/\s+/g, "").toLowerCase())) return whole;
      return `[${before}${letter}${digits}${after}]`;
    });
}
