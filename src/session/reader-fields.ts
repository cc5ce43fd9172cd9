// The text fields of a card in the page hold what the reader chose: what Gloss put there, or what the reader typed.
// In Firefox a page reaches the nodes of a closed shadow root (window.find hands it what it found there) and can
// rewrite a field the moment the reader presses Save (it sees the press on the card's host); a value that changed
// without the reader's own input is the page's, and is not what the reader meant to save.
import { fromReader } from "./element";

export interface ReaderFields {
  /** Puts `value` into `input`, as the reader then sees it. */
  set(input: HTMLInputElement, value: string): void;
  /** True when every field holds what Gloss put there or the reader typed; else puts that back and answers false. */
  asTheReaderLeftThem(): boolean;
}

/** Follows `inputs`; `isTrusted` stands in for the browser's in tests (see fromReader). */
export function readerFields(inputs: HTMLInputElement[], isTrusted?: (event: Event) => boolean): ReaderFields {
  const known = new Map<HTMLInputElement, string>();
  for (const input of inputs) {
    known.set(input, input.value);
    // Typing, pasting, dropping and undoing all make one; a page's made-up one does not count.
    input.addEventListener(
      "input",
      fromReader(isTrusted, () => known.set(input, input.value)),
    );
  }
  return {
    set(input, value) {
      input.value = value;
      known.set(input, value);
    },
    asTheReaderLeftThem() {
      let same = true;
      for (const [input, value] of known) {
        if (input.value === value) continue;
        input.value = value;
        same = false;
      }
      return same;
    },
  };
}
