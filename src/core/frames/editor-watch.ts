// Notices a frame's document turning into a rich editor after Gloss translated it (a webmail compose frame whose body
// is made editable, or switched to designMode), so its translation can go before the reader edits and sends it.
import { isEditor } from "./frame-documents";
import { viewOf } from "../dom";

/**
 * Calls `onEditor` once `doc` is a rich editor. An editable attribute is seen as it is set; designMode changes
 * without any event, so it is caught at the reader's first touch of the frame (focus, pointer, key, caret), which
 * comes before anything they type or paste. Returns how to stop watching.
 */
export function watchForEditor(doc: Document, onEditor: () => void): () => void {
  const check = (): void => {
    if (isEditor(doc)) onEditor();
  };
  const Observer = viewOf(doc)?.MutationObserver;
  const observer = Observer ? new Observer(check) : undefined;
  // The document itself, not its root: one the page empties with document.open() gets a new root when written again.
  observer?.observe(doc, { attributes: true, attributeFilter: ["contenteditable"], subtree: true });
  for (const type of TOUCHES) doc.addEventListener(type, check, true);
  return () => {
    observer?.disconnect();
    for (const type of TOUCHES) doc.removeEventListener(type, check, true);
  };
}

/** What comes first when a reader starts to edit: the editor cannot change the text before one of these. */
const TOUCHES = ["focusin", "pointerdown", "mousedown", "keydown", "beforeinput", "selectionchange"] as const;
