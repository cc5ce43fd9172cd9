// Where Gloss's card must go to be seen above the page's top layer: a modal <dialog> and an element in fullscreen
// are drawn above any z-index, and a modal dialog makes the rest of the page inert (no click reaches a card outside
// it). A card inside the topmost of them is drawn, and clickable, with it.

/** The page's element in the top layer to put the card in, or undefined: none, or none that can show it. */
export function topLayerHome(doc: Document): Element | undefined {
  // A modal dialog first (its page is inert, a fullscreen element too): the last one opened is on top.
  const modal = [...doc.getElementsByTagName("dialog")].findLast((dialog) => dialog.matches(":modal"));
  const full = doc.fullscreenElement;
  // A video, image or frame is drawn without its children: a card put in one would not show.
  return modal ?? (full && !/^(video|img|canvas|iframe)$/.test(full.localName) ? full : undefined);
}
