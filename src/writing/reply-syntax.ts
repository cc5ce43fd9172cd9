// Which syntax the user's text is read in: what the site's adapter says its reply boxes hold (a forum's BBCode,
// Reddit's Markdown), so a Reddit comment quoting `[b]…[/b]` keeps its Markdown and a forum reply with no tags yet
// is BBCode; on a site no adapter names, a guess from the text (a closed pair of a common BBCode tag). Discourse's
// Markdown also holds its Quote button's `[quote="bernd, post:3, topic:5"]` and its other BBCode-ish tags, which are
// read there only: elsewhere `[quote]` is text.
import { MAX_FRAME_NESTING } from "../core/frames/frame-documents";
import { siteAdapterFor } from "../sites";
import { discourse } from "../sites/discourse";
import type { ReplySyntax, SiteAdapter } from "../sites/site-adapter";
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

/** The site's adapter; undefined where none knows it, or the page's own code throws when its markup is read. */
function adapterOf(page: Document): SiteAdapter | undefined {
  try {
    return siteAdapterFor(page, page.location?.href ?? "");
  } catch {
    // The page runs first and may patch what reading it calls (the userscript shares its objects): the text decides.
    return undefined;
  }
}

/** The syntax of the reply boxes on `site`, or of `text` where the site does not say. */
function syntaxOf(site: SiteAdapter | undefined, text: string): ReplySyntax {
  return site?.replySyntax ?? (isBBCode(text) ? "bbcode" : "markdown");
}

/** The user's text, encoded for the model in the syntax it is written in. */
export function encodeReply(doc: Document, text: string): EncodedText {
  const site = adapterOf(pageOf(doc));
  const syntax = syntaxOf(site, text);
  const encoded = syntax === "bbcode" ? encodeBBCode(text) : encodeMarkdown(text, { forumTags: site === discourse });
  return {
    segments: encoded.segments,
    quoted: encoded.quoted,
    rebuild(translations) {
      const rebuilt = encoded.rebuild(translations);
      return rebuilt.ok ? { ok: true, text: spacedNames(text, rebuilt.text, syntax) } : rebuilt;
    },
  };
}
