// WordPress blogs, classic and block themes: a post's title and text, then its comments, are read first, and who
// wrote each comment stays as it is: the "anna says:" above it, its date and permalink ("3. März 2024 um 10:12 Uhr"),
// the Edit and Reply links under it. They are different on every comment (the Reply link's label names the
// commenter), so each was requests of its own for a few words of chrome, and a model takes "anna" for a word. So do
// the names in the post's byline and in the sidebar's recent comments: the sentence around them is translated, the
// name is kept in its place.
import type { SiteAdapter } from "./site-adapter";
import { queryOne } from "../core/dom";

export const wordPress: SiteAdapter = {
  name: "wordpress",
  // Recognised by its markup, wherever the blog is hosted: the generator tag (WordPress.com's too), and where a
  // security plugin takes that out, the REST API's link or the styles core prints on every page.
  matches: (doc) =>
    !!queryOne(
      doc,
      "meta[name='generator'][content^='WordPress'], link[rel='https://api.w.org/'], " +
        "link#wp-block-library-css, style#global-styles-inline-css",
    ),
  rules: {
    // The post's title and text (a list of posts: each one's title and excerpt), then the comments' text: before the
    // byline, the categories and tags, the sidebar's widgets and the comment form.
    main: [
      ".entry-title",
      ".entry-content",
      ".entry-summary",
      ".wp-block-post-title",
      ".wp-block-post-content",
      ".wp-block-post-excerpt",
      ".comment-body",
      ".comment-content",
      ".wp-block-comment-content",
    ],
    // A comment without the replies to it: core's comment list puts its body (an `article` or `div`) before the
    // `ol.children` in its list entry; a theme's own comment template its `article`; the Comments block the
    // template's blocks (a group, columns) beside the `ol` of replies.
    items: [".comment-body", "li.comment > article", ".wp-block-comment-template li > :not(ol, li)"],
    exclude: [
      // A block theme's byline gives the post's author a line of their own; the Post Author block's name is a line
      // under its "Written by". A classic theme's byline ("Posted by <a>anna</a>") marks the name as an hCard
      // (`.author.vcard`, themes built on _s and Twenty Fifteen to Nineteen) or a link to the author (rel="author",
      // Twenty Twenty-One; Twenty Twenty's "By <a>anna</a>").
      ".wp-block-post-author-name",
      ".wp-block-post-author__name",
      ".author.vcard",
      "a[rel~='author']",
      ".post-author .meta-text a",
      // Recent comments ("anna on Post title"): the widget's and the Latest Comments block's.
      ".comment-author-link",
      ".wp-block-latest-comments__comment-author",
      // The comment form's heading while it answers a comment: "Reply to <a>anna</a>" (served for ?replytocom), or
      // the reply link's own "Reply to anna" that comment-reply.js writes into it as it moves the form under the
      // comment (with the Cancel link, hidden until then). Kept as the Reply link is; the heading is translated
      // again once the form is back below the comments.
      ".comment-reply-title > a[href^='#comment-']",
      ".comment .comment-reply-title",
      ".comment-author",
      ".comment-metadata",
      ".commentmetadata",
      ".comment-reply-link",
      ".comment-edit-link",
      // The Comments block's avatar is labelled with the name ("Avatar von anna"), on every comment.
      ".wp-block-avatar",
      ".wp-block-comment-author-name",
      ".wp-block-comment-date",
      ".wp-block-comment-edit-link",
    ],
  },
};
