// Hacker News: titles and comments are what people come to read. The line under a title (points, author, age,
// "hide", "N comments") and above each comment (author, age, "parent | next [–]") is different on every item, so
// each was a request of its own for a few words of chrome, and a model may take a username for a word.
import { hostMatches, type SiteAdapter } from "./site-adapter";

export const hackerNews: SiteAdapter = {
  name: "hacker-news",
  matches: (_doc, url) => hostMatches(url, /^news\.ycombinator\.com$/i),
  rules: {
    // HN has no landmarks: the generic rule took one long comment for all of the main content.
    main: [".athing", ".toptext", ".comment-tree"],
    // `.comhead` is also the site beside a title ("(github.com)"): a name, like the author's.
    exclude: [".subtext", ".comhead", ".hnuser"],
    // A comment's text (its paragraphs), an Ask HN's text; the replies are rows of their own.
    items: [".commtext", ".toptext"],
  },
};
