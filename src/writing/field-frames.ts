// Rich editors that write in a frame of the page (TinyMCE, CKEditor 4: the WordPress classic editor, forums,
// webmail): the focus followed from the page into frames whose document it can read, the editor's own document
// taken as the field, and where that field is on the page (for the card beside it).
import { bodyOf, documentOf, isConnected, viewOf } from "../core/dom";
import { isEditor, MAX_FRAME_NESTING, readableFrameDocument } from "../core/frames/frame-documents";

export type FrameElement = HTMLIFrameElement | HTMLFrameElement;

export const isFrameElement = (element: Element): element is FrameElement =>
  element.localName === "iframe" || element.localName === "frame";

/**
 * The body a frame's editor writes in, when the focus sits on the document as a whole (a designMode document, or a
 * contenteditable body, has no element of its own focused).
 */
export function editorBody(doc: Document): HTMLElement | undefined {
  try {
    return (isEditor(doc) && bodyOf(doc)) || undefined;
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
 * The frames `element` is in, from its own out to the one in `page`: undefined when it is not on the page any more
 * (its frame was removed, or given another document, while Gloss worked: the old document lives on, detached).
 */
function framesAround(element: Element, page: Document): FrameElement[] | undefined {
  // Through the DOM's own members: the box may be a form (a compose form that is the editor) naming its controls so.
  if (!isConnected(element)) return undefined;
  const frames: FrameElement[] = [];
  for (let doc = documentOf(element); doc !== page;) {
    const frame = frames.length < MAX_FRAME_NESTING ? frameOf(doc) : null;
    if (!frame?.isConnected || readableFrameDocument(frame) !== doc) return undefined;
    frames.push(frame);
    doc = frame.ownerDocument;
  }
  return frames;
}

/** framesAround(), whatever the page's frames throw. */
export function framesOnPage(element: Element, page: Document): FrameElement[] | undefined {
  try {
    return framesAround(element, page);
  } catch {
    return undefined; // the frame's document is the page's, and its getters may throw
  }
}

/** Whether `element` is still on the page, in `page` itself or in a frame of it that still shows its document. */
export const onPage = (element: Element, page: Document): boolean => framesOnPage(element, page) !== undefined;

/** The windows of the frames `element` is in (its own first), whose scrolling each moves it on the page. */
export function windowsAround(element: Element, page: Document): Window[] {
  try {
    return (framesOnPage(element, page) ?? []).flatMap((frame) => frame.contentWindow ?? []);
  } catch {
    return [];
  }
}

/**
 * Where `element` shows on the page, in the viewport of `page`: its box offset by the frames around it, and cut to
 * what they show of it (an editor's body runs on below its frame as the user writes). Undefined when it is not in a
 * frame of `page` any more.
 */
export function rectOnPage(element: Element, page: Document): PageRect | undefined {
  try {
    const frames = framesAround(element, page);
    return frames && frames.reduce(inFrame, ownRect(element, frames.length > 0));
  } catch {
    return undefined; // a frame's document, the page's, may throw from what it is asked
  }
}

/**
 * `element`'s box in its own document's viewport. A frame's editor body is the whole of the frame to the user (a click
 * anywhere in it writes there), however little text it holds yet: the card goes beside the frame, not under the text
 * and over the rest of the editor where the user writes on.
 */
function ownRect(element: Element, inFrame: boolean): PageRect {
  const doc = documentOf(element);
  const win = viewOf(doc);
  // The document's own body: an image the page named body stands in for doc.body.
  if (!inFrame || element !== bodyOf(doc) || !win) return element.getBoundingClientRect();
  return { left: 0, top: 0, right: win.innerWidth, bottom: win.innerHeight };
}

/** `rect`, in the viewport of `frame`'s document, as it shows in the viewport of the document that holds it. */
function inFrame(rect: PageRect, frame: FrameElement): PageRect {
  const box = frame.getBoundingClientRect();
  // The frame's document shows inside its border and padding.
  const style = frame.ownerDocument.defaultView?.getComputedStyle(frame);
  const pad = (side: "Left" | "Right" | "Top" | "Bottom") => parseFloat(style?.[`padding${side}`] ?? "") || 0;
  const x = box.left + frame.clientLeft + pad("Left");
  const y = box.top + frame.clientTop + pad("Top");
  const width = frame.clientWidth ? frame.clientWidth - pad("Left") - pad("Right") : box.width;
  const height = frame.clientHeight ? frame.clientHeight - pad("Top") - pad("Bottom") : box.height;
  const left = Math.max(x + rect.left, x);
  const top = Math.max(y + rect.top, y);
  return {
    left,
    top,
    right: Math.max(left, Math.min(x + rect.right, x + width)),
    bottom: Math.max(top, Math.min(y + rect.bottom, y + height)),
  };
}

/** The frame `doc` is shown in, where the script may read the page around it; null on the top page. */
export function frameOf(doc: Document): FrameElement | null {
  try {
    const frame = doc.defaultView?.frameElement;
    return frame && isFrameElement(frame) ? frame : null;
  } catch {
    return null;
  }
}
