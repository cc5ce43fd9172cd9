// One look-up per document: a selection in a frame the page translates with it has its card in that frame (where its
// boxes are measured), and its passage is written by the page's engine for that frame.
import { readerSelection } from "../session/selection";
import type { Lookup } from "./lookup";

export interface Lookups {
  /** Translate the reader's selection, in `page` or in the frame of it where their focus is. */
  translateSelection(page: Document): Promise<void>;
  /** Each look-up made so far. */
  all(): Lookup[];
}

export function createLookups(make: (doc: Document) => Lookup): Lookups {
  const made = new Map<Document, Lookup>();
  const lookupFor = (doc: Document): Lookup => {
    const known = made.get(doc);
    if (known) return known;
    const lookup = make(doc);
    made.set(doc, lookup);
    return lookup;
  };
  return {
    translateSelection(page) {
      const { doc, ranges } = readerSelection(page);
      return lookupFor(doc).translateSelection(ranges);
    },
    all: () => [...made.values()],
  };
}
