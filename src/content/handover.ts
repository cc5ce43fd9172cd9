// A content script cut off from its extension (Gloss updated, reloaded or turned off) hands the page back to the next
// one: it shows the original and stops, so the new script starts from the page's own text.
//
// Chromium keeps the old script running in the page after the extension goes away, with the translations it wrote
// (the new script would take them for the page's text and translate translations, and could not undo them); its
// calls to the extension throw. Only it knows what to put back, and both share the DOM, so the new script asks it
// with a DOM event at start. A page can send the same event: the old script answers only once it is really cut off
// (which a page cannot fake), and then only shows the original, as the reader's own button would.
// The new script also learns whether the page showed a translation (the old one cancels the event): a toggle pressed
// there means "show the original", which the handover just did, not "translate". Only the old script or the page can
// cancel it; a page that does so on a page Gloss never translated only makes the first press do nothing (the new
// script is there by then, and the next press goes by its state), which any page can do by undoing Gloss's writes.
import { HANDOVER_EVENT } from "../shared/handover-event";

export interface HandoverDeps {
  window: Window;
  /** Whether this script's extension is gone (see extension/cut-off.ts). */
  cutOff(): boolean;
  /** Whether the page shows this script's translation (or one under way). */
  translated(): boolean;
  /** Shows the original and stops everything that would act on the page from now on. */
  retire(): void;
}

/** Registered at start: gives the page back when a newer script asks and this one is cut off. */
export function handOverWhenCutOff(deps: HandoverDeps): void {
  const onHandover = (event: Event) => {
    if (!deps.cutOff()) return; // a live script, or the page asking: it keeps what it shows
    deps.window.removeEventListener(HANDOVER_EVENT, onHandover);
    if (deps.translated()) event.preventDefault();
    deps.retire();
  };
  deps.window.addEventListener(HANDOVER_EVENT, onHandover);
}

/**
 * Called by a new script before it reads the page: an older, cut-off one puts the original back first. Whether it
 * showed a translation until then.
 */
export function askForHandover(win: Window): boolean {
  return !win.dispatchEvent(new Event(HANDOVER_EVENT, { cancelable: true }));
}
