// Where the run of inline content around a changed child of a block ends: at the nearest siblings a walk of the
// block surely finds laid out as blocks. Collecting that run again, not the whole block, keeps a status line or a
// toast directly in a long page's body from having every post walked again on each change.

import { ITEM_TAGS, type CollectHooks } from "./collect";
import { isInlineDisplay } from "./display";
import { isElement, tagOf } from "../dom";

export interface RunBounds {
  first: ChildNode;
  /** The sibling that ends the run (not part of it); null: the parent's last child is. */
  end: ChildNode | null;
}

/** The run `child` lies in, or null when no block ends it on either side: then it is all its parent holds. */
export function runBounds(child: ChildNode, hooks: CollectHooks): RunBounds | null {
  let first = child;
  for (let s = child.previousSibling; s && !endsRun(s, hooks); s = s.previousSibling) first = s;
  let end = child.nextSibling;
  while (end && !endsRun(end, hooks)) end = end.nextSibling;
  return first.previousSibling || end ? { first, end } : null;
}

/**
 * A sibling the walk takes as a block whatever it holds (collect.ts, Collector.#enter). Only sure ones: a sibling
 * wrongly taken for inline content is merely walked with the run, one wrongly taken for a block would split it.
 */
function endsRun(node: Node, hooks: CollectHooks): boolean {
  if (!isElement(node)) return false;
  if (hooks.claimed(node) || hooks.ignored(node)) return true;
  const info = hooks.styles.get(node);
  if (isInlineDisplay(info.display) && !ITEM_TAGS.has(tagOf(node))) return false;
  // Not drawn (display: none): a placeholder inside the run.
  return hooks.rules.classify(node, info).kind !== "invisible";
}
