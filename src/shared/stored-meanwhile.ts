// Settings stored elsewhere (another tab, the picker) while a form shows them with the reader's unsaved edits: what
// the form shows then. Fields the reader has not touched follow the stored values; a list they edited gains what was
// added there and loses what was removed; a table they edited gains the entries added there as rows after theirs.
// Their own edits stay as typed, so Save keeps both.
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
  /** Settings that count as edited whatever their control holds (an address a typed key goes with). */
  held?: ReadonlySet<keyof Settings>;
}

/** The value a control holds, checked as a save would; undefined when it would not pass (half typed: edited). */
function valueIn(key: keyof Settings, control: FormControl<keyof Settings>): unknown {
  const checked = validateSettingsPatch({ [key]: control.read() });
  return checked.ok ? checked.patch[key] : undefined;
}

/** Shows `to` in a form that started from `from`, keeping the reader's unsaved edits (see the top of this file). */
export function takeInStored(form: TakeIn, from: Settings, to: Settings): void {
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
      const entries = addedEntries<GlossaryEntry | SkipPart>(from[key], to[key]);
      if (entries.length) form.addRows(key, entries);
    }
  }
}
