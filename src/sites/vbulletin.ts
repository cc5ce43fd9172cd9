// vBulletin 5 forums: a thread's title and posts are read first, and who wrote each post stays as it is: the user
// info beside it (name, avatar, rank, "Registriert seit", post count), its date, the line above a quote
// ("Dampflok-Fan schrieb:") and the signature. A name like "Lokführer_Heinz" is words to a model, and each user info
// was requests of its own for a few words of chrome.
import type { SiteAdapter } from "./site-adapter";
import { bodyOf, queryOne } from "../core/dom";

export const vBulletin: SiteAdapter = {
  name: "vbulletin",
  // Recognised by its markup, wherever the forum is hosted: vBulletin 5 names itself and its page body.
  matches: (doc) =>
    !!queryOne(doc, "meta[name='generator'][content^='vBulletin 5']") || bodyOf(doc)?.id === "vb-page-body",
  replySyntax: "bbcode",
  rules: {
    // The thread's title, then the posts; a forum's list of topics.
    main: [".main-title", ".js-post__content-text", ".topic-title"],
    items: [".js-post__content-text"],
    // Its quotes are boxes of divs (vBulletin 4's too), not blockquotes: someone else's words, in no post's language.
    quotes: [".bbcode_quote"],
    exclude: [".b-userinfo", ".b-post__timestamp", ".bbcode_postedby", ".post-signature", ".js-userinfo-name"],
  },
};
