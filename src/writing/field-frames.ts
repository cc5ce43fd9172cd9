// Rich editors that write in a frame of the page (TinyMCE, CKEditor 4: the WordPress classic editor, forums,
// webmail): the focus followed from the page into frames whose document it can read, the editor's own document
// taken as the field, and where that field is on the page (for the card beside it).
import { isEditor, MAX_FRAME_NESTING } from "../core/frames/frame-documents";

export type FrameElement = HTMLIFrameElement | HTMLFrameElement;

export const isFrameElement = (element: Element): element is FrameElement =>
  element.localName === "iframe" || element.localName === "frame";

/** The frame's document when the page can read it (same site, `about:blank` or `srcdoc`); null for another site's. */
export function readableFrameDocument(frame: FrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null; // another site's frame, where a browser throws rather than answer null
  }
}

/**
 * The body a frame's editor writes in, when the focus sits on the document as a whole (a designMode document, or a
 * contenteditable body, has no element of its own focused).
 */
export function editorBody(doc: Document): HTMLElement | undefined {
  try {
    return isEditor(doc) && doc.body ? doc.body : undefined;
  } catch {
    return undefined;
  }
}

export interface PageRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * Where `element` shows on the page, in the viewport of `page`: its box offset by the frames around it, and cut to
 * what they show of it (an editor's body runs on below its frame as the user writes). Undefined when it is not in a
 * frame of `page` any more.
 */
export function rectOnPage(element: Element, page: Document): PageRect | undefined {
  const rect = element.getBoundingClientRect();
  let { left, top, right, bottom } = rect;
  let doc = element.ownerDocument;
  for (let depth = 0; doc !== page; depth++) {
    const frame = depth < MAX_FRAME_NESTING ? frameOf(doc) : null;
    if (!frame?.isConnected) return undefined;
    const box = frame.getBoundingClientRect();
    // The frame's document starts inside its border and padding.
    const style = frame.ownerDocument.defaultView?.getComputedStyle(frame);
    const x = box.left + frame.clientLeft + (parseFloat(style?.paddingLeft ?? "") || 0);
    const y = box.top + frame.clientTop + (parseFloat(style?.paddingTop ?? "") || 0);
    const width = frame.clientWidth || box.width;
    const height = frame.clientHeight || box.height;
    left = Math.max(x + left, x);
    top = Math.max(y + top, y);
    right = Math.max(left, Math.min(x + right, x + width));
    bottom = Math.max(top, Math.min(y + bottom, y + height));
    doc = frame.ownerDocument;
  }
  return { left, top, right, bottom };
}

function frameOf(doc: Document): FrameElement | null {
  try {
    const frame = doc.defaultView?.frameElement;
    return frame && isFrameElement(frame) ? frame : null;
  } catch {
    return null;
  }
}
