// What the reader has selected on the page, for "Translate selection" (extension and userscript alike): in the page,
// or in a frame of it that Gloss translates with the page (the focus is there), whose text the page's engine owns.
import { frameDocument } from "../core/frames/frame-documents";

/** The selection's non-empty ranges (Firefox keeps one range per selected table cell). */
export function selectedRanges(doc: Document): Range[] {
  return readerSelection(doc).ranges;
}

/** The reader's selection and the document it is in (the page's, or a frame's it translates with the page). */
export function readerSelection(doc: Document): { doc: Document; ranges: Range[] } {
  const { doc: focused } = focusedDocument(doc);
  return { doc: focused, ranges: rangesOf(focused) };
}

function rangesOf(focused: Document): Range[] {
  const selection = focused.getSelection();
  const ranges: Range[] = [];
  for (let i = 0; i < (selection?.rangeCount ?? 0); i++) {
    const range = selection!.getRangeAt(i);
    if (!range.collapsed) ranges.push(range);
  }
  return ranges;
}

/** Whether the reader's focus (so their selection) is in a frame Gloss cannot read from this page (another site's). */
export function focusInClosedFrame(doc: Document): boolean {
  return focusedDocument(doc).closedFrame;
}

/**
 * The document the reader's focus is in: `doc`, or the innermost frame of it (nested ones too) that Gloss translates
 * with the page; `closedFrame` when the focus went on into a frame it cannot read. A page's document keeps its own
 * selection while the reader selects in a frame, so the focus, not any selection, says where they are.
 */
function focusedDocument(doc: Document): { doc: Document; closedFrame: boolean } {
  let current = doc;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const frame = focusedFrame(current);
    if (!frame) return { doc: current, closedFrame: false };
    let inner: Document | null | undefined;
    try {
      inner = frameDocument(frame);
    } catch {
      inner = null;
    }
    if (!inner) return { doc: current, closedFrame: true };
    current = inner;
  }
  return { doc: current, closedFrame: false };
}

/** Frames inside frames, as deep as any page nests them (a loop of documents cannot hold the reader here). */
const MAX_DEPTH = 16;

/** The frame element that holds the focus in `doc`, if any (it may sit in a shadow root: the document names the host). */
function focusedFrame(doc: Document): HTMLIFrameElement | HTMLFrameElement | undefined {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  const tag = active?.localName;
  return tag === "iframe" || tag === "frame" ? (active as HTMLIFrameElement | HTMLFrameElement) : undefined;
}
