// A unit the page made from Gloss's own words (a re-render that copied the translation it found into new nodes) is
// not translated again, but it is still translation: Show original must give the page its words back there too. Its
// snapshot says what the texts hold now and which of the page's words each replaced, as a write would have recorded.

import { recordWritten, takeSnapshot, type AttributeSnapshot, type ContentSnapshot } from "../restore/snapshot";
import type { AttributeUnit, ContentUnit } from "../units";

/** The page's words behind one of ours (undefined where not known: the text then stays as it is). */
export type OriginalOf = (text: string) => string | undefined;

/** What undoing a copied content unit puts back: each text's original words, no structure (the page built it). */
export function copiedContent(unit: ContentUnit, originalOf: OriginalOf): ContentSnapshot {
  const snapshot = takeSnapshot(unit.encoded);
  snapshot.containers = [];
  snapshot.nodes = [];
  recordWritten(snapshot);
  for (const t of snapshot.texts) t.data = originalOf(t.node.data) ?? t.node.data;
  return snapshot;
}

/** What undoing a copied attribute puts back: the page's words, unless the page sets another value since. */
export function copiedAttribute(unit: AttributeUnit, originalOf: OriginalOf): AttributeSnapshot {
  const written = unit.el.getAttribute(unit.name) ?? unit.value;
  return { el: unit.el, name: unit.name, value: originalOf(unit.value) ?? unit.value, written };
}
