// A node the page took out and put back later (a virtual list's pool of rows, a tab panel kept aside) may have been
// changed while it was out: nothing watches a node out of the page, so that change made no record, and the row put
// back showed the next post in its original language (marked as the target language) while Gloss counted it
// translated. What the page puts back is compared with what Gloss last knew of each unit inside.

import { translatableAttributeNames } from "../collect/collect";
import { sourceKept } from "../write/apply";
import type { UnitRegistry } from "../unit-registry";
import type { Unit } from "../units";
import { placeText } from "./place-text";
import { attrOf, walkIn } from "../dom";

type Registry = Pick<UnitRegistry, "claimOf" | "attributeUnit">;

/** Remember what a written unit's place shows: what it should still show when the page puts it back. */
export function noteShown(unit: Unit): void {
  if (unit.kind === "content") unit.shown = placeText(unit);
}

/** The units in `added` (itself or below it) whose content is not what it was when it left the page. */
export function changedAway(added: Node, units: Registry, isOwnText: (text: string) => boolean): Unit[] {
  const found = new Set<Unit>();
  const names = translatableAttributeNames();
  const walker = walkIn(added, 5);
  for (let n: Node | null | undefined = added; n; n = walker?.nextNode()) {
    const unit = units.claimOf(n);
    if (unit && unit.state !== "retired") found.add(unit);
    if (n.nodeType !== 1) continue;
    for (const name of names) {
      const attribute = units.attributeUnit(n as Element, name);
      if (attribute && attribute.state !== "retired") found.add(attribute);
    }
  }
  return [...found].filter((unit) => changed(unit, isOwnText));
}

function changed(unit: Unit, isOwnText: (text: string) => boolean): boolean {
  if (unit.kind === "attribute") {
    const now = attrOf(unit.el, unit.name);
    const expected = unit.state === "applied" ? (unit.snapshot?.written ?? unit.value) : unit.value;
    return now !== expected && !(now !== null && isOwnText(now));
  }
  if (unit.state !== "applied") return !sourceKept(unit);
  return unit.shown !== undefined && placeText(unit) !== unit.shown;
}
