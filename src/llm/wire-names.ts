// Placeholders as the model sees them: a kind that occurs once in a segment goes by its letter alone (`<a>…</a>`,
// `<b>…</b>`, `<x></x>`), and the reply's tags get their numbers back before any check reads them. Gemma splits
// `<a1>` into `<`, `a`, `1`, `>`: a bare pair is two tokens less to read and, more to the point, to write (output
// tokens are what a page costs). A bare tag is also what a small model copies most readily: writing `<b1>` back as
// `<b>` is a rename it makes. Two of a kind keep their numbers (`<b1>`, `<b3>`), so nothing is ever ambiguous.
// Everything behind the server client (checks, repairs, the page engine, the cache) speaks the numbered form only.
// A bare `<b>` is also what a model writes on its own to emphasise: written twice where the page had one, which of
// them is the page's element would be a guess, so neither gets a number and the reply is refused, as a reply with an
// invented tag always is (a numbered `<b1>` written twice is the model repeating the page's element, and is kept).
import { type IssuedPlaceholder, issuedPlaceholders } from "../shared/markup-repair";

const NUMBERED_TAG = /<(\/?)([a-z])(\d+)>/g;
/** A bare tag as a model may write it back: any case, spaces, a self-closing slash (repairMarkup decides). */
const BARE_TAG = /<(\s*\/?\s*)([A-Za-z])(\s*\/?\s*)>/g;
/** `[b]…[/b]`: bracket style for a bare name (repairMarkup does the same for numbered ones). */
const BARE_BRACKET = /\[(\s*\/?\s*)([A-Za-z])(\s*)\]/g;

/**
 * Letter → the one placeholder of that kind in the segment (`a` → `a1`); kinds that occur twice are left out. A
 * segment whose text holds a `<` (a page about HTML, `a < b`) keeps every number: a model that decodes its `&lt;b&gt;`
 * or `a &lt; b &gt; c` would write what looks like a bare tag.
 */
function bareNames(html: string): Map<string, IssuedPlaceholder> {
  const bare = new Map<string, IssuedPlaceholder>();
  if (/&lt;/i.test(html)) return bare;
  const twice = new Set<string>();
  for (const p of issuedPlaceholders(html)) {
    const letter = p.name.charAt(0);
    if (bare.has(letter)) twice.add(letter);
    bare.set(letter, p);
  }
  for (const letter of twice) bare.delete(letter);
  return bare;
}

/** A segment's compact HTML as sent to the model. */
export function toWire(html: string): string {
  const bare = bareNames(html);
  if (!bare.size) return html;
  return html.replace(NUMBERED_TAG, (whole, slash: string, letter: string, digits: string) =>
    bare.get(letter)?.name === `${letter}${digits}` ? `<${slash}${letter}>` : whole,
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
  const sourceText = html.replace(/&#91;/g, "[").toLowerCase();
  const pageText = (bracketed: string): boolean => sourceText.includes(bracketed.replace(/\s+/g, "").toLowerCase());
  const tags = [...reply.matchAll(BARE_TAG)];
  const brackets = [...reply.matchAll(BARE_BRACKET)].filter((m) => !pageText(m[0]));
  const opened = new Map<string, number>();
  for (const m of [...tags, ...brackets]) {
    const letter = (m[2] as string).toLowerCase();
    if (!(m[1] as string).includes("/")) opened.set(letter, (opened.get(letter) ?? 0) + 1);
  }
  const digitsFor = (raw: string): string | undefined => {
    const letter = raw.toLowerCase();
    const p = bare.get(letter);
    if (!p || (p.holdsText && (opened.get(letter) ?? 0) > 1)) return undefined;
    return p.name.slice(1);
  };
  return reply
    .replace(BARE_TAG, (whole: string, before: string, letter: string, after: string) => {
      const digits = digitsFor(letter);
      return digits ? `<${before}${letter}${digits}${after}>` : whole;
    })
    .replace(BARE_BRACKET, (whole: string, before: string, letter: string, after: string) => {
      const digits = digitsFor(letter);
      return digits && !pageText(whole) ? `[${before}${letter}${digits}${after}]` : whole;
    });
}
