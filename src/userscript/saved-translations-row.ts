// The settings dialog's line on the translations saved in the manager's storage: how many, and a button to forget them.
import { savedTranslationsText } from "../connection/translation-cache";
import { sayInto } from "../session/element";
import { newestOnly } from "../shared/newest-only";
import type { SavedTally } from "./gm-translation-cache";
import { elementMaker } from "./make-element";

/** Said when the manager's storage did not let the saved translations go: some or all of them are still there. */
export const NOT_CLEARED =
  "Not cleared: your userscript manager did not delete the saved translations. Try again, or reload the page.";

export interface SavedTranslations {
  count(): Promise<SavedTally>;
  clear(): Promise<void>;
}

/** What is stored, and what this page translated that is not: the manager's storage may be refusing writes. */
export function savedTallyText({ saved, unsaved }: SavedTally): string {
  if (!unsaved) return savedTranslationsText(saved);
  const notYet = `not saved yet: your userscript manager did not store ${unsaved === 1 ? "it" : "them"}.`;
  const passages = `translated passage${unsaved === 1 ? "" : "s"}`;
  return saved ? `${savedTranslationsText(saved)} ${unsaved} more ${notYet}` : `${unsaved} ${passages} ${notYet}`;
}

/** "12 translated passages saved." and a button that forgets them (only on the user's own click or key). */
export function savedTranslationsRow(doc: Document, saved: SavedTranslations): HTMLElement {
  const make = elementMaker(doc);
  const row = make("p", { className: "key-state" });
  const line = make("span", { textContent: "Counting saved translations…" });
  line.setAttribute("role", "status");
  const clear = make("button", { type: "button", textContent: "Clear saved translations" });
  row.append(line, clear);
  const show = (tally: SavedTally) => {
    line.textContent = savedTallyText(tally);
    // Unavailable with aria-disabled, not disabled: the button has the focus after clearing, and a disabled one
    // drops it to the page's body, and with it Escape and the focus trap (as Test connection's busy state says).
    clear.setAttribute("aria-disabled", String(tally.saved + tally.unsaved === 0));
  };
  // Only the newest answer is shown: a count still under way when Clear is pressed (its read may come before the
  // clear) would otherwise say the cleared translations are still saved.
  const mine = newestOnly();
  const counted = mine();
  void saved.count().then(
    (tally) => counted() && show(tally),
    () => counted() && (row.hidden = true),
  );
  clear.addEventListener("click", (event) => {
    if (!event.isTrusted || clear.getAttribute("aria-disabled") === "true") return;
    const cleared = mine();
    // The manager refused: said, and the button stays for another try.
    void saved.clear().then(
      () => cleared() && show({ saved: 0, unsaved: 0 }),
      () => cleared() && sayInto(line, NOT_CLEARED),
    );
  });
  return row;
}
