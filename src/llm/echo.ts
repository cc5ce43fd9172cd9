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
 * Whether the reply could hold the words one after another: it has the first and the last, and room for them all.
 * Most replies do not, and a pattern of the whole source (hundreds of words in a long comment) is then not built:
 * built for every passage, it was a tenth of what a translation cost the extension's worker.
 */
function mayHoldWords(reply: string, words: string[]): boolean {
  const least = words.reduce((sum, word) => sum + word.length + 1, 0);
  return reply.length >= least && reply.includes(words[0]!) && reply.includes(words[words.length - 1]!);
}

/**
 * The reply without the source written out in full before it, or as it was. Only the whole source, then a separator,
 * then more that is no remark in brackets: a translation that merely starts with the same words is not an echo.
 */
export function stripEcho(reply: string, sourceHtml: string): string {
  const words = sourceHtml.trim().split(/\s+/).filter(Boolean);
  if (words.filter((w) => /\p{L}/u.test(w)).length < MIN_WORDS) return reply;
  if (!mayHoldWords(reply, words)) return reply;
  const echo = new RegExp(`^\\s*${LABEL}${words.map(escapeRe).join("\\s+")}${SEPARATOR}`, "u");
  const m = echo.exec(reply);
  if (!m) return reply;
  const rest = reply.slice(m[0].length).trim();
  return rest && !/^[([（［]/.test(rest) ? rest : reply;
}
