// Where Gloss's card must go to be usable above the page's top layer: a modal <dialog> makes the rest of the page
// inert (no click reaches a card outside it). The card's host is itself in the top layer, drawn over the dialog (see
// ui-host.ts): an element in fullscreen, which leaves the page usable, needs no more (nor can a video or image, drawn
// without its children, hold the card).

/** The page's modal dialog to put the card in, or undefined. */
export function topLayerHome(doc: Document): Element | undefined {
  // The last one opened is on top.
  return [...doc.getElementsByTagName("dialog")].findLast((dialog) => dialog.matches(":modal"));
}
