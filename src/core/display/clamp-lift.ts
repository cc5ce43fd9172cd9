// A clamped title's copy: a feed title or a news card clamps its text to two lines (`-webkit-line-clamp`) or a height
// (`max-height` with hidden overflow), the original fills them and the copy Gloss puts below it inside is cut off
// entirely: the reader sees no translation. While copies show there, the clamp is lifted (only what clamps: never
// `height`, which would spill over the neighbours), so the card grows and shows both; Show original and a switch to
// replacing the text put the page's own inline style back exactly. Important, as the page's clamp may be.

import { inlineHolds, undoInline, writeInline, type InlineWrite } from "../write/inline-style";

const UNCLAMPED: [string, string][] = [
  ["-webkit-line-clamp", "unset"],
  ["line-clamp", "unset"],
  ["max-height", "none"],
];

/** A page that writes its style back each time Gloss lifts the clamp wins after this many lifts (no endless fight). */
const MAX_LIFTS = 3;

interface Lift {
  write: InlineWrite;
  /** The copies that need it (several units may lie in one clamped card); it goes with the last. */
  users: Set<Node>;
  lifts: number;
}

const lifted = new WeakMap<Element, Lift>();

/** Lift the clamp of each of `els` for the copy `copy` (an element Gloss inserted). */
export function liftClamps(els: readonly Element[], copy: Node): void {
  for (const el of els) {
    const lift = lifted.get(el);
    if (lift && inlineHolds(lift.write)) lift.users.add(copy);
    else lifted.set(el, { write: writeInline(el, UNCLAMPED), users: new Set([copy]), lifts: 1 });
  }
}

/** The copy `copy` goes: a clamp no other shown copy needs any more is the page's again. */
export function unliftClamps(els: readonly Element[], copy: Node): void {
  for (const el of els) {
    const lift = lifted.get(el);
    if (!lift) continue;
    lift.users.delete(copy);
    // A copy the page took out with its own nodes needs nothing either.
    for (const u of lift.users) if (!u.isConnected) lift.users.delete(u);
    if (lift.users.size) continue;
    lifted.delete(el);
    undoInline(lift.write);
  }
}

/**
 * The page restyled `el` (a re-render writing its own `style` back): where that put a lifted clamp back while
 * copies still show there, lift it again, the page's new style being the one Show original restores.
 */
export function reliftClamp(el: Element): void {
  const lift = lifted.get(el);
  if (!lift || inlineHolds(lift.write) || lift.lifts >= MAX_LIFTS) return;
  if (![...lift.users].some((u) => u.isConnected)) return;
  lift.write = writeInline(el, UNCLAMPED);
  lift.lifts++;
}
