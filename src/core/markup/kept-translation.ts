// A unit's checked translation, kept as decoded for a change of view (replace ⇄ bilingual): a switch writes every
// translated unit again in one task, and decoding each reply afresh there cost a parse document and a DOMPurify pass
// per unit. Merge only reads the fragment, so the one kept serves every redraw. It moves into one inert document per
// page: a fragment keeps its document alive, and each reply was parsed in a document of its own.

import { implOf } from "../dom";

const inertDocs = new WeakMap<Document, Document>();

/** The fragment, moved into the page's inert document for kept translations (it is returned for chaining). */
export function keepTranslation(page: Document, fragment: DocumentFragment): DocumentFragment {
  let inert = inertDocs.get(page);
  if (!inert) {
    // No browsing context: nothing in it runs or loads (it holds only placeholder elements without attributes anyway).
    inert = implOf(page).createHTMLDocument("");
    inertDocs.set(page, inert);
  }
  return inert.adoptNode(fragment);
}
