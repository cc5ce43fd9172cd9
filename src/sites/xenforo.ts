// XenForo 2 forums: a thread's title and posts are read first, and who wrote each post stays as it is: the user
// cell beside it (name, avatar, rank, join date, post count: different on every post, so requests of their own for
// a few words of chrome, and a model takes "Schrauber_Toni" for a word), the post's date (rewritten by the forum as
// it ages), the name before a quote ("Max schrieb:"), the names in the reactions bar and the signature.
import type { SiteAdapter } from "./site-adapter";
import { isMatch } from "../core/dom";
import { htmlOf } from "../core/dom";

export const xenForo: SiteAdapter = {
  name: "xenforo",
  // Recognised by its markup, wherever the forum is hosted: XenForo 2 marks its root element.
  matches: (doc) => isMatch(htmlOf(doc), "html#XF[data-xf], html#XF[data-app]"),
  // BBCode in both of its editor's modes: tags typed into the rich one are formatting once posted.
  replySyntax: "bbcode",
  rules: {
    // The thread's title, then the posts; a forum's list of threads.
    main: [".p-title-value", ".message-body", ".structItem-title"],
    items: [".message-body"],
    // An unfurled link shows the linked page's title and summary: not the poster's words.
    quotes: [".bbCodeBlock--unfurl"],
    exclude: [
      ".message-user",
      ".message-signature",
      ".username",
      ".avatar",
      "time.u-dt",
      ".p-navgroup-link--user",
      // A quote's header ("Max schrieb:"), with or without a link to the quoted post.
      ".bbCodeBlock--quote > .bbCodeBlock-title",
      // Who reacted: names, each its own element; "und 3 weitere Personen" around them is translated.
      ".reactionsBar-link bdi",
    ],
  },
};
