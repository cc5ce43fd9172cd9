// phpBB 3 forums (prosilver and the styles built on it): a topic's title and posts are read first, and who wrote each
// post stays as it is: the profile beside it (name, avatar, rank, post count, join date, place), the line above it
// ("von Wasserfloh » So 18. Feb 2024"), the header of a quote ("Neonsalmler hat geschrieben: ↑ date", which would
// otherwise go to the model in one piece with the quoted words) and the signature. A name like "Wasserfloh" is a word
// to a model, and each profile was requests of its own for a few words of chrome.
import type { SiteAdapter } from "./site-adapter";
import { bodyOf } from "../core/dom";

export const phpBB: SiteAdapter = {
  name: "phpbb",
  // Recognised by its markup, wherever the forum is hosted: every phpBB 3 style keeps prosilver's body id.
  matches: (doc) => bodyOf(doc)?.id === "phpbb",
  replySyntax: "bbcode",
  rules: {
    // The topic's title, then the posts; a forum's list of topics and the board's list of forums.
    main: ["h2.topic-title", ".postbody .content", "a.topictitle", "a.forumtitle"],
    items: [".postbody .content"],
    exclude: [
      ".postprofile",
      ".postbody .author",
      ".postbody blockquote cite",
      ".signature",
      ".username",
      ".username-coloured",
    ],
  },
};
