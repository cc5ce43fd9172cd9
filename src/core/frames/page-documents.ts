// The documents a reader sees as one page: the top one the script can read, and every frame in it (nested ones too)
// whose document it can read. A card of Gloss's in one of them hears of a press or a key in any other this way: a
// click in a same-site frame reaches only the frame's own window. And whether a frame's document is still part of it.
import { framesIn, MAX_FRAME_NESTING, readableFrameDocument } from "./frame-documents";
import { viewOf } from "../dom";

/** `doc`'s page: from the outermost document holding it that the script can read, down through readable frames. */
export function pageDocuments(doc: Document): Document[] {
  const top = outermost(doc);
  const found: Document[] = [];
  const visit = (at: Document, depth: number): void => {
    if (found.includes(at)) return;
    found.push(at);
    if (depth >= MAX_FRAME_NESTING) return;
    for (const frame of framesIn(at)) {
      const inner = readableFrameDocument(frame);
      if (inner) visit(inner, depth + 1);
    }
  };
  visit(top, 0);
  return found;
}

/** The outermost document around `doc` the script may read (a frame's holder is the page's to answer for). */
function outermost(doc: Document): Document {
  let current = doc;
  for (let depth = 0; depth < MAX_FRAME_NESTING; depth++) {
    let holder: Document | undefined;
    try {
      holder = viewOf(current)?.frameElement?.ownerDocument ?? undefined;
    } catch {
      holder = undefined; // another site's page around the frame
    }
    if (!holder) break;
    current = holder;
  }
  return current;
}

/**
 * Whether `doc` is still the one its window shows, in its frame still in the page. A frame removed or navigated
 * leaves its old document without a window (browsers) or with a frame out of the page (jsdom keeps the window).
 * A frame of another site (where the content script is the frame's own) names no frame element: shown.
 */
export function stillShown(doc: Document): boolean {
  try {
    const win = viewOf(doc);
    if (!win || win.document !== doc) return false;
    const frame = win.frameElement as HTMLIFrameElement | HTMLFrameElement | null;
    return !frame || (frame.isConnected && frame.contentDocument === doc);
  } catch {
    // The page answers for its frames: one that throws is kept rather than judged gone.
    return true;
  }
}
