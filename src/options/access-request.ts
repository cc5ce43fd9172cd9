// "Allow access…": a note saying which access Gloss lacks, with the button that asks the browser for it. Only a click
// may ask the browser for hosts, so the reader is offered one where settings came in without a click of theirs
// (restored from a file, synced from another browser).
import { ext } from "../extension/api";

/** What the note says before, after a refusal, and once access is given. */
export interface AccessWords {
  missing: string;
  refused: string;
  allowed: string;
}

/**
 * The note and its button. Once access is given they make way for `words.allowed`, and the keyboard focus, if it was on
 * the button, goes to `focusAfter` rather than to the page's body (the status region reads the answer out; focusing
 * the answer would read it twice).
 */
export function accessRequest(origins: string[], words: AccessWords, focusAfter: HTMLElement): HTMLElement {
  const note = Object.assign(document.createElement("p"), { textContent: words.missing });
  const button = Object.assign(document.createElement("button"), { type: "button", textContent: "Allow access…" });
  const box = document.createElement("div");
  box.append(note, button);
  button.addEventListener("click", () => {
    void ext.permissions
      .request({ origins })
      .catch(() => false)
      .then((granted) => {
        if (!granted) note.textContent = `${words.missing} ${words.refused}`;
        else {
          const hadFocus = box.contains(document.activeElement);
          box.replaceWith(Object.assign(document.createElement("p"), { textContent: words.allowed }));
          if (hadFocus) focusAfter.focus();
        }
      });
  });
  return box;
}
