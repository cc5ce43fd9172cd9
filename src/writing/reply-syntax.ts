// Which syntax the user's text is read in: what the site's adapter says its reply boxes hold (a forum's BBCode,
// Reddit's Markdown), so a Reddit comment quoting `[b]…[/b]` keeps its Markdown and a forum reply with no tags yet
// is BBCode; on a site no adapter names, a guess from the text (a closed pair of a common BBCode tag).
import { MAX_FRAME_NESTING } from "../core/frames/frame-documents";
import { siteAdapterFor } from "../sites";
import type { ReplySyntax } from "../sites/site-adapter";
import { encodeBBCode, isBBCode } from "./bbcode";
import { frameOf } from "./field-frames";
import { spacedNames } from "./glued-names";
import { encodeMarkdown, type EncodedText } from "./markdown";

/**
 * The page a frame of its own site is part of: a forum's editor in a frame (CKEditor 4), where the menu runs Gloss
 * in that frame, writes the forum's BBCode. A frame of another site is read as its own.
 */
function pageOf(doc: Document): Document {
  let page = doc;
  for (let depth = 0; depth < MAX_FRAME_NESTING; depth++) {
    const frame = frameOf(page);
    if (!frame) break;
    page = frame.ownerDocument;
  }
  return page;
}

/** The syntax of the reply boxes on `doc`'s site, or of `text` where the site does not say. */
export function replySyntaxOf(doc: Document, text: string): ReplySyntax {
  return bySite(pageOf(doc)) ?? (isBBCode(text) ? "bbcode" : "markdown");
}

/** What the site's adapter says; undefined where none does, or the page's own code throws when its markup is read. */
function bySite(page: Document): ReplySyntax | undefined {
  try {
    return siteAdapterFor(page, page.location?.href ?? "")?.replySyntax;
  } catch {
    // The page runs first and may patch what reading it calls (the userscript shares its objects): the text decides.
    return undefined;
  }
}

/** The user's text, encoded for the model in the syntax it is written in. */
export function encodeReply(doc: Document, text: string): EncodedText {
  const syntax = replySyntaxOf(doc, text);
  const encoded = syntax === "bbcode" ? encodeBBCode(text) : encodeMarkdown(text);
  return {
    segments: encoded.segments,
    rebuild(translations) {
      const rebuilt = encoded.rebuild(translations);
      return rebuilt.ok ? { ok: true, text: spacedNames(text, rebuilt.text, syntax) } : rebuilt;
    },
  };
}
