// Fields whose unsaved edits were kept though another window or browser changed them meanwhile: a notice near Save
// names each, with the other value and a button that takes it, so Save does not undo that change unsaid.
import type { RowConflict, RowRemoval } from "./row-editor";
import type { Settings } from "./settings";
import { textStart } from "./text-ends";
import { valueIn, type FormControl, type FormControls } from "./stored-meanwhile";

export interface ChangedElsewhere {
  /**
   * After settings stored elsewhere were taken in (`from` → `to`): `kept` are the fields whose edits stayed though
   * `to` changed them. Lines for fields that changed again and were not kept go.
   */
  note(kept: ReadonlyArray<keyof Settings>, from: Settings, to: Settings): void;
  /**
   * A table's row whose entry (`subject`: "Glossary, “Bahn”") was changed elsewhere to `words` while edited here: the
   * row stays the reader's, and `take` puts the other one in it.
   */
  noteRow(subject: string, words: string, take: () => void): void;
  /**
   * A table's row edited here whose entry (`subject`) was removed elsewhere: the row stays; `take` removes it. The
   * line goes once the row is not `held` (the reader removed it: nothing is left to keep).
   */
  noteRowRemoved(subject: string, take: () => void, held: () => boolean): void;
  /** Saved, or the form filled afresh: nothing is left to say. */
  clear(): void;
}

export interface ChangedElsewhereForm {
  controls: FormControls;
  /** A setting's field (its label names it; a select's options say its values). */
  field(key: keyof Settings): HTMLElement | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const LONGEST = 60;

/** The label's own words, without the notes in spans after them ("API key", not "API key (if the server…)"). */
function nameOf(field: HTMLElement | null, key: string): string {
  const label = field?.id ? (field.getRootNode() as ParentNode).querySelector(`label[for="${field.id}"]`) : null;
  const words = [...(label?.childNodes ?? [])]
    .filter((node) => node.nodeType === 3)
    .map((node) => node.textContent)
    .join(" ")
    .replace(/\s+/g, " ")
    .trim();
  return words.replace(/\s*\(.*$/, "") || key;
}

/** The other value as the field would show it; undefined for the key, which is not put on screen. */
function wordsFor(key: keyof Settings, value: unknown, field: HTMLElement | null): string | undefined {
  if (key === "apiKey") return undefined;
  if (typeof value === "boolean") return value ? "on" : "off";
  const select = field?.localName === "select" ? (field as HTMLSelectElement) : undefined;
  const option = select && [...select.options].find((o) => o.value === value);
  return option ? option.text : Array.isArray(value) ? value.join(", ") : String(value);
}

/** `words` as the line says them: a long value (a list, an address) shortened. */
const shortened = (words: string): string => (words.length > LONGEST ? `${textStart(words, LONGEST - 1)}…` : words);

/** The sentence for a field changed elsewhere to `value`. */
export function changedElsewhereText(name: string, words: string | undefined): string {
  const change = words === undefined ? "changed" : words === "" ? "cleared" : `changed to “${words}”`;
  return `${name}: ${change} in another window or browser — Save keeps yours.`;
}

/** The sentence for a table's entry removed elsewhere while its row was edited here. */
const removedElsewhereText = (name: string): string =>
  `${name}: removed in another window or browser — Save keeps yours.`;

/**
 * Rows of the table `title` edited here whose entries another window removed (RowEditor.removeHeld): each is said
 * with Remove it, as "Glossary, “Kita”" (Save would otherwise bring the entry back unsaid).
 */
export function noteRowsRemoved(
  said: ChangedElsewhere,
  title: string,
  removals: ReadonlyArray<RowRemoval<string>> = [],
): void {
  for (const { name, take, held } of removals) said.noteRowRemoved(`${title}, “${name}”`, take, held);
}

/**
 * Entries of the table `title` another window stored that a row here holds otherwise (the same term translated
 * otherwise; a part whose selectors changed): each row keeps the reader's, and the other is said with Use that
 * instead. A glossary term says its other translation; a part, its other selectors and site.
 */
export function noteRowConflicts(
  said: ChangedElsewhere,
  title: string,
  conflicts: ReadonlyArray<RowConflict<string>> = [],
): void {
  for (const { entry, names, take } of conflicts) {
    const words = "term" in entry ? entry.translation || "kept as it is" : names.entry;
    said.noteRow(`${title}, “${names.row}”`, words, take);
  }
}

/** The notice in `box` (a polite live region near Save) for the fields of `form`. */
export function createChangedElsewhere(box: HTMLElement, form: ChangedElsewhereForm): ChangedElsewhere {
  const doc = box.ownerDocument;
  box.setAttribute("aria-live", "polite");
  /** The other value of each field named, with its line. */
  const lines = new Map<keyof Settings, { value: unknown; line: HTMLElement }>();

  function drop(key: keyof Settings): void {
    lines.get(key)?.line.remove();
    lines.delete(key);
  }

  /** Lines whose field holds the other value now (typed, taken) or whose row went, go: nothing is left to choose. */
  function recheck(): void {
    for (const [subject, li] of rowLines) {
      if (rowsHeld.get(li)?.() === false) {
        li.remove();
        rowLines.delete(subject);
      }
    }
    for (const [key, { value }] of lines) {
      const control = form.controls[key] as FormControl<keyof Settings> | undefined;
      if (!control || same(valueIn(key, control), value)) drop(key);
    }
  }

  /** Lines for table rows, by subject: they go when taken, saved or filled afresh. */
  const rowLines = new Map<string, HTMLElement>();
  /** Whether the row of a removal's line is still there. */
  const rowsHeld = new WeakMap<HTMLElement, () => boolean>();

  /** The field takes the other value and the keyboard (its section opened), and the line goes. */
  function take(key: keyof Settings, value: unknown): void {
    (form.controls[key] as FormControl<keyof Settings> | undefined)?.show(value as never);
    drop(key);
    const field = form.field(key);
    field?.closest("details")?.setAttribute("open", "");
    field?.focus();
    field?.closest("form")?.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function line(key: keyof Settings, value: unknown): HTMLElement {
    const field = form.field(key);
    return item(`changed-elsewhere-${key}`, nameOf(field, key), wordsFor(key, value, field), () => take(key, value));
  }

  let rowCount = 0;

  function item(id: string, name: string, words: string | undefined, use: () => void): HTMLElement {
    const said = words === undefined ? words : shortened(words);
    const li = lineOf(id, changedElsewhereText(name, said), "Use that instead", use);
    // Shortened, the whole value is a pointer away (and "Use that instead" puts it in the field).
    if (said !== words) li.querySelector("span")!.title = words!;
    return li;
  }

  /** A line: its sentence, and the button that takes the other window's change, which the sentence describes. */
  function lineOf(id: string, sentence: string, act: string, use: () => void): HTMLElement {
    const li = doc.createElement("li");
    const text = doc.createElement("span");
    text.id = id;
    text.textContent = sentence;
    const button = doc.createElement("button");
    button.type = "button";
    button.textContent = act;
    // Each button reads which field it is for: several may show at once.
    button.setAttribute("aria-describedby", text.id);
    button.addEventListener("click", use);
    li.append(text, " ", button);
    return li;
  }

  /**
   * Says a row's line (made by `make`), in place of the one said before for the same entry: one changed elsewhere is
   * first heard as the old one removed, then as the new one added. Taken, the line goes.
   */
  function rowLine(
    subject: string,
    make: (id: string, use: () => void) => HTMLElement,
    takeRow: () => void,
  ): HTMLElement {
    const li = make(`changed-elsewhere-row-${rowCount++}`, () => {
      li.remove();
      rowLines.delete(subject);
      takeRow();
    });
    const old = rowLines.get(subject);
    if (old) old.replaceWith(li);
    else box.append(li);
    rowLines.set(subject, li);
    return li;
  }

  box.closest("form")?.addEventListener("input", recheck);
  box.closest("form")?.addEventListener("change", recheck);

  return {
    note(kept, from, to) {
      for (const key of lines.keys()) if (!same(from[key], to[key]) && !kept.includes(key)) drop(key);
      for (const key of kept) {
        const item = line(key, to[key]);
        const old = lines.get(key)?.line;
        if (old) old.replaceWith(item);
        else box.append(item);
        lines.set(key, { value: to[key], line: item });
      }
      recheck();
    },
    noteRow(subject, words, takeRow) {
      rowLine(subject, (id, use) => item(id, subject, words, use), takeRow);
    },
    noteRowRemoved(subject, takeRow, held) {
      const li = rowLine(subject, (id, use) => lineOf(id, removedElsewhereText(subject), "Remove it", use), takeRow);
      rowsHeld.set(li, held);
    },
    clear() {
      for (const key of [...lines.keys()]) drop(key);
      for (const li of rowLines.values()) li.remove();
      rowLines.clear();
    },
  };
}
