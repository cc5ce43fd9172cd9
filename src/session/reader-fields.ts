// The fields of a card or dialog in the page hold what the reader chose: what Gloss put there, or what the reader
// typed, picked or ticked. In Firefox a page reaches the nodes of a closed shadow root (window.find hands it what it
// found there) and can rewrite a field the moment the reader presses Save (it sees the press on the host); a value that
// changed without the reader's own input is the page's, and is not what the reader meant to save. A text field's trusted
// input is not enough: a page's document.execCommand sends one too (into whichever field has the focus, closed root or
// not), and a page can write between a keystroke's beforeinput and its input, so there it must follow from the edit
// the reader's beforeinput announced (reader-edit.ts).
import { fromReader } from "./element";
import { follows, readerEdit, type ReaderEdit } from "./reader-edit";

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
  field.localName === "input" && ["checkbox", "radio"].includes((field as HTMLInputElement).type);
const valueOf = (field: ReaderField) => (ticks(field) ? String(field.checked) : field.value);
/** A field the reader types in (not a list or a box): its edits are checked against their beforeinput. */
const typedIn = (field: ReaderField): field is HTMLInputElement | HTMLTextAreaElement =>
  field.localName === "textarea" || (field.localName === "input" && !ticks(field));
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

/** Follows `fields` (more with `took`); `isTrusted` stands in for the browser's in tests (see fromReader). */
export function readerFields(fields: Iterable<ReaderField>, isTrusted?: (event: Event) => boolean): ReaderFields {
  const known = new Map<ReaderField, string>();
  /** Every value a text field held as the reader's or Gloss's: what undo and redo may bring back. */
  const held = new Map<ReaderField, Set<string>>();
  /** The reader's edit a text field's beforeinput announced, until its input event. */
  const pending = new Map<ReaderField, ReaderEdit>();
  const note = (field: ReaderField) => {
    const value = valueOf(field);
    known.set(field, value);
    if (typedIn(field)) held.set(field, (held.get(field) ?? new Set()).add(value));
  };

  /** Whether `field` holds what `edit` can have made of it (reader-edit.ts). */
  const madeBy = (edit: ReaderEdit, field: HTMLInputElement | HTMLTextAreaElement) =>
    follows(edit, field.value, field.localName === "textarea", held.get(field) ?? new Set());

  /** The reader's keystroke (paste, drop, undo…) is about to change `field`. */
  function announced(field: HTMLInputElement | HTMLTextAreaElement, event: InputEvent): void {
    const prior = pending.get(field);
    pending.delete(field);
    // An edit whose input event Gloss did not hear (an IME's, one a listener stopped) left what it made.
    if (prior && madeBy(prior, field)) note(field);
    // Only an edit of what the reader left is theirs: one of a value a page wrote since leaves the field the page's
    // until Gloss fills it again.
    if (known.get(field) === field.value) pending.set(field, readerEdit(field, event));
  }
  /** The browser has changed `field`: the reader's, when it is what their announced edit makes, or a browser's fill. */
  function reported(field: HTMLInputElement | HTMLTextAreaElement, event: Event): void {
    const edit = pending.get(field);
    pending.delete(field);
    if (edit ? madeBy(edit, field) : filled(event)) note(field);
  }

  function follow(field: ReaderField): void {
    if (!known.has(field)) {
      // Picking from a list or ticking a box makes an input and a change event; a page's made-up one does not count.
      if (typedIn(field)) {
        field.addEventListener(
          "beforeinput",
          fromReader(isTrusted, (event) => announced(field, event as InputEvent)),
        );
        field.addEventListener(
          "input",
          fromReader(isTrusted, (event) => reported(field, event)),
        );
      } else {
        const noted = fromReader(isTrusted, () => note(field));
        field.addEventListener("input", noted);
        field.addEventListener("change", noted);
      }
    }
    pending.delete(field);
    note(field);
  }
  for (const field of fields) follow(field);
  return {
    set(field, value) {
      put(field, value);
      pending.delete(field);
      note(field);
    },
    took(shown) {
      for (const field of shown) follow(field);
    },
    forget(gone) {
      for (const field of gone) [known, held, pending].forEach((map) => map.delete(field));
    },
    left: (field) => known.get(field),
    asTheReaderLeftThem() {
      let same = true;
      for (const [field, value] of known) {
        if (valueOf(field) === value) continue;
        put(field, value);
        pending.delete(field);
        same = false;
      }
      return same;
    },
  };
}
