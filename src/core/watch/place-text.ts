// What the page shows in a unit's place, read the way the unit's text was read: to tell the page's own change there
// (other content, or an edit of what was there) from Gloss's write.

import { isText, attrOf, walkIn } from "../dom";
import type { Unit } from "../units";

/** The text the page shows now in the unit's place (parts never sent left out). */
export function placeText(unit: Unit): string {
  if (unit.kind === "attribute") return attrOf(unit.el, unit.name) ?? "";
  const { parent, passive } = unit.encoded;
  const skip = new Set<Node>(passive);
  const filter = { acceptNode: (n: Node): number => (skip.has(n) ? 2 /* FILTER_REJECT */ : 1 /* FILTER_ACCEPT */) };
  const tops = unit.spec.root ? [unit.spec.root] : unit.spec.nodes.filter((n) => n.parentNode === parent);
  let text = "";
  for (const top of tops) {
    if (skip.has(top)) continue;
    const walker = walkIn(top, 5, filter);
    for (let n: Node | null | undefined = top; n; n = walker?.nextNode()) if (isText(n)) text += n.data;
  }
  return text;
}
