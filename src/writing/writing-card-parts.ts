// The writing card's elements and what they show for a state: the message and its notes, the texts to copy, and the
// controls (Restore my text, the language chooser, Translate).
import { languageChoices } from "../extension/language-choices";
import { langDirection } from "../shared/lang-direction";
import { button, el, liveCard, namedRegion, type LiveCard } from "../session/element";
import { copyPart, type CopyPart } from "./copy-part";
import type { CardState } from "./writing-card";

export interface CardParts extends LiveCard {
  message: HTMLDivElement;
  notes: HTMLDivElement;
  translation: CopyPart;
  /** The reader's own text, which went from the page with its box. */
  own: CopyPart;
  restore: HTMLButtonElement;
  /** The chooser's label, which holds the select. */
  label: HTMLLabelElement;
  select: HTMLSelectElement;
  translate: HTMLButtonElement;
}

/** The card's elements, put together (still hidden). */
export function cardParts(doc: Document, isTrusted: ((event: Event) => boolean) | undefined): CardParts {
  const live = liveCard(doc, "card writing", "Close", "Close Gloss's message");
  const { card, said, close, announcer } = live;
  namedRegion(card, "Gloss: what you wrote");
  const message = el(doc, "div", "message");
  const notes = el(doc, "div", "notes");
  said.append(message, notes);
  const translation = copyPart(doc, "preview", "The translation", isTrusted);
  // The reader's own text, which went from the page with its box: kept here, or it would be lost to them.
  const own = copyPart(doc, "own-text", "Your text", isTrusted, "What you wrote:");
  own.text.dir = "auto";
  const controls = el(doc, "div", "controls");
  const restore = button(doc, "Restore my text");
  const label = el(doc, "label");
  const select = el(doc, "select");
  for (const lang of languageChoices()) select.append(new Option(lang.label, lang.code));
  label.append("Language", select);
  const translate = button(doc, "Translate", "primary");
  controls.append(restore, label, translate);
  card.append(said, close, translation.row, own.row, controls, announcer);
  return { ...live, message, notes, translation, own, restore, label, select, translate };
}

/** What the card says for `next`: its message, notes, and the texts to copy, the translation in its language. */
export function sayState(doc: Document, parts: CardParts, next: CardState): void {
  const { card, message, notes, translation, own } = parts;
  card.classList.toggle("problem", next.kind === "problem");
  message.textContent = next.message;
  notes.replaceChildren(...(next.notes ?? []).map((line) => Object.assign(el(doc, "p"), { textContent: line })));
  notes.hidden = !next.notes?.length;
  translation.show(next.preview);
  own.show(next.own);
  const preview = translation.text;
  // The translation, in the language chosen: read with its voice, and run its way in a card that runs left to right.
  if (next.lang) {
    preview.lang = next.lang;
    preview.dir = langDirection(next.lang);
  } else {
    // Not the card's English: a language not known.
    preview.lang = "";
    preview.removeAttribute("dir");
  }
}

/** The controls the card offers for `next`: Restore my text, and the language chooser with its language. */
export function offerControls(parts: CardParts, next: CardState): void {
  const { restore, label, select, translate } = parts;
  restore.hidden = !next.canRestore;
  const chooser = next.kind !== "working";
  label.hidden = translate.hidden = !chooser;
  if (next.lang) {
    if (![...select.options].some((o) => o.value === next.lang)) select.append(new Option(next.lang, next.lang));
    select.value = next.lang;
  }
}
