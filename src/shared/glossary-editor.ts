// The glossary as the options page and the userscript's settings dialog edit it: one row per term — the term, what it
// becomes (empty: kept as it is), for which language and which site — in a table of rows (row-editor.ts).
import { sameGlossaryEntry, validateGlossaryEntry, type GlossaryEntry } from "./glossary";
import { createRowEditor, rowInput, type RowEditor } from "./row-editor";

export type GlossaryEditor = RowEditor<keyof GlossaryEntry>;

const FIELDS: ReadonlyArray<keyof GlossaryEntry> = ["term", "translation", "lang", "site"];

export function createGlossaryEditor(
  body: HTMLTableSectionElement,
  addButton: HTMLButtonElement,
  /** The languages offered (extension/language-choices.ts), by code, with the name shown. */
  languages: ReadonlyArray<{ code: string; label: string }>,
): GlossaryEditor {
  function languageSelect(doc: Document, value: string): HTMLSelectElement {
    const select = doc.createElement("select");
    select.dataset.field = "lang";
    select.setAttribute("aria-label", "For translations into");
    select.append(new Option("Any language", ""));
    for (const lang of languages) select.append(new Option(lang.label, lang.code));
    if (value && ![...select.options].some((o) => o.value === value)) select.append(new Option(value, value));
    select.value = value;
    return select;
  }

  return createRowEditor(body, addButton, {
    fields: FIELDS,
    controls(doc, entry) {
      const term = rowInput(doc, "term", "Term", "e.g. Bahn or r/de", entry.term);
      const translation = rowInput(doc, "translation", "Always translate as", "keep as it is", entry.translation);
      // Words in any language: a Hebrew or Arabic term runs right to left as it is typed (a site address does not).
      term.dir = translation.dir = "auto";
      const site = rowInput(doc, "site", "Only on site", "any site", entry.site);
      return [term, translation, languageSelect(doc, entry.lang ?? ""), site];
    },
    // With its language and site: two rows of one term ("Bahn" for German, and for French) are two buttons to tell apart.
    name: (entry) =>
      [
        entry.term || "this empty term",
        entry.lang && `for ${languages.find((lang) => lang.code === entry.lang)?.label ?? entry.lang}`,
        entry.site && `on ${entry.site}`,
      ]
        .filter(Boolean)
        .join(" "),
    sameEntry(a, b) {
      const [one, other] = [validateGlossaryEntry(a), validateGlossaryEntry(b)];
      if (!one.ok || !other.ok || !sameGlossaryEntry(one.value, other.value)) return false;
      return JSON.stringify(one.value) === JSON.stringify(other.value) ? "alike" : "otherwise";
    },
  });
}
