// What Translate selection says when nothing is selected: where the focus is says where the selection went (a frame
// of another site, an editor in a frame of the page) or that there is none.
import { focusOutOfReach } from "./selection";

const NO_SELECTION = "Select the text to translate first, then choose Translate selection.";

/** Said when Translate selection finds nothing selected while the focus is in a frame: the selection is in there. */
const SELECTION_IN_FRAME =
  "Gloss cannot reach a selection inside another site's frame. Open the frame's page in a tab of its own and translate it there.";

/**
 * Said when Translate selection finds nothing selected while the focus is in a frame of the page that is a rich
 * editor: what is selected there is the reader's own writing (or what it quotes), which Gloss never translates, lest
 * the translation be sent as theirs. Not "another site's frame": the frame is the page's own.
 */
const SELECTION_IN_EDITOR =
  "Gloss leaves what you are writing alone: your selection is in a text editor inside a frame of this page (a reply box), and Gloss translates nothing in it.";

/** `selectionInFrame`: what to say of a frame the platform has a way into (see PageSessionDeps.selectionInFrame). */
export function nothingSelected(doc: Document, selectionInFrame: string | undefined): string {
  const outOfReach = focusOutOfReach(doc);
  if (outOfReach === "editor-frame") return SELECTION_IN_EDITOR;
  if (outOfReach === "closed-frame") return selectionInFrame ?? SELECTION_IN_FRAME;
  return NO_SELECTION;
}
