// Where Gloss's card must go to be usable above the page's top layer: a modal <dialog> makes the rest of the page
// inert (no click reaches a card outside it). The card's host is itself in the top layer, drawn over the dialog (see
// ui-host.ts): an element in fullscreen, which leaves the page usable, needs no more (nor can a video or image, drawn
// without its children, hold the card).
import { deepFocus } from "../core/dom";

/** The page's modal dialog to put the card in, or none. */
export function topLayerHome(doc: Document): Element | null | undefined {
  // One inside a component's (open) shadow root is found by the focus, which a modal dialog keeps inside it.
  const focus = deepFocus(doc);
  // Else the last one opened is on top.
  return [...doc.querySelectorAll("dialog"), focus?.closest("dialog")].findLast((dialog) => dialog?.matches(":modal"));
}
