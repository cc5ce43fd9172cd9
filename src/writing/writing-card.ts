// The small card beside the text field while Gloss translates what the user wrote: progress, the result with a way
// back to their text, problems with their fix, and a language chooser. It lives in a verified closed shadow root
// under a built-in host (see session/ui-host.ts): the page can neither read the user's text or the translation in
// it nor restyle it. It never takes the focus unless the user asked to choose a language, so Ctrl+Z keeps going to
// the field.
import { CARD_END_CSS, CARD_START_CSS, cardFocus, closeOnEscape, fromReader } from "../session/element";
import { lazyCardHost, type UiBlockedReason, type UiHostOptions } from "../session/ui-host";
import { windowsAround } from "./field-frames";
import { fieldPlace, focusBack, type FieldPlace } from "./focus-return";
import { cardParts, offerControls, sayState, type CardParts } from "./writing-card-parts";
import { placeCard } from "./card-place";
import { cardFollow } from "./card-follow";

export type CardKind = "working" | "done" | "problem" | "choose";

export interface CardState {
  kind: CardKind;
  message: string;
  /** Further lines: a fix, glossary notes, a warning. */
  notes?: string[];
  /** The language in the chooser. */
  lang?: string;
  /** A translation that could not go into the field, to copy by hand. */
  preview?: string;
  /** What the reader wrote, to copy by hand: the box it was in went from the page. */
  own?: string;
  /** Offer to put the user's own text back. */
  canRestore?: boolean;
}

export interface WritingCardOptions {
  precheck?: UiHostOptions["precheck"];
  verify?: UiHostOptions["verify"];
  onBlocked(reason: UiBlockedReason): void;
  /** The user picked a language and pressed Translate. */
  onTranslate(lang: string): void;
  onRestore(): void;
  /** Closed with × or Escape (cancels work in progress). */
  onClose(): void;
  /** Whether a click or key on the card is the reader's own (tests stand in for the browser's; see fromReader). */
  isTrusted?(event: Event): boolean;
}

export interface WritingCard {
  show(anchor: Element | undefined, state: CardState): void;
  hide(): void;
  /** Moves the keyboard focus to the language chooser (the user asked to choose); false when the card offers none. */
  focusChooser(): boolean;
  /** Moves the keyboard focus to Copy, when the card shows a translation to copy; false when it does not. */
  focusCopy(): boolean;
}

// The translation's and the reader's own text start at their own direction's start (text-align: start).
const CSS = `
${CARD_START_CSS}
.card { width: max-content; max-width: min(380px, calc(100vw - 16px)); padding: 10px 12px; gap: 6px 10px;
  text-align: left; }
.card.problem { background: #7f1d1d; }
.message { font-weight: 600; }
.said { min-width: 0; }
.notes { margin-top: 6px; }
.preview-row, .controls { grid-column: 1 / -1; }
.notes p { margin: 0; color: #e5e7eb; }
.preview-row { display: grid; grid-template-columns: 1fr auto; gap: 8px; align-items: start; }
.caption { grid-column: 1 / -1; margin: 0; color: #e5e7eb; }
.preview, .own-text { margin: 0; padding: 6px 8px; border-radius: 6px; background: rgba(255,255,255,.1); white-space: pre-wrap;
  max-height: 8em; overflow: auto; user-select: text; text-align: start; }
.controls { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
label { display: inline-flex; gap: 6px; align-items: center; }
select { font: inherit; color: inherit; background: rgba(255,255,255,.12); border: 1px solid rgba(255,255,255,.3);
  border-radius: 6px; max-width: 200px; }
select, button { padding: 3px 8px; }
select option { color: #111827; background: #fff; }
button.primary { background: #2563eb; border-color: #60a5fa; font-weight: 600; }
${CARD_END_CSS}
`;

export function createWritingCard(doc: Document, options: WritingCardOptions): WritingCard {
  let anchor: Element | undefined;
  /** Where the anchor was last seen on the page: its frame may go while the card is open. */
  let anchorPlace: FieldPlace | undefined;
  let state: CardState | undefined;

  const parts = cardParts(doc, options.isTrusted);
  const { card, close, announce, silence, translation, label, select } = parts;
  const focus = cardFocus(card);
  listen(parts, options, hide);

  const host = lazyCardHost(doc, card, CSS, options);

  const place = () => placeCard(card, anchor, doc);
  const { track, followFrames } = cardFollow(doc, place);

  function hide(): void {
    if (card.hidden) return;
    // Closed from the keyboard: back to the text field the card is about, or where its frame was.
    const at = anchorPlace;
    focus.handBack(at && (() => focusBack(at, doc)));
    card.hidden = true;
    silence();
    track(false);
    host.current?.detach();
  }

  function show(at: Element | undefined, next: CardState): void {
    anchor = at;
    anchorPlace = at && fieldPlace(at, doc, anchorPlace);
    state = next;
    const focused = focus.focused();
    sayState(doc, parts, next);
    offerControls(parts, next);
    // The control the user was on is not offered now (Restore my text, once used): the focus stays in the card.
    if (focused?.closest("[hidden]")) (label.hidden ? close : select).focus();
    const wasHidden = card.hidden;
    card.hidden = false;
    if (!host.get()?.attach()) return;
    announce(next.kind === "problem");
    if (wasHidden) track(true);
    followFrames(at ? windowsAround(at, doc) : []);
    place();
  }

  return {
    show,
    hide,
    focusChooser() {
      if (card.hidden || state?.kind === "working") return false;
      select.focus();
      return true;
    },
    focusCopy() {
      if (card.hidden || translation.row.hidden) return false;
      translation.copy.focus();
      return true;
    },
  };
}

/** The reader's clicks and keys on the card's controls, each only when the reader's own (see fromReader). */
function listen(parts: CardParts, options: WritingCardOptions, hide: () => void): void {
  const { card, close, select, translate, restore } = parts;
  const reader = <E extends Event>(act: (event: E) => void) => fromReader(options.isTrusted, act);
  // Escape and Enter act with their own key event: a click made from here would not be the reader's.
  const dismiss = reader(() => {
    hide();
    options.onClose();
  });
  const translateChosen = reader(() => options.onTranslate(select.value));
  close.addEventListener("click", dismiss);
  closeOnEscape(card, dismiss);
  card.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target === select) {
      event.preventDefault();
      translateChosen(event);
    }
  });
  translate.addEventListener("click", translateChosen);
  restore.addEventListener(
    "click",
    reader(() => options.onRestore()),
  );
}
