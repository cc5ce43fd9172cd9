// A unit the page made from Gloss's own words (a re-render that copied the translation it found into new nodes) is
// not translated again, but it is still translation: Show original must give the page its words back there too. Its
// snapshot says what the texts hold now and which of the page's words each replaced, as a write would have recorded.

import { recordWritten, takeSnapshot, type AttributeSnapshot, type ContentSnapshot } from "../restore/snapshot";
import { hasLetter, attrOf } from "../dom";
import type { AttributeUnit, ContentUnit } from "../units";

/** The page's words behind one of ours (undefined where not known: the text then stays as it is). */
export type OriginalOf = (text: string) => string | undefined;

/** The page's words of each copied unit's passage ("" where some are not known), by its snapshot. */
const originals = new WeakMap<ContentSnapshot, string>();

/** What undoing a copied content unit puts back: each text's original words, no structure (the page built it). */
export function copiedContent(unit: ContentUnit, originalOf: OriginalOf): ContentSnapshot {
  const snapshot = takeSnapshot(unit.encoded);
  snapshot.containers = [];
  snapshot.nodes = [];
  recordWritten(snapshot);
  let known = true;
  for (const t of snapshot.texts) {
    const original = originalOf(t.node.data);
    if (original === undefined && hasLetter(t.node.data)) known = false;
    t.data = original ?? t.node.data;
  }
  originals.set(snapshot, known ? snapshot.texts.map((t) => t.data).join("") : "");
  return snapshot;
}

/** The passage's original words where the snapshot is of a copied unit: its encoded text is Gloss's words. */
export function copiedOriginal(snapshot: ContentSnapshot): string | undefined {
  return originals.get(snapshot);
}

/** What undoing a copied attribute puts back: the page's words, unless the page sets another value since. */
export function copiedAttribute(unit: AttributeUnit, originalOf: OriginalOf): AttributeSnapshot {
  const written = attrOf(unit.el, unit.name) ?? unit.value;
  return { el: unit.el, name: unit.name, value: originalOf(unit.value) ?? unit.value, written };
}
