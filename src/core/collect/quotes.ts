// Quotations inside a passage: a German comment quoting an English sentence is mostly English to a detector, and
// an English reader would be left the comment's own words untranslated. What a passage says outside its quotes
// decides too (collect/page-language.ts). A quoted block (a Reddit comment's `>` passage, a forum's quote) is a unit of
// its own, detected by itself; it stays out of the samples the page's and its post's language are told from. A quoted
// element inside a passage (a linked page's title in the sentence) is left out of the passage's own words.
import { type Unit, unitText } from "../units";
import { closestOf, parentElementOf } from "../dom";

// "…", “…”, „…“ / „…”, «…», »…«, 「…」, 『…』; single quotes are left alone (they are apostrophes too).
const QUOTED = /"[^"\n]*"|“[^”\n]*”|„[^“”\n]*[“”]|«[^»\n]*»|»[^«\n]*«|「[^」\n]*」|『[^』\n]*』/g;

/** The text without its quotations, or undefined when it quotes nothing. */
export function outsideQuotes(text: string): string | undefined {
  const rest = text.replace(QUOTED, " ");
  return rest === text ? undefined : rest.replace(/\s+/g, " ").trim();
}

/**
 * The page's quoted blocks: `<blockquote>` (what a Reddit `>` line renders as) and the site's own quote markup; and each
 * unit's own words, its text without the quoted elements inside it (Discourse's inline onebox puts the linked page's
 * title in the middle of the poster's sentence). Those are read from the page once per unit (a unit whose text changes
 * is a new one), as its item's sample is read for every short line of that item.
 */
export class Quotes {
  readonly #selector: string;
  /** The text outside the unit's inline quotes; null where it holds none. */
  readonly #own = new WeakMap<Unit, string | null>();

  /** `siteQuotes`: SiteRules.quotes, compiled; null for none. */
  constructor(siteQuotes: string | null) {
    this.#selector = siteQuotes ? `blockquote, ${siteQuotes}` : "blockquote";
  }

  /** Whether the unit is part of a quoted block. */
  holds(unit: Unit): boolean {
    return closestOf(unit.anchor, this.#selector) !== null;
  }

  /** The unit's text without the quoted elements inside it. */
  ownText(unit: Unit): string {
    let own = this.#own.get(unit);
    if (own === undefined) {
      own = this.#outsideInlineQuotes(unit);
      this.#own.set(unit, own);
    }
    return own ?? unitText(unit);
  }

  /** Null where the unit holds no quoted element, or is itself quoted (then all of it is someone else's). */
  #outsideInlineQuotes(unit: Unit): string | null {
    // Only an inline element can be a quote inside a unit: a unit without any is read no further.
    if (unit.kind !== "content" || unit.encoded.placeholders.size === 0 || this.holds(unit)) return null;
    let own = "";
    let quoted = false;
    for (const text of unit.encoded.texts) {
      const inQuote = closestOf(parentElementOf(text), this.#selector) != null;
      quoted ||= inQuote;
      own += inQuote ? " " : text.data;
    }
    return quoted ? own.replace(/\s+/g, " ").trim() : null;
  }
}
