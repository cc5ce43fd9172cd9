// Content folded away until the reader opens it: all of a closed `<details>` but its summary (FAQ answers, spoilers,
// "show more"). It is collected and translated, so it is ready when opened, but after what the reader sees and never
// in the first requests; opening it (by hand or by find-in-page, both fire `toggle`) gives it the priority of text in
// view (schedule/folds.ts). Content under `hidden="until-found"` is not displayed, so it is collected once revealed.

import { composedParent, isElement, tagOf, hasAttr } from "../dom";
import type { Unit } from "../units";

/** The nearest closed `<details>` that hides `node`, or null where it is shown (its summary is). */
export function foldedBy(node: Node): Element | null {
  for (let n: Node = node, p = composedParent(n); p; n = p, p = composedParent(p)) {
    if (isElement(p) && tagOf(p) === "details" && !hasAttr(p, "open") && n !== summaryOf(p)) return p;
  }
  return null;
}

/** The node whose place says whether a unit is folded away: its root or first node (an attribute's element). */
export function unitPlace(unit: Unit): Node {
  if (unit.kind === "attribute") return unit.el;
  return unit.spec.root ?? unit.spec.nodes[0] ?? unit.anchor;
}

/** The summary a `<details>` shows when closed: its first `<summary>` child. */
function summaryOf(details: Element): Element | null {
  for (let c = details.firstElementChild; c; c = c.nextElementSibling) if (tagOf(c) === "summary") return c;
  return null;
}
