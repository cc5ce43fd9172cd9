// The settings dialog's glossary and parts left untranslated: the options page's tables of rows (shared/row-editor.ts)
// under a heading and a hint, with the table's error, styled for the dialog's shadow root.
import { languageChoices } from "../extension/language-choices";
import { readerFields, type ReaderFields } from "../session/reader-fields";
import { createGlossaryEditor } from "../shared/glossary-editor";
import { faultyEntry, type RowConflict, type RowEditor, type RowRemoval } from "../shared/row-editor";
import type { Settings, SettingsErrors } from "../shared/settings";
import type { FormControl } from "../shared/stored-meanwhile";
import { createSkipPartsEditor } from "../shared/skip-parts-editor";
import { readerRows, type ReaderRows } from "./reader-rows";
import { elementMaker, type Make } from "./make-element";

export type TableKey = "glossary" | "skipParts";
const KEYS: readonly TableKey[] = ["glossary", "skipParts"];

interface TableText {
  title: string;
  hint: string;
  /** Said instead of `hint` in the page's world, where Gloss reads only the entries that apply to this page. */
  pageWorldHint: string;
  /** The column headings, in the order of the row spec's fields. */
  columns: string[];
  add: string;
}

const TEXT: Record<TableKey, TableText> = {
  glossary: {
    title: "Glossary",
    hint:
      "Terms to keep as they are (r/de, names) or to translate always the same way (Bahn → Deutsche Bahn), for " +
      "every language or one, on every site or one (reddit.com/r/de). They apply to pages and to your own messages.",
    pageWorldHint: "Only the terms for every site and for this one are shown: here Gloss reads no others.",
    columns: ["Term", "Always translate as", "For translations into", "Only on site"],
    add: "Add a term",
  },
  skipParts: {
    title: "Parts left untranslated",
    hint:
      "Parts of a site Gloss never translates, such as a sidebar or a list of names: the site, and a CSS selector " +
      "for the part (reddit.com · .side leaves old Reddit's sidebar as it is). A change applies from the next " +
      "translation of a page.",
    pageWorldHint: "Only the parts for this site are shown: here Gloss reads no others.",
    columns: ["Site", "Part (CSS selector)"],
    add: "Add a part",
  },
};

/**
 * The tables' styles. The dialog is narrower than the options page: below 700 px of window, as there below 640 px,
 * each row's fields stack, each under its own column's name, so nothing scrolls sideways.
 */
export const TABLES_CSS = `
.rows-section { margin: 4px 0 12px; padding-top: 8px; border-top: 1px solid #e5e7eb; }
.rows-section .hint { margin-bottom: 6px; }
table.rows { width: 100%; border-collapse: collapse; margin-bottom: 6px; }
table.rows:not(:has(tbody tr)) { display: none; }
table.rows th { text-align: left; font-size: 12px; font-weight: 600; color: #4b5563; padding: 0 3px 3px; }
table.rows td { padding: 2px 3px; vertical-align: middle; }
table.rows td:last-child { width: 1%; }
/* A language's name is long ("Chinese (Traditional) — 中文"): the words typed get the room. */
table.rows select { max-width: 11em; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 700px) {
  table.rows, table.rows tbody, table.rows tr, table.rows td { display: block; }
  table.rows thead { display: none; }
  table.rows tr { padding: 6px 0; border-bottom: 1px solid #e5e7eb; }
  table.rows td, table.rows td:last-child { width: auto; padding: 2px 0; }
  table.rows select { max-width: none; }
  table.rows td[data-label]::before { display: block; content: attr(data-label); content: attr(data-label) / "";
    font-size: 12px; font-weight: 600; color: #4b5563; }
}
`;

/** A table's name, as its heading says it. */
export const tableTitle = (key: TableKey): string => TEXT[key].title;

export interface SettingsTables {
  /** The two sections, for the form. */
  sections: HTMLElement[];
  /** The rows as raw entries, for the settings validator. */
  draft(): Record<TableKey, unknown[]>;
  /**
   * Shows the tables' errors in `found`: the row at fault in each is marked, its fields described by the error (no
   * alert: it would say it twice). With `focus`, the first table's takes the keyboard. Returns whether there was one.
   */
  showErrors(found: SettingsErrors, focus: boolean): boolean;
  /** Read-only (the page's world): nothing in the tables can be changed. */
  disable(): void;
  /**
   * True when the tables hold what Gloss showed or the reader added, typed or removed (reader-rows.ts); else shows
   * that again and answers false.
   */
  asTheReaderLeftThem(): boolean;
  /** Each table as a form control, for settings stored meanwhile (shared/stored-meanwhile.ts). */
  controls: { [K in TableKey]: FormControl<K> };
  /**
   * Entries stored meanwhile (a part picked in the page), as rows after the reader's, whose edits stay; those a row
   * holds otherwise (a term changed in two tabs) come back as conflicts, the row staying the reader's.
   */
  addRows(key: TableKey, entries: ReadonlyArray<Settings[TableKey][number]>): Array<RowConflict<string>>;
  /**
   * Entries removed (or changed) meanwhile (another tab), with the table as `stored` now: the rows that still show them
   * go; those the reader edited stay, and come back as removals to say (see RowEditor.removeHeld).
   */
  removeRows(
    key: TableKey,
    entries: ReadonlyArray<Settings[TableKey][number]>,
    stored: Settings[TableKey],
  ): Array<RowRemoval<string>>;
}

interface Table {
  key: TableKey;
  editor: RowEditor<string>;
  /** The editor's rows as the reader left them: Gloss shows and changes entries through these. */
  rows: ReaderRows;
  body: HTMLTableSectionElement;
  error: HTMLParagraphElement;
  add: HTMLButtonElement;
}

/** One table's section: its heading, hint, table of rows with a Remove column, Add button and error. */
function tableSection(
  make: Make,
  key: TableKey,
  readOnly: boolean,
  fields: ReaderFields,
  isTrusted: ((event: Event) => boolean) | undefined,
): { element: HTMLElement; table: Table } {
  const text = TEXT[key];
  const element = make("section", { className: "rows-section" });
  element.setAttribute("aria-labelledby", `gloss-${key}-title`);
  const title = make("h3", { id: `gloss-${key}-title`, textContent: text.title });
  const hint = make("p", { className: "hint", id: `gloss-${key}-hint` });
  hint.textContent = readOnly ? `${text.hint} ${text.pageWorldHint}` : text.hint;
  const table = make("table", { className: "rows" });
  table.setAttribute("aria-labelledby", title.id);
  const error = make("p", { className: "error", id: `gloss-${key}-error` });
  table.setAttribute("aria-describedby", `${hint.id} ${error.id}`);
  const head = make("tr");
  for (const column of text.columns) head.append(Object.assign(make("th", { textContent: column }), { scope: "col" }));
  const removeHead = make("th", { scope: "col" });
  removeHead.append(make("span", { className: "sr-only", textContent: "Remove" }));
  head.append(removeHead);
  table.createTHead().append(head);
  const body = table.createTBody();
  const add = make("button", { type: "button", textContent: text.add });
  const editor: RowEditor<string> =
    key === "glossary" ? createGlossaryEditor(body, add, languageChoices()) : createSkipPartsEditor(body, add);
  element.append(title, hint, table, add, error);
  const rows = readerRows(body, add, editor, fields, isTrusted);
  return { element, table: { key, editor, rows, body, error, add } };
}

/** Marks the row at fault, with `focus` gives it the keyboard, and has its fields read the table's error. */
function markFault({ key, editor, body, error }: Table, focus: boolean): void {
  const index = faultyEntry(key, editor.read());
  if (focus) editor.focusEntry(index);
  else editor.markEntry(index);
  for (const control of body.querySelectorAll('[aria-invalid="true"]')) {
    control.setAttribute("aria-describedby", error.id);
  }
}

/**
 * Each table's error from `found`, its row at fault marked (in every table: the reader fixing one must find the
 * next); with `focus`, the first table's row takes the keyboard.
 */
function showTableErrors(tables: readonly Table[], found: SettingsErrors, focus: boolean): boolean {
  let shown = false;
  for (const table of tables) {
    const message = found[table.key];
    table.error.textContent = message ?? "";
    table.editor.clearMarks();
    if (message) markFault(table, focus && !shown);
    shown ||= !!message;
  }
  return shown;
}

/** Each table as a form control: its entries as read, and stored entries shown as the reader's rows. */
function tableControls(tables: readonly Table[]): SettingsTables["controls"] {
  return Object.fromEntries(
    tables.map(({ key, editor, rows }) => [
      key,
      {
        read: () => editor.read(),
        show: (entries: Settings[TableKey]) => rows.show(entries.map((e) => ({ ...e }))),
      },
    ]),
  ) as SettingsTables["controls"];
}

/** Read-only: no Add buttons, and every control in the rows disabled. */
function disableTables(tables: readonly Table[]): void {
  for (const { body, add } of tables) {
    add.hidden = true;
    const controls = body.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>(
      "input, select, button",
    );
    for (const control of controls) control.disabled = true;
  }
}

/** `isTrusted` stands in for the browser's in tests (see session/element.ts's fromReader). */
export function createSettingsTables(
  doc: Document,
  readOnly: boolean,
  isTrusted?: (event: Event) => boolean,
): SettingsTables {
  const fields = readerFields([], isTrusted);
  const make = elementMaker(doc);
  const built = KEYS.map((key) => tableSection(make, key, readOnly, fields, isTrusted));
  const tables = built.map(({ table }) => table);
  const rowsOf = (key: TableKey) => tables.find((table) => table.key === key)!.rows;
  return {
    sections: built.map(({ element }) => element),
    draft: () => ({ glossary: tables[0]!.editor.read(), skipParts: tables[1]!.editor.read() }),
    showErrors: (found, focus) => showTableErrors(tables, found, focus),
    controls: tableControls(tables),
    addRows: (key, entries) => rowsOf(key).addMissing(entries.map((entry) => ({ ...entry }))),
    removeRows: (key, entries, stored) =>
      rowsOf(key).removeHeld(
        entries.map((entry) => ({ ...entry })),
        stored.map((entry) => ({ ...entry })),
      ),
    // Every table is checked and put back, not only the first found changed.
    asTheReaderLeftThem: () => tables.map(({ rows }) => rows.asTheReaderLeftThem()).every(Boolean),
    disable: () => disableTables(tables),
  };
}
