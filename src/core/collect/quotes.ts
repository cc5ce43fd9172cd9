// Quotations inside a passage: a German comment quoting an English sentence is mostly English to a detector, and
// an English reader would be left the comment's own words untranslated. What a passage says outside its quotes
// decides too (collect/page-language.ts). A quoted block (a Reddit comment's `>` passage, a forum's quote) is a unit of
// its own, detected by itself; it stays out of the samples the page's and its post's language are told from.
import type { Unit } from "../units";

// "…", “…”, „…“ / „…”, «…», »…«, 「…」, 『…』; single quotes are left alone (they are apostrophes too).
const QUOTED = /"[^"\n]*"|“[^”\n]*”|„[^“”\n]*[“”]|«[^»\n]*»|»[^«\n]*«|「[^」\n]*」|『[^』\n]*』/g;

/** The text without its quotations, or undefined when it quotes nothing. */
export function outsideQuotes(text: string): string | undefined {
  const rest = text.replace(QUOTED, " ");
  return rest === text ? undefined : rest.replace(/\s+/g, " ").trim();
}

/** Quoted blocks: `<blockquote>` (what a Reddit `>` line renders as), and the site's own quote markup (SiteRules.quotes,
 * compiled), or null for none. */
export function quoteSelector(siteQuotes: string | null): string {
  return siteQuotes ? `blockquote, ${siteQuotes}` : "blockquote";
}

/** Whether the unit is part of a quoted block that `quotes` (from quoteSelector) names. */
export function quotedUnit(unit: Unit, quotes: string): boolean {
  return unit.anchor.closest(quotes) !== null;
}
