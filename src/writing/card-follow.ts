// Keeps the writing card by its text box while the reader scrolls, resizes or zooms: the page's window, and the
// windows of the frames the box is in, whose own scrolling moves the box too.
import { onVisibleAreaChange } from "../session/visible-area";

export interface CardFollow {
  /** Starts (or stops, and lets go of the frames too) following the page's window and its visible area. */
  track(on: boolean): void;
  /** Follows the windows of the frames the box is in now (nested ones too), and no others. */
  followFrames(wins: Window[]): void;
}

/** Calls `onChange` when what moves the card's box changes. */
export function cardFollow(doc: Document, onChange: () => void): CardFollow {
  /** The windows of the frames the field is in (nested ones too), whose own scrolling moves the field too. */
  let frameWins: Window[] = [];
  function follow(win: Window | undefined, on: boolean): void {
    if (!win) return;
    try {
      if (on) {
        win.addEventListener("scroll", onChange, { passive: true, capture: true });
        win.addEventListener("resize", onChange, { passive: true });
      } else {
        win.removeEventListener("scroll", onChange, { capture: true });
        win.removeEventListener("resize", onChange);
      }
    } catch {
      // A frame's window is the page's, which may throw from it: the card stays where it was put.
    }
  }
  function followFrames(wins: Window[]): void {
    if (wins.length === frameWins.length && wins.every((win, i) => win === frameWins[i])) return;
    for (const win of frameWins) follow(win, false);
    frameWins = wins;
    for (const win of frameWins) follow(win, true);
  }
  function track(on: boolean): void {
    const win = doc.defaultView;
    if (!win) return;
    follow(win, on);
    if (!on) followFrames([]);
    onVisibleAreaChange(win, onChange, on);
  }
  return { track, followFrames };
}
