// A settings table's rows as the reader left them: those Gloss showed or Add made, less those the reader removed, each
// field holding what Gloss put there or the reader typed (session/reader-fields.ts). A page that reaches the dialog
// (Firefox) can add, remove or rewrite rows as the reader presses Save; what it did there is not the reader's.
import { fromReader } from "../session/element";
import type { ReaderField, ReaderFields } from "../session/reader-fields";
import type { RowConflict, RowEditor, RowRemoval } from "../shared/row-editor";

type Entry = Record<string, string>;

export interface ReaderRows {
  /** Gloss's own changes to the table (row-editor.ts's): the rows they make are the reader's, those they remove go. */
  show(entries: ReadonlyArray<Partial<Entry>>): void;
  /** The editor's addMissing: a conflict's `take` makes the row it shows the reader's too. */
  addMissing(entries: ReadonlyArray<Partial<Entry>>): Array<RowConflict<string>>;
  /** The editor's removeHeld: a removal's `take` removes the row from the reader's too. */
  removeHeld(entries: ReadonlyArray<Partial<Entry>>, stored: ReadonlyArray<Partial<Entry>>): Array<RowRemoval<string>>;
  /** True when the table holds the reader's entries; else shows those again and answers false. */
  asTheReaderLeftThem(): boolean;
}

/** An entry as text, whatever the order of its fields. */
const entriesText = (entries: Entry[]) =>
  JSON.stringify(entries.map((entry) => Object.entries(entry).sort(([a], [b]) => (a < b ? -1 : 1))));

/** Follows the rows of `editor` (in `body`, with its Add button `add`); `fields` follows their fields. */
export function readerRows(
  body: HTMLTableSectionElement,
  add: HTMLButtonElement,
  editor: RowEditor<string>,
  fields: ReaderFields,
  isTrusted?: (event: Event) => boolean,
): ReaderRows {
  /** The reader's rows in order, each with its fields as made, by name (a page may rename them later). */
  let rows: Array<{ tr: HTMLTableRowElement; controls: Array<[string, ReaderField]> }> = [];

  const made = (tr: HTMLTableRowElement) => {
    const controls = [...tr.querySelectorAll<ReaderField>("[data-field]")];
    fields.took(controls);
    rows.push({ tr, controls: controls.map((control) => [control.dataset.field ?? "", control]) });
  };
  const drop = (gone: (tr: HTMLTableRowElement) => boolean) => {
    for (const row of rows) if (gone(row.tr)) fields.forget(row.controls.map(([, control]) => control));
    rows = rows.filter((row) => !gone(row.tr));
  };
  /** Runs a change of Gloss's: the rows it made join the reader's, those it removed leave them. */
  function change(act: () => void): void {
    const before = [...body.rows];
    act();
    const after = [...body.rows];
    drop((tr) => before.includes(tr) && !after.includes(tr));
    after.filter((tr) => !before.includes(tr)).forEach(made);
  }

  // Registered after the editor's own listener: the row it just added is the last. An empty row is no entry, so
  // whoever pressed Add, the row holds nothing of theirs until the reader types in it.
  add.addEventListener("click", () => {
    const last = body.rows[body.rows.length - 1];
    if (last && !rows.some((row) => row.tr === last)) made(last);
  });
  // The reader's own Remove: a made-up click removes the row from the table, not from the reader's rows.
  body.addEventListener(
    "click",
    fromReader(isTrusted, (event) => {
      const tr = (event.target as Element).closest("button")?.closest("tr");
      if (tr) drop((row) => row === tr);
    }),
    true,
  );

  /** The entries the reader's rows hold, as row-editor.ts reads them: a row with no text is none. */
  const readerEntries = (): Entry[] =>
    rows
      .map(({ controls }) =>
        controls.map(([name, control]) => ({ name, control, value: (fields.left(control) ?? "").trim() })),
      )
      .filter((values) => values.some(({ control, value }) => control.localName === "input" && value))
      .map((values) => Object.fromEntries(values.map(({ name, value }) => [name, value])));

  function show(entries: ReadonlyArray<Partial<Entry>>): void {
    drop(() => true);
    editor.show(entries);
    [...body.rows].forEach(made);
  }

  return {
    show,
    addMissing(entries) {
      let conflicts: Array<RowConflict<string>> = [];
      change(() => (conflicts = editor.addMissing(entries)));
      // Taken, the other tab's version replaces the reader's row: as a row of theirs, or Save took it for a page's.
      return conflicts.map((conflict) => ({ ...conflict, take: () => change(conflict.take) }));
    },
    removeHeld(entries, stored) {
      let removals: Array<RowRemoval<string>> = [];
      change(() => (removals = editor.removeHeld(entries, stored)));
      return removals.map((removal) => ({ ...removal, take: () => change(removal.take) }));
    },
    asTheReaderLeftThem() {
      const mine = readerEntries();
      if (entriesText(mine) === entriesText(editor.read())) return true;
      show(mine);
      return false;
    },
  };
}
