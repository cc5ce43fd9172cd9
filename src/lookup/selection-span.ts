// Whether a reader's selection is a look-up (a word or phrase inside one passage: translated in a card, the page
// untouched) or a passage to translate in place (a whole passage, several, or nothing the page engine would translate).
import { countLetters } from "../core/lang";
import { runPassages } from "../sites/skipped-parts";
import { shownText } from "./shown-text";

/** A selection up to this many characters can be a look-up; a longer one is reading, translated in place. */
export const LOOKUP_MAX_CHARS = 300;
/** A selection with at least this share of its passage's letters means the passage: translated in place. */
export const LOOKUP_MAX_SHARE = 0.7;

export type SelectionSpan =
  /** `passage`: the plain text of the passage the selection is in. */
  { kind: "lookup"; range: Range; text: string; passage: string } | { kind: "passage" };

/**
 * A look-up when there is one range, of at most LOOKUP_MAX_CHARS characters, inside exactly one passage (found as a
 * page translation finds them), and with under LOOKUP_MAX_SHARE of that passage's letters; a passage otherwise.
 */
export function selectionSpan(ranges: Range[], getShadowRoot?: (el: Element) => ShadowRoot | null): SelectionSpan {
  const [range] = ranges;
  if (ranges.length !== 1 || !range) return { kind: "passage" };
  const text = shownText(range, LOOKUP_MAX_CHARS).replace(/\s+/g, " ").trim();
  const selected = countLetters(text);
  if (!selected || text.length > LOOKUP_MAX_CHARS) return { kind: "passage" };
  // The reader's parts left untranslated are not left out: a look-up is asked for the words selected, and leaves the
  // page as it is.
  const passages = runPassages(range, undefined, getShadowRoot);
  const [passage, another] = passages;
  if (passage === undefined || another !== undefined) return { kind: "passage" };
  if (selected >= LOOKUP_MAX_SHARE * countLetters(passage)) return { kind: "passage" };
  return { kind: "lookup", range: range.cloneRange(), text, passage };
}
