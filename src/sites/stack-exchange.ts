// Stack Overflow and the other Stack Exchange sites: questions, answers and comments are read as they are, less the
// names on them: tags (the site's own keys: "sorting" is a tag, "Sortierung" none), and who wrote a post or a comment
// (name, reputation, badges, the avatar's "…'s user avatar") and when, different on every post and so a request each.
import { hostMatches, type SiteAdapter } from "./site-adapter";

const HOSTS =
  /(?:^|\.)(?:stackoverflow\.com|stackexchange\.com|superuser\.com|serverfault\.com|askubuntu\.com|mathoverflow\.net)$/i;

export const stackExchange: SiteAdapter = {
  name: "stack-exchange",
  matches: (_doc, url) => hostMatches(url, HOSTS),
  replySyntax: "markdown",
  rules: {
    // The question's title, then the question and its answers (the page's main role): the title sits above that
    // role, beside the Ask Question button, and went out after the rest of the page in view.
    main: ["#question-header h1", "#mainbar"],
    exclude: [
      ".post-tag",
      ".user-details",
      ".user-gravatar32",
      ".comment-user",
      // When a post was asked, answered or edited and a comment written ("vor 5 Min.", its tooltip the exact time):
      // the site rewrites them as they age, and each is a request of its own.
      ".relativetime",
      ".relativetime-clean",
      // The answer box's live preview: it shows what will be posted.
      ".wmd-preview",
    ],
    items: [".s-prose", ".comment-copy"],
  },
};
