// The settings dialog's Save: only the reader's own click on Save, Enter in a field or Ctrl+S (⌘S, as on the options
// page) saves what the form changed; the line beside the buttons says how it went.
import { sayInto } from "../session/element";
import { isComposing } from "../shared/composing";
import { changedSettings, validateSettingsPatch, type Settings, type SettingsErrors } from "../shared/settings";
import type { SaveResult } from "../shared/settings-store";
import type { Make } from "./make-element";

/** Said after a save where the manager has no storage. */
export const SAVED_FOR_THIS_PAGE = "Saved for this page only: your userscript manager stores nothing.";

/** Said when a page's script changed the form as the reader saved it (reader-fields.ts): nothing was saved. */
export const PAGE_CHANGED =
  "Not saved: this page changed your settings as you saved them. The form shows again what you chose: check it and save.";

/** Said when Save found settings changed elsewhere over edits here (said above it): nothing was saved yet. */
const CHANGED_MEANWHILE =
  "Not saved: changed in another window or browser meanwhile, as said above. Save again to keep yours.";

/** Said while the form holds edits not saved. */
const UNSAVED = "Unsaved changes.";

/** Why settings were not saved when the manager's storage did not take them (a restore says it too). */
export const NOT_STORED_WHY = "your userscript manager did not store the settings. Try again, or reload the page.";

/** Said when the manager's storage did not take the settings. */
export const NOT_STORED = `Not saved: ${NOT_STORED_WHY}`;

export interface SaveDeps {
  /** Saves a change; absent when the dialog only shows the settings (then nothing saves). */
  save?(patch: Partial<Settings>): Promise<SaveResult>;
  /** The stored settings, read afresh. */
  load(): Promise<Settings>;
  /** The manager stores nothing: a save lasts as long as this page, and the line says so. */
  forThisPageOnly?: boolean | undefined;
  /**
   * Takes settings stored meanwhile into the form, its unsaved edits kept (the dialog's takeStored); whether an edit
   * kept over a change there is newly said above Save.
   */
  takeStored(settings: Settings): boolean;
  /** Whether the form differs from the settings it shows as saved. */
  hasUnsavedChanges(): boolean;
  /** Whether the form holds what the reader left there (else it shows that again): the dialog's check. */
  asTheReaderLeftIt(): boolean;
  /** What the form says. */
  draft(): Record<string, unknown>;
  /** The settings the form was filled from or last saved: a save changes only what differs from them. */
  shown(): Settings | undefined;
  /** Shows saved settings in the form. */
  fill(settings: Settings): void;
  showErrors(found: SettingsErrors): void;
  /** Whether an event is the reader's own; stands in for the browser's `isTrusted` in tests (see fromReader). */
  isTrusted?: ((event: Event) => boolean) | undefined;
}

/** Save (`button`, shown only when the dialog saves) and its line (`status`), wired to `form`. */
export function createSave(
  make: Make,
  form: HTMLFormElement,
  deps: SaveDeps,
): { button: HTMLButtonElement; status: HTMLElement; saveNow(): Promise<boolean>; unsavedGone(): void } {
  const status = make("span", { className: "status" });
  status.setAttribute("role", "status");
  const button = make("button", { type: "submit", className: "primary", textContent: "Save" });

  // Only the user's own click on Save, Enter in a field or Ctrl+S saves: a page script that got hold of the form cannot
  // save it by dispatching any of them (in the page's world, where it could call these listeners itself with events that
  // claim to be trusted, the dialog has no save at all). Implicit submission follows the key press in the same task.
  let userAsked = false;
  const trusted = deps.isTrusted ?? ((event: Event) => event.isTrusted);
  const noteUserAsked = (event: Event) => {
    if (!trusted(event)) return;
    userAsked = true;
    setTimeout(() => (userAsked = false));
  };
  if (deps.save) button.addEventListener("click", noteUserAsked);
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.target as Element | null)?.localName === "input") noteUserAsked(event);
    // Ctrl+S saves the form, as on the options page, rather than the browser saving the page under the dialog.
    if (deps.save && (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s" && !isComposing(event)) {
      event.preventDefault();
      noteUserAsked(event);
      form.requestSubmit();
    }
  });

  // As on the options page: a "Saved." or "Not saved" line is no longer true once the form is edited again.
  if (deps.save) {
    form.addEventListener("input", () => {
      status.textContent = deps.hasUnsavedChanges() ? UNSAVED : "";
    });
  }
  /** The form shows stored settings (restored, saved): "Unsaved changes." goes if no longer true. */
  const unsavedGone = () => {
    if (status.textContent === UNSAVED && !deps.hasUnsavedChanges()) status.textContent = "";
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!userAsked) return;
    userAsked = false;
    void saveNow();
  });

  /** Saves the form as Save does (the reader asked for it); whether it was saved. */
  function saveNow(): Promise<boolean> {
    const saveSettings = deps.save;
    if (!saveSettings) return Promise.resolve(false);
    // Settings stored since they were shown, where the manager could not say so (Greasemonkey has no change
    // listener): taken in first, or this save would write the form's old lists and tables over them. Unreadable,
    // the save itself says so. An edit here kept over a change there is said above Save and not saved yet: saving
    // it now would undo that change before the reader saw it; Save again keeps theirs.
    return deps
      .load()
      .then(deps.takeStored, () => false)
      .then((news) => (news ? notSaved(CHANGED_MEANWHILE) : saveForm(saveSettings)));
  }

  /** Not saved: the first field to fix takes the focus (its error is read as its description), and the line says so. */
  const refuse = (found: SettingsErrors) => {
    deps.showErrors(found);
    sayInto(status, "Not saved: fix the marked fields.");
    return false;
  };
  /** Not saved for `why`, said on the line. */
  const notSaved = (why: string) => (sayInto(status, why), false);

  /** Saves what the form changed; the form then shows the settings saved. Whether it was saved. */
  function saveForm(saveSettings: NonNullable<SaveDeps["save"]>): Promise<boolean> {
    // Checked as the form is read: a page's script may have written into it until now (see reader-fields.ts).
    if (!deps.asTheReaderLeftIt()) return Promise.resolve(notSaved(PAGE_CHANGED));
    const checked = validateSettingsPatch(deps.draft());
    if (!checked.ok) return Promise.resolve(refuse(checked.errors));
    // Only what was changed here: an address, key or site another tab saved meanwhile must survive this save. A key
    // typed (again) goes with the address shown.
    const { apiKey, baseUrl } = checked.patch;
    const shown = deps.shown();
    const patch = shown ? changedSettings(checked.patch, shown) : checked.patch;
    if (apiKey !== undefined) Object.assign(patch, { apiKey, baseUrl });
    return saveSettings(patch).then(
      (saved) => {
        if (!saved.saved) return refuse(saved.errors);
        deps.showErrors({});
        // The saved settings, with what other tabs saved; the new key is saved and need not stay in the page.
        deps.fill(saved.settings);
        // Said again on a second save: the same text put in again would not be a change a screen reader hears.
        sayInto(status, deps.forThisPageOnly ? SAVED_FOR_THIS_PAGE : "Saved.");
        return true;
      },
      // The manager's storage refused (full, or unavailable): the form keeps what was typed.
      () => notSaved(NOT_STORED),
    );
  }

  return { button, status, saveNow, unsavedGone };
}
