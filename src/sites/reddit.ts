// Reddit, both faces. Only what people came to read is translated: post titles (also of a crossposted post),
// self-posts, comment bodies, a subreddit's wiki (and its sidebar text on old Reddit). Usernames, scores, timestamps,
// buttons and live counters stay as they are — live counters change by themselves and would otherwise be translated
// again and again.
import { newRedditContext, oldRedditContext } from "./reddit-context";
import { hostMatches, type SiteAdapter } from "./site-adapter";
import { queryOne } from "../core/dom";

const isRedditHost = (url: string) => hostMatches(url, /(^|\.)reddit\.com$/i);

/**
 * Old Reddit's header, on every page it serves: www.reddit.com serves old Reddit too, to readers who turned the
 * redesign off, and a page of it without a listing (a wiki page, an empty subreddit) was taken for new Reddit, whose
 * rules found nothing to translate on it.
 */
const OLD_REDDIT_HEADER = "#header-bottom-left";

/**
 * A mention of a user in a post or comment (`u/Weichensteller`, a link to their profile): a name, which a model takes
 * for words ("u/Switchman") and which then names nobody.
 */
const USER_MENTION =
  ":is(.md, [slot='comment'], [slot='text-body']) " +
  "a:is([href^='/u/'], [href^='/user/'], [href*='reddit.com/u/'], [href*='reddit.com/user/'])";

export const oldReddit: SiteAdapter = {
  name: "old-reddit",
  // Old Reddit is recognised by its markup too, so mirrors and saved pages get the same treatment.
  matches: (doc, url) =>
    (isRedditHost(url) && (/^old\./i.test(new URL(url).hostname) || !!queryOne(doc, OLD_REDDIT_HEADER))) ||
    !!queryOne(doc, ".sitetable .thing, .commentarea .sitetable"),
  context: oldRedditContext,
  contextFromTranslatedText: true,
  // Markdown, even where a comment quotes a forum's `[b]…[/b]`.
  replySyntax: "markdown",
  rules: {
    // A subreddit's wiki (its rules, its FAQ) is read like a post.
    include: ["p.title", ".usertext-body .md", ".wiki-page-content .md", ".side .md"],
    // The post and the comments; the subreddit's sidebar and the header are chrome.
    main: ["div.content[role='main']", "#siteTable", ".commentarea"],
    // A post's title and text, a comment's body: the replies to it are in `.child`, beside its `.entry`.
    items: [".thing > .entry"],
    exclude: [
      ".tagline",
      ".flat-list.buttons",
      ".midcol",
      ".score",
      ".arrow",
      ".rank",
      ".domain",
      ".author",
      "time",
      ".morecomments",
      ".deepthread",
      ".usertext-edit",
      ".reportform",
      ".expand",
      ".flair",
      ".linkflairlabel",
      USER_MENTION,
    ],
  },
};

const CROSSPOST_EMBEDS = ["shreddit-post[post-type='crosspost']", "shreddit-post[is-crosspost]"].map(
  (post) => `${post} [slot='post-media-container']`,
);
const CROSSPOST_TITLES = CROSSPOST_EMBEDS.flatMap((embed) =>
  ["h1", "h2", "h3", "[class*='crosspost-title']", "a[href*='/comments/']"].map((title) => `${embed} ${title}`),
);

export const newReddit: SiteAdapter = {
  name: "new-reddit",
  // By its markup: on another reddit.com page (developers.reddit.com) its rules found nothing to translate.
  matches: (doc) => !!queryOne(doc, "shreddit-app, shreddit-post, shreddit-comment"),
  context: newRedditContext,
  replySyntax: "markdown",
  rules: {
    main: ["shreddit-post", "shreddit-comment-tree", "shreddit-comment"],
    // A comment's body, not the comment with the replies nested in it; a crosspost's card is the shared post's, not
    // the crossposter's.
    items: ["shreddit-post", ...CROSSPOST_EMBEDS, "shreddit-comment > [slot='comment']", "shreddit-profile-comment"],
    include: [
      "shreddit-post [slot='title']",
      "shreddit-post [slot='text-body']",
      "shreddit-comment [slot='comment']",
      "h1[slot='title']",
      // A crosspost's card of the shared post (no nested shreddit-post): its title, a heading or a link to it.
      ...CROSSPOST_TITLES,
      // The shared post's text in that card (Markdown, like every post's and comment's body).
      "shreddit-post [slot='post-media-container'] .md",
      // A profile lists its owner's comments as cards of their own, with the body in a \`.md\` (no comment slot).
      "shreddit-profile-comment .md",
      // A subreddit's wiki (its rules, its FAQ).
      ".wiki-content .md",
    ],
    // A spoiler is part of its sentence (a span on old Reddit): kept apart, it cut the sentence into pieces.
    inline: ["spoiler-text"],
    exclude: [
      "faceplate-timeago",
      "faceplate-number",
      "shreddit-status",
      "[aria-live]",
      "button",
      "time",
      "[slot='credit-bar']",
      "[slot='commentMeta']",
      "shreddit-comment-action-row",
      "faceplate-tracker[noun='comment_author']",
      USER_MENTION,
    ],
  },
};
