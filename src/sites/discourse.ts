// Discourse forums: posts are read as they are, less who wrote each one (name and username, and the "bernd:" above a
// quote) and when: the age ("2 Std.", "Feb 1") is rewritten by the forum every minute, and its tooltip is the post's
// full date, different on every post, so each post cost requests of its own for a name and a date.
import type { SiteAdapter } from "./site-adapter";
import { queryOne } from "../core/dom";

export const discourse: SiteAdapter = {
  name: "discourse",
  // Recognised by its markup, wherever the forum is hosted.
  matches: (doc) => !!queryOne(doc, "meta[name='generator'][content^='Discourse']"),
  // Its composer is Markdown, with BBCode-ish tags of its own: the Quote button's `[quote="bernd, post:3, topic:5"]`,
  // `[details="…"]`, `[spoiler]`, `[poll]`, `[date=…]` (read on this site only, markdown-quotes.ts).
  replySyntax: "markdown",
  rules: {
    // Discourse puts its sidebar inside the main role, before the topic.
    main: ["#topic-title h1", ".cooked", ".topic-list .main-link"],
    items: [".cooked"],
    // Not the poster's words: a quote (from another topic, headed by its title), a quoted chat message (a box of
    // divs), a link's onebox (the linked page's title and summary), a link whose text Discourse replaced with the
    // linked page's title (an inline onebox).
    quotes: ["aside.quote", ".chat-transcript-messages", "aside.onebox", "a.inline-onebox"],
    exclude: [
      ".relative-date",
      // An image's size line ("1920×1080 245 KB").
      ".informations",
      ".topic-meta-data .names",
      // Mentions (`@bernd`) and hashtags: names, which translated name nobody.
      "a.mention",
      "a.mention-group",
      "a.hashtag",
      "a.hashtag-cooked",
      // The composer's live preview: it shows what will be posted.
      ".d-editor-preview",
      // A quote's header names who wrote it; quoted from another topic, it is that topic's title (a link), which is
      // prose.
      "aside.quote > .title:not(:has(> a)):not(:has(> .quote-title__text-content))",
    ],
  },
};
