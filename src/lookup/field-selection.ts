// Words the reader selected inside a text box (a textarea, a text input): the box keeps its own selection, which the
// page's selection does not show (Chromium reports it as nothing selected, at the box), so it is read from the box.
import { deepFocus } from "../core/dom";

/** The inputs whose text a reader reads and selects; never a password, whose characters are not shown. */
const TEXT_INPUTS = new Set(["text", "search", "url", "tel"]);

export interface FieldSelection {
  field: HTMLInputElement | HTMLTextAreaElement;
  /** What is selected, as written in the box. */
  selected: string;
  /** The box's whole text, and where the selection starts in it. */
  value: string;
  start: number;
}

/** The selection in the text box that has the keyboard in `doc`, if something is selected there. */
export function fieldSelection(doc: Document): FieldSelection | undefined {
  try {
    const field = deepFocus(doc);
    if (!isTextBox(field)) return undefined;
    const { selectionStart: start, selectionEnd: end, value } = field;
    if (start === null || end === null || start >= end) return undefined;
    return { field, selected: value.slice(start, end), value, start };
  } catch {
    return undefined; // the page's box, which may throw from what it is asked
  }
}

function isTextBox(element: Element | null): element is HTMLInputElement | HTMLTextAreaElement {
  if (element?.localName === "textarea") return true;
  return element?.localName === "input" && TEXT_INPUTS.has((element as HTMLInputElement).type);
}
