// Text Gloss leaves alone because it lives in a frame closed to the page: another site's (a comment thread embedded
// from another site, a player, an ad) or a sandboxed one. The frames the page can read are translated with it
// (frames/framed-page.ts); of the others the session tells the reader, rather than "no text" on a page full of it.

import { boxOf, frameDocuments, type LeftOut } from "../frames/frame-documents";

export interface FramedText {
  /** Shown frames, big enough to be read, whose document is closed to the page: their text is unknown. */
  closed: number;
}

/**
 * The frames closed to the page in `doc` and in the frames it can read (those are translated with it). Frames in a
 * part the rules leave untranslated (`leftOut`, the page run's own test) are not counted: the reader is not told of
 * text they chose to leave as it is.
 */
export function framedText(doc: Document, leftOut?: LeftOut): FramedText {
  const result: FramedText = { closed: 0 };
  const seen = new Set<Document>([doc]);
  const visit = (current: Document): void => {
    const { readable, closed } = frameDocuments(current, leftOut);
    for (const frame of closed) {
      // The page answers for its frames (in the page's world, its prototypes are Gloss's): one that throws is
      // left uncounted, never the end of the run that asks.
      try {
        // More than a pixel, a button or a one-line widget (a like button, a small player's bar): a few words.
        const box = boxOf(frame);
        if (!box || (box.width >= 150 && box.height >= 60)) result.closed++;
      } catch {
        // Nothing known of this frame.
      }
    }
    for (const { doc: inner } of readable) {
      if (seen.has(inner)) continue;
      seen.add(inner);
      visit(inner);
    }
  };
  visit(doc);
  return result;
}
