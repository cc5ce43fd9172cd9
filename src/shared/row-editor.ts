// A table of entries (the glossary, the parts left untranslated) on the options page and in the userscript's settings
// dialog: one row of fields per entry, buttons to add and remove rows, and the row at fault marked. Rows are read as
// raw entries; the settings validator checks them like any other field.
import { validateSettingsPatch, type Settings } from "./settings";

export interface RowEditor<K extends string> {
  /** The rows as entries to validate; rows whose text fields are all empty are skipped. */
  read(): Array<Record<K, string>>;
  show(entries: ReadonlyArray<Partial<Record<K, string>>>): void;
  /**
   * On an error: the row of `read()`'s entry `index` is marked invalid (the first row when there is no such row). The
   * mark goes with `clearMarks`.
   */
  markEntry(index: number): void;
  /** markEntry, and the row's first field takes the focus. */
  focusEntry(index: number): void;
  clearMarks(): void;
  /**
   * Adds a row for each entry no row holds yet, after the rows there, whose edits stay as they are. An entry a row
   * holds otherwise (the same term, translated otherwise), or one the reader removed, adds none: it comes back as a
   * conflict, the row staying as the reader left it.
   */
  addMissing(entries: ReadonlyArray<Partial<Record<K, string>>>): Array<RowConflict<K>>;
  /**
   * Removes the rows that hold one of these entries as it is. A row shown with one and edited since stays the
   * reader's: it comes back as a removal, for the form to say (Save would bring the entry back unsaid), unless
   * `stored` (the entries stored now) holds the same entry otherwise: changed there, not removed.
   */
  removeHeld(
    entries: ReadonlyArray<Partial<Record<K, string>>>,
    stored?: ReadonlyArray<Partial<Record<K, string>>>,
  ): Array<RowRemoval<K>>;
}

export interface RowSpec<K extends string> {
  fields: readonly K[];
  /** A row's fields in column order, each with its `data-field` and `aria-label` (see rowInput). */
  controls(doc: Document, entry: Partial<Record<K, string>>): Array<HTMLInputElement | HTMLSelectElement>;
  /** What the row's Remove button removes, in words ("Bahn", "this empty term"). */
  name(entry: Record<K, string>): string;
  /**
   * Whether two entries are one (the settings refuse a term listed twice; a part whose selector was widened is the
   * part changed): "alike" when they also say the same, "otherwise" when not; false when they are two (or one would
   * not pass). Without it, only rows shown alike are one.
   */
  sameEntry?(a: Partial<Record<K, string>>, b: Partial<Record<K, string>>): "alike" | "otherwise" | false;
}

/** An entry stored elsewhere that a row here holds otherwise: the row keeps the reader's; `take` puts this in it. */
export interface RowConflict<K extends string> {
  entry: Partial<Record<K, string>>;
  /** The row's entry, as it holds it now. */
  row: Record<K, string>;
  /** The row's entry and the other in words, as a Remove button names them (".side on reddit.com"). */
  names: { row: string; entry: string };
  /** Shows the entry in the row (added again if it was removed), whose first field takes the keyboard. */
  take(): void;
}

/** An entry removed elsewhere whose row here the reader edited: the row stays theirs; `take` removes it. */
export interface RowRemoval<K extends string> {
  entry: Partial<Record<K, string>>;
  /** The entry in words, as its Remove button names it ("Bahn", ".side on reddit.com"). */
  name: string;
  /** Removes the row as its Remove button does (the keyboard to the next row). */
  take(): void;
  /** Whether the row is still in the table (the reader may remove it themselves). */
  held(): boolean;
}

/** A text field of a row. */
export function rowInput(
  doc: Document,
  name: string,
  label: string,
  placeholder: string,
  value = "",
): HTMLInputElement {
  const field = doc.createElement("input");
  field.dataset.field = name;
  field.value = value;
  field.placeholder = placeholder;
  field.spellcheck = false;
  field.autocomplete = "off";
  field.setAttribute("aria-label", label);
  return field;
}

export function createRowEditor<K extends string>(
  body: HTMLTableSectionElement,
  addButton: HTMLButtonElement,
  spec: RowSpec<K>,
): RowEditor<K> {
  const table: RowTable<K> = { body, addButton, spec, doc: body.ownerDocument, shown: new WeakMap(), removed: [] };
  addButton.addEventListener("click", () => {
    const added = newRow(table);
    body.append(added);
    added.querySelector("input")?.focus();
  });
  return {
    read: () => filledRows(table).map(({ entry }) => entry),
    show(entries) {
      body.replaceChildren(...entries.map((entry) => newRow(table, entry)));
      table.removed = [];
    },
    markEntry: (index) => void markEntry(table, index),
    focusEntry: (index) => markEntry(table, index)?.querySelector("input")?.focus(),
    clearMarks: () => clearRowMarks(body),
    addMissing: (entries) => addMissingRows(table, entries),
    removeHeld: (entries, stored = []) => removeHeldRows(table, entries, stored),
  };
}

/** What a table's steps share: its body, its Add button, what its rows hold, and the document they are made in. */
interface RowTable<K extends string> {
  body: HTMLTableSectionElement;
  addButton: HTMLButtonElement;
  spec: RowSpec<K>;
  doc: Document;
  /** The entry each row was made with (entryKey): a row removed elsewhere is known by it once edited here. */
  shown: WeakMap<HTMLTableRowElement, string>;
  /** The rows the reader removed since the table was shown: an entry changed elsewhere meanwhile is no new one. */
  removed: HTMLTableRowElement[];
}

/** A row's fields, trimmed, by name. */
function rowValues<K extends string>(spec: RowSpec<K>, tr: HTMLTableRowElement): Record<K, string> {
  return Object.fromEntries(
    spec.fields.map((name) => [
      name,
      (tr.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field="${name}"]`)?.value ?? "").trim(),
    ]),
  ) as Record<K, string>;
}

/** A row for `entry`: its fields, each cell labelled, and its Remove button. */
function newRow<K extends string>(table: RowTable<K>, entry: Partial<Record<K, string>> = {}): HTMLTableRowElement {
  const { doc, spec } = table;
  const tr = doc.createElement("tr");
  for (const control of spec.controls(doc, entry)) {
    const td = doc.createElement("td");
    // Shown above the field when a narrow window stacks the row's fields and hides the column headings.
    const label = control.getAttribute("aria-label");
    if (label) td.dataset.label = label;
    td.append(control);
    tr.append(td);
  }
  table.shown.set(tr, entryKey(spec, entry));
  const remove = removeButton(table, tr);
  const td = doc.createElement("td");
  td.append(remove);
  tr.append(td);
  remove.setAttribute("aria-label", `Remove ${spec.name(rowValues(spec, tr))}`);
  return tr;
}

/** The row's Remove button, named after what the row holds as it is edited. */
function removeButton<K extends string>(table: RowTable<K>, tr: HTMLTableRowElement): HTMLButtonElement {
  const remove = table.doc.createElement("button");
  remove.type = "button";
  remove.textContent = "Remove";
  const label = () => remove.setAttribute("aria-label", `Remove ${table.spec.name(rowValues(table.spec, tr))}`);
  tr.addEventListener("input", label);
  // A language picked is a change of the name too (a select may fire no input event).
  tr.addEventListener("change", label);
  remove.addEventListener("click", () => removeAsked(table, tr));
  return remove;
}

/** The reader removes a row (its Remove button, or taking a removal made elsewhere): the form hears of the edit. */
function removeAsked<K extends string>(table: RowTable<K>, tr: HTMLTableRowElement): void {
  table.removed.push(tr);
  removeRow(table, tr, true);
  table.body.closest("form")?.dispatchEvent(new Event("input", { bubbles: true }));
}

/**
 * Removes a row. The keyboard focus goes to the next row (or Add) rather than to the page: after a Remove pressed,
 * and when it was in the row (one removed elsewhere).
 */
function removeRow<K extends string>(table: RowTable<K>, tr: HTMLTableRowElement, pressed = false): void {
  const next = tr.nextElementSibling ?? tr.previousElementSibling;
  // The dialog's rows are in a shadow root: the document's active element is its host.
  const focused = pressed || tr.contains((tr.getRootNode() as Document | ShadowRoot).activeElement);
  tr.remove();
  if (focused) ((next?.querySelector("input") as HTMLElement | null) ?? table.addButton).focus();
}

/**
 * Removes the rows holding one of `entries` as it is; those made with one and edited since stay, each a removal to
 * say when `stored` has no version of it (see RowEditor.removeHeld).
 */
function removeHeldRows<K extends string>(
  table: RowTable<K>,
  entries: ReadonlyArray<Partial<Record<K, string>>>,
  stored: ReadonlyArray<Partial<Record<K, string>>>,
): Array<RowRemoval<K>> {
  const gone = new Map(entries.map((entry) => [entryKey(table.spec, entry), entry]));
  /** Changed there rather than removed: the new version comes as an entry added. */
  const changed = (entry: Partial<Record<K, string>>) => stored.some((other) => table.spec.sameEntry?.(entry, other));
  const removals: Array<RowRemoval<K>> = [];
  for (const { tr, entry } of filledRows(table)) {
    if (gone.has(entryKey(table.spec, entry))) removeRow(table, tr);
    else {
      const was = gone.get(table.shown.get(tr) ?? "");
      if (was && !changed(was)) removals.push(removal(table, tr, was));
    }
  }
  return removals;
}

/** A row edited here whose entry `entry` went elsewhere, as the removal to say. */
function removal<K extends string>(
  table: RowTable<K>,
  tr: HTMLTableRowElement,
  entry: Partial<Record<K, string>>,
): RowRemoval<K> {
  return {
    entry,
    name: table.spec.name(fullEntry(table.spec, entry)),
    take() {
      if (tr.isConnected) removeAsked(table, tr);
    },
    held: () => tr.isConnected,
  };
}

/** `entry` with every field of a row, those it lacks empty. */
function fullEntry<K extends string>(spec: RowSpec<K>, entry: Partial<Record<K, string>>): Record<K, string> {
  return Object.fromEntries(spec.fields.map((name) => [name, entry[name] ?? ""])) as Record<K, string>;
}

/** The rows that hold an entry, with it: rows whose text fields are all empty are skipped (a choice is no entry). */
function filledRows<K extends string>({ body, spec }: RowTable<K>) {
  return [...body.rows]
    .map((tr) => ({ tr, entry: rowValues(spec, tr) }))
    .filter(({ tr }) => [...tr.querySelectorAll("input")].some((input) => input.value.trim()));
}

/** An entry as a row shows it: two entries a row would show alike are the same. */
function entryKey<K extends string>(spec: RowSpec<K>, entry: Partial<Record<K, string>>): string {
  return JSON.stringify(spec.fields.map((name) => String(entry[name] ?? "").trim()));
}

/** Marks the row of entry `index` (the first row when there is none) invalid; that row. */
function markEntry<K extends string>(table: RowTable<K>, index: number): HTMLTableRowElement | undefined {
  clearRowMarks(table.body);
  // Where the error is, not the first row: in a long table the reader would have to hunt for it.
  const tr = filledRows(table)[index]?.tr ?? table.body.rows[0];
  for (const control of tr?.querySelectorAll("input, select") ?? []) control.setAttribute("aria-invalid", "true");
  return tr;
}

/** Takes the marks of the last error off every row. */
function clearRowMarks(body: HTMLTableSectionElement): void {
  for (const control of body.querySelectorAll('[aria-invalid="true"]')) control.setAttribute("aria-invalid", "false");
}

/**
 * Adds a row after the others for each entry no row holds yet (nor one added before it). A row holding the same entry
 * otherwise (two options tabs changed one term) keeps it: a twin row beside it was refused on Save as listed twice.
 */
function addMissingRows<K extends string>(
  table: RowTable<K>,
  entries: ReadonlyArray<Partial<Record<K, string>>>,
): Array<RowConflict<K>> {
  const rows = filledRows(table);
  const held = new Set(rows.map(({ entry }) => entryKey(table.spec, entry)));
  // The rows the reader removed, after those there: an entry changed elsewhere that they removed here comes back
  // as a conflict (their removal kept), not as a row that Save would bring back unsaid.
  const removed = table.removed.map((tr) => ({ tr, entry: rowValues(table.spec, tr) }));
  const conflicts: Array<RowConflict<K>> = [];
  for (const entry of entries) {
    const key = entryKey(table.spec, entry);
    if (held.has(key)) continue;
    held.add(key);
    const twin = twinRow(table.spec, [...rows, ...removed], entry);
    if (!twin) table.body.append(newRow(table, entry));
    else if (twin.differs) conflicts.push(conflict(table, twin.tr, entry));
  }
  return conflicts;
}

/** The row that holds the same entry as `entry` by the settings' measure, and whether it says otherwise. */
function twinRow<K extends string>(
  spec: RowSpec<K>,
  rows: ReadonlyArray<{ tr: HTMLTableRowElement; entry: Record<K, string> }>,
  entry: Partial<Record<K, string>>,
): { tr: HTMLTableRowElement; differs: boolean } | undefined {
  for (const row of rows) {
    const same = spec.sameEntry?.(row.entry, entry);
    if (same) return { tr: row.tr, differs: same === "otherwise" };
  }
  return undefined;
}

function conflict<K extends string>(
  table: RowTable<K>,
  tr: HTMLTableRowElement,
  entry: Partial<Record<K, string>>,
): RowConflict<K> {
  const row = rowValues(table.spec, tr);
  return {
    entry,
    row,
    names: { row: table.spec.name(row), entry: table.spec.name(fullEntry(table.spec, entry)) },
    take() {
      const taken = newRow(table, entry);
      if (tr.isConnected) tr.replaceWith(taken);
      else table.body.append(taken);
      taken.querySelector("input")?.focus();
      table.body.closest("form")?.dispatchEvent(new Event("input", { bubbles: true }));
    },
  };
}

/**
 * Which of a table's entries the error about setting `key` is about: the validator stops at the first entry at fault
 * (one it refuses, or the second of a pair), so the shortest list of the first entries it refuses ends with it.
 */
export function faultyEntry(key: keyof Settings, entries: readonly unknown[]): number {
  for (let i = 0; i < entries.length; i++) {
    if (!validateSettingsPatch({ [key]: entries.slice(0, i + 1) }).ok) return i;
  }
  return 0;
}
