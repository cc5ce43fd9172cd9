// What the settings dialog's form holds against what it showed: its draft, whether it has unsaved edits, filling it
// with stored settings, taking in settings stored meanwhile with the reader's edits kept, and its errors.
import type { ReaderFields } from "../session/reader-fields";
import { createChangedElsewhere } from "../shared/changed-elsewhere";
import type { Settings, SettingsErrors } from "../shared/settings";
import { takeInStored, type FormControl, type FormControls } from "../shared/stored-meanwhile";
import { fieldControls, fieldValues, showFieldErrors, type SettingsFields } from "./settings-fields";
import { apiKeyPatch, type KeyState } from "./settings-key-field";
import type { SettingsTables } from "./settings-tables";

export interface FormParts {
  /** The dialog's closed shadow root. */
  root: ShadowRoot;
  formFields: SettingsFields;
  tables: SettingsTables;
  /** What Gloss filled in or the reader changed in each field (reader-fields.ts). */
  fields: ReaderFields;
  keyState: KeyState;
  /** Where edits kept though another tab changed the same fields are said (changed-elsewhere.ts). */
  changedBox: HTMLUListElement;
  readOnly: boolean;
}

export interface FormState {
  /** What the form says (never asked for when read-only: there is no key field then). */
  draft(): Record<string, unknown>;
  /** The settings the form was filled from or last saved: a save changes only what differs from them. */
  shown(): Settings | undefined;
  hasUnsavedChanges(): boolean;
  fill(settings: Settings): void;
  takeStored(settings: Settings): void;
  asTheReaderLeftIt(): boolean;
  showErrors(found: SettingsErrors): void;
}

export function createFormState(parts: FormParts): FormState {
  const { root, formFields, tables, fields, keyState, changedBox, readOnly } = parts;
  const { controls } = formFields;

  /** The form's fields as text, to tell edits from what was loaded or last saved. */
  const formState = () => JSON.stringify([...fieldValues(controls).map(([, value]) => value), tables.draft()]);
  let shownState = "";
  let shown: Settings | undefined;

  /** Each setting the form edits (all but the key) as a control: what it holds, and showing a stored value. */
  const settingControls: FormControls = { ...fieldControls(formFields, fields, root), ...tables.controls };

  const changedElsewhere = createChangedElsewhere(changedBox, {
    controls: settingControls,
    field: (key) => root.getElementById(`gloss-${key}`),
  });

  /** Fills the form with `settings` (as loaded, saved or restored): the key field empty, whether one is saved said. */
  function fill(settings: Settings): void {
    for (const [key, control] of Object.entries(settingControls)) {
      (control as FormControl<keyof Settings>).show(settings[key as keyof Settings]);
    }
    if (controls.apiKey) fields.set(controls.apiKey, "");
    keyState.keep();
    keyState.showSaved(settings);
    shownState = formState();
    shown = settings;
    changedElsewhere.clear();
  }

  /**
   * Stored meanwhile (another tab, the picker): fields not touched here follow, the reader's edits stay, and the
   * tables and lists they edited gain what was added and lose what was removed (stored-meanwhile.ts); an edit kept over
   * a change there is said above Save (changed-elsewhere.ts).
   */
  function takeStored(settings: Settings): void {
    if (!shown || readOnly) return; // still loading: it shows the settings as they are then
    const untouched = formState() === shownState;
    // A key typed here goes with the address it was typed under, never with one another tab saved.
    const held = new Set<keyof Settings>(controls.apiKey?.value ? ["preset", "baseUrl"] : []);
    const kept = takeInStored(
      { controls: settingControls, addRows: tables.addRows, removeRows: tables.removeRows, held },
      shown,
      settings,
    );
    changedElsewhere.note(kept, shown, settings);
    keyState.showSaved(settings);
    shown = settings;
    if (untouched) shownState = formState();
  }

  return {
    draft: () => ({
      ...Object.fromEntries(fieldValues(controls)),
      ...tables.draft(),
      ...apiKeyPatch(controls.apiKey.value, keyState.removing()),
    }),
    shown: () => shown,
    hasUnsavedChanges: () => formState() !== shownState || !!controls.apiKey.value || keyState.removing(),
    fill,
    takeStored,
    /**
     * Whether the form holds what Gloss filled in or the reader chose (reader-fields.ts, reader-rows.ts); else a page
     * wrote into it, and the reader's values are put back. Asked as Save or Test connection reads the form.
     */
    asTheReaderLeftIt() {
      const fieldsMine = fields.asTheReaderLeftThem();
      if (tables.asTheReaderLeftThem() && fieldsMine) return true;
      keyState.show();
      return false;
    },
    showErrors(found) {
      const fieldFocused = showFieldErrors(formFields, found);
      // A table's error is its row's: that row takes the focus when no field above it has an error.
      tables.showErrors(found, !fieldFocused);
    },
  };
}
