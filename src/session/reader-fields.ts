// The fields of a card or dialog in the page hold what the reader chose: what Gloss put there, or what the reader
// typed, picked or ticked. In Firefox a page reaches the nodes of a closed shadow root (window.find hands it what it
// found there) and can rewrite a field the moment the reader presses Save (it sees the press on the host); a value that
// changed without the reader's own input is the page's, and is not what the reader meant to save. A text field's trusted
// input is not enough: a page's document.execCommand sends one too (into whichever field has the focus, closed root or
// not), and a page can write between a keystroke's beforeinput and its input, so there it must follow from the edit
// the reader's beforeinput announced (reader-edit.ts).
import { fromReader } from "./element";
import { follows, readerEdit, type ReaderEdit } from "./reader-edit";
import { tagOf } from "../core/dom";

export type ReaderField = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface ReaderFields {
  /** Puts `value` into `field`, as the reader then sees it ("true"/"false" for a checkbox). */
  set(field: ReaderField, value: string): void;
  /** Gloss has just shown these fields (filled them, or made them): what they hold now is the reader's. */
  took(fields: Iterable<ReaderField>): void;
  /** Gloss has removed these fields: they are no longer followed. */
  forget(fields: Iterable<ReaderField>): void;
  /** What the reader left in `field` (as `set` takes it); undefined for a field not followed. */
  left(field: ReaderField): string | undefined;
  /** True when every field holds what Gloss put there or the reader left; else puts that back and answers false. */
  asTheReaderLeftThem(): boolean;
}

/** A checkbox's or radio button's state is whether it is ticked; other fields hold text. */
const ticks = (field: ReaderField): field is HTMLInputElement =>
  tagOf(field) === "input" && ["checkbox", "radio"].includes((field as HTMLInputElement).type);
const valueOf = (field: ReaderField) => (ticks(field) ? String(field.checked) : field.value);
/** A field the reader types in (not a list or a box): its edits are checked against their beforeinput. */
const typedIn = (field: ReaderField): field is HTMLInputElement | HTMLTextAreaElement =>
  tagOf(field) === "textarea" || (tagOf(field) === "input" && !ticks(field));
/**
 * A browser's fill from a suggestion or saved entry (Chromium's autofill) sends an input event with no beforeinput,
 * and no inputType or insertReplacementText; a page's execCommand never sends these.
 */
const filled = (event: Event) =>
  !(event as InputEvent).inputType || (event as InputEvent).inputType === "insertReplacementText";
function put(field: ReaderField, value: string): void {
  if (ticks(field)) field.checked = value === "true";
  else field.value = value;
}

/** What is known of the fields followed. */
interface Followed {
  known: Map<ReaderField, string>;
  /** Every value a text field held as the reader's or Gloss's: what undo and redo may bring back. */
  held: Map<ReaderField, Set<string>>;
  /** The reader's edit a text field's beforeinput announced, until its input event. */
  pending: Map<ReaderField, ReaderEdit>;
  isTrusted: ((event: Event) => boolean) | undefined;
}

/** What `field` holds now is the reader's (or Gloss's). */
function note(followed: Followed, field: ReaderField): void {
  const value = valueOf(field);
  followed.known.set(field, value);
  if (typedIn(field)) followed.held.set(field, (followed.held.get(field) ?? new Set()).add(value));
}

/** Whether `field` holds what `edit` can have made of it (reader-edit.ts). */
function madeBy(followed: Followed, edit: ReaderEdit, field: HTMLInputElement | HTMLTextAreaElement): boolean {
  return follows(edit, field.value, tagOf(field) === "textarea", followed.held.get(field) ?? new Set());
}

/** The reader's keystroke (paste, drop, undo…) is about to change `field`. */
function announced(followed: Followed, field: HTMLInputElement | HTMLTextAreaElement, event: InputEvent): void {
  const prior = followed.pending.get(field);
  followed.pending.delete(field);
  // An edit whose input event Gloss did not hear (an IME's, one a listener stopped) left what it made.
  if (prior && madeBy(followed, prior, field)) note(followed, field);
  // Only an edit of what the reader left is theirs: one of a value a page wrote since leaves the field the page's
  // until Gloss fills it again.
  if (followed.known.get(field) === field.value) followed.pending.set(field, readerEdit(field, event));
}

/** The browser has changed `field`: the reader's, when it is what their announced edit makes, or a browser's fill. */
function reported(followed: Followed, field: HTMLInputElement | HTMLTextAreaElement, event: Event): void {
  const edit = followed.pending.get(field);
  followed.pending.delete(field);
  if (edit ? madeBy(followed, edit, field) : filled(event)) note(followed, field);
}

/** Listens to the reader's changes of a field not followed yet. */
function listenToField(followed: Followed, field: ReaderField): void {
  const { isTrusted } = followed;
  // Picking from a list or ticking a box makes an input and a change event; a page's made-up one does not count.
  if (typedIn(field)) {
    field.addEventListener(
      "beforeinput",
      fromReader(isTrusted, (event) => announced(followed, field, event as InputEvent)),
    );
    field.addEventListener(
      "input",
      fromReader(isTrusted, (event) => reported(followed, field, event)),
    );
  } else {
    const noted = fromReader(isTrusted, () => note(followed, field));
    field.addEventListener("input", noted);
    field.addEventListener("change", noted);
  }
}

/** Gloss has just shown `field`: what it holds now is the reader's. */
function follow(followed: Followed, field: ReaderField): void {
  if (!followed.known.has(field)) listenToField(followed, field);
  followed.pending.delete(field);
  note(followed, field);
}

/** Puts back what the reader left in every field that holds something else; false when there was one. */
function restoreLeft(followed: Followed): boolean {
  let same = true;
  for (const [field, value] of followed.known) {
    if (valueOf(field) === value) continue;
    put(field, value);
    followed.pending.delete(field);
    same = false;
  }
  return same;
}

/** Follows `fields` (more with `took`); `isTrusted` stands in for the browser's in tests (see fromReader). */
export function readerFields(fields: Iterable<ReaderField>, isTrusted?: (event: Event) => boolean): ReaderFields {
  const followed: Followed = { known: new Map(), held: new Map(), pending: new Map(), isTrusted };
  for (const field of fields) follow(followed, field);
  return {
    set(field, value) {
      put(field, value);
      followed.pending.delete(field);
      note(followed, field);
    },
    took(shown) {
      for (const field of shown) follow(followed, field);
    },
    forget(gone) {
      for (const field of gone) [followed.known, followed.held, followed.pending].forEach((map) => map.delete(field));
    },
    left: (field) => followed.known.get(field),
    asTheReaderLeftThem: () => restoreLeft(followed),
  };
}
