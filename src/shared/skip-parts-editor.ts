// The parts of sites left untranslated as the options page and the userscript's settings dialog edit them: one row per
// part — the site and a CSS selector — in a table of rows (row-editor.ts).
import { validateSkipPart, type SkipPart } from "./skip-parts";
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
    sameEntry: samePart,
  });
}

/**
 * Whether two parts are one entry changed ("otherwise"): the same site, and a selector of the one in the other
 * (".side" made ".side, .ad"). Without it a part removed here that another tab changed came back as a row, unsaid,
 * and one edited in both was said as removed there.
 */
function samePart(a: Partial<SkipPart>, b: Partial<SkipPart>): "alike" | "otherwise" | false {
  const [one, other] = [validateSkipPart(a), validateSkipPart(b)];
  if (!one.ok || !other.ok || one.value.site !== other.value.site) return false;
  if (one.value.selector === other.value.selector) return "alike";
  const theirs = new Set(selectorsIn(other.value.selector));
  return selectorsIn(one.value.selector).some((selector) => theirs.has(selector)) ? "otherwise" : false;
}

/** A selector list's selectors: split at its commas, but not those in brackets or quotes (`:is(a, b)`). */
function selectorsIn(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c === "\\") i++;
    else if (quote) quote = c === quote ? "" : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      out.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  return [...out, list.slice(start).trim()];
}
