// Hacker News: titles and comments are what people come to read. The line under a title (points, author, age,
// "hide", "N comments") and above each comment (author, age, "parent | next [–]") is different on every item, so
// each was a request of its own for a few words of chrome, and a model may take a username for a word.
import { hostMatches, type SiteAdapter } from "./site-adapter";

export const hackerNews: SiteAdapter = {
  name: "hacker-news",
  matches: (_doc, url) => hostMatches(url, /^news\.ycombinator\.com$/i),
  rules: {
    // The stories (each a row of its own), an Ask HN's text and the comments: HN has no landmarks, and the generic
    // rule's largest block of paragraphs was one long comment, the rest of the thread ordered like the header's links.
    main: [".athing", ".toptext", ".comment-tree"],
    // `.comhead` is also the site beside a title ("(github.com)"): a name, like the author's.
    exclude: [".subtext", ".comhead", ".hnuser"],
    // A comment's text (its paragraphs), an Ask HN's text; the replies are rows of their own.
    items: [".commtext", ".toptext"],
  },
};
