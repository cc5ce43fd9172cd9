// The options page's glossary: one row per term — the term, what it becomes (empty: kept as it is), for which
// language and which site — with buttons to add and remove rows. Rows are read as raw entries; the settings
// validator checks them like any other field.
import type { LanguageChoice } from "../extension/language-choices";
import type { GlossaryEntry } from "../shared/glossary";

export interface GlossaryEditor {
  /** The rows as entries to validate; rows left completely empty are skipped. */
  read(): Array<Record<keyof GlossaryEntry, string>>;
  show(entries: readonly GlossaryEntry[]): void;
  /**
   * On an error: the row of `read()`'s entry `index` is marked invalid and its term takes the focus (the first row's
   * when there is no such row). The mark goes with `clearMarks`.
   */
  focusEntry(index: number): void;
  clearMarks(): void;
}

const FIELDS: ReadonlyArray<keyof GlossaryEntry> = ["term", "translation", "lang", "site"];

export function createGlossaryEditor(
  body: HTMLTableSectionElement,
  addButton: HTMLButtonElement,
  languages: readonly LanguageChoice[],
): GlossaryEditor {
  const doc = body.ownerDocument;

  function input(name: string, label: string, placeholder: string, value: string): HTMLInputElement {
    const field = doc.createElement("input");
    field.dataset.field = name;
    field.value = value;
    field.placeholder = placeholder;
    field.spellcheck = false;
    field.autocomplete = "off";
    field.setAttribute("aria-label", label);
    return field;
  }

  function languageSelect(value: string): HTMLSelectElement {
    const select = doc.createElement("select");
    select.dataset.field = "lang";
    select.setAttribute("aria-label", "For translations into");
    select.append(new Option("Any language", ""));
    for (const lang of languages) select.append(new Option(lang.label, lang.code));
    if (value && ![...select.options].some((o) => o.value === value)) select.append(new Option(value, value));
    select.value = value;
    return select;
  }

  function row(entry: Partial<GlossaryEntry> = {}): HTMLTableRowElement {
    const tr = doc.createElement("tr");
    const term = input("term", "Term", "e.g. Bahn or r/de", entry.term ?? "");
    const translation = input("translation", "Always translate as", "keep as it is", entry.translation ?? "");
    // Words in any language: a Hebrew or Arabic term runs right to left as it is typed (a site address does not).
    term.dir = translation.dir = "auto";
    const site = input("site", "Only on site", "any site", entry.site ?? "");
    const remove = doc.createElement("button");
    remove.type = "button";
    remove.textContent = "Remove";
    const name = () => term.value.trim() || "this empty term";
    remove.setAttribute("aria-label", `Remove ${name()}`);
    term.addEventListener("input", () => remove.setAttribute("aria-label", `Remove ${name()}`));
    remove.addEventListener("click", () => {
      const next = tr.nextElementSibling ?? tr.previousElementSibling;
      tr.remove();
      // Keep the keyboard focus in the table (or on Add) rather than losing it to the page.
      ((next?.querySelector("input") as HTMLElement | null) ?? addButton).focus();
      body.closest("form")?.dispatchEvent(new Event("input", { bubbles: true }));
    });
    for (const control of [term, translation, languageSelect(entry.lang ?? ""), site, remove]) {
      const td = doc.createElement("td");
      // Shown above the field when a narrow window stacks the row's fields and hides the column headings.
      const label = control.getAttribute("aria-label");
      if (control !== remove && label) td.dataset.label = label;
      td.append(control);
      tr.append(td);
    }
    return tr;
  }

  addButton.addEventListener("click", () => {
    const added = row();
    body.append(added);
    added.querySelector("input")?.focus();
  });

  /** The rows that hold an entry, with it: rows left completely empty are skipped. */
  const filled = () =>
    [...body.rows]
      .map((tr) => {
        const value = (name: string) =>
          (tr.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field="${name}"]`)?.value ?? "").trim();
        const entry = Object.fromEntries(FIELDS.map((name) => [name, value(name)])) as Record<
          keyof GlossaryEntry,
          string
        >;
        return { tr, entry };
      })
      .filter(({ entry }) => entry.term || entry.translation || entry.site);
  const marked = () => body.querySelectorAll('[aria-invalid="true"]');

  return {
    read() {
      return filled().map(({ entry }) => entry);
    },
    show(entries) {
      body.replaceChildren(...entries.map((entry) => row(entry)));
    },
    focusEntry(index) {
      this.clearMarks();
      // Where the error is, not the first row: in a long glossary the reader would have to hunt for it.
      const tr = filled()[index]?.tr ?? body.rows[0];
      for (const control of tr?.querySelectorAll("input, select") ?? []) control.setAttribute("aria-invalid", "true");
      tr?.querySelector("input")?.focus();
    },
    clearMarks() {
      for (const control of marked()) control.setAttribute("aria-invalid", "false");
    },
  };
}
