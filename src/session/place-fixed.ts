// Where a fixed card of Gloss's in-page UI shows, in the viewport's own pixels, whatever the page does to <html>: the
// host sits under <html>, and two things there reach through its `all: initial`.

/** Puts `card` (position: fixed) with its top left corner at (`top`, `left`) of the viewport, as the reader sees it. */
export function placeFixed(card: HTMLElement, top: number, left: number): void {
  // A page's `zoom` on <html> multiplies down the tree (the host's own zoom resets to 1, not the page's): the card's
  // pixels are that many of the viewport's, and a card set at the selection's coordinates would cover it.
  const zoom = card.currentCSSZoom || 1;
  const set = (y: number, x: number) => {
    card.style.top = `${y}px`;
    card.style.left = `${x}px`;
  };
  set(top / zoom, left / zoom);
  // A transform, perspective, `will-change` or `contain` on <html> makes its box the card's containing
  // block: the card's 0,0 is then the top of the page, scrolled away with it. Measured and made up for.
  const shown = card.getBoundingClientRect();
  const off = (want: number, got: number) => (Math.abs(want - got) > 0.5 ? (want - got) / zoom : 0);
  const dy = off(top, shown.top);
  const dx = off(left, shown.left);
  if (dy || dx) set(top / zoom + dy, left / zoom + dx);
}
