// The fields of a card or dialog in the page hold what the reader chose: what Gloss put there, or what the reader
// typed, picked or ticked. In Firefox a page reaches the nodes of a closed shadow root (window.find hands it what it
// found there) and can rewrite a field the moment the reader presses Save (it sees the press on the host); a value that
// changed without the reader's own input is the page's, and is not what the reader meant to save.
import { fromReader } from "./element";

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
function put(field: ReaderField, value: string): void {
  if (ticks(field)) field.checked = value === "true";
  else field.value = value;
}

/** Follows `fields` (more with `took`); `isTrusted` stands in for the browser's in tests (see fromReader). */
export function readerFields(fields: Iterable<ReaderField>, isTrusted?: (event: Event) => boolean): ReaderFields {
  const known = new Map<ReaderField, string>();
  function follow(field: ReaderField): void {
    if (!known.has(field)) {
      // Typing, pasting, dropping and undoing make an input event, picking from a list or ticking a box a change too;
      // a page's made-up one does not count.
      const noted = fromReader(isTrusted, () => known.set(field, valueOf(field)));
      field.addEventListener("input", noted);
      field.addEventListener("change", noted);
    }
    known.set(field, valueOf(field));
  }
  for (const field of fields) follow(field);
  return {
    set(field, value) {
      put(field, value);
      known.set(field, valueOf(field));
    },
    took(shown) {
      for (const field of shown) follow(field);
    },
    forget(gone) {
      for (const field of gone) known.delete(field);
    },
    left: (field) => known.get(field),
    asTheReaderLeftThem() {
      let same = true;
      for (const [field, value] of known) {
        if (valueOf(field) === value) continue;
        put(field, value);
        same = false;
      }
      return same;
    },
  };
}
