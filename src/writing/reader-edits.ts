// Whether the reader edited a rich field while Gloss waited to see if its editor took Gloss's write (two frames, for
// editors that take a change after the current task). An edit then (Ctrl+Z pressed at once, a key typed) is the
// reader's answer to the translation they saw, not an editor that refused it: taken for one, the write went on to
// paste or set the translation over it, and a translation set that way is one no Ctrl+Z can take back.

export interface ReaderEdits {
  /** Runs Gloss's own editing command: the input it makes is not the reader's. */
  own<T>(write: () => T): T;
  /** Whether the field had input other than Gloss's own since watching began. */
  readonly seen: boolean;
  stop(): void;
}

/**
 * Watches `field` (an editing host) for input; `text` is what Gloss writes into it. Only the browser's input counts
 * (`isTrusted`; tests stand in for it): a page's made-up one after an editor refused the write would have Gloss say
 * it translated a text it left as it was.
 */
export function watchReaderEdits(
  field: HTMLElement,
  text: string,
  isTrusted: (event: Event) => boolean = (event) => event.isTrusted,
): ReaderEdits {
  let writing = false;
  let seen = false;
  const onInput = (event: Event) => {
    if (writing || !isTrusted(event)) return;
    // An editor may announce Gloss's write after the command returned: the same insertion is still Gloss's.
    const { inputType, data } = event as InputEvent;
    if (inputType === "insertText" && data === text) return;
    seen = true;
  };
  field.addEventListener("input", onInput, true);
  return {
    own(write) {
      writing = true;
      try {
        return write();
      } finally {
        writing = false;
      }
    },
    get seen() {
      return seen;
    },
    stop: () => field.removeEventListener("input", onInput, true),
  };
}
