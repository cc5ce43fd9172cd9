// What a page is about, for the model's context: what its site adapter says (on Reddit the subreddit and the post's
// title), else its title. Read once per address, before any translation is written into the page (the title
// element itself gets translated), and shared by page translation and reply-box translation.
import { siteAdapterFor } from "./index";

export function pageContextOf(doc: Document, url: string): string | undefined {
  const adapter = siteAdapterFor(doc, url);
  const fromSite = adapter?.context?.(doc, url);
  if (fromSite !== undefined) return fromSite || undefined;
  const title = doc.title.replace(/\s+/g, " ").trim();
  return title ? `Page title: ${title}` : undefined;
}

/** The context of the page at its current address, worked out once per address. */
export function createPageContext(doc: Document): () => string | undefined {
  let url: string | undefined;
  let context: string | undefined;
  return () => {
    const now = doc.location?.href ?? "";
    if (now !== url) {
      url = now;
      context = pageContextOf(doc, now);
    }
    return context;
  };
}
