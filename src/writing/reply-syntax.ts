// Which syntax the user's text is read in: what the site's adapter says its reply boxes hold (a forum's BBCode,
// Reddit's Markdown), so a Reddit comment quoting `[b]…[/b]` keeps its Markdown and a forum reply with no tags yet
// is BBCode; on a site no adapter names, a guess from the text (a closed pair of a common BBCode tag). Discourse's
// Markdown also holds its Quote button's `[quote="bernd, post:3, topic:5"]` and its other BBCode-ish tags, which are
// read there only: elsewhere `[quote]` is text.
import { siteAdapterFor } from "../sites";
import { discourse } from "../sites/discourse";
import type { ReplySyntax } from "../sites/site-adapter";
import { encodeBBCode, isBBCode } from "./bbcode";
import { encodeMarkdown, type EncodedText } from "./markdown";

/** The syntax of the reply boxes on `doc`'s site, or of `text` where the site does not say. */
export function replySyntaxOf(doc: Document, text: string): ReplySyntax {
  const bySite = siteAdapterFor(doc, doc.location?.href ?? "")?.replySyntax;
  return bySite ?? (isBBCode(text) ? "bbcode" : "markdown");
}

/** The user's text, encoded for the model in the syntax it is written in. */
export function encodeReply(doc: Document, text: string): EncodedText {
  if (replySyntaxOf(doc, text) === "bbcode") return encodeBBCode(text);
  const forumTags = siteAdapterFor(doc, doc.location?.href ?? "") === discourse;
  return encodeMarkdown(text, { forumTags });
}
