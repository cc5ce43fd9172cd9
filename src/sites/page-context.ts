// What a page is about, for the model's context: what its site adapter says (on Reddit the subreddit and the post's
// title), else its title. Shared by page translation and reply-box translation. Read for each request, as the page
// is now (a single-page site changes its address before or after it shows the next route); read once per address
// where it comes from text Gloss translates (old Reddit's post title), before any translation is written there.
import { siteAdapterFor } from "./index";
import { titleOf } from "../core/dom";

export function pageContextOf(doc: Document, url: string): string | undefined {
  const adapter = siteAdapterFor(doc, url);
  const fromSite = adapter?.context?.(doc, url);
  if (fromSite !== undefined) return fromSite || undefined;
  const title = titleOf(doc).replace(/\s+/g, " ").trim();
  return title ? `Page title: ${title}` : undefined;
}

/** The context of the page at its current address. */
export function createPageContext(doc: Document): () => string | undefined {
  let url: string | undefined;
  let context: string | undefined;
  return () => {
    // Without its fragment: following an anchor in the page (old Reddit's "jump to content", a spoiler's `#s` link, a
    // wiki's contents) is the same page, whose title Gloss may have translated by then.
    const now = (doc.location?.href ?? "").replace(/#.*$/s, "");
    if (now !== url || !siteAdapterFor(doc, now)?.contextFromTranslatedText) {
      url = now;
      context = pageContextOf(doc, now);
    }
    return context;
  };
}
