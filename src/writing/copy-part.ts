// A part of the writing card that holds a text for the reader to copy by hand (a translation that could not go into
// the box, or what they wrote when the box went): the text, selectable, and its own Copy button.
import { button, el, fromReader } from "../session/element";

export interface CopyPart {
  row: HTMLDivElement;
  text: HTMLParagraphElement;
  copy: HTMLButtonElement;
  /** Shows `value` (hides the part when undefined), its Copy button ready again. */
  show(value: string | undefined): void;
}

/**
 * A part named `name` for screen readers (a group: with two parts, each Copy says which text it copies), with a visible
 * `caption` above its text when given.
 */
export function copyPart(
  doc: Document,
  textClass: string,
  name: string,
  isTrusted: ((event: Event) => boolean) | undefined,
  caption?: string,
): CopyPart {
  const row = el(doc, "div", "preview-row");
  row.setAttribute("role", "group");
  row.setAttribute("aria-label", name);
  const text = el(doc, "p", textClass);
  const copy = button(doc, "Copy");
  if (caption) row.append(Object.assign(el(doc, "p", "caption"), { textContent: caption }));
  row.append(text, copy);
  copy.addEventListener(
    "click",
    fromReader(isTrusted, () => {
      void navigator.clipboard?.writeText(text.textContent ?? "").then(
        () => (copy.textContent = "Copied"),
        () => (copy.textContent = "Select and copy it"),
      );
    }),
  );
  return {
    row,
    text,
    copy,
    show(value) {
      row.hidden = value === undefined;
      text.textContent = value ?? "";
      copy.textContent = "Copy";
    },
  };
}
