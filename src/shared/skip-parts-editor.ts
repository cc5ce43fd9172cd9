// The parts of sites left untranslated as the options page and the userscript's settings dialog edit them: one row per
// part — the site and a CSS selector — in a table of rows (row-editor.ts).
import type { SkipPart } from "./skip-parts";
import { createRowEditor, rowInput, type RowEditor } from "./row-editor";

export type SkipPartsEditor = RowEditor<keyof SkipPart>;

export function createSkipPartsEditor(body: HTMLTableSectionElement, addButton: HTMLButtonElement): SkipPartsEditor {
  return createRowEditor(body, addButton, {
    fields: ["site", "selector"],
    controls: (doc, entry) => [
      rowInput(doc, "site", "Site", "e.g. reddit.com", entry.site),
      rowInput(doc, "selector", "Part (CSS selector)", "e.g. .side", entry.selector),
    ],
    name: (entry) =>
      entry.selector ? `${entry.selector}${entry.site ? ` on ${entry.site}` : ""}` : entry.site || "this empty part",
  });
}
