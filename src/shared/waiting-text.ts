// A waiting message that counts the seconds once they add up, so a slow server (a CPU model answering its first
// request) does not look like a stuck page.

/** Shows `text` in `node`, then "text 3 s", "text 4 s"… from the third second; the returned function stops it. */
export function showWaiting(node: HTMLElement, text: string, win: Window = window): () => void {
  // The monotonic clock: a wall clock set back or forward meanwhile would count hours the reader never waited.
  const started = performance.now();
  node.textContent = text;
  const timer = win.setInterval(() => {
    const seconds = Math.floor((performance.now() - started) / 1000);
    if (seconds >= 3) node.textContent = `${text} ${seconds} s`;
  }, 1000);
  return () => win.clearInterval(timer);
}
