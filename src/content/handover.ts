// A content script cut off from its extension (Gloss updated, reloaded or turned off) hands the page back to the next
// one: it shows the original and stops, so the new script starts from the page's own text.
//
// Chromium keeps the old script running in the page after the extension goes away, with the translations it wrote
// (the new script would take them for the page's text and translate translations, and could not undo them); its
// calls to the extension throw. Only it knows what to put back, and both share the DOM, so the new script asks it
// with a DOM event at start. A page can send the same event: the old script answers only once it is really cut off
// (which a page cannot fake), and then only shows the original, as the reader's own button would.
import { HANDOVER_EVENT } from "../shared/handover-event";

export interface HandoverDeps {
  window: Window;
  /** Whether this script's extension is gone (see extension/cut-off.ts). */
  cutOff(): boolean;
  /** Shows the original and stops everything that would act on the page from now on. */
  retire(): void;
}

/** Registered at start: gives the page back when a newer script asks and this one is cut off. */
export function handOverWhenCutOff(deps: HandoverDeps): void {
  const onHandover = () => {
    if (!deps.cutOff()) return; // a live script, or the page asking: it keeps what it shows
    deps.window.removeEventListener(HANDOVER_EVENT, onHandover);
    deps.retire();
  };
  deps.window.addEventListener(HANDOVER_EVENT, onHandover);
}

/** Called by a new script before it reads the page: an older, cut-off one puts the original back first. */
export function askForHandover(win: Window): void {
  win.dispatchEvent(new Event(HANDOVER_EVENT));
}
