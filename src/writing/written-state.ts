// What the writing card says once the translation is in the box: how to undo it, and what the box or the model did
// to it (no undo, cut short, over the site's limit, formatting lost, glossary terms missed, a post language to set).
import { languageName } from "../shared/languages";
import { unmetTermNote } from "../shared/outcome-text";
import type { WriteOutcome } from "./field";
import { postLanguageNote } from "./post-language";
import { overLimitNote } from "./site-counter";
import type { CardState } from "./writing-card";

/** A translation into `lang` written into `element`. */
export interface Written {
  element: Element;
  lang: string;
  outcome: Extract<WriteOutcome, { written: true }>;
  /** The box's links and formatting became plain text. */
  formatted: boolean;
  /** Whether "Restore my text" is offered. */
  restorable: boolean;
  /** Glossary terms the translation missed. */
  unmet: string[];
  /** The translation as the model's reply made it (the box may have taken only part of it). */
  translation: string;
  /** The box is out of the window's view (the reader scrolled away while it was translated). */
  away?: boolean;
}

/** The keys that undo in the reader's browser. */
export function undoKeys(doc: Document): string {
  const platform = doc.defaultView?.navigator.platform ?? "";
  return /mac|iphone|ipad/i.test(platform) ? "⌘Z" : "Ctrl+Z";
}

/** What the card says once the translation is in the box. Restore is offered only where it puts the whole text back
 * as it was: through the editor, a rich text's formatting would flatten, and undo does better there. */
export function writtenState(doc: Document, w: Written): CardState {
  const { outcome, lang } = w;
  const notes: string[] = [];
  if (w.away) notes.push("It is in the text box, out of view: Gloss did not scroll you back to it.");
  if (!outcome.undoable) notes.push("This box keeps no undo for it: “Restore my text” brings back what you wrote.");
  // The rest of the translation would be lost to the reader: the card keeps all of it, to copy.
  if (outcome.partial)
    notes.push("The box did not take all of it: it may limit the length. All of it is below, to copy.");
  if (w.formatted) notes.push("Links and formatting in this box became plain text.");
  for (const term of w.unmet) notes.push(unmetTermNote(term));
  const over = overLimitNote(w.element);
  if (over) notes.push(over);
  const tagged = postLanguageNote(w.element, lang);
  if (tagged) notes.push(tagged);
  const undo = outcome.undoable ? ` ${undoKeys(doc)} brings back what you wrote.` : "";
  return {
    kind: "done",
    message: `Translated into ${languageName(lang)}. Read it before you post.${undo}`,
    notes,
    lang,
    canRestore: w.restorable,
    ...(outcome.partial ? { preview: w.translation } : {}),
  };
}
