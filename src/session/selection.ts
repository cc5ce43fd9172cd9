// What the reader has selected on the page, for "Translate selection" (extension and userscript alike): in the page,
// or in a frame of it that Gloss translates with the page (the focus is there), whose text the page's engine owns.
import { frameDocument, isEditor, readableFrameDocument } from "../core/frames/frame-documents";
import { focusWalk } from "../core/frames/focus-walk";
import { composedRanges } from "./composed-ranges";

/** The selection's non-empty ranges (Firefox keeps one range per selected table cell). */
export function selectedRanges(doc: Document): Range[] {
  return readerSelection(doc).ranges;
}

/**
 * The reader's selection and the document it is in (the page's, or a frame's it translates with the page): the
 * innermost document on the way to the focus that has one. A frame can hold the focus with nothing selected in it (a
 * chat box the page focused) while the reader's selection is in the page around it. With `rootOf`, a selection in
 * the shadow roots it sees is taken where it is, not at their hosts (composed-ranges.ts).
 */
export function readerSelection(
  doc: Document,
  rootOf?: (element: Element) => ShadowRoot | null,
): { doc: Document; ranges: Range[] } {
  const { path } = focusedDocument(doc);
  for (let i = path.length - 1; i >= 0; i--) {
    const ranges = rangesOf(path[i]!, rootOf);
    if (ranges.length) return { doc: path[i]!, ranges };
  }
  return { doc: path.at(-1)!, ranges: [] };
}

function rangesOf(focused: Document, rootOf?: (element: Element) => ShadowRoot | null): Range[] {
  const ranges: Range[] = [];
  try {
    const selection = focused.getSelection();
    const composed = selection && rootOf && composedRanges(selection, rootOf);
    if (composed) return composed;
    for (let i = 0; i < (selection?.rangeCount ?? 0); i++) {
      const range = selection!.getRangeAt(i);
      if (!range.collapsed) ranges.push(range);
    }
  } catch {
    // A frame's document is the page's, which may throw from it: nothing selected there that Gloss can take.
  }
  return ranges;
}

/**
 * Where the reader's focus (so their selection) went beyond what Gloss translates with the page: into a frame it
 * cannot read from this page (another site's), or into a frame that is a rich editor (a reply box), whose text is
 * what they write.
 */
export type FocusOutOfReach = "closed-frame" | "editor-frame";

export function focusOutOfReach(doc: Document): FocusOutOfReach | undefined {
  return focusedDocument(doc).outOfReach;
}

/**
 * The documents on the way to the reader's focus: `doc`, then each frame of it (nested ones too) that Gloss
 * translates with the page; `outOfReach` when the focus went on into a frame it does not. A page's document keeps
 * its own selection while the reader selects in a frame, so the focus, not the first selection, says where they are.
 */
function focusedDocument(doc: Document): { path: Document[]; outOfReach?: FocusOutOfReach } {
  // Only into the frames the page's engine translates: shown, and not a rich editor.
  const { docs, stoppedAt } = focusWalk(doc, { enters: (frame, inner) => frameDocument(frame) === inner });
  if (!stoppedAt) return { path: docs };
  return { path: docs, outOfReach: holdsEditor(stoppedAt) ? "editor-frame" : "closed-frame" };
}

/** Whether the frame shows a rich editor's document (the page's own, so readable, yet left alone). */
function holdsEditor(frame: HTMLIFrameElement | HTMLFrameElement): boolean {
  try {
    const inner = readableFrameDocument(frame);
    return inner !== null && isEditor(inner);
  } catch {
    return false;
  }
}
