// Text Gloss leaves alone because it lives in a frame: a `<frameset>` page (old forums, Javadoc), an article in an
// iframe of the same site (webmail, forum software), a `srcdoc` preview, a comment thread embedded from another site.
// The engine translates one document, so the session tells the reader about these frames rather than saying
// "Translated." (or "no text") over text that did not change.

import { isEditable } from "./rules";

export interface FramedText {
  /** Shown frames whose document Gloss can read (same site, `srcdoc`) and that hold text. */
  readable: number;
  /** Shown frames whose document is closed to the page (another site, a sandbox): their text is unknown. */
  closed: number;
}

const IGNORED = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"]);

/**
 * Whether a document has any text a reader could see (scripts and styles aside). A rich editor's document (TinyMCE,
 * CKEditor 4: a blog's editor, a reply box) holds what the reader writes, which Gloss leaves alone in any page.
 */
function holdsText(doc: Document): boolean {
  const root = doc.body ?? doc.documentElement;
  if (!root || doc.designMode === "on" || isEditable(root)) return false;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement && IGNORED.has(node.parentElement.tagName.toUpperCase())) continue;
    if (/\p{L}/u.test(node.nodeValue ?? "")) return true;
  }
  return false;
}

/**
 * Whether the frame is on screen and big enough to be read: not hidden by style, and (where the browser lays the page
 * out) not a pixel, a button or a one-line widget (a like button, a small player's bar), which hold a few words.
 */
function shown(frame: HTMLElement, laidOut: boolean): boolean {
  if (frame.hidden) return false;
  const style = frame.ownerDocument.defaultView?.getComputedStyle(frame);
  if (style && (style.display === "none" || style.visibility === "hidden")) return false;
  if (!laidOut) return true;
  const rect = frame.getBoundingClientRect();
  return rect.width >= 150 && rect.height >= 60;
}

/** The frames of `doc` (not of its frames: a reader opens the outer one first) whose text Gloss leaves as it is. */
export function framedText(doc: Document): FramedText {
  const result: FramedText = { readable: 0, closed: 0 };
  // jsdom lays nothing out (every box is empty); a browser always gives the root element a width.
  const laidOut = (doc.documentElement?.getBoundingClientRect().width ?? 0) > 0;
  for (const frame of doc.querySelectorAll<HTMLIFrameElement | HTMLFrameElement>("iframe, frame")) {
    // A frame's document is the page's to answer for (in the page's world, its prototypes are Gloss's): one that
    // throws is left uncounted, never the end of the run that asks (its outcome, and Show original, must follow).
    try {
      count(frame, laidOut, result);
    } catch {
      // Nothing known of this frame.
    }
  }
  return result;
}

function count(frame: HTMLIFrameElement | HTMLFrameElement, laidOut: boolean, result: FramedText): void {
  if (!shown(frame, laidOut)) return;
  let inner: Document | null;
  try {
    inner = frame.contentDocument;
  } catch {
    inner = null; // another site's frame, where a browser throws rather than answer null
  }
  if (!inner) result.closed++;
  else if (holdsText(inner)) result.readable++;
}
