// What a Reddit page is about, for the model: the subreddit, and on a post's page the post's title. Short comments
// ("Same here, every single day") translate better when the model knows the thread.

import { queryOne } from "../core/dom";
const SUBREDDIT_IN_PATH = /^\/r\/([A-Za-z0-9_]{2,21})(?:\/|$)/;
/** A post's address (`/r/de/comments/1c9xk2/…`, `/comments/1c9xk2`); not a profile's comments tab (`/user/x/comments/`). */
const POST_PATH = /\/comments\/[a-z0-9]+(?:[/?#]|$)/i;

function subredditOf(url: string, fromPage: string | null | undefined): string | undefined {
  let path = "";
  try {
    path = new URL(url).pathname;
  } catch {
    // not a URL: the page's own markup may still say
  }
  const name = SUBREDDIT_IN_PATH.exec(path)?.[1] ?? fromPage?.trim().replace(/^\/?r\//, "");
  return name && /^[A-Za-z0-9_]{2,21}$/.test(name) ? `r/${name}` : undefined;
}

function describe(subreddit: string | undefined, title: string | null | undefined): string {
  const lines: string[] = [];
  if (subreddit) lines.push(`Subreddit: ${subreddit}`);
  const clean = title?.replace(/\s+/g, " ").trim();
  if (clean) lines.push(`Post title: ${clean}`);
  return lines.join("\n");
}

/** Old Reddit: the subreddit from the address or the header; the title of the post a comments page shows. */
export function oldRedditContext(doc: Document, url: string): string {
  const subreddit = subredditOf(url, queryOne(doc, ".redditname a")?.textContent);
  const onPostPage = POST_PATH.test(url) || queryOne(doc, ".commentarea") !== null;
  const title = onPostPage ? queryOne(doc, "#siteTable .thing.link p.title a.title")?.textContent : undefined;
  return describe(subreddit, title);
}

/**
 * New Reddit: the post's own attributes (never translated, so they read the same after a translation). Only a
 * post's page is about its post: a feed outside a subreddit (the home page, a profile) mixes subreddits.
 */
export function newRedditContext(doc: Document, url: string): string {
  const onPostPage = POST_PATH.test(url) || queryOne(doc, "shreddit-comment-tree") !== null;
  const post = onPostPage ? queryOne(doc, "shreddit-post") : null;
  const subreddit = subredditOf(url, post?.getAttribute("subreddit-prefixed-name"));
  return describe(subreddit, post?.getAttribute("post-title"));
}
