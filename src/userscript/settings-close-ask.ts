// Asks, inside the settings dialog, before Close, Escape or a click outside throws away the form's unsaved edits:
// Save, Discard or Keep editing (not window.confirm, which the page can replace and which stops the page).
import { fromReader } from "../session/element";
import type { Make } from "./make-element";
import type { OneQuestion } from "./settings-one-question";

/** Said when the dialog is closed with edits not saved. */
export const UNSAVED_CLOSE = "You have unsaved changes.";

export interface CloseAskDeps {
  hasUnsavedChanges(): boolean;
  /** Saves the form as Save does; whether it was saved (if not, its line says why). */
  saveNow(): Promise<boolean>;
  /** Closes the dialog, the edits with it. */
  close(): void;
  /** The dialog's questions: this one takes the place of a restore's asked before it. */
  questions: OneQuestion;
  isTrusted?: ((event: Event) => boolean) | undefined;
}

export interface CloseAsk {
  /** The question's box, hidden until asked. */
  box: HTMLElement;
  /** Close or a click outside: closes at once without unsaved edits, else asks (or asks again). */
  close(): void;
  /** Escape: the question up (this one: keep editing; a restore's: keep my settings) answered safely, else as close. */
  escape(): void;
  /** The question goes (the form is being saved: it would no longer be true). */
  dismiss(): void;
  /** The edits may be gone (undone, replaced by a restore, saved in another tab): the question goes if so. */
  recheck(): void;
}

export function createCloseAsk(make: Make, deps: CloseAskDeps): CloseAsk {
  const box = make("div", { className: "confirm", hidden: true });
  box.setAttribute("role", "group");
  const said = make("p", { id: "gloss-unsaved-close", textContent: UNSAVED_CLOSE });
  box.setAttribute("aria-labelledby", said.id);
  const button = (text: string) => make("button", { type: "button", textContent: text });
  const [save, discard, keep] = [button("Save"), button("Discard"), button("Keep editing")];
  const row = make("div", { className: "backup-row" });
  row.append(save, discard, keep);
  box.append(said, row);

  /** Where focus was when the question came: it goes back there when the reader keeps editing. */
  let before: HTMLElement | null = null;
  const keepEditing = () => {
    // A field a refused save marked has the focus already: it stays there.
    const asked = box.contains((box.getRootNode() as ShadowRoot).activeElement);
    box.hidden = true;
    if (asked && before?.isConnected) before.focus();
  };
  const question = { box, withdraw: keepEditing };
  let saving = false;
  // Only the reader's own click saves: a page's made-up click must not save the form (see settings-save.ts). Not
  // saved, the dialog stays with the edits, and its line says why.
  save.addEventListener(
    "click",
    fromReader(deps.isTrusted, () => {
      if (saving) return;
      saving = true;
      void deps.saveNow().then((saved) => {
        saving = false;
        if (saved) deps.close();
        else keepEditing();
      });
    }),
  );
  discard.addEventListener("click", () => deps.close());
  keep.addEventListener("click", keepEditing);

  const close = () => {
    if (!deps.hasUnsavedChanges()) return deps.close();
    // First: a restore's question answered in its place gives the keyboard (if on it) back to Restore from a file…,
    // where Keep editing brings it back.
    deps.questions.asked(question);
    if (box.hidden) before = (box.getRootNode() as ShadowRoot).activeElement as HTMLElement | null;
    box.hidden = false;
    // Keeping the edits is the safe answer to a question the reader may not have expected.
    keep.focus();
  };
  return {
    box,
    close,
    escape: () => void (deps.questions.escape() || close()),
    dismiss: keepEditing,
    recheck: () => void (box.hidden || deps.hasUnsavedChanges() || keepEditing()),
  };
}
