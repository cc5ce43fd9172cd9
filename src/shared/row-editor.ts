// A table of entries (the glossary, the parts left untranslated) on the options page and in the userscript's settings
// dialog: one row of fields per entry, buttons to add and remove rows, and the row at fault marked. Rows are read as
// raw entries; the settings validator checks them like any other field.
import { validateSettingsPatch, type Settings } from "./settings";

export interface RowEditor<K extends string> {
  /** The rows as entries to validate; rows whose text fields are all empty are skipped. */
  read(): Array<Record<K, string>>;
  show(entries: ReadonlyArray<Partial<Record<K, string>>>): void;
  /**
   * On an error: the row of `read()`'s entry `index` is marked invalid and its first field takes the focus (the first
   * row's when there is no such row). The mark goes with `clearMarks`.
   */
  focusEntry(index: number): void;
  clearMarks(): void;
  /** Adds a row for each entry no row holds yet, after the rows there, whose edits stay as they are. */
  addMissing(entries: ReadonlyArray<Partial<Record<K, string>>>): void;
  /** Removes the rows that hold one of these entries as it is; a row edited into something else stays. */
  removeHeld(entries: ReadonlyArray<Partial<Record<K, string>>>): void;
}

export interface RowSpec<K extends string> {
  fields: readonly K[];
  /** A row's fields in column order, each with its `data-field` and `aria-label` (see rowInput). */
  controls(doc: Document, entry: Partial<Record<K, string>>): Array<HTMLInputElement | HTMLSelectElement>;
  /** What the row's Remove button removes, in words ("Bahn", "this empty term"). */
  name(entry: Record<K, string>): string;
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
  const doc = body.ownerDocument;

  const valuesOf = (tr: HTMLTableRowElement) =>
    Object.fromEntries(
      spec.fields.map((name) => [
        name,
        (tr.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field="${name}"]`)?.value ?? "").trim(),
      ]),
    ) as Record<K, string>;

  function removeButton(tr: HTMLTableRowElement): HTMLButtonElement {
    const remove = doc.createElement("button");
    remove.type = "button";
    remove.textContent = "Remove";
    const label = () => remove.setAttribute("aria-label", `Remove ${spec.name(valuesOf(tr))}`);
    tr.addEventListener("input", label);
    remove.addEventListener("click", () => {
      removeRow(tr, true);
      body.closest("form")?.dispatchEvent(new Event("input", { bubbles: true }));
    });
    return remove;
  }

  /**
   * Removes a row. The keyboard focus goes to the next row (or Add) rather than to the page: after a Remove pressed,
   * and when it was in the row (one removed elsewhere).
   */
  function removeRow(tr: HTMLTableRowElement, pressed = false): void {
    const next = tr.nextElementSibling ?? tr.previousElementSibling;
    // The dialog's rows are in a shadow root: the document's active element is its host.
    const focused = pressed || tr.contains((tr.getRootNode() as Document | ShadowRoot).activeElement);
    tr.remove();
    if (focused) ((next?.querySelector("input") as HTMLElement | null) ?? addButton).focus();
  }

  function row(entry: Partial<Record<K, string>> = {}): HTMLTableRowElement {
    const tr = doc.createElement("tr");
    for (const control of spec.controls(doc, entry)) {
      const td = doc.createElement("td");
      // Shown above the field when a narrow window stacks the row's fields and hides the column headings.
      const label = control.getAttribute("aria-label");
      if (label) td.dataset.label = label;
      td.append(control);
      tr.append(td);
    }
    const remove = removeButton(tr);
    const td = doc.createElement("td");
    td.append(remove);
    tr.append(td);
    remove.setAttribute("aria-label", `Remove ${spec.name(valuesOf(tr))}`);
    return tr;
  }

  addButton.addEventListener("click", () => {
    const added = row();
    body.append(added);
    added.querySelector("input")?.focus();
  });

  /** The rows that hold an entry, with it: rows whose text fields are all empty are skipped (a choice is no entry). */
  const filled = () =>
    [...body.rows]
      .map((tr) => ({ tr, entry: valuesOf(tr) }))
      .filter(({ tr }) => [...tr.querySelectorAll("input")].some((input) => input.value.trim()));
  const marked = () => body.querySelectorAll('[aria-invalid="true"]');
  /** An entry as a row shows it: two entries a row would show alike are the same. */
  const keyOf = (entry: Partial<Record<K, string>>) =>
    JSON.stringify(spec.fields.map((name) => String(entry[name] ?? "").trim()));

  return {
    read() {
      return filled().map(({ entry }) => entry);
    },
    show(entries) {
      body.replaceChildren(...entries.map((entry) => row(entry)));
    },
    focusEntry(index) {
      this.clearMarks();
      // Where the error is, not the first row: in a long table the reader would have to hunt for it.
      const tr = filled()[index]?.tr ?? body.rows[0];
      for (const control of tr?.querySelectorAll("input, select") ?? []) control.setAttribute("aria-invalid", "true");
      tr?.querySelector("input")?.focus();
    },
    clearMarks() {
      for (const control of marked()) control.setAttribute("aria-invalid", "false");
    },
    addMissing(entries) {
      const held = new Set(filled().map(({ entry }) => keyOf(entry)));
      for (const entry of entries) {
        if (held.has(keyOf(entry))) continue;
        held.add(keyOf(entry));
        body.append(row(entry));
      }
    },
    removeHeld(entries) {
      const gone = new Set(entries.map(keyOf));
      for (const { tr, entry } of filled()) if (gone.has(keyOf(entry))) removeRow(tr);
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
