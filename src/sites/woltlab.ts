// WoltLab Suite forums (Burning Board): a thread's title and posts are read first, and who wrote each post stays as
// it is: the sidebar beside it (name, avatar, rank, post count, "Mitglied seit"), the names and dates above it (the
// forum rewrites a recent one as it ages: "Vor 5 Minuten"), the header of a quote ("Zitat von Altbau-Paul") and the
// signature. A name like "Thermenflüsterer" is a word to a model, and each sidebar was requests of its own.
import type { SiteAdapter } from "./site-adapter";
import { bodyOf } from "../core/dom";

export const woltLab: SiteAdapter = {
  name: "woltlab",
  // Recognised by its markup, wherever the forum is hosted: the body names the template and the application.
  matches: (doc) => !!bodyOf(doc)?.matches("[id^='tpl_'][data-template][data-application]"),
  replySyntax: "bbcode",
  rules: {
    // The thread's title, then the posts; a board's list of threads.
    main: [".contentTitle", ".messageText", ".wbbTopicLink"],
    items: [".messageText"],
    exclude: [
      ".messageSidebar",
      ".messageSignature",
      ".userLink",
      ".username",
      "time.datetime",
      "woltlab-core-date-time",
      ".quoteBoxTitle",
    ],
  },
};
