// Which of a document's frames Gloss translates with the page: those shown whose document the page can read (same
// site, `srcdoc`, `about:blank` written by the page, a `<frameset>`'s frames), except rich editors, and which are
// closed to it (another site's). The page answers for a frame's document: one that throws is left out.

import { isEditable } from "../collect/rules";
import { isElement, tagOf, bodyOf, htmlOf, documentOf, queryAll, viewOf, designed } from "../dom";

/** Frames inside frames, deeper than any page nests them: a loop of documents cannot hold Gloss walking them. */
export const MAX_FRAME_NESTING = 16;

export interface FrameDocument {
  frame: HTMLIFrameElement | HTMLFrameElement;
  doc: Document;
}

export interface FrameDocuments {
  /** Shown frames whose document Gloss can read and translate. */
  readable: FrameDocument[];
  /** Shown frames whose document is closed to the page (another site, a sandbox): their text stays as it is. */
  closed: Array<HTMLIFrameElement | HTMLFrameElement>;
  /** Frames not shown now (hidden, or without a box), which the page may show later. */
  hidden: Array<HTMLIFrameElement | HTMLFrameElement>;
}

/** Whether `node` is an `<iframe>` or a `<frame>`: false where the page's getters throw. */
export function isFrame(node: Node): node is HTMLIFrameElement | HTMLFrameElement {
  try {
    return isElement(node) && (tagOf(node) === "iframe" || tagOf(node) === "frame");
  } catch {
    return false;
  }
}

/** Whether a frame lies in a part left untranslated (see left-out-frame.ts): neither translated nor watched. */
export type LeftOut = (frame: HTMLIFrameElement | HTMLFrameElement) => boolean;

/** The frames of `doc` itself (a frame's own frames are its document's to list). */
export function frameDocuments(doc: Document, leftOut?: LeftOut): FrameDocuments {
  const result: FrameDocuments = { readable: [], closed: [], hidden: [] };
  for (const frame of framesIn(doc)) {
    try {
      sort(frame, result, leftOut);
    } catch {
      // Nothing known of this frame: left as it is.
    }
  }
  return result;
}

/** The frames of `doc` itself, shown or not; none where the page's document throws from what it is asked. */
export function framesIn(doc: Document): Array<HTMLIFrameElement | HTMLFrameElement> {
  try {
    return Array.from(queryAll(doc, "iframe, frame") as NodeListOf<HTMLIFrameElement | HTMLFrameElement>);
  } catch {
    return [];
  }
}

/**
 * The frame of `top` (or of a frame of it, nested) that shows `target`, if Gloss translates it with the page: found
 * from the page down, as a frame's own view of its parent is the page's to answer for.
 */
export function frameShowing(
  top: Document,
  target: Document,
  leftOut?: LeftOut,
): HTMLIFrameElement | HTMLFrameElement | undefined {
  const seen = new Set<Document>([top]);
  const visit = (doc: Document): HTMLIFrameElement | HTMLFrameElement | undefined => {
    for (const { frame, doc: inner } of frameDocuments(doc, leftOut).readable) {
      if (inner === target) return frame;
      if (seen.has(inner)) continue;
      seen.add(inner);
      const deeper = visit(inner);
      if (deeper) return deeper;
    }
    return undefined;
  };
  return visit(top);
}

function sort(frame: HTMLIFrameElement | HTMLFrameElement, result: FrameDocuments, leftOut?: LeftOut): void {
  if (!isShown(frame)) {
    result.hidden.push(frame);
    return;
  }
  if (leftOut?.(frame)) return;
  const inner = shownFrameDocument(frame);
  if (inner === null) result.closed.push(frame);
  else if (inner) result.readable.push({ frame, doc: inner });
}

/**
 * The document of one frame, if it is shown and Gloss translates it; null for a shown frame closed to the page;
 * undefined for one hidden or a rich editor. Throws where the page's frame does.
 */
export function frameDocument(frame: HTMLIFrameElement | HTMLFrameElement): Document | null | undefined {
  return isShown(frame) ? shownFrameDocument(frame) : undefined;
}

/** frameDocument() of a frame known to be shown. */
export function shownFrameDocument(frame: HTMLIFrameElement | HTMLFrameElement): Document | null | undefined {
  const inner = readableFrameDocument(frame);
  return inner && isEditor(inner) ? undefined : inner;
}

/** The frame's document when the page can read it (same site, `about:blank` or `srcdoc`); null for another site's. */
export function readableFrameDocument(frame: HTMLIFrameElement | HTMLFrameElement): Document | null {
  try {
    return frame.contentDocument;
  } catch {
    return null; // another site's frame, where a browser throws rather than answer null
  }
}

/** Not hidden by style, nor (where the browser lays the page out) without a box. */
export function isShown(frame: HTMLElement): boolean {
  if (frame.hidden) return false;
  const style = viewOf(documentOf(frame))?.getComputedStyle(frame);
  if (style && (style.display === "none" || style.visibility === "hidden")) return false;
  const box = boxOf(frame);
  return !box || (box.width > 0 && box.height > 0);
}

/** The frame's box; undefined where the page is not laid out. */
export function boxOf(frame: HTMLElement): DOMRect | undefined {
  // jsdom lays nothing out (every box is empty); a browser always gives the root element a width.
  return htmlOf(documentOf(frame))?.getBoundingClientRect().width ? frame.getBoundingClientRect() : undefined;
}

/**
 * A rich editor's document (TinyMCE, CKEditor 4: a blog's editor, a reply box) holds what the reader writes, which
 * Gloss leaves alone in any page.
 */
export function isEditor(doc: Document): boolean {
  const body = bodyOf(doc);
  const root = htmlOf(doc);
  return designed(doc) || (body !== null && isEditable(body)) || (root !== null && isEditable(root));
}
