// The source written back before its translation ("Good morning.\nGuten Morgen."): Gemma-3 4B "echoes the original
// … before the translation" (babarot/oksskolten #110), and small models write "source → translation". Shown, the
// reader gets the page's text and its translation run together. A label before each ("English: …\nGerman: …") goes
// with the echo; the one before the translation is the lead-in's or the language label's to drop.

/** What a model puts between the echoed source and its translation: a line break, an arrow, a dash. */
const SEPARATOR = String.raw`(?:[^\S\n]*\n\s*|\s+(?:→|⇒|=>|->|—|–|-)\s+)`;

/** A short label before the echo ("Original:", "**English:**"), as in a bilingual table. */
const LABEL = String.raw`(?:[*_]{0,2}\p{L}[\p{L} ]{0,19}[*_]{0,2}\s*[:：][*_]{0,2}\s*)?`;

const escapeRe = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Three words: a name or a short title stays the same in translation, so what follows it is no translation. */
const MIN_WORDS = 3;

/**
 * The reply without the source written out in full before it, or as it was. Only the whole source, then a separator,
 * then more that is no remark in brackets: a translation that merely starts with the same words is not an echo.
 */
export function stripEcho(reply: string, sourceHtml: string): string {
  const words = sourceHtml.trim().split(/\s+/).filter(Boolean);
  if (words.filter((w) => /\p{L}/u.test(w)).length < MIN_WORDS) return reply;
  const echo = new RegExp(`^\\s*${LABEL}${words.map(escapeRe).join("\\s+")}${SEPARATOR}`, "u");
  const m = echo.exec(reply);
  if (!m) return reply;
  const rest = reply.slice(m[0].length).trim();
  return rest && !/^[([（［]/.test(rest) ? rest : reply;
}
