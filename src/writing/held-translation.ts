// The reader's box looked at again right before Gloss writes into it: gone from the page, changed, hidden, its
// selection redrawn, or an editor that refused the write. Nothing is written then; the card says why and holds the
// translation (and what the reader wrote, when that is out of their reach) to copy.
import type { EditableField } from "./field";
import { onPage } from "./field-frames";
import { unseenField } from "./unseen-field";
import type { CardState } from "./writing-card";

/** A translation on its way into `field`, which held `before` when it was asked for. */
export interface Holding {
  field: EditableField;
  before: string;
  translation: string;
  lang: string;
  /** The box went, and more than one box on the page holds what the reader wrote now. */
  twins?: boolean;
}

/** Where the card goes (undefined: not by the box) and what it says. */
export interface Held {
  at: Element | undefined;
  state: CardState;
}

/** The box stopped showing while its translation was on its way: a page that hid (or moved) it after the press
 * would have the reader's translation written where it reads it and the reader does not see it. */
const HIDDEN_MEANWHILE = "The text box stopped showing while Gloss was translating, so Gloss did not write into it.";
const TRANSLATION_IF = "The translation, if you want it:";
const TO_PASTE = "The translation, to paste yourself:";
/** The box went from the page meanwhile (the page removed it, or put a box of its own in its place). */
const BOX_GONE = "The text box went from the page while Gloss was translating, so Gloss did not write into it.";
/** What the reader wrote went with that box: the card keeps it, or it would be lost to them. */
const OWN_KEPT = "What you wrote went with it: it is under the translation, to copy.";
/** What the reader wrote is before them, in two boxes or more: which one to write into is theirs to say. */
const OWN_TWICE =
  "Your text is in more than one text box on the page now, and Gloss could not tell which is yours. The translation, to copy:";
/** The box only stopped showing: what the reader wrote is in it still, and in the card in case it never comes back. */
const OWN_STILL_THERE = "What you wrote is still in it, and under the translation, to copy.";

/** Nothing is written: the card says why, and holds the translation for the reader to copy. */
const keep = (h: Holding, message: string, note: string, at: Element | undefined = h.field.element): Held => ({
  at,
  state: { kind: "problem", message, notes: [note], preview: h.translation, lang: h.lang },
});

/** The box is out of the reader's reach: the card keeps what they wrote as well as its translation. */
const keepBoth = (h: Holding, message: string, notes: string[], at: Element | undefined): Held => ({
  at,
  state: { kind: "problem", message, notes, preview: h.translation, lang: h.lang, own: h.before },
});

/** Why the translation may not go into the box now; undefined when it may. */
export function heldBack(h: Holding, doc: Document): Held | undefined {
  const { field } = h;
  // The page removed or replaced the box meanwhile (a frame's editor: its frame went, or loaded another page; its
  // document lives on, detached): what is written there would reach no one. What the reader wrote went with it,
  // unless the page shows it in boxes anew.
  if (!onPage(field.element, doc)) {
    return h.twins ? keep(h, BOX_GONE, OWN_TWICE) : keepBoth(h, BOX_GONE, [TRANSLATION_IF, OWN_KEPT], field.element);
  }
  if (field.snapshot() !== h.before) {
    return keep(h, "Your text changed while Gloss was translating it, so Gloss left it as it is.", TRANSLATION_IF);
  }
  // Looked at again right before the write: the page may have hidden the box meanwhile. The card is not placed by a
  // box the reader does not see. One merely out of view is written, and the page not scrolled back to it.
  // What the reader wrote is still in it, but the page may never show it again: the card keeps that too.
  if (unseenField(field.element, doc, true) === true)
    return keepBoth(h, HIDDEN_MEANWHILE, [TO_PASTE, OWN_STILL_THERE], undefined);
  if (!field.stillCovers()) {
    return keep(
      h,
      "The page redrew the text you selected while Gloss was translating it, so Gloss left it as it is.",
      "Select it again and ask Gloss once more, or take the translation:",
    );
  }
  return undefined;
}

/** The editor did not take the translation: the card offers it to paste. */
export const refusedWrite = (h: Holding): Held =>
  keep(h, "This site's editor did not take the translation; your text is as it was.", TO_PASTE);
