// GitHub: READMEs, issues and discussions are read like any page, but much of a repository's page is names, which
// are the same in every language: files and folders (a model turns "docs" and "LICENSE" into words of the reader's
// language, and they then name nothing in the repository), the path above a file, branches, topics, usernames.
// An issue's or pull request's comments mix languages: each comment's rendered Markdown is an item of its own.
import { hostMatches, type SiteAdapter } from "./site-adapter";

export const gitHub: SiteAdapter = {
  name: "github",
  // Gists too: the same comments, Markdown and tables of code.
  matches: (_doc, url) => hostMatches(url, /^(?:www\.|gist\.)?github\.com$/i),
  replySyntax: "markdown",
  rules: {
    // Each comment's body, without its header (the site's words, not the commenter's): the classic timeline's, a
    // review's and a discussion's `.comment-body`, the React issue view's `.markdown-body` (also a README's).
    items: [".comment-body", ".markdown-body"],
    exclude: [
      // A repository's file list, and the file tree beside a file. (Not the older table's `.js-navigation-open`:
      // GitHub's classic lists give the same class to issue and pull-request titles, which are for reading.)
      ".react-directory-filename-column",
      ".PRIVATE_TreeView-item-content-text",
      // The path above a file.
      ".js-path-segment",
      ".final-path",
      // Branches, as in a pull request's header (classic; Primer's BranchName, hashed).
      ".branch-name",
      ".commit-ref",
      "[class*=BranchName]",
      ".topic-tag",
      // Labels, names the reader filters by (classic; Primer's prc-Token-IssueLabel-…).
      "[class*=IssueLabel]",
      // The author of a comment, a commit, an issue; in the React issue view, a comment's and the (links with
      // a test id, no `.author`).
      ".author",
      "[data-testid='avatar-link']",
      "[data-testid='issue-body-header-author']",
      // Any link to a person's profile (GitHub gives it a user hovercard): the avatar beside a comment is one, its
      // label "@weber's profile" and its picture's alt "@weber" the login again. (An @mention in a comment is one
      // too, marked notranslate by GitHub already.)
      "a[data-hovercard-type='user']",
      // The React views' screen-reader heading above a comment, "weber commented <relative-time>": the login is a
      // bare word in it, so the heading is kept whole, in GitHub's English; translated, it named someone else.
      "[data-testid='comment-header'] :is(h2, h3).sr-only",
      // A comment box's Preview tab shows what will be posted, as written: the classic one, and the React views'
      // (its CSS module class ends in a hash that changes with each build).
      ".js-preview-body",
      "[class*='MarkdownEditor-module__previewViewerWrapper'] .markdown-body",
      // Code laid out as a table of lines (a permalink's snippet, a diff, a gist), and the snippet's file path.
      ".blob-code",
      ".blob-num",
      "div:has(+ .blob-wrapper-embedded) a[href*='/blob/']",
    ],
  },
};
