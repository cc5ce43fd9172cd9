// Settings stored elsewhere (another tab, the picker) while a form shows them with the reader's unsaved edits: what
// the form shows then. Fields the reader has not touched follow the stored values; a list they edited gains what was
// added there and loses what was removed; a table they edited gains the entries added there as rows after theirs, and
// loses the rows removed there that the reader left as they were (a row they edited stays: it is theirs now). Their
// own edits stay as typed, so Save keeps both; the fields kept though changed there are named, for the form to say so.
import type { GlossaryEntry } from "./glossary";
import { validateSettingsPatch, type Settings } from "./settings";
import type { SkipPart } from "./skip-parts";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** An edited list: the reader's, without what was removed elsewhere, then what was added there. */
export function mergedList(mine: readonly string[], from: readonly string[], to: readonly string[]): string[] {
  const removed = new Set(from.filter((item) => !to.includes(item)));
  const added = to.filter((item) => !from.includes(item) && !mine.includes(item));
  return [...mine.filter((item) => !removed.has(item)), ...added];
}

/** The entries of a table stored meanwhile that the form started without, as copies for its rows. */
export function addedEntries<E extends GlossaryEntry | SkipPart>(from: readonly E[], to: readonly E[]): E[] {
  const before = new Set(from.map((entry) => JSON.stringify(entry)));
  return to.filter((entry) => !before.has(JSON.stringify(entry))).map((entry) => ({ ...entry }));
}

/** The entries of a table the form started with that were removed (or changed) where it was stored meanwhile. */
export function removedEntries<E extends GlossaryEntry | SkipPart>(from: readonly E[], to: readonly E[]): E[] {
  return addedEntries(to, from);
}

type ListKey = "autoTranslate" | "neverTranslate";
type TableKey = "glossary" | "skipParts";
const isList = (key: keyof Settings): key is ListKey => key === "autoTranslate" || key === "neverTranslate";
const isTable = (key: keyof Settings): key is TableKey => key === "glossary" || key === "skipParts";

/** A setting's control in a form: what it holds now (raw, as typed), and showing a value in it. */
export interface FormControl<K extends keyof Settings> {
  read(): unknown;
  show(value: Settings[K]): void;
}

export type FormControls = { [K in keyof Settings]?: FormControl<K> };

export interface TakeIn {
  /** The form's controls, one per setting it edits. */
  controls: FormControls;
  /** Adds entries as rows after the reader's, whose unsaved edits stay. */
  addRows(key: TableKey, entries: Array<GlossaryEntry | SkipPart>): void;
  /** Removes the rows that still show one of these entries as it was; rows the reader edited stay. */
  removeRows(key: TableKey, entries: Array<GlossaryEntry | SkipPart>): void;
  /** Settings that count as edited whatever their control holds (an address a typed key goes with). */
  held?: ReadonlySet<keyof Settings>;
}

/** The value a control holds, checked as a save would; undefined when it would not pass (half typed: edited). */
export function valueIn(key: keyof Settings, control: FormControl<keyof Settings>): unknown {
  const checked = validateSettingsPatch({ [key]: control.read() });
  return checked.ok ? checked.patch[key] : undefined;
}

/**
 * Shows `to` in a form that started from `from`, keeping the reader's unsaved edits (see the top of this file).
 * Returns the settings whose edits were kept as they are though `to` changed them: Save would undo that change.
 */
export function takeInStored(form: TakeIn, from: Settings, to: Settings): Array<keyof Settings> {
  const kept: Array<keyof Settings> = [];
  for (const [name, control] of Object.entries(form.controls)) {
    const key = name as keyof Settings;
    if (!control || same(from[key], to[key])) continue;
    const mine = valueIn(key, control);
    const untouched = !form.held?.has(key) && mine !== undefined && same(mine, from[key]);
    if (untouched) (control as FormControl<typeof key>).show(to[key]);
    else if (isList(key) && Array.isArray(mine)) {
      const merged = mergedList(mine as string[], from[key], to[key]);
      if (!same(merged, mine)) (control as FormControl<ListKey>).show(merged);
    } else if (isTable(key)) {
      const removed = removedEntries<GlossaryEntry | SkipPart>(from[key], to[key]);
      if (removed.length) form.removeRows(key, removed);
      const added = addedEntries<GlossaryEntry | SkipPart>(from[key], to[key]);
      if (added.length) form.addRows(key, added);
    } else if (!same(mine, to[key])) kept.push(key);
  }
  return kept;
}
