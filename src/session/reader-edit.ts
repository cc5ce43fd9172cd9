// What a reader's own edit of a text field can leave in it. The browser announces the edit with a trusted beforeinput
// (what it inserts, where the caret is) and reports it with a trusted input; a page's script can write into the field
// between the two (a listener after Gloss's, document.execCommand, whose input event is trusted too), so the value the
// input event finds counts as the reader's only when this edit can have made it from the value before.

/** A reader's edit as its beforeinput announced it. */
export interface ReaderEdit {
  before: string;
  /** The selection then: the range a typed, pasted or deleted text replaces holds it. */
  start: number;
  end: number;
  inputType: string;
  data: string | null;
}

/** Edits whose range need not hold the caret: a spelling fix or a suggestion taken, a drop, an IME's composition. */
const ANYWHERE =
  /^(insertReplacementText|insertFromDrop|insertCompositionText|insertFromComposition|deleteCompositionText)$/;
const LINE_BREAK = /\r\n?|\n/g;

export function readerEdit(field: HTMLInputElement | HTMLTextAreaElement, event: InputEvent): ReaderEdit {
  const before = field.value;
  // null where the field keeps no selection: the range is then anywhere.
  const start = field.selectionStart ?? before.length;
  const end = field.selectionEnd ?? 0;
  return { before, start, end, inputType: event.inputType, data: event.data };
}

/**
 * How a browser may put `data` in (measured in Chromium 156 and Firefox ESR 153): a text area's line breaks as \n. A
 * one-line field drops the line breaks after the last line and makes each other one (\r\n too) a space (Chromium, and
 * Firefox by default); Firefox's editor.singleLine.pasteNewlines can instead drop the ones at both ends and keep the
 * rest (0) or make each a comma (4), keep the first line that is not empty (1), drop them all (3), or drop them with
 * the spaces around them (5).
 */
function insertions(data: string, multiline: boolean): string[] {
  if (multiline) return [data.replace(LINE_BREAK, "\n")];
  const trimmed = data.replace(/^[\r\n]+/, "").replace(/[\r\n]+$/, "");
  return [
    data.replace(/[\r\n]+$/, "").replace(LINE_BREAK, " "),
    trimmed,
    trimmed.split(LINE_BREAK)[0] ?? "",
    data.replace(LINE_BREAK, ""),
    trimmed.replace(LINE_BREAK, ","),
    data.replace(/\s*[\r\n]\s*/g, ""),
  ];
}

const commonPrefix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
};
const commonSuffix = (a: string, b: string) => {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
};

/** Whether `after` is `edit.before` with one range replaced by `put`, a range holding the selection unless `anywhere`. */
function replaced(edit: ReaderEdit, after: string, put: string, anywhere: boolean): boolean {
  const { before, start, end } = edit;
  const kept = after.length - put.length; // the range's start plus what follows its end
  if (kept < 0 || kept > before.length) return false;
  const prefix = commonPrefix(before, after);
  const suffix = commonSuffix(before, after);
  for (let a = Math.max(0, kept - suffix); a <= Math.min(prefix, kept); a++) {
    const b = before.length - (kept - a);
    if (!anywhere && (a > start || b < end)) continue;
    if (after.startsWith(put, a)) return true;
  }
  return false;
}

/** The same letters in another order (a transposition, Ctrl+T on macOS): nothing of the page's is added. */
const rearranged = (before: string, after: string) => [...before].sort().join("") === [...after].sort().join("");

/**
 * Whether `after` can be what `edit` made of the field. `held` are the values the field held as the reader's or
 * Gloss's: undo and redo go back to one of them.
 */
export function follows(edit: ReaderEdit, after: string, multiline: boolean, held: ReadonlySet<string>): boolean {
  const { inputType, data } = edit;
  if (inputType.startsWith("history")) return held.has(after);
  const anywhere = ANYWHERE.test(inputType);
  if (inputType.startsWith("delete")) return replaced(edit, after, "", anywhere);
  const text = data ?? (/^insert(LineBreak|Paragraph)$/.test(inputType) ? "\n" : undefined);
  if (text !== undefined) return insertions(text, multiline).some((put) => replaced(edit, after, put, anywhere));
  return rearranged(edit.before, after);
}
