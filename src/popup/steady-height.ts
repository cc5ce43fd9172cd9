// Keeps the popup's status box at the tallest it has been while the popup is open, so Diagnostics and the footer's
// links below it never move up under the reader's pointer, nor the popup shrink, when a line in it goes away (the
// progress bar as a translation ends, a note).

/** Call after each change to the box's content: its minimum height follows its tallest look so far. */
export function steadyHeight(box: HTMLElement): () => void {
  return () => {
    // With border-box sizing, the rendered height already includes the minimum set before: it only ever grows.
    const height = box.getBoundingClientRect().height;
    if (height > 0) box.style.minHeight = `${height}px`;
  };
}
