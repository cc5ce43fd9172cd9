// A key pressed in a frame of the page (a TinyMCE or CKEditor 4 editor writes in one) goes to the frame's document,
// where the userscript, run in the top page only (@noframes), does not listen: its listener follows the keyboard
// focus into the frames whose document the page can read, as the writer follows it to the field.
import { focusWalk } from "../core/frames/focus-walk";

/**
 * This script's own, taken as it starts: a frame's window is the page's, whose `addEventListener` (its own, or its
 * prototype's) the page may replace with one that keeps Gloss's listener, to call it with keys it makes up.
 */
const addListener = EventTarget.prototype.addEventListener;

/** Calls `onKey` for each keydown in `doc`, and in every frame of it (nested too) the focus goes into that the page can read. */
export function keydownInFrames(doc: Document, onKey: (event: KeyboardEvent) => void): void {
  // From the top each time: the focus may go from one frame straight into another (two editors on a page), where
  // only the window it left hears of it.
  const followFocus = (): void => {
    for (const at of focusWalk(doc).docs) listen(at);
  };
  // The focus leaving a window may have gone into a frame, which the documents name once it has. The userscript's
  // own timer: the frame's window is the page's.
  const onBlur = (event: Event): void => {
    if (event.target === event.currentTarget) setTimeout(followFocus);
  };
  // Added again each time the focus goes there (the browser keeps one of each): a frame that loads another page has a
  // new window, and one the page writes again with document.open() (CKEditor 4 setting its text) loses its listeners.
  const listen = (at: Document): void => {
    try {
      const win = at.defaultView;
      // On the window, before the page's own listeners on its document see the key.
      if (!win) return;
      addListener.call(win, "keydown", onKey as EventListener, true);
      addListener.call(win, "blur", onBlur);
    } catch {
      // A frame's window is the page's, which may throw from it: its keys stay its own.
    }
  };
  // The focus may be in a frame's editor already (one the page focused as it loaded).
  followFocus();
}
