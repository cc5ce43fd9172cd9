// An answer that holds for a node and everything below it (lies in main content, lies below a changed element),
// found by walking up through shadow roots: each node passed keeps the answer, so the next walk from below stops there.

import { composedParent } from "./dom";

/**
 * The answer of the first node up from `start` (itself first) that `decide` answers for; false past `top` or the
 * tree's top. Every node passed on the way keeps that answer in `answered`.
 */
export function answerUp(
  start: Node,
  answered: Map<Node, boolean>,
  decide: (node: Node) => boolean | undefined,
  top: Node | null = null,
): boolean {
  const path: Node[] = [];
  let answer = false;
  for (let n: Node | null = start; n; n = composedParent(n)) {
    const known = answered.get(n);
    if (known !== undefined) {
      answer = known;
      break;
    }
    path.push(n);
    const decided = decide(n);
    if (decided !== undefined) {
      answer = decided;
      break;
    }
    if (n === top) break;
  }
  for (const n of path) answered.set(n, answer);
  return answer;
}
