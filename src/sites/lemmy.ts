// Lemmy: a post's title and body and the comments under it are read; who wrote them (user@instance), the community
// (community@instance), when, the votes and the buttons are not, nor mentions in the text (`@user@instance`,
// `!community@instance`): they are links to a person or a community, and translated they name nothing.
import type { SiteAdapter } from "./site-adapter";
import { queryOne } from "../core/dom";

/** The line under a post's title, the line above a comment: author, community, badges, score, age. */
const BYLINES = [".post-listing .small:has(.person-listing)", ".comment-node .small:has(.person-listing)"];

export const lemmy: SiteAdapter = {
  name: "lemmy",
  // Lemmy runs on many domains: recognised by lemmy-ui's root or its post and comment markup.
  matches: (doc) => !!queryOne(doc, "#app.lemmy-site, .post-listing .md-div, .comment-node .md-div"),
  replySyntax: "markdown",
  rules: {
    // The post and its comments; the community's sidebar, the sort bar and the navigation are chrome.
    main: [".post-listing", ".comments"],
    // A comment without the replies to it: its `.comment-node` (an `article` from 0.18 on, a `div` before), the list of
    // replies after it. Being the replies' list's sibling, it is the comment a reply answers (collect/reply-parent.ts).
    items: [".post-listing", ".comment-node"],
    // A link post's card under its title: the linked page's title and summary, not the poster's words.
    quotes: [".post-metadata-card"],
    exclude: [
      ...BYLINES,
      ".person-listing",
      ".community-link",
      // The instance's name in the navigation bar.
      "#navTitle",
      ".moment-time",
      ".vote-bar",
      // "37 (3 new)": the post's comment count.
      ".post-listing a[href*='scrollToComments']",
      ".md-div a[href^='/u/']",
      ".md-div a[href^='/c/']",
      // A reply box's Preview shows what will be posted, as written: rendered Markdown after the box's textarea.
      "textarea ~ .md-div",
      // Vote, reply, report, collapse: the app's own controls, in the reader's language.
      "button",
    ],
  },
};
