// Bounds what one reply can make merge write: each placeholder merge writes again is a copy of the page's element,
// so a reply that repeats or nests placeholders (a repetition loop, tags left unclosed) would otherwise multiply the
// page's markup. A placeholder inside a use of itself makes merge copy the part it is still writing, so the copies
// grow with the square of the nesting: ten nested placeholders (22 nodes) answered three times over with the tags
// left unclosed became 622 nodes, ten times over 9,022 (jsdom); one that passed the server client's checks, 1,286.

import { hasNonSpace, tagOf } from "../dom";
import type { EncodedUnit } from "./encode";

/** A translation may repeat a link or a bold once or twice ("see <a1>FAQ</a1> or <a1>the FAQ page</a1>"). */
export const MAX_USES = 3;

/** Placeholder elements merge may write for a unit of `issued` placeholders: twice the source's, and two more. */
export const maxElements = (issued: number): number => issued * 2 + 2;

/**
 * Why merge must not write this fragment (a placeholder nested in itself, used more than MAX_USES times, or more
 * placeholder elements than maxElements), or undefined. Counts what merge writes: not inside an opaque placeholder,
 * and not an element that comes back without words although it had some (merge leaves such an echo out, or keeps
 * its original text without looking inside).
 */
export function excessCopies(fragment: DocumentFragment, unit: Pick<EncodedUnit, "placeholders">): string | undefined {
  const uses = new Map<string, number>();
  const open = new Map<string, number>();
  const limit = maxElements(unit.placeholders.size);
  let total = 0;
  // An explicit stack (enter, then leave each element): a hostile reply may nest thousands deep.
  const stack: Array<{ el: Element; leave: boolean }> = [];
  const pushChildren = (parent: ParentNode): void => {
    for (let c = parent.lastElementChild; c; c = c.previousElementSibling) stack.push({ el: c, leave: false });
  };
  pushChildren(fragment);
  while (stack.length) {
    const { el, leave } = stack.pop() as { el: Element; leave: boolean };
    const name = tagOf(el);
    if (leave) {
      open.set(name, (open.get(name) ?? 1) - 1);
      continue;
    }
    const p = unit.placeholders.get(name);
    if (!p || (p.hasText && !hasNonSpace(el.textContent ?? ""))) continue;
    if (open.get(name)) return `<${name}> is nested inside itself.`;
    const n = (uses.get(name) ?? 0) + 1;
    uses.set(name, n);
    if (n > MAX_USES) return `<${name}> is used ${n} times or more.`;
    if (++total > limit) return `More than ${limit} placeholders for ${unit.placeholders.size} in the source.`;
    if (p.opaque) continue;
    open.set(name, 1);
    stack.push({ el, leave: true });
    pushChildren(el);
  }
  return undefined;
}
