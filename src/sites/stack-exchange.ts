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
    // The title sits above the main role.
    main: ["#question-header h1", "#mainbar"],
    exclude: [
      ".post-tag",
      ".user-details",
      ".user-gravatar32",
      ".comment-user",
      // Dates the site rewrites as they age.
      ".relativetime",
      ".relativetime-clean",
      // The answer box's live preview: it shows what will be posted.
      ".wmd-preview",
    ],
    items: [".s-prose", ".comment-copy"],
  },
};
