// In the bilingual view, a form field named by a <label> is named by the label's translation: the copy put inside
// the label (or a copy of the label, which no longer labels anything) would otherwise join the label's text, and a
// screen reader would say the field's name in both languages. While the copy is shown, the field names it with
// `aria-labelledby`; the page's own name for a field (an aria-label, an aria-labelledby) stays its name. So is a
// control named by its own text (a button, a link, a tab) that holds its copy.

import { copyId } from "./copy-names";
import { attrOf, isMatch, parentElementOf, closestOf } from "../dom";

/** A field the page named itself: that name stays. */
const NAMED = "[aria-label], [aria-labelledby]";

/** Controls named by their own text, which holds their copy where the copy translates all of it. */
const NAMED_BY_TEXT = "a[href], button, summary, [role=button], [role=link], [role=menuitem], [role=tab]";

/** A field Gloss named from a copy, with the copy's id it gave the field. */
export type LabelRedirect = [field: Element, id: string];

/**
 * Name from the copy each field labelled by the label `wrapper` lies in, or by a label of the page a copy's element
 * stands for (`standsFor`). Only a field with that one label: a second label's words would be lost. And the control
 * `whole` (the element the copy is the whole copy of) when it is named by its text.
 */
export function nameFieldsFromCopy(
  wrapper: Element,
  standsFor: ReadonlyMap<Element, Element>,
  whole: Element | null,
): LabelRedirect[] {
  const fields: [Element, Element][] = whole && isMatch(whole, NAMED_BY_TEXT) ? [[wrapper, whole]] : [];
  for (const [copy, label] of [[wrapper, closestOf(parentElementOf(wrapper), "label")], ...standsFor]) {
    const field = label && isMatch(label, "label") && (label as HTMLLabelElement).control;
    if (field && labelCount(field) === 1) fields.push([copy as Element, field]);
  }
  const named: LabelRedirect[] = [];
  for (const [copy, field] of fields) {
    if (isMatch(field, NAMED)) continue;
    const id = copyId(copy, "label");
    field.setAttribute("aria-labelledby", id);
    named.push([field, id]);
  }
  return named;
}

/**
 * How many labels name `field`. A form-associated custom element has no `labels` of its own (its ElementInternals,
 * the page's, lists them): the labels of its tree whose control it is are counted.
 */
function labelCount(field: Element): number {
  return (
    (field as HTMLInputElement).labels?.length ??
    [...(field.getRootNode() as Document).querySelectorAll("label")].filter((l) => l.control === field).length
  );
}

/** The copy goes: each field it named loses that name, unless the page named it anew since. */
export function unnameFields(named: readonly LabelRedirect[]): void {
  for (const [field, id] of named)
    if (attrOf(field, "aria-labelledby") === id) field.removeAttribute("aria-labelledby");
}
