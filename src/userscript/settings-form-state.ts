// What the settings dialog's form holds against what it showed: its draft, whether it has unsaved edits, filling it
// with stored settings, taking in settings stored meanwhile with the reader's edits kept, and its errors.
import type { ReaderFields } from "../session/reader-fields";
import {
  createChangedElsewhere,
  noteRowConflicts,
  noteRowsRemoved,
  type ChangedElsewhere,
} from "../shared/changed-elsewhere";
import { validateSettingsPatch, type Settings, type SettingsErrors } from "../shared/settings";
import { takeInStored, valueIn, type FormControl, type FormControls } from "../shared/stored-meanwhile";
import { fieldControls, fieldValues, showFieldErrors, type SettingsFields } from "./settings-fields";
import { apiKeyPatch, type KeyState } from "./settings-key-field";
import { tableTitle, type SettingsTables } from "./settings-tables";

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
  /** `refused`: settings whose stored values this Gloss refused and shows as defaults (see StoredAfresh). */
  /**
   * Whether it says something new above Save: an edit here kept over a change there (the reader has not seen that
   * change yet; a save now would undo it unseen).
   */
  takeStored(settings: Settings, about?: { refused?: ReadonlyArray<keyof Settings> }): boolean;
  asTheReaderLeftIt(): boolean;
  showErrors(found: SettingsErrors): void;
  /** Errors shown whose field or table is valid now go: an error must not outlive its fix. */
  clearFixedErrors(): void;
}

/** What the form's steps share: its parts, each setting as a control, and what the form last showed. */
interface Form {
  parts: FormParts;
  /** Each setting the form edits (all but the key) as a control: what it holds, and showing a stored value. */
  settingControls: FormControls;
  changedElsewhere: ChangedElsewhere;
  /** The settings the form last showed (filled, saved, or stored meanwhile): its edits are told from these. */
  shown: Settings | undefined;
  /** The errors shown now (by a refused save or test). */
  marked: SettingsErrors;
}

/**
 * Whether a setting the form edits holds other than the settings it last showed, judged as the options page judges
 * it (a value as a save would read it; a half-typed one is an edit). Against the settings stored meanwhile, not those
 * it opened with: another tab saving just what was typed here leaves nothing here unsaved.
 */
function edited({ settingControls, shown }: Form): boolean {
  if (!shown) return false;
  return Object.entries(settingControls).some(([key, control]) => {
    const value = valueIn(key as keyof Settings, control as FormControl<keyof Settings>);
    return value === undefined || JSON.stringify(value) !== JSON.stringify(shown[key as keyof Settings]);
  });
}

/** Fills the form with `settings` (as loaded, saved or restored): the key field empty, whether one is saved said. */
function fill(form: Form, settings: Settings): void {
  const { formFields, fields, keyState } = form.parts;
  for (const [key, control] of Object.entries(form.settingControls)) {
    (control as FormControl<keyof Settings>).show(settings[key as keyof Settings]);
  }
  if (formFields.controls.apiKey) fields.set(formFields.controls.apiKey, "");
  keyState.keep();
  keyState.showSaved(settings);
  form.shown = settings;
  form.changedElsewhere.clear();
}

/**
 * Stored meanwhile (another tab, the picker): fields not touched here follow, the reader's edits stay, and the
 * tables and lists they edited gain what was added and lose what was removed (stored-meanwhile.ts); an edit kept over
 * a change there is said above Save (changed-elsewhere.ts).
 */
function takeStored(form: Form, settings: Settings, refused: ReadonlyArray<keyof Settings> = []): boolean {
  const { parts, shown } = form;
  if (!shown || parts.readOnly) return false; // still loading: it shows the settings as they are then
  const said = () => [...parts.changedBox.querySelectorAll("li span")].map((line) => line.textContent);
  const before = new Set(said());
  // A key typed here goes with the address it was typed under, never with one another tab saved.
  const held = new Set<keyof Settings>(parts.formFields.controls.apiKey?.value ? ["preset", "baseUrl"] : []);
  const { addRows, removeRows } = parts.tables;
  const kept = takeInStored(
    {
      controls: form.settingControls,
      addRows: (key, entries) => noteRowConflicts(form.changedElsewhere, tableTitle(key), addRows(key, entries)),
      removeRows: (key, entries) =>
        noteRowsRemoved(form.changedElsewhere, tableTitle(key), removeRows(key, entries, settings[key])),
      held,
    },
    shown,
    settings,
  );
  // A default shown for a value this Gloss refused is no change made elsewhere: "Use that instead" would save it over
  // the newer Gloss's value (the note at the top says what shows defaults).
  form.changedElsewhere.note(
    kept.filter((key) => !refused.includes(key)),
    shown,
    settings,
  );
  parts.keyState.showSaved(settings);
  form.shown = settings;
  return said().some((line) => !before.has(line));
}

/**
 * Whether the form holds what Gloss filled in or the reader chose (reader-fields.ts, reader-rows.ts); else a page
 * wrote into it, and the reader's values are put back. Asked as Save or Test connection reads the form.
 */
function asTheReaderLeftIt({ fields, tables, keyState }: FormParts): boolean {
  const fieldsMine = fields.asTheReaderLeftThem();
  if (tables.asTheReaderLeftThem() && fieldsMine) return true;
  keyState.show();
  return false;
}

/**
 * As the reader edits, a field or table an error was shown for loses its mark and message once it is valid, as on
 * the options page. Only errors shown go (a half-typed value elsewhere is not marked), and the focus stays put.
 */
function clearFixedErrors(form: Form, draft: Record<string, unknown>): void {
  const checked = validateSettingsPatch(draft);
  const now = checked.ok ? {} : checked.errors;
  const fixed = Object.keys(form.marked).filter((key) => !now[key as keyof Settings]);
  if (!fixed.length) return;
  for (const key of fixed) delete form.marked[key as keyof Settings];
  const { formFields, tables } = form.parts;
  let tableFixed = false;
  for (const key of fixed) {
    const control = formFields.controls[key as keyof typeof formFields.controls];
    if (!control) tableFixed = true;
    else {
      formFields.errors[key as keyof typeof formFields.errors].textContent = "";
      control.setAttribute("aria-invalid", "false");
    }
  }
  // The rows still at fault are marked again, the focus left where the reader is.
  if (tableFixed) tables.showErrors(form.marked, false);
}

export function createFormState(parts: FormParts): FormState {
  const { root, formFields, tables, fields, keyState, changedBox } = parts;
  const { controls } = formFields;
  const settingControls: FormControls = { ...fieldControls(formFields, fields, root), ...tables.controls };
  const changedElsewhere = createChangedElsewhere(changedBox, {
    controls: settingControls,
    field: (key) => root.getElementById(`gloss-${key}`),
  });
  const form: Form = { parts, settingControls, changedElsewhere, shown: undefined, marked: {} };
  const draft = () => ({
    ...Object.fromEntries(fieldValues(controls)),
    ...tables.draft(),
    ...apiKeyPatch(controls.apiKey.value, keyState.removing()),
  });
  return {
    draft,
    shown: () => form.shown,
    hasUnsavedChanges: () => edited(form) || !!controls.apiKey.value || keyState.removing(),
    fill: (settings) => fill(form, settings),
    takeStored: (settings, about) => takeStored(form, settings, about?.refused),
    asTheReaderLeftIt: () => asTheReaderLeftIt(parts),
    showErrors(found) {
      form.marked = { ...found };
      const fieldFocused = showFieldErrors(formFields, found);
      // A table's error is its row's: that row takes the focus when no field above it has an error.
      tables.showErrors(found, !fieldFocused);
    },
    clearFixedErrors: () => clearFixedErrors(form, draft()),
  };
}
