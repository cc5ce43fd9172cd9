// Writing checked translations into the page, with the guards around merge: a unit whose source changed since it
// was encoded is not written; an <option> keeps its submitted value; a <select> keeps its selection.

import { inEditable } from "../collect/rules";
import {
  holdsPinned,
  isElement,
  isPinned,
  keepsOwnAttributes,
  tagOf,
  attrOf,
  hasAttr,
  closestOf,
  isConnected,
  parentOf,
  nextOf,
  setAttr,
} from "../dom";
import { mergeTexts, mergeUnit, type MergeHooks } from "./merge";
import { eachStep } from "../restore/each-step";
import type { AttributeSnapshot, ContentSnapshot } from "../restore/snapshot";
import type { AttributeUnit, ContentUnit } from "../units";

/** Each <select> touched by a write batch, with its value before the batch. */
export type SelectValues = Map<HTMLSelectElement, string>;

/**
 * The unit's nodes are still where and what they were when it was encoded, and nothing merge would move is or holds
 * a pinned element (the page defined a custom element or put a frame there meanwhile; see holdsPinned). What merge
 * moves lies in the unit's range, so asking its top-level elements covers it; the placeholders are asked too, in
 * case the page moved one out of the range.
 */
export function contentIntact(unit: ContentUnit): boolean {
  const { parent, nodes, placeholders } = unit.encoded;
  // By the DOM's own getters: the unit's parent or one of its nodes may be a form that names a control after them.
  if (!isConnected(parent)) return false;
  // Made editable since (the reader pressed a comment's Edit): a translation there is what they would send.
  if (inEditable(parent)) return false;
  for (const p of placeholders.values()) if (isPinned(p.el)) return false;
  if (!sourceKept(unit)) return false;
  // Last: the one check that looks below the range's nodes.
  for (const n of nodes) if (isElement(n) && holdsPinned(n)) return false;
  return true;
}

/** The unit's nodes are still where and what they were when it was encoded, wherever the unit is now. */
export function sourceKept(unit: ContentUnit): boolean {
  const { parent, nodes, texts } = unit.encoded;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i] as Node;
    if (parentOf(n) !== parent) return false;
    if (i > 0 && nextOf(nodes[i - 1] as Node) !== n) return false;
  }
  for (let i = 0; i < texts.length; i++) if ((texts[i] as Text).data !== unit.sourceTexts[i]) return false;
  return true;
}

function optionOf(unit: ContentUnit): HTMLOptionElement | null {
  const parent = unit.encoded.parent;
  if (!isElement(parent)) return null;
  const option = tagOf(parent) === "option" ? parent : closestOf(parent, "option");
  return option as HTMLOptionElement | null;
}

/** Before an option's text changes: pin its value (it defaults to the text) and remember its select's value. */
function guardOption(unit: ContentUnit, selects: SelectValues): ContentSnapshot["addedOptionValue"] {
  const option = optionOf(unit);
  if (!option) return undefined;
  const select = closestOf(option, "select") as HTMLSelectElement | null;
  if (select && !selects.has(select)) selects.set(select, select.value);
  if (hasAttr(option, "value")) return undefined;
  const value = option.value;
  option.setAttribute("value", value);
  return { el: option, value };
}

export function restoreSelects(selects: SelectValues): void {
  // One the page will not let be read or set (its world's `value` throws) keeps neither the rest nor the caller back.
  eachStep(selects, ([select, value]) => {
    if (select.value !== value) select.value = value;
  });
}

/** Writes a content unit's translated fragment, with the <option>/<select> guards around it. */
export function applyContent(
  unit: ContentUnit,
  translation: DocumentFragment | Map<Text, string>,
  selects: SelectValues,
  hooks: MergeHooks,
): ContentSnapshot {
  const added = guardOption(unit, selects);
  // A Map: a unit translated as plain text in parts (new text into its own Text nodes, structure untouched).
  const snapshot =
    translation instanceof Map
      ? mergeTexts(unit.encoded, translation, hooks)
      : mergeUnit(unit.encoded, translation, hooks);
  if (added) snapshot.addedOptionValue = added;
  return snapshot;
}

export function attributeIntact(unit: AttributeUnit): boolean {
  const { el } = unit;
  return isConnected(el) && attrOf(el, unit.name) === unit.value && !keepsOwnAttributes(el) && !inEditable(el);
}

export function applyAttribute(unit: AttributeUnit, value: string): AttributeSnapshot {
  const { el } = unit;
  setAttr(el, unit.name, value);
  // What the attribute reads back as (the same string, for every attribute Gloss translates).
  return { el, name: unit.name, value: unit.value, written: attrOf(el, unit.name) ?? value };
}
