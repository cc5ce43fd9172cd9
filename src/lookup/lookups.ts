// One look-up per document: a selection in a frame the page translates with it has its card in that frame (where its
// boxes are measured), and its passage is written by the page's engine for that frame.
import { WeakList } from "../core/weak-list";
import { readerSelection } from "../session/selection";
import { OPEN_ROOTS_ONLY } from "../session/shadow-sight";
import { stillShown } from "../core/frames/page-documents";
import type { Lookup } from "./lookup";

export interface Lookups {
  /** Translate the reader's selection, in `page` or in the frame of it where their focus is. */
  translateSelection(page: Document): Promise<void>;
  /** Each look-up made so far whose document is still shown. */
  all(): Lookup[];
}

/**
 * A frame that navigates again and again (or is added and removed) leaves a document behind each time: its look-up
 * goes with it, rather than pile up holding that document for as long as the page lives. Held weakly, and let go
 * (its request stopped) as soon as Gloss sees the document is no longer shown. A selection is read in the shadow roots
 * `rootOf` sees: open ones, or closed ones too where the platform opens them.
 */
export function createLookups(
  make: (doc: Document) => Lookup,
  rootOf: (element: Element) => ShadowRoot | null = OPEN_ROOTS_ONLY.rootOf,
): Lookups {
  const made = new WeakMap<Document, Lookup>();
  const docs = new WeakList<Document>((doc) => !made.has(doc));

  /** The look-ups of documents still shown; those of documents gone are dismissed and forgotten. */
  const shown = (): Lookup[] => {
    const live: Lookup[] = [];
    for (const doc of docs.values()) {
      const lookup = made.get(doc);
      if (!lookup) continue;
      if (stillShown(doc)) {
        live.push(lookup);
        continue;
      }
      lookup.dismiss();
      made.delete(doc);
    }
    docs.sweep();
    return live;
  };

  const lookupFor = (doc: Document): Lookup => {
    shown();
    const known = made.get(doc);
    if (known) return known;
    const lookup = make(doc);
    made.set(doc, lookup);
    docs.add(doc);
    return lookup;
  };

  return {
    translateSelection(page) {
      const { doc, ranges } = readerSelection(page, rootOf);
      const lookup = lookupFor(doc);
      // One card at a time on the whole page: a look-up in a frame closes the page's card, and the other way round.
      for (const other of shown()) if (other !== lookup) other.close();
      return lookup.translateSelection(ranges);
    },
    all: shown,
  };
}
