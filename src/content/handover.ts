// A content script cut off from its extension (Gloss updated, reloaded or turned off) hands the page back to the next
// one: it shows the original and stops, so the new script starts from the page's own text.
//
// Chromium keeps the old script running in the page after the extension goes away, with the translations it wrote
// (the new script would take them for the page's text and translate translations, and could not undo them); its
// calls to the extension throw. Only it knows what to put back, and both share the DOM, so the new script asks it
// with a DOM event at start, named with this install's key so that the page can neither stop, cancel nor send it
// (shared/handover-event.ts). The old script still answers only once it is really cut off.
// The new script also learns whether the page showed a translation (the old one cancels the event): a toggle pressed
// there means "show the original", which the handover just did, not "translate".
import { HANDOVER_KEY, handoverEvent } from "../shared/handover-event";

/** This install's key as a script learns it: `value` once `ready`, when it is known at all. */
export interface HandoverKey {
  value?: string;
  ready: Promise<unknown>;
}

/** Where a press leaves the key along with the script (background/tab-channel.ts), so a press's start knows it at once. */
export interface HandoverKeySlot {
  __glossHandoverKey?: unknown;
}

/** The key a press left in this world, or else the one extension storage keeps. */
export function learnHandoverKey(slot: HandoverKeySlot, stored: () => Promise<Record<string, unknown>>): HandoverKey {
  // Own property only: a page element named `__glossHandoverKey` shows through `window` in the isolated world.
  const given = Object.hasOwn(slot, "__glossHandoverKey") && slot.__glossHandoverKey;
  const key: HandoverKey = { ready: Promise.resolve() };
  const take = (value: unknown) => typeof value === "string" && (key.value = value);
  if (!take(given))
    key.ready = stored().then(
      (items) => take(items[HANDOVER_KEY]),
      () => undefined,
    );
  return key;
}

export interface HandoverDeps {
  window: Window;
  key: HandoverKey;
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
    if (!deps.cutOff()) return; // live (Show original asked while it was too busy to answer): its commands reach it
    deps.window.removeEventListener(event.type, onHandover);
    if (deps.translated()) event.preventDefault();
    deps.retire();
  };
  // No key (storage unreadable): nothing to listen for, as in Firefox, which stops a cut-off script altogether.
  void deps.key.ready.then(
    () => deps.key.value && deps.window.addEventListener(handoverEvent(deps.key.value), onHandover),
  );
}

/**
 * Called by a new script before it reads the page: an older, cut-off one puts the original back first. Whether it
 * showed a translation until then.
 */
export function askForHandover(win: Window, key: string): boolean {
  return !win.dispatchEvent(new Event(handoverEvent(key), { cancelable: true }));
}
